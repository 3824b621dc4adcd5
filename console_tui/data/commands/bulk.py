"""Bulk changes: one single change to many clients, a dry run first, a batch number, an undo (R-BULK).

One function does a client's part, :func:`_step`: the permission the single change needs for that
client (R-BULK-2), the single change's own check (``changes.py``, R-BULK-1), then — when it changes
something — the write and its audit row carrying the batch number (R-BULK-3). The three ways of
running differ only in where the transactions begin and end:

* :func:`dry_run` runs every step in ONE transaction and rolls it back (R-BULK-4);
* :func:`run` with ``all_or_nothing=False`` gives each client its own transaction: a refused client
  is listed and the others go through (R-BULK-5);
* :func:`run` with ``all_or_nothing=True`` runs them in one transaction, committed only if no row
  is refused.

So the dry run is the run, not committed. The run also takes the plan the person confirmed and
compares each client's row with it: a client whose row differs (someone changed it since the dry
run) is a conflict, not applied. :func:`undo_plan` builds an undo from the batch's audit rows: each
change is set back only if its value is still what the batch set (R-BULK-6).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from itertools import groupby
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console_tui.clock import Clock
from console_tui.data.commands.base import Change, Work
from console_tui.data.commands.changes import (
    allowance_change,
    direct_support_change,
    limit_change,
    manager_change,
    rebrand_change,
    status_change,
    suppression_change,
    term_change,
)
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user
from console_tui.data.schema import AgencyUser, AuditEntry, BulkBatch, Client, ClientAccess
from console_tui.data.views.bulk import BulkPlan, BulkResult, BulkRow, Outcome
from console_tui.domain import capacity as cap
from console_tui.domain.bulk import (
    TEMPLATE,
    BulkAction,
    BulkKind,
    parse_action,
    show,
    template_actions,
    template_name_in,
)
from console_tui.domain.ebs import EBS_WAIT_DAYS
from console_tui.domain.errors import DomainError, NotFound
from console_tui.domain.permissions import require
from console_tui.domain.roles import Role

CHUNK = 500  # clients loaded per query


@dataclass(frozen=True)
class BulkRules:
    """The settings the single changes read: the clock's zone (R-SUP-2's days), ``ebs_wait_days``,
    ``capacity_warning_pct``."""

    tz: tzinfo
    ebs_wait_days: int = EBS_WAIT_DAYS
    warn_pct: int = cap.WARN_PCT


def _change(work: Work, action: BulkAction, rules: BulkRules) -> Change:
    kind, value = action.kind, action.value
    if kind is BulkKind.SET_LIMIT:
        return limit_change(work, value if value is None else int(value))
    if kind is BulkKind.DIRECT_SUPPORT:
        return direct_support_change(work, bool(value))
    if kind is BulkKind.EBS:
        return suppression_change(work, bool(value), rules.tz, rules.ebs_wait_days)
    if kind is BulkKind.REBRAND:
        return rebrand_change(work, bool(value))
    if kind in (BulkKind.GRANT, BulkKind.REVOKE):
        return manager_change(work, action.key or "", bool(value))
    if kind is BulkKind.STATUS:
        return status_change(work, str(value), warn_pct=rules.warn_pct)
    if kind is BulkKind.TERM:
        return term_change(work, None if value is None else str(value))
    return allowance_change(work, action.key or "", value if value is None else int(value))


def _refused(error: DomainError) -> str:
    return error.why.strip().rstrip(".")


def _step(work: Work, row: BulkRow, managed: bool, rules: BulkRules) -> tuple[BulkRow, Change | None]:
    """One change of one client checked: the permission, then the single change's rules (R-BULK-1,
    R-BULK-2). The row as it stands now, and the change to write (None when refused)."""
    try:
        require(Role(work.user.role), row.action.permission, is_client_manager=managed)
        change = _change(work, row.action, rules)
    except DomainError as error:
        return replace(row, outcome=Outcome.REFUSED, before=None, after=None, reason=_refused(error)), None
    if row.undoes and change.before != row.expect:
        return replace(row, outcome=Outcome.CONFLICT, before=change.before, after=change.after,
                       reason=f"changed since: it is {show(change.before, row.action.kind)}, "
                              f"the batch set {show(row.expect, row.action.kind)}"), change
    outcome = Outcome.SAME if change.unchanged else Outcome.CHANGE
    return replace(row, outcome=outcome, before=change.before, after=change.after, reason=""), change


def _held_back(rows: list[BulkRow]) -> list[BulkRow]:
    """A client's changes, none applied when one of them is refused or in conflict: those are refused
    too, naming it (so a client is never half-changed)."""
    bad = next((row for row in rows if row.outcome in (Outcome.REFUSED, Outcome.CONFLICT)), None)
    if bad is None:
        return rows
    why = f"not applied: {' '.join(bad.action.words())} was {bad.outcome.value}"
    return [replace(row, outcome=Outcome.REFUSED, reason=why) if row.outcome is Outcome.CHANGE else row
            for row in rows]


def _client_steps(session: Session, user: AgencyUser, now: datetime, client: Client, rows: Sequence[BulkRow],
                  managed: bool, rules: BulkRules, batch_id: int | None, audit_rows: list[dict[str, Any]],
                  run: bool) -> list[BulkRow]:
    """One client's changes (one, or a template's parts, an undo's), checked first, then written — in
    a run, only where the row is what the dry run said (else a conflict), and only if none of the
    client's changes is refused or in conflict (R-BULK-4, R-BULK-5)."""
    works, done, changes = [], [], []
    for row in rows:
        if not row.name:  # a selection given by ids: the name as stored
            row = replace(row, name=client.name)
        work = Work(session, user, now, row.action.permission, client, batch_id, audit_rows)
        now_row, change = _step(work, row, managed, rules)
        works.append(work)
        done.append(now_row)
        changes.append(change)
    done = _held_back(done)
    if run:
        done = _held_back([_checked(now_row, planned) for now_row, planned in zip(done, rows, strict=True)])
    for work, now_row, change in zip(works, done, changes, strict=True):
        if now_row.outcome is Outcome.CHANGE and change is not None:
            change.commit(work)
    return done


