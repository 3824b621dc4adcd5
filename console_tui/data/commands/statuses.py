"""The agency's custom client statuses (R-CAP-4): add, rename, retire. Administrators only; each
change is one transaction with one audit row (R-ACC-5).

A status is found by name case-insensitively, as the status picker and ``set_client_status`` find it.
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from console_tui.clock import Clock
from console_tui.data.commands.base import unit_of_work
from console_tui.data.engine import Database
from console_tui.data.schema import Client, ClientStatus
from console_tui.data.views.results import StatusChanged
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.permissions import Action
from console_tui.domain.statuses import check_changeable, check_retirable, status_name


def _named(session: Session, name: str) -> ClientStatus | None:
    return session.scalars(select(ClientStatus).where(func.lower(ClientStatus.name) == name.lower())).first()


def _existing(session: Session, name: str) -> ClientStatus:
    found = _named(session, name)
    if found is None:
        raise NotFound("status", repr(name), "See the statuses with `console-tui statuses list`")
    return found


def add_status(db: Database, clock: Clock, login: str, name: str, *, counts: bool) -> StatusChanged:
    """Add a custom status that counts toward the plan or not (R-CAP-1, R-CAP-4); adding a retired
    status's name brings it back, with ``counts`` as now given."""
    what = "Adding the status"
    name = status_name(name, what)
    with unit_of_work(db, clock, login, Action.MANAGE_STATUSES) as work:
        found = _named(work.session, name)
        if found is not None and found.retired_at is None:
            raise RuleRefused(what, f"the status {found.name} already exists", "Choose another name")
        if found is not None:
            before = {"name": found.name, "counts": found.counts, "retired": True}
            found.retired_at, found.counts = None, counts
            status = found
        else:
            before = None
            status = ClientStatus(name=name, builtin=False, counts=counts)
            work.session.add(status)
        work.audit(before=before, after={"name": status.name, "counts": counts}, action="add_status")
        return StatusChanged(status.name, counts, restored=found is not None)


def rename_status(db: Database, clock: Clock, login: str, old: str, new: str) -> StatusChanged:
    """Rename a custom status; its clients keep it (R-CAP-4)."""
    what = "Renaming the status"
    new = status_name(new, what)
    with unit_of_work(db, clock, login, Action.MANAGE_STATUSES) as work:
        status = _existing(work.session, old)
        check_changeable(status.name, status.builtin, what)
        other = _named(work.session, new)
        if other is not None and other.id != status.id:
            raise RuleRefused(what, f"the status {other.name} already exists"
                              + (" (retired)" if other.retired_at else ""), "Choose another name")
        if status.name == new:
            raise RuleRefused(what, f"the status is already called {new}", "Type a different name")
        before = status.name
        status.name = new
        work.audit(before={"name": before}, after={"name": new}, action="rename_status")
        return StatusChanged(new, status.counts)


def retire_status(db: Database, clock: Clock, login: str, name: str) -> StatusChanged:
    """Retire a custom status no client has (R-CAP-4): it is no longer offered."""
    what = "Retiring the status"
    with unit_of_work(db, clock, login, Action.MANAGE_STATUSES) as work:
        status = _existing(work.session, name)
        check_changeable(status.name, status.builtin, what)
        if status.retired_at is not None:
            raise RuleRefused(what, f"{status.name} is already retired")
        clients, removed = work.session.execute(
            select(func.count(), func.coalesce(func.sum(case((Client.deleted_at.is_not(None), 1), else_=0)), 0))
            .where(Client.status_id == status.id)).one()
        check_retirable(status.name, int(clients), int(removed))
        status.retired_at = work.now
        work.audit(before={"name": status.name, "retired": False}, after={"name": status.name, "retired": True},
                   action="retire_status")
        return StatusChanged(status.name, status.counts)
