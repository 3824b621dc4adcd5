"""The data behind the what-if panels (R-WI-1..3): one read session each, the permission checked
first, for one client or many (a single change and a bulk change ask the same way).

* :func:`limits_what_if` — each client's sent emails and scheduled jobs this cycle against the new
  limit given for it (Email Limits: Administrators).
* :func:`charges_what_if` — the next cycle's charges before and after removing clients or giving
  them a status that counts or not (Billing: Administrators).
* :func:`plan_what_if` — capacity and the next cycle's charges on another plan (Billing).
* :func:`scheduled_jobs` — a client's email jobs from the start of the current cycle (whoever may
  switch into the client: the jobs are its instance's, R-EL-2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.admin import (
    MB_PER_GB,
    _client_for,
    _plan_row,
    agency_in,
    counted_clients_in,
    cycle_counts_in,
    team_members_in,
)
from console_tui.data.queries.billing import next_cycle_billables, pricing_of
from console_tui.data.queries.console import acting_user
from console_tui.data.rollup import day_bounds
from console_tui.data.schema import Client, EmailJob, Plan
from console_tui.data.views.what_if import ChargesWhatIf, JobRow, LimitsWhatIf, PlanWhatIf, ScheduledJobsPage
from console_tui.domain.capacity import WARN_PCT
from console_tui.domain.cycles import Cycle, cycle_for, next_cycle
from console_tui.domain.errors import NotFound
from console_tui.domain.limits import PlannedSend, send_outcomes
from console_tui.domain.permissions import Action, require
from console_tui.domain.roles import Role
from console_tui.domain.what_if import changed_clients, charges_outlook, limit_outlook, plan_outlook

#: Above this many clients a query reads every client's rows and keeps the ones asked for, rather
#: than send a list of ids longer than a database accepts in one statement.
MANY = 500


def _jobs_in(session: Session, cycle: Cycle, tz: tzinfo, ids: set[int]) -> dict[int, list[PlannedSend]]:
    """The jobs still scheduled in ``cycle`` for ``ids``, in the order they go out."""
    start, end = day_bounds(cycle.start, tz)[0], day_bounds(cycle.end, tz)[1]
    stmt = (select(EmailJob.id, EmailJob.client_id, EmailJob.scheduled_for, EmailJob.recipients)
            .where(EmailJob.status == "scheduled", EmailJob.scheduled_for >= start, EmailJob.scheduled_for < end)
            .order_by(EmailJob.scheduled_for, EmailJob.id))
    if len(ids) <= MANY:
        stmt = stmt.where(EmailJob.client_id.in_(sorted(ids)))
    found: dict[int, list[PlannedSend]] = {cid: [] for cid in ids}
    for job_id, cid, when, size in session.execute(stmt):
        if cid in found:
            found[cid].append(PlannedSend(_local_day(when, tz), size, job_id))
    return found


def _local_day(moment: datetime, tz: tzinfo) -> date:
    return moment.astimezone(tz).date() if moment.tzinfo else moment.date()


def limits_what_if(db: Database, login: str, limits: Mapping[int, int | None], day: date,
                   tz: tzinfo) -> LimitsWhatIf:
    """Each client's cycle so far (``day``'s cycle) against the new limit given for it (R-WI-1)."""
    cycle, ids = cycle_for(day), set(limits)
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.EMAIL_LIMITS)
        stmt = select(Client.id, Client.name, Client.email_limit).where(Client.deleted_at.is_(None))
        stored = {cid: (name, limit) for cid, name, limit in session.execute(
            stmt if len(ids) > MANY else stmt.where(Client.id.in_(sorted(ids)))) if cid in ids}
        names = {cid: name for cid, (name, _limit) in stored.items()}
        if missing := sorted(ids - set(names)):
            raise NotFound("client", ", ".join(map(str, missing)), "Reload the list: it may have been removed")
        counts = cycle_counts_in(session, cycle, tz, None if len(ids) > MANY else ids)
        jobs = _jobs_in(session, cycle, tz, ids)
    return LimitsWhatIf(cycle, {cid: limit_outlook(cid, limit, counts.get(cid, (0, 0))[0], jobs[cid])
                                for cid, limit in limits.items()}, names,
                        {cid: limit for cid, (_name, limit) in stored.items()})


def charges_what_if(db: Database, login: str, day: date, *, removed: Iterable[int] = (),
                    counts: Mapping[int, bool] | None = None) -> ChargesWhatIf:
    """The next cycle's charges before and after removing ``removed`` and giving the clients of
    ``counts`` a status that counts or not (R-WI-2)."""
    cycle = cycle_for(day)
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.BILLING)
        clients, names = next_cycle_billables(session, cycle)
        pricing, in_pack = pricing_of(agency_in(session).plan)
    after = changed_clients(clients, removed=tuple(removed), counts=counts)
    return ChargesWhatIf(next_cycle(cycle), charges_outlook(clients, after, pricing, in_pack), names)


def plan_what_if(db: Database, login: str, day: date, target_rank: int, warn_pct: int = WARN_PCT) -> PlanWhatIf:
    """Capacity and the next cycle's charges on the plan of rank ``target_rank`` (R-WI-3)."""
    cycle = cycle_for(day)
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.BILLING)
        agency = agency_in(session)
        target = session.scalars(select(Plan).where(Plan.rank == target_rank)).first()
        if target is None:
            raise NotFound("plan", str(target_rank), "Choose a plan of the ladder")
        clients, names = next_cycle_billables(session, cycle)
        pricing, in_pack = pricing_of(agency.plan)
        target_pricing, target_in_pack = pricing_of(target)
        current_row, target_row = _plan_row(agency.plan), _plan_row(target)
        counted, team = counted_clients_in(session), team_members_in(session)
        storage = -(-int(agency.storage_used_mb or 0) // MB_PER_GB)
    outlook = plan_outlook(clients, counted=counted, team_members=team, storage_gb=storage,
                           current=current_row.as_plan(), target=target_row.as_plan(), pricing=pricing,
                           in_pack=in_pack, target_pricing=target_pricing, target_in_pack=target_in_pack,
                           warn_pct=warn_pct)
    return PlanWhatIf(next_cycle(cycle), current_row, target_row, outlook, names)


def scheduled_jobs(db: Database, login: str, client_id: int, day: date, tz: tzinfo) -> ScheduledJobsPage:
    """A client's email jobs from the start of ``day``'s cycle, earliest first; each job still
    scheduled in the cycle says whether the client's limit lets it go out (R-EL-2, R-WI-1)."""
    cycle = cycle_for(day)
    with db.read() as session:
        client = _client_for(session, login, client_id, Action.SWITCH_INTO_CLIENT)
        sent, _scheduled = cycle_counts_in(session, cycle, tz, [client_id]).get(client_id, (0, 0))
        start, end = day_bounds(cycle.start, tz)[0], day_bounds(cycle.end, tz)[1]
        rows = session.execute(
            select(EmailJob.id, EmailJob.name, EmailJob.scheduled_for, EmailJob.recipients, EmailJob.status)
            .where(EmailJob.client_id == client_id, EmailJob.scheduled_for >= start)
            .order_by(EmailJob.scheduled_for, EmailJob.id)).all()
        name, limit = client.name, client.email_limit
    counting = [PlannedSend(_local_day(when, tz), size, job_id) for job_id, _n, when, size, status in rows
                if status == "scheduled" and when < end]
    blocked = {send.job_id for send, goes in send_outcomes(limit, sent, counting) if not goes}
    jobs = tuple(JobRow(job_id, title, when, size, status, job_id in blocked)
                 for job_id, title, when, size, status in rows)
    return ScheduledJobsPage(client_id, name, cycle, limit, sent, sum(s.size for s in counting), jobs)
