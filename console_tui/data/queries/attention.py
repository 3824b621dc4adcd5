"""What the attention queue's rules read, for every client a user may access, in bulk (R-ATT-1).

The filter's facts (:func:`client_facts_in`, three flat queries) plus one more flat query for the
dates beside them (when the client was added, its latest sender-status change, when it last became
Healthy), the last closed day, the plan's counted clients for the agency row, and the acting
user's snoozes still running (R-ATT-3): a fixed number of queries whatever the number of clients.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.queries.admin import agency_in, counted_clients_in
from console_tui.data.queries.client_facts import Span, client_facts_in, client_spans, each_client_facts
from console_tui.data.queries.console import accessible_client_ids, acting_user
from console_tui.data.rollup import JOB as ROLLUP_JOB
from console_tui.data.schema import (
    AgencyUser,
    AttentionSnooze,
    Client,
    ClientSnapshot,
    RollupState,
    SenderStatusChange,
)
from console_tui.domain.attention import (
    AttentionFacts,
    AttentionRow,
    Mark,
    Reason,
    Severity,
    Thresholds,
    client_rows,
    marks,
    plan_reason,
    reasons_for,
)
from console_tui.domain.errors import DomainError
from console_tui.domain.filters.facts import ClientFacts
from console_tui.domain.snooze import Snooze, open_rows


def thresholds(settings: Settings) -> Thresholds:
    """The rules' thresholds from the settings (``attention_*``, ``pre_renewal_days``, ``ebs_wait_days``,
    ``capacity_warning_pct``)."""
    return Thresholds(
        usage_pct=settings.attention_usage_pct, renewal_notice_days=settings.attention_renewal_days,
        pre_renewal_days=settings.pre_renewal_days, no_login_days=settings.attention_login_days,
        no_send_days=settings.attention_send_days, grasshopper_age_days=settings.attention_grasshopper_days,
        ebs_wait_days=settings.ebs_wait_days, capacity_warning_pct=settings.capacity_warning_pct,
    )


@dataclass(frozen=True, slots=True)
class AttentionInputs:
    """Everything the queue is computed from: each client's facts, and the agency row (if it has a reason)."""

    clients: tuple[AttentionFacts, ...]
    agency: AttentionRow | None
    snoozes: tuple[Snooze, ...] = ()  # the acting user's, still running


Change = tuple[str | None, str, date]


def _dates(session: Session, user: AgencyUser, tz: tzinfo,
           span: Span | None = None) -> dict[int, tuple[date, date | None, Change | None]]:
    """Per client (within ``span`` when given): the local day it was added, when it last became Healthy,
    its latest status change."""
    within = [] if span is None else [SenderStatusChange.client_id.between(*span)]
    latest = (select(SenderStatusChange.client_id, func.max(SenderStatusChange.day).label("day"))
              .where(*within).group_by(SenderStatusChange.client_id).subquery())
    stmt = (
        select(Client.id, Client.created_at, ClientSnapshot.last_became_healthy,
               SenderStatusChange.old_status, SenderStatusChange.new_status, SenderStatusChange.day)
        .outerjoin(ClientSnapshot, ClientSnapshot.client_id == Client.id)
        .outerjoin(latest, latest.c.client_id == Client.id)
        .outerjoin(SenderStatusChange, (SenderStatusChange.client_id == latest.c.client_id)
                   & (SenderStatusChange.day == latest.c.day))
        .where(Client.deleted_at.is_(None), *([] if span is None else [Client.id.between(*span)]))
    )
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(Client.id.in_(allowed))
    found: dict[int, tuple[date, date | None, Change | None]] = {}
    for cid, created, healthy, old, new, day in session.connection().execute(stmt):
        found[cid] = (created.astimezone(tz).date(), healthy, None if day is None else (old, new, day))
    return found


def _facts(f: ClientFacts, added_on: date, healthy: date | None, change: Change | None,
           last_night: date | None) -> AttentionFacts:
    since = change[2] if change is not None and change[1].lower().replace(" ", "-") == f.sender else None
    return AttentionFacts(f, added_on, since, change, healthy, last_night)


def _agency_row(session: Session, t: Thresholds) -> AttentionRow | None:
    try:
        agency = agency_in(session)
    except DomainError:  # no agency yet: no plan to watch
        return None
    reason = plan_reason(counted_clients_in(session), agency.plan.max_clients, t)
    return None if reason is None else AttentionRow(None, agency.name, (reason,))