def _managed(session: Session, user: AgencyUser) -> set[int]:
    return set(session.scalars(select(ClientAccess.client_id).where(ClientAccess.agency_user_id == user.id)))


def _missing(row: BulkRow) -> BulkRow:
    error = NotFound("client", row.client_id, "It may have been removed")
    return replace(row, outcome=Outcome.REFUSED, before=None, after=None, reason=_refused(error))


def _preload(session: Session, ids: Sequence[int]) -> dict[int, Client]:
    """The clients, CHUNK at a time, locked on PostgreSQL as a single change locks its client."""
    found: dict[int, Client] = {}
    lock = session.get_bind().dialect.name == "postgresql"
    for start in range(0, len(ids), CHUNK):
        stmt = select(Client).where(Client.id.in_(ids[start:start + CHUNK]), Client.deleted_at.is_(None))
        found.update((client.id, client) for client in session.scalars(stmt.with_for_update() if lock else stmt))
    return found


def _all_steps(session: Session, user: AgencyUser, now: datetime, rows: Sequence[BulkRow], rules: BulkRules,
               batch_id: int | None, *, run: bool = False) -> tuple[BulkRow, ...]:
    """Every client's step in the one open transaction; in a run (``run``) ``rows`` are the dry
    run's, and each client's row is checked against its planned one before anything is written."""
    managed = _managed(session, user)
    clients = _preload(session, sorted({row.client_id for row in rows}))
    done: list[BulkRow] = []
    audit_rows: list[dict[str, Any]] = []
    for client_id, grouped in groupby(rows, key=lambda row: row.client_id):
        client_rows = list(grouped)
        client = clients.get(client_id)
        if client is None:
            done += [_checked(_missing(row), row if run else None) for row in client_rows]
            continue
        done += _client_steps(session, user, now, client, client_rows, client_id in managed, rules, batch_id,
                              audit_rows, run)
    # One INSERT of many rows (an ORM object per row was most of a dry run's time), on the connection:
    # no autoflush here, so a dry run, rolled back, never sends its clients' UPDATEs at all.
    if audit_rows:
        session.connection().execute(insert(AuditEntry), audit_rows)
    return tuple(done)


class _Discard(Exception):  # noqa: N818 - not an error: it carries the rows out of a transaction to roll back
    def __init__(self, rows: Any) -> None:
        self.rows = rows


def _rows_for(action: BulkAction, clients: Iterable[tuple[int, str]]) -> tuple[BulkRow, ...]:
    return tuple(BulkRow(cid, name, action, Outcome.SAME) for cid, name in clients)


