"""Email limits (R-EL-1, R-EL-4) and scheduling an email job against them (R-EL-2).

**set_email_limits** saves every client's limit from one screen, all or nothing: every text is
read with :func:`~console_tui.domain.limits.parse_limits` first (one bad value refuses them all,
each bad one named by its client's name), then the changed ones are written. **[decision]** It
writes ONE audit row, like every command: ``before``/``after`` map each *changed* client's id to
its old/new limit (``None`` = unlimited). ``client_id`` is that client when exactly one changed,
else NULL — the maps name the clients. A save that changes nothing writes nothing and no audit row
(:class:`~console_tui.domain.errors.NothingChanged`, as every command).

**schedule_email_job** counts usage for the billing cycle of the job's ``scheduled_for`` (see
:mod:`console_tui.data.queries.admin` for what "sent in the cycle" reads) and refuses, with
:class:`~console_tui.domain.errors.LimitExceeded`, a job that would pass the limit; reaching it
exactly is allowed. **[decision]** Scheduling happens inside the client's instance, so it needs
what Switch to Manage needs (R-ACC-3: Administrator, or a Client Manager of that client); a time in
the past is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select

from console_tui.clock import Clock
from console_tui.data.commands.base import unit_of_work
from console_tui.data.engine import Database
from console_tui.data.queries.admin import cycle_usage_in
from console_tui.data.schema import Client, EmailJob
from console_tui.data.views.results import JobScheduled, LimitChange, LimitsSaved
from console_tui.domain import lengths
from console_tui.domain.cycles import cycle_for
from console_tui.domain.errors import NotFound, ValidationError
from console_tui.domain.limits import check_usage, parse_limits
from console_tui.domain.permissions import Action
from console_tui.domain.text import clean_text

MAX_JOB_NAME = lengths.JOB_NAME
MAX_RECIPIENTS = 2**31 - 1


def set_email_limits(db: Database, clock: Clock, login: str, limits: Mapping[int, str], *,
                     seen_versions: Mapping[int, int] | None = None) -> LimitsSaved:
    """Save the email limits typed for some clients (``client_id -> text``; blank = unlimited).

    ``seen_versions`` (client id -> version loaded with the screen) turns a client changed by
    someone else meanwhile into a conflict, and then nothing is saved.
    """
    with unit_of_work(db, clock, login, Action.EMAIL_LIMITS) as work:
        ids = sorted({int(cid) for cid in limits})
        clients = {c.id: c for c in work.session.scalars(
            select(Client).where(Client.id.in_(ids), Client.deleted_at.is_(None)))}
        missing = [cid for cid in ids if cid not in clients]
        if missing:
            raise NotFound("client", ", ".join(map(str, missing)), "Reload the list: it may have been removed")
        for cid, seen in (seen_versions or {}).items():
            if cid in clients:
                work.expect_version(clients[cid], seen, "Saving the email limits")
        names = {cid: f"{clients[cid].name} (#{cid})" for cid in ids}
        parsed = parse_limits({int(cid): text for cid, text in limits.items()}, names=names)
        changes = tuple(
            LimitChange(cid, clients[cid].name, clients[cid].email_limit, parsed[cid])
            for cid in ids if parsed[cid] != clients[cid].email_limit
        )
        for change in changes:
            clients[change.client_id].email_limit = change.after
        work.audit(
            before={"email_limits": {str(c.client_id): c.before for c in changes}},
            after={"email_limits": {str(c.client_id): c.after for c in changes}},
            client_id=changes[0].client_id if len(changes) == 1 else None,
            action="set_email_limits",
        )
        return LimitsSaved(changes)


def schedule_email_job(db: Database, clock: Clock, login: str, client_id: int, *, name: str, recipients: int,
                       scheduled_for: datetime) -> JobScheduled:
    """Schedule an email send of ``recipients`` emails, if the cycle's limit allows it (R-EL-2)."""
    errors: dict[str, str] = {}
    title = clean_text(name).strip()
    if not title or len(title) > MAX_JOB_NAME:
        errors["name"] = f"must be 1 to {MAX_JOB_NAME} characters"
    if isinstance(recipients, bool) or not isinstance(recipients, int) or not 1 <= recipients <= MAX_RECIPIENTS:
        errors["recipients"] = "must be a whole number of 1 or more"
    if scheduled_for.tzinfo is None:
        errors["scheduled_for"] = "must be a time with its timezone"
    with unit_of_work(db, clock, login, Action.SWITCH_INTO_CLIENT, client_id=client_id) as work:
        if "scheduled_for" not in errors and scheduled_for < work.now:
            errors["scheduled_for"] = "is in the past"
        if errors:
            raise ValidationError(errors, what="Scheduling the email job")
        client = work.client
        assert client is not None
        cycle = cycle_for(scheduled_for.astimezone(clock.tz).date())
        used = cycle_usage_in(work.session, client, cycle, clock.tz)
        check_usage(client.email_limit, used.sent, used.scheduled, recipients)
        job = EmailJob(client_id=client.id, name=title, recipients=recipients, status="scheduled",
                       scheduled_for=scheduled_for)
        work.session.add(job)
        work.session.flush()
        total = used.used + recipients
        work.audit(before={"cycle": cycle.label, "limit": client.email_limit, "used": used.used},
                   after={"email_job": job.id, "name": title, "recipients": recipients,
                          "scheduled_for": scheduled_for.isoformat(), "used": total},
                   action="schedule_email_job")
        left = None if client.email_limit is None else client.email_limit - total
        return JobScheduled(job.id, cycle.label, client.email_limit, total, left)