def _with_dates(session: Session, user: AgencyUser, today: date, tz: tzinfo,
                facts: Iterable[ClientFacts], span: Span | None = None) -> Iterator[AttentionFacts]:
    """Each client's facts (within ``span`` when given) with the dates beside them, one client at a time."""
    dates = _dates(session, user, tz, span)
    last_night = session.scalar(select(RollupState.last_day).where(RollupState.job == ROLLUP_JOB))
    for f in facts:
        added_on, healthy, change = dates.get(f.id, (today, None, None))
        yield _facts(f, added_on, healthy, change, last_night)


def attention_inputs_in(session: Session, user: AgencyUser, today: date, tz: tzinfo,
                        t: Thresholds) -> AttentionInputs:
    """:func:`attention_inputs` inside an open read session, for the acting ``user``."""
    facts = client_facts_in(session, user, today, tz, pre_renewal_days=t.pre_renewal_days)
    clients = tuple(_with_dates(session, user, today, tz, facts))
    return AttentionInputs(clients, _agency_row(session, t), snoozes_in(session, user, today))


def _span_by_span(session: Session, user: AgencyUser, today: date, tz: tzinfo,
                  t: Thresholds) -> Iterator[AttentionFacts]:
    """Every client's facts with their dates, read a span of ids at a time (:func:`client_spans`)."""
    for span in client_spans(session, user):
        facts = each_client_facts(session, user, today, tz, pre_renewal_days=t.pre_renewal_days, span=span)
        yield from _with_dates(session, user, today, tz, facts, span)


def open_marks(db: Database, login: str, today: date, tz: tzinfo, t: Thresholds) -> dict[int, Mark]:
    """The console cards' attention marks for ``login`` (R-ATT-4): the queue's rows after their
    snoozes, counted. The clients go through the rules one at a time, their facts and the tables
    beside them read a span of ids at a time, and only the rows with a reason are kept: the console
    never holds every client's facts, dates or email counts for them (~20 MB at 50,000 clients)."""
    with db.read() as session:
        user = acting_user(session, login)
        rows = client_rows(_span_by_span(session, user, today, tz, t), today, t)
        return marks(open_rows(rows, snoozes_in(session, user, today), today))


def snoozes_in(session: Session, user: AgencyUser, today: date) -> tuple[Snooze, ...]:
    """``user``'s snoozes still running on ``today`` (R-ATT-3), soonest end first; a removed client's are
    left out, and so are those of a client the user may no longer access."""
    stmt = (select(AttentionSnooze, Client.name).outerjoin(Client, Client.id == AttentionSnooze.client_id)
            .where(AttentionSnooze.agency_user_id == user.id, AttentionSnooze.until > today,
                   AttentionSnooze.client_id.is_(None) | Client.deleted_at.is_(None))
            .order_by(AttentionSnooze.until, AttentionSnooze.id))
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(AttentionSnooze.client_id.is_(None) | AttentionSnooze.client_id.in_(allowed))
    agency = None
    found = []
    for row, name in session.execute(stmt):
        if row.client_id is None and agency is None:
            agency = agency_name_in(session)
        found.append(Snooze(row.client_id, row.code, row.until, Severity[row.severity.upper()], row.note,
                            name if row.client_id is not None else agency or "", row.created_at))
    return tuple(found)


def user_snoozes(db: Database, login: str, today: date) -> tuple[Snooze, ...]:
    """``login``'s snoozes still running on ``today`` (R-ATT-3)."""
    with db.read() as session:
        return snoozes_in(session, acting_user(session, login), today)


def current_reasons_in(session: Session, user: AgencyUser, client_id: int | None, today: date, tz: tzinfo,
                       t: Thresholds) -> tuple[Reason, ...]:
    """The reasons the queue gives one client (``None``: the agency row) today, for ``user``."""
    if client_id is None:
        agency = _agency_row(session, t)
        return () if agency is None else agency.reasons
    facts = client_facts_in(session, user, today, tz, pre_renewal_days=t.pre_renewal_days)
    found = next((f for f in facts if f.id == client_id), None)
    if found is None:
        return ()
    added_on, healthy, change = _dates(session, user, tz).get(client_id, (today, None, None))
    last_night = session.scalar(select(RollupState.last_day).where(RollupState.job == ROLLUP_JOB))
    return reasons_for(_facts(found, added_on, healthy, change, last_night), today, t)


def agency_name_in(session: Session) -> str:
    try:
        return agency_in(session).name
    except DomainError:
        return ""


def attention_inputs(db: Database, login: str, today: date, tz: tzinfo, t: Thresholds) -> AttentionInputs:
    """The rules' inputs for every client ``login`` may access (the console's clients, R-ACC-2)."""
    with db.read() as session:
        return attention_inputs_in(session, acting_user(session, login), today, tz, t)


__all__ = ["AttentionInputs", "agency_name_in", "attention_inputs", "attention_inputs_in", "current_reasons_in",
           "open_marks", "snoozes_in", "thresholds", "user_snoozes"]
