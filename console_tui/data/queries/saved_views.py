"""The saved views a user sees (R-VIEW-2): their own, private or shared, and every shared one."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user
from console_tui.data.schema import AgencyUser, SavedView
from console_tui.data.views.saved import SavedView as SavedViewRow


def saved_views(db: Database, login: str) -> tuple[SavedViewRow, ...]:
    """The views ``login`` sees, by name (case-insensitively); every agency user may read them."""
    with db.read() as session:
        user = acting_user(session, login)
        rows = session.execute(
            select(SavedView, AgencyUser.login).join(AgencyUser, AgencyUser.id == SavedView.owner_id)
            .where(or_(SavedView.owner_id == user.id, SavedView.shared))
            .order_by(func.lower(SavedView.name), SavedView.id))
        return tuple(SavedViewRow(view.id, view.name, view.filter, view.sort, view.descending, view.shared,
                                  owner, view.owner_id == user.id)
                     for view, owner in rows)
