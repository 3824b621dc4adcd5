"""Saved views (R-VIEW-1, R-VIEW-2): add one, remove one, import a file of them. Each is one
transaction with one audit row (R-ACC-5).

Anyone keeps private views; a shared view is added (or replaced by an import) by an Administrator;
a view is removed by its owner or an Administrator. A view is found by name case-insensitively
among the views the acting user sees.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console_tui.clock import Clock
from console_tui.data.commands.base import Work, unit_of_work
from console_tui.data.engine import Database
from console_tui.data.schema import SavedView
from console_tui.data.views.saved import ViewsSaved
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.permissions import Action, require
from console_tui.domain.roles import Role
from console_tui.domain.saved_views import ViewSpec, check_view


def _named(session: Session, name: str) -> SavedView | None:
    return session.scalars(select(SavedView).where(func.lower(SavedView.name) == name.lower())).first()


def _taken(name: str) -> RuleRefused:
    return RuleRefused("Adding the view", f"a view called {name} already exists",
                       "Choose another name, or remove that view first")


def _described(spec: ViewSpec) -> dict[str, object]:
    return {"name": spec.name, "filter": spec.filter, "sort": spec.sort_text, "shared": spec.shared}


def _store(work: Work, spec: ViewSpec, view: SavedView | None) -> SavedView:
    if view is None:
        view = SavedView(owner_id=work.user.id, created_at=work.now)
        work.session.add(view)
    view.name, view.filter, view.sort = spec.name, spec.filter, spec.sort
    view.descending, view.shared = spec.descending, spec.shared
    return view


def add_view(db: Database, clock: Clock, login: str, name: str, filter_text: str, sort: str = "name", *,
             shared: bool = False) -> ViewsSaved:
    """Save a view for ``login`` (private) or for the agency (``shared``: Administrators) (R-VIEW-2)."""
    spec = check_view(name, filter_text, sort, shared=shared)
    with unit_of_work(db, clock, login, Action.SAVE_VIEWS) as work:
        if shared:
            require(Role(work.user.role), Action.SHARE_VIEWS)
        if _named(work.session, spec.name) is not None:
            raise _taken(spec.name)
        _store(work, spec, None)
        try:  # a name may be taken by a private view the database does not show this role (per-user mode)
            work.session.flush()
        except IntegrityError:
            raise _taken(spec.name) from None
        work.audit(before=None, after=_described(spec), action="add_view")
        return ViewsSaved((spec.name,))


def remove_view(db: Database, clock: Clock, login: str, name: str) -> str:
    """Remove a view the acting user sees: their own, or a shared one as an Administrator (R-VIEW-2)."""
    with unit_of_work(db, clock, login, Action.SAVE_VIEWS) as work:
        view = work.session.scalars(
            select(SavedView).where(func.lower(SavedView.name) == " ".join(name.split()).lower(),
                                    or_(SavedView.owner_id == work.user.id, SavedView.shared))).first()
        if view is None:
            raise NotFound("view", repr(name.strip()), "See your views with `console-tui views list`")
        if view.owner_id != work.user.id:
            require(Role(work.user.role), Action.SHARE_VIEWS)
        work.audit(before={"name": view.name, "filter": view.filter, "shared": view.shared}, after=None,
                   action="remove_view")
        work.session.delete(view)
        return view.name


def import_views(db: Database, clock: Clock, login: str, specs: Sequence[ViewSpec]) -> ViewsSaved:
    """Add every view of ``specs``, replacing the importer's own view (or, for an Administrator, a
    shared one) of the same name — all of them or none (R-VIEW-2)."""
    what = "Importing the views"
    with unit_of_work(db, clock, login, Action.SAVE_VIEWS) as work:
        admin = Role(work.user.role) is Role.ADMINISTRATOR
        seen: set[str] = set()
        added: list[str] = []
        replaced: list[str] = []
        for spec in specs:
            if spec.name.lower() in seen:
                raise RuleRefused(what, f"the file names the view {spec.name} twice", "Keep one of them")
            seen.add(spec.name.lower())
            if spec.shared:
                require(Role(work.user.role), Action.SHARE_VIEWS)
            existing = _named(work.session, spec.name)
            if existing is not None and existing.owner_id != work.user.id and not (existing.shared and admin):
                raise RuleRefused(what, f"a view called {existing.name} already exists and is not yours to replace",
                                  "Rename it in the file")
            (replaced if existing is not None else added).append(spec.name)
            _store(work, spec, existing)
        work.audit(before=None, after={"added": added, "replaced": replaced}, action="import_views")
        return ViewsSaved(tuple(added), tuple(replaced))
