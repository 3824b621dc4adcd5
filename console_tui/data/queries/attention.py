"""What the attention queue's rules read, for every client a user may access, in bulk (R-ATT-1).

The filter's facts (:func:`client_facts_in`, three flat queries) plus one more flat query for the
dates beside them (when the client was added, its latest sender-status change, when it last became
Healthy), the last closed day, and the plan's counted clients for the agency row: a fixed number
of queries whatever the number of clients.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.queries.admin import agency_in, counted_clients_in
from console_tui.data.queries.client_facts import client_facts_in
from console_tui.data.queries.console import accessible_client_ids, acting_user
from console_tui.data.rollup import JOB as ROLLUP_JOB
from console_tui.data.schema import AgencyUser, Client, ClientSnapshot, RollupState, SenderStatusChange
from console_tui.domain.attention import AttentionFacts, AttentionRow, Thresholds, plan_reason
from console_tui.domain.errors import DomainError


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


Change = tuple[str | None, str, date]


def _dates(session: Session, user: AgencyUser, tz: tzinfo) -> dict[int, tuple[date, date | None, Change | None]]:
    """Per client: the local day it was added, when it last became Healthy, its latest status change."""
    latest = (select(SenderStatusChange.client_id, func.max(SenderStatusChange.day).label("day"))
              .group_by(SenderStatusChange.client_id).subquery())
    stmt = (
        select(Client.id, Client.created_at, ClientSnapshot.last_became_healthy,
               SenderStatusChange.old_status, SenderStatusChange.new_status, SenderStatusChange.day)
        .outerjoin(ClientSnapshot, ClientSnapshot.client_id == Client.id)
        .outerjoin(latest, latest.c.client_id == Client.id)
        .outerjoin(SenderStatusChange, (SenderStatusChange.client_id == latest.c.client_id)
                   & (SenderStatusChange.day == latest.c.day))
        .where(Client.deleted_at.is_(None))
    )
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(Client.id.in_(allowed))
    found: dict[int, tuple[date, date | None, Change | None]] = {}
    for cid, created, healthy, old, new, day in session.connection().execute(stmt):
        found[cid] = (created.astimezone(tz).date(), healthy, None if day is None else (old, new, day))
    return found


def _agency_row(session: Session, t: Thresholds) -> AttentionRow | None:
    try:
        agency = agency_in(session)
    except DomainError:  # no agency yet: no plan to watch
        return None
    reason = plan_reason(counted_clients_in(session), agency.plan.max_clients, t)
    return None if reason is None else AttentionRow(None, agency.name, (reason,))


def attention_inputs_in(session: Session, user: AgencyUser, today: date, tz: tzinfo,
                        t: Thresholds) -> AttentionInputs:
    """:func:`attention_inputs` inside an open read session, for the acting ``user``."""
    facts = client_facts_in(session, user, today, tz, pre_renewal_days=t.pre_renewal_days)
    dates = _dates(session, user, tz)
    last_night = session.scalar(select(RollupState.last_day).where(RollupState.job == ROLLUP_JOB))
    clients = []
    for f in facts:
        added_on, healthy, change = dates.get(f.id, (today, None, None))
        since = change[2] if change is not None and change[1].lower().replace(" ", "-") == f.sender else None
        clients.append(AttentionFacts(f, added_on, since, change, healthy, last_night))
    return AttentionInputs(tuple(clients), _agency_row(session, t))


def attention_inputs(db: Database, login: str, today: date, tz: tzinfo, t: Thresholds) -> AttentionInputs:
    """The rules' inputs for every client ``login`` may access (the console's clients, R-ACC-2)."""
    with db.read() as session:
        return attention_inputs_in(session, acting_user(session, login), today, tz, t)


__all__ = ["AttentionInputs", "attention_inputs", "attention_inputs_in", "thresholds"]