def dry_run(db: Database, clock: Clock, login: str, clients: Iterable[tuple[int, str]], action: BulkAction,
            rules: BulkRules) -> BulkPlan:
    """What ``action`` would do to each of ``clients`` (id, name), computed by running it and rolling
    it back (R-BULK-4)."""
    return _dry(db, clock, login, _rows_for(action, clients), action.words(), None, rules)


def template_plan(db: Database, clock: Clock, login: str, clients: Iterable[tuple[int, str]], name: str,
                  rules: BulkRules) -> BulkPlan:
    """The dry run of applying the client template ``name`` to each of ``clients``: a row per part of
    the template per client, each part the single change that sets it; a client gets all of its
    parts or none (R-TPL-2, R-BULK-4). Its services and managers are checked first, as applying a
    template checks them (an unknown one refuses the whole change, before anything is written)."""
    from console_tui.data.commands.templates import check_setup_in
    from console_tui.data.queries.templates import no_template, template_named_in
    from console_tui.domain.templates import read_setup

    what = f"Applying the template {name}"
    with db.read() as session:
        acting_user(session, login)
        template = template_named_in(session, name)
        if template is None:
            raise no_template(name)
        setup = read_setup(template.setup, what)
        check_setup_in(session, setup, what)
        title = template.name
    actions = template_actions(setup)
    rows = tuple(BulkRow(cid, client, action, Outcome.SAME) for cid, client in clients for action in actions)
    return _dry(db, clock, login, rows, (TEMPLATE, title), None, rules)


def plan_for_words(db: Database, clock: Clock, login: str, clients: Iterable[tuple[int, str]],
                   words: Sequence[str], rules: BulkRules) -> BulkPlan:
    """The dry run of ``ACTION ARGS`` as the CLI and the dialog write them: ``template NAME``, or one
    of the single changes (bad words: one ValidationError, before anything is read)."""
    name = template_name_in(words)
    if name is not None:
        return template_plan(db, clock, login, clients, name, rules)
    return dry_run(db, clock, login, clients, parse_action(words), rules)


def _dry(db: Database, clock: Clock, login: str, rows: tuple[BulkRow, ...], words: tuple[str, ...],
         undo_of: int | None, rules: BulkRules) -> BulkPlan:
    try:
        with db.write() as session:
            user = acting_user(session, login)
            raise _Discard(_all_steps(session, user, clock.now(), rows, rules, None))
    except _Discard as discarded:
        return BulkPlan(words, discarded.rows, undo_of)


def _open_batch(session: Session, user: AgencyUser, now: datetime, plan: BulkPlan, all_or_nothing: bool) -> int:
    batch = BulkBatch(agency_user_id=user.id, actor=user.login, at=now, action=plan.words[0],
                      args=list(plan.words), all_or_nothing=all_or_nothing, undo_of=plan.undo_of)
    session.add(batch)
    session.flush()
    return batch.id


def _checked(done: BulkRow, planned: BulkRow | None) -> BulkRow:
    if planned is None or done.same_as(planned):
        return done
    return replace(done, outcome=Outcome.CONFLICT,
                   reason=f"changed since the dry run, which said {planned.text!r}; now {done.text!r}")


def run(db: Database, clock: Clock, login: str, plan: BulkPlan, rules: BulkRules, *,
        all_or_nothing: bool = False, progress: Callable[[int, int], None] | None = None) -> BulkResult:
    """Run a dry run's plan as a numbered batch (R-BULK-3, R-BULK-5).

    Each client's change stands alone by default: it is written only once every check of that
    client has passed, so a refused client writes nothing and the others go through. They are
    committed CHUNK clients at a time (a transaction per client costs 5 ms on SQLite); a chunk whose
    commit fails is redone one client per transaction. With ``all_or_nothing``, one transaction for
    all, committed only when no row is refused or in conflict (else nothing, no batch either).
    ``progress(done, total)`` is called after each committed chunk (from the caller's thread).
    """
    now = clock.now()
    if all_or_nothing:
        try:
            with db.write() as session:
                user = acting_user(session, login)
                batch = _open_batch(session, user, now, plan, True)
                done = _all_steps(session, user, now, plan.rows, rules, batch, run=True)
                if any(row.outcome in (Outcome.REFUSED, Outcome.CONFLICT) for row in done):
                    raise _Discard(done)
        except _Discard as discarded:
            return BulkResult(None, discarded.rows, False, True, plan)
        return BulkResult(batch, done, True, True, plan)
    with db.write() as session:
        user = acting_user(session, login)
        batch = _open_batch(session, user, now, plan, False)
    ran: list[BulkRow] = []
    for start in range(0, len(plan.rows), CHUNK):
        ran += _chunk(db, user, now, plan.rows[start:start + CHUNK], rules, batch)
        if progress is not None:
            progress(len(ran), len(plan.rows))
    return BulkResult(batch, tuple(ran), True, False, plan)


