"""Read-side helpers for the administration commands and screens (no Textual, frozen dataclasses).

* plan usage: counted clients (R-CAP-1), team members and storage against the plan, the advance
  warning (R-CAP-2) and the ladder with the next rung (R-CAP-3);
* a client's usage of the current billing cycle against its email limit (R-EL-2), and the
  Email Limits screen's rows with the possible overage (R-EL-3, R-EL-4);
* the EBS guard's inputs: sender status and the day the client last became Healthy (R-SUP-2).

``*_in(session, …)`` helpers run inside a caller's transaction (the commands use them); the
functions taking ``(db, login, …)`` open a read session and check the permission first (R-ACC-4).

Emails "sent in the cycle" **[decision]**: the nightly figures (``daily_metric``) for the cycle's
days already rolled up, plus the raw ``email_sent`` events of the cycle's days after the last
rolled-up day (at most a day or so of events, read through ``ix_event_client_occurred``). So the
limit is enforced on what was really sent, not on last night's figures. Email jobs count only while
``scheduled`` (and by the cycle of their ``scheduled_for``): a sent job's emails arrive as
``email_sent`` events, so counting ``sent`` jobs too would count them twice; cancelled jobs never
count.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta, tzinfo

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, refuse_hidden_client
from console_tui.data.rollup import JOB as ROLLUP_JOB
from console_tui.data.rollup import day_bounds
from console_tui.data.schema import (
    Agency,
    AgencyUser,
    Client,
    ClientAccess,
    ClientSnapshot,
    ClientStatus,
    DailyMetric,
    EmailJob,
    Event,
    Plan,
    RollupState,
)
from console_tui.data.views.admin import AgencyUserRow, CycleUsage, EbsInputs, EmailLimitRow, PlanRow, PlanUsage
from console_tui.domain import capacity as cap
from console_tui.domain.cycles import Cycle, cycle_for
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.limits import possible_overage
from console_tui.domain.permissions import Action, require
from console_tui.domain.roles import Role
from console_tui.domain.sender import SenderStatus

MB_PER_GB = 1024


# --- the plan and its usage (R-CAP-1..3) ---------------------------------------------------------


def _plan_row(plan: Plan) -> PlanRow:
    return PlanRow(plan.id, plan.rank, plan.name, plan.max_clients, plan.max_team_members, plan.storage_gb,
                   plan.included_emails, plan.overage_per_1000_cents)


def agency_in(session: Session, *, lock: bool = False) -> Agency:
    """The agency (one per database); ``lock`` serialises capacity checks on PostgreSQL."""
    stmt = select(Agency).order_by(Agency.id).limit(1)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    agency = session.scalars(stmt).first()
    if agency is None:
        raise RuleRefused("Using the plan", "this database has no agency yet",
                          "Set up the agency first, for example with `console-tui demo`")
    return agency


def counted_clients_in(session: Session) -> int:
    """Clients counted toward the plan: kind ``client``, a status that counts, not removed (R-CAP-1).

    **[decision]** A removed company (soft-deleted, R-OPT-9) is not counted: removing clients is
    one of the two ways out R-CAP-3 offers.
    """
    return session.scalar(
        select(func.count())
        .select_from(Client)
        .join(ClientStatus, ClientStatus.id == Client.status_id)
        .where(Client.kind == cap.COUNTED_KIND, Client.deleted_at.is_(None),
               ClientStatus.counts.is_(True))
    ) or 0


def team_members_in(session: Session) -> int:
    """Active agency users: the team members the plan counts (R-CAP-2)."""
    return session.scalar(select(func.count()).select_from(AgencyUser).where(AgencyUser.active)) or 0


def ladder_in(session: Session) -> tuple[PlanRow, ...]:
    """Every plan, lowest rank first (R-CAP-3)."""
    return tuple(_plan_row(plan) for plan in session.scalars(select(Plan).order_by(Plan.rank)))


def next_rung(ladder: Iterable[PlanRow], current: PlanRow) -> PlanRow | None:
    """The next bigger plan of the ladder, or None at the top (R-CAP-3)."""
    rows = tuple(ladder)
    bigger = cap.next_plan(tuple(row.as_plan() for row in rows), current.as_plan())
    return next((row for row in rows if bigger is not None and row.name == bigger.name), None)


def plan_usage_in(session: Session, warn_pct: int = cap.WARN_PCT) -> PlanUsage:
    agency = agency_in(session)
    plan = _plan_row(agency.plan)
    ladder = ladder_in(session)
    counted, team = counted_clients_in(session), team_members_in(session)
    storage = -(-int(agency.storage_used_mb or 0) // MB_PER_GB)  # whole GB, rounded up
    usage_ = cap.account_usage(counted, team, storage, plan.as_plan(), warn_pct)
    return PlanUsage(plan, ladder, counted, team, storage, usage_, cap.capacity_warning(usage_.clients),
                     next_rung(ladder, plan))


def plan_usage(db: Database, login: str, warn_pct: int = cap.WARN_PCT) -> PlanUsage:
    """The plan and its usage; every role may see it (R-CAP-2, R-CMC-1)."""
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.OPEN_CONSOLE)
        return plan_usage_in(session, warn_pct)


# --- email usage in a billing cycle (R-EL-2, R-EL-3) ----------------------------------------------


def _rolled_through(session: Session) -> date | None:
    return session.scalar(select(RollupState.last_day).where(RollupState.job == ROLLUP_JOB))


def cycle_counts_in(session: Session, cycle: Cycle, tz: tzinfo, client_ids: Iterable[int] | None = None, *,
                    span: tuple[int, int] | None = None) -> dict[int, tuple[int, int]]:
    """``{client_id: (sent, scheduled)}`` in ``cycle`` for the clients given (all when None) whose ids
    are within ``span`` (first, last) when given (R-EL-2)."""
    ids = None if client_ids is None else sorted(set(client_ids))
    counts: dict[int, list[int]] = {}

    def add(rows: Iterable[tuple[int, int | None]], index: int) -> None:
        for cid, n in rows:
            counts.setdefault(cid, [0, 0])[index] += int(n or 0)

    def only(column: InstrumentedAttribute[int]) -> list[ColumnElement[bool]]:
        return [*([] if ids is None else [column.in_(ids)]), *([] if span is None else [column.between(*span)])]

    rolled = _rolled_through(session)
    raw_from = cycle.start
    if rolled is not None and rolled >= cycle.start:
        last = min(rolled, cycle.end)
        add(session.execute(
            select(DailyMetric.client_id, func.sum(DailyMetric.emails_sent))
            .where(DailyMetric.day.between(cycle.start, last), *only(DailyMetric.client_id))
            .group_by(DailyMetric.client_id)), 0)
        raw_from = last + timedelta(days=1)
    if raw_from <= cycle.end:
        start, end = day_bounds(raw_from, tz)[0], day_bounds(cycle.end, tz)[1]
        add(session.execute(
            select(Event.client_id, func.sum(Event.quantity))
            .where(Event.type == "email_sent", Event.occurred_at >= start, Event.occurred_at < end,
                   *only(Event.client_id))
            .group_by(Event.client_id)), 0)
    start, end = day_bounds(cycle.start, tz)[0], day_bounds(cycle.end, tz)[1]
    add(session.execute(
        select(EmailJob.client_id, func.sum(EmailJob.recipients))
        .where(EmailJob.status == "scheduled", EmailJob.scheduled_for >= start, EmailJob.scheduled_for < end,
               *only(EmailJob.client_id))
        .group_by(EmailJob.client_id)), 1)
    return {cid: (sent, scheduled) for cid, (sent, scheduled) in counts.items()}


def cycle_usage_in(session: Session, client: Client, cycle: Cycle, tz: tzinfo) -> CycleUsage:
    sent, scheduled = cycle_counts_in(session, cycle, tz, [client.id]).get(client.id, (0, 0))
    return CycleUsage(client.id, cycle, client.email_limit, sent, scheduled)


def _client_for(session: Session, login: str, client_id: int, action: Action) -> Client:
    user = acting_user(session, login)
    client = session.get(Client, client_id)
    if client is None or client.deleted_at is not None:
        refuse_hidden_client(session, user, client_id, action)
        raise NotFound("client", client_id)
    manager = session.scalar(select(ClientAccess.client_id).where(
        ClientAccess.agency_user_id == user.id, ClientAccess.client_id == client_id)) is not None
    require(Role(user.role), action, is_client_manager=manager)
    return client


def email_limit_rows(db: Database, login: str, day: date, tz: tzinfo) -> tuple[EmailLimitRow, ...]:
    """Every live client's limit and usage this cycle, in name order (Administrators, R-EL-4)."""
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.EMAIL_LIMITS)
        plan = agency_in(session).plan
        counts = cycle_counts_in(session, cycle_for(day), tz)
        rows = session.execute(
            select(Client.id, Client.name, Client.version, Client.email_limit)
            .where(Client.deleted_at.is_(None)).order_by(func.lower(Client.name), Client.id))
        return tuple(
            EmailLimitRow(cid, name, version, limit, *counts.get(cid, (0, 0)),
                          possible_overage(limit, plan.included_emails, plan.overage_per_1000_cents))
            for cid, name, version, limit in rows
        )


# --- the EBS guard's inputs (R-SUP-2) ------------------------------------------------------------


def ebs_inputs_in(session: Session, client: Client) -> EbsInputs:
    """**[decision]** A client the rollup has not seen yet is a ``New`` sender, never Healthy."""
    row = session.execute(
        select(ClientSnapshot.sender_status, ClientSnapshot.last_became_healthy)
        .where(ClientSnapshot.client_id == client.id)).first()
    status, healthy = (row[0], row[1]) if row else (SenderStatus.NEW.value, None)
    return EbsInputs(client.id, client.ebs_enabled, SenderStatus(status), healthy)


# --- agency users (R-ACC-1) ----------------------------------------------------------------------


def agency_users(db: Database, login: str) -> tuple[AgencyUserRow, ...]:
    """Every agency user, by login; any agency user may list them (R-CMC-1 [decision])."""
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.OPEN_CONSOLE)
        return tuple(AgencyUserRow(u.id, u.login, u.full_name, u.email, u.role, u.active)
                     for u in session.scalars(select(AgencyUser).order_by(AgencyUser.login)))
