"""``console-tui db roles sync|show``: one PostgreSQL role per agency user, in one group role.

Run by the owner of the tables (the role that ran the migrations), which needs CREATEROLE. An active
user's role may log in, a deactivated user's may not (NOLOGIN); each is a member of the group role,
which carries the grants. A login is user text: it is always quoted as an identifier, and a login
PostgreSQL cannot name (longer than 63 bytes) or that names a role which is not one of this
database's agency roles (a superuser, the owner, another application's role) is left alone and said so.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from console_tui.data.engine import Database
from console_tui.data.pgaccess import ddl, sql
from console_tui.data.problems import DatabaseProblem
from console_tui.domain.errors import DomainError

MAX_ROLE_BYTES = 63  # PostgreSQL cuts longer names short, which would name another role


class NotOwner(DomainError):
    def __init__(self, who: str) -> None:
        super().__init__("Syncing the database roles", f"it must be run by the owner of the tables; you are "
                         f"connected as {who!r}", "Connect as the owner (the role that ran `db upgrade`)")


class NotPostgres(DatabaseProblem):
    def __init__(self) -> None:
        super().__init__("database roles exist only on PostgreSQL; this database is SQLite")


@dataclass(frozen=True)
class RoleRow:
    """One agency user and its database role."""

    login: str
    agency_role: str
    active: bool
    state: str  # "login", "nologin", "missing", "not ours: …"


def default_names(connection: Connection) -> tuple[str, str]:
    """The group and worker role names for this database: ``<database>_users``, ``<database>_worker``."""
    database = str(connection.execute(text("SELECT current_database()")).scalar())
    return f"{database}_users", f"{database}_worker"


def synced_group(connection: Connection) -> str | None:
    """The group role ``sync`` gave this schema's grants to (the one NOLOGIN role that may append to the
    audit log), or None when per-user mode was never set up here."""
    found = connection.execute(text(
        "SELECT DISTINCT r.rolname FROM pg_class c, aclexplode(c.relacl) a, pg_roles r "
        "WHERE c.oid = to_regclass('audit_log') AND a.privilege_type = 'INSERT' AND r.oid = a.grantee "
        "AND NOT r.rolcanlogin")).scalars().all()
    return str(found[0]) if len(found) == 1 else None


def _is_owner(connection: Connection) -> bool:
    return bool(connection.execute(text(
        "SELECT pg_has_role(current_user, relowner, 'MEMBER') FROM pg_class WHERE oid = 'agency_user'::regclass"
    )).scalar())


def _role(connection: Connection, name: str) -> tuple[bool, bool] | None:
    """(can log in, is a superuser) of the role ``name``, or None when there is none."""
    row = connection.execute(text("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = :n"),
                             {"n": name}).first()
    return None if row is None else (bool(row[0]), bool(row[1]))


def _member(connection: Connection, name: str, group: str) -> bool:
    return bool(connection.execute(text(
        "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
        "JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = :n AND g.rolname = :g)"),
        {"n": name, "g": group}).scalar())


def _state(connection: Connection, login: str, group: str) -> str:
    if len(login.encode()) > MAX_ROLE_BYTES:
        return f"not ours: longer than {MAX_ROLE_BYTES} bytes, PostgreSQL cannot name it"
    role = _role(connection, login)
    if role is None:
        return "missing"
    if role[1] or not _member(connection, login, group):
        return "not ours: a role of that name exists outside the group"
    return "login" if role[0] else "nologin"


def _users(connection: Connection) -> list[tuple[str, str, bool]]:
    return [(str(r[0]), str(r[1]), bool(r[2])) for r in connection.execute(
        text("SELECT login, role, active FROM agency_user ORDER BY login"))]


def _ensure_group(connection: Connection, name: str, *, login: bool) -> None:
    if _role(connection, name) is None:
        ddl.run(connection, [f"CREATE ROLE {sql.ident(name)} {'LOGIN' if login else 'NOLOGIN'}"])


def sync(db: Database, group: str | None = None, worker: str | None = None) -> tuple[list[RoleRow], str, str]:
    """Create or update every agency user's role, the group and the worker, and regenerate the
    policies and grants, in one transaction. Returns the users' rows after, and the two names."""
    if db.is_sqlite:
        raise NotPostgres
    with db.engine.begin() as connection:
        if not _is_owner(connection):
            raise NotOwner(str(connection.execute(text("SELECT current_user")).scalar()))
        defaults = default_names(connection)
        group, worker = group or synced_group(connection) or defaults[0], worker or defaults[1]
        _ensure_group(connection, group, login=False)
        _ensure_group(connection, worker, login=True)
        for login, _role_name, active in _users(connection):
            _sync_user(connection, login, active, group)
        schema = ddl.current_schema(connection)
        ddl.run(connection, ddl.security_statements(schema) + ddl.grant_statements(schema, group, worker))
        return _rows(connection, group), group, worker


def _sync_user(connection: Connection, login: str, active: bool, group: str) -> str:
    """Make ``login``'s role exist in ``group``, LOGIN when active, NOLOGIN when not; its state after."""
    state = _state(connection, login, group)
    if state.startswith("not ours"):
        return state
    verb = "CREATE" if state == "missing" else "ALTER"
    statements = [f"{verb} ROLE {sql.ident(login)} {'LOGIN' if active else 'NOLOGIN'}"]
    if state == "missing":
        statements.append(f"GRANT {sql.ident(group)} TO {sql.ident(login)}")
    ddl.run(connection, statements)
    return "login" if active else "nologin"


def keep_in_step(db: Database, login: str) -> str:
    """After adding, deactivating or reactivating ``login``: a sentence for the person, '' when none is due.

    Where per-user mode is set up (``sync`` gave a group role the grants), the connection that may (the owner,
    with CREATEROLE) makes the user's role follow at once; any other says what to run. A change of role
    or of client access needs nothing: the policies read them when asked.
    """
    if db.is_sqlite:
        return ""
    with db.engine.begin() as connection:
        group = synced_group(connection)
        if group is None:
            return ""
        may = connection.execute(text("SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user")).scalar()
        if not (may and _is_owner(connection)):
            return (f"run `console-tui db roles sync` as the database owner so that the database role of "
                    f"{login!r} follows")
        active = connection.execute(text("SELECT active FROM agency_user WHERE login = :l"), {"l": login}).scalar()
        state = _sync_user(connection, login, bool(active), group)
        return f"database role {login!r}: {state}"


def _rows(connection: Connection, group: str) -> list[RoleRow]:
    return [RoleRow(login, role, active, _state(connection, login, group))
            for login, role, active in _users(connection)]


def show(db: Database, group: str | None = None) -> tuple[list[RoleRow], str]:
    """Every agency user with the state of its role."""
    if db.is_sqlite:
        raise NotPostgres
    with db.engine.connect() as connection:
        group = group or synced_group(connection) or default_names(connection)[0]
        return _rows(connection, group), group