def _chunk(db: Database, user: AgencyUser, now: datetime, rows: Sequence[BulkRow], rules: BulkRules,
           batch: int) -> tuple[BulkRow, ...]:
    """Some clients' changes committed together; if that fails, each client in its own transaction."""
    try:
        with db.write() as session:
            return _all_steps(session, user, now, rows, rules, batch, run=True)
    except (DBAPIError, StaleDataError):
        if len(rows) == 1:
            raise
    return tuple(row for one in rows for row in _chunk_or_refuse(db, user, now, one, rules, batch))


def _chunk_or_refuse(db: Database, user: AgencyUser, now: datetime, row: BulkRow, rules: BulkRules,
                     batch: int) -> tuple[BulkRow, ...]:
    try:
        return _chunk(db, user, now, [row], rules, batch)
    except (DBAPIError, StaleDataError) as error:
        return (replace(row, outcome=Outcome.CONFLICT, reason=f"the database refused it ({type(error).__name__})"),)


# --- undo (R-BULK-6) ------------------------------------------------------------------------------

def _undo_row(entry: AuditEntry, name: str) -> BulkRow | None:
    """The change that sets ``entry``'s value back, expecting the value the batch set."""
    before, after, action = entry.before or {}, entry.after or {}, entry.action
    cid = entry.client_id
    if cid is None:
        return None
    key: str | None = None
    if action == "set_email_limits":
        kind, old, new = BulkKind.SET_LIMIT, before["email_limits"][str(cid)], after["email_limits"][str(cid)]
    elif action in ("direct_support", "set_suppression", "set_rebrand_lock"):
        column = {"direct_support": "direct_support", "set_suppression": "ebs_enabled",
                  "set_rebrand_lock": "rebrand_locked"}[action]
        kind = {"direct_support": BulkKind.DIRECT_SUPPORT, "set_suppression": BulkKind.EBS,
                "set_rebrand_lock": BulkKind.REBRAND}[action]
        old, new = before[column], after[column]
    elif action in ("add_client_manager", "remove_client_manager"):
        grant = action == "add_client_manager"
        key = after["added" if grant else "removed"]
        kind, old, new = (BulkKind.REVOKE if grant else BulkKind.GRANT), not grant, grant
    elif action == "set_client_status":
        kind, old, new = BulkKind.STATUS, before["status"], after["status"]
    elif action == "save_configuration":
        kind, old, new = BulkKind.TERM, before["license_term"], after["license_term"]
    elif action == "set_allowance":
        kind, old, new, key = BulkKind.ALLOWANCE, before.get("allowance"), after.get("allowance"), after["service"]
    else:
        return None
    return BulkRow(cid, name, BulkAction(kind, old, key), Outcome.SAME, undoes=True, expect=new)


def undo_plan(db: Database, clock: Clock, login: str, batch: int, rules: BulkRules) -> BulkPlan:
    """The dry run of undoing ``batch``: each change set back if it is still what the batch set."""
    with db.read() as session:
        acting_user(session, login)
        if session.get(BulkBatch, batch) is None:
            raise NotFound("batch", batch, "`console-tui bulk list` lists the batches")
        entries = session.execute(
            select(AuditEntry, Client.name).outerjoin(Client, Client.id == AuditEntry.client_id)
            .where(AuditEntry.batch_id == batch).order_by(AuditEntry.id)).all()
        rows = tuple(row for entry, name in entries if (row := _undo_row(entry, name or "")) is not None)
    return _dry(db, clock, login, rows, ("undo", str(batch)), batch, rules)


__all__ = ["BulkRules", "dry_run", "plan_for_words", "run", "template_plan", "undo_plan"]
