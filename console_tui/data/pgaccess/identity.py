"""Per-user mode: connected to PostgreSQL as an agency login, the database says who acts.

A console whose connection is an agency user's own role (peer authentication over the Unix socket,
no password on disk) acts as that user, whatever ``--user`` or ``CONSOLE_TUI_USER`` says: the
policies and the audit log's "who" follow the connected role, so the console follows it too. The
owner of the tables (the single-password mode) and any other role leave the acting user as asked.
"""

from __future__ import annotations

from sqlalchemy import text

from console_tui.data.engine import Database
from console_tui.data.queries.console import UnknownUser


class LoginMismatch(UnknownUser):
    """``--user`` names someone other than the agency login the connection is."""

    def __init__(self, connected: str, asked: str) -> None:
        super().__init__(asked, (
            f"you are connected to the database as the agency user {connected!r}, so you act as {connected!r}; "
            f"--user / CONSOLE_TUI_USER {asked!r} cannot change that (leave it out, or connect as {asked!r})"))


def connected_login(db: Database) -> str | None:
    """The agency login the connection is, or None (SQLite, the owner, a non-agency role, no schema)."""
    if db.is_sqlite:
        return None
    with db.engine.connect() as connection:
        row = connection.execute(text(
            "SELECT current_user, pg_has_role(current_user, c.relowner, 'MEMBER') "
            "FROM pg_class c WHERE c.oid = to_regclass('agency_user')")).first()
        if row is None or row[1]:
            return None
        found = connection.execute(text("SELECT login FROM agency_user WHERE login = current_user")).scalar()
        return None if found is None else str(found)


def acting_login(db: Database, asked: str | None) -> str | None:
    """The connected agency login when there is one (refusing a different ``asked``), else None."""
    connected = connected_login(db)
    if connected is not None and asked is not None and asked != connected:
        raise LoginMismatch(connected, asked)
    return connected
