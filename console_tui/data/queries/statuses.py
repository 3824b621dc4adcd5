"""The agency's client statuses with how many clients have each (R-CAP-1, R-CAP-4)."""

from __future__ import annotations

from sqlalchemy import case, func, select

from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user
from console_tui.data.schema import Client, ClientStatus
from console_tui.data.views.manage import StatusRow


def client_statuses(db: Database, login: str) -> tuple[StatusRow, ...]:
    """Every status, built-in first, then custom ones by name, retired ones last. Every agency user
    may read them (the console shows each client's status); changing them is for Administrators."""
    removed = Client.deleted_at.is_not(None)
    uses = (select(Client.status_id, func.count().label("n"),
                   func.sum(case((removed, 1), else_=0)).label("removed"))
            .group_by(Client.status_id).subquery())
    with db.read() as session:
        acting_user(session, login)
        rows = session.execute(
            select(ClientStatus.name, ClientStatus.builtin, ClientStatus.counts, ClientStatus.retired_at,
                   func.coalesce(uses.c.n, 0), func.coalesce(uses.c.removed, 0))
            .outerjoin(uses, uses.c.status_id == ClientStatus.id)
            .order_by(ClientStatus.retired_at.is_not(None), ClientStatus.builtin.desc(), func.lower(ClientStatus.name)))
        return tuple(StatusRow(name, builtin, counts, retired, int(n) - int(gone), int(gone))
                     for name, builtin, counts, retired, n, gone in rows)
