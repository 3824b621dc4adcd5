"""The SQL that makes PostgreSQL enforce the permission matrix, generated from it (R-ACC-2, R-ACC-3).

:func:`security_statements` (run by the migration and again by ``db roles sync``) defines
``console_tui_matrix()`` — the matrix as rows, from ``POLICIES`` — the functions the policies ask,
the row-level security policies of every table (``PUBLIC``: they bind every role but the owner,
who bypasses them, so the single-password mode is unchanged), the trigger that checks which
columns of ``client`` an update changes, and the one that takes an audit row's "who" from the
connected role. :func:`grant_statements` gives the group role and the worker role their privileges.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, inspect

from console_tui.data.engine import postgres_driver
from console_tui.data.pgaccess import owned
from console_tui.data.pgaccess.sql import actions_array as _array
from console_tui.data.pgaccess.sql import ident, literal
from console_tui.data.pgaccess.surface import (
    AUDIT_TABLE,
    DATABASE_KEPT,
    FIGURE_TRIGGERS,
    ROLLUP_TABLES,
    WHO_TABLES,
    WORKER_UPDATES,
    WRITES,
    all_tables,
    client_column_actions,
    client_keys,
)
from console_tui.domain.permissions import POLICIES, Action, can_see_client
from console_tui.domain.roles import Role

PREFIX = "ctui_"  # every policy this module makes starts with it


def matrix_rows() -> list[tuple[str, str, bool, bool]]:
    """(action, role, client-scoped, sees every client) for every role each action allows."""
    return [(action.value, role.value, policy.client_scoped, can_see_client(role, False))
            for action, policy in POLICIES.items() for role in Role if role in policy.roles]


def _functions(schema: str) -> list[str]:
    path = f"SET search_path = {ident(schema)}, pg_temp"
    rows = ",\n    ".join(f"({literal(action)}, {literal(role)}, {str(scoped).lower()}, {str(sees).lower()})"
                          for action, role, scoped, sees in matrix_rows())
    definer = f"LANGUAGE sql STABLE SECURITY DEFINER {path}"
    # they run as the owner, who sees every row: so they answer only about the connected login itself
    # (or to the owner), else anyone could ask which hidden clients another person manages
    asker = ("(u.login = session_user OR pg_has_role(session_user, "
             "(SELECT relowner FROM pg_class WHERE oid = 'agency_user'::regclass), 'MEMBER'))")
    return [
        f"""CREATE OR REPLACE FUNCTION console_tui_matrix()
RETURNS TABLE(action text, role text, client_scoped boolean, sees_all boolean)
LANGUAGE sql IMMUTABLE {path} AS $$ VALUES
    {rows} $$""",
        # the login's active agency role may do one of the actions on every client (or agency-wide)
        f"""CREATE OR REPLACE FUNCTION console_tui_everywhere(login text, wanted text[]) RETURNS boolean
{definer} AS $$
SELECT EXISTS (SELECT 1 FROM agency_user u JOIN console_tui_matrix() m ON m.role = u.role
               WHERE u.login = $1 AND {asker} AND u.active AND m.action = ANY ($2)
                 AND (NOT m.client_scoped OR m.sees_all)) $$""",
        # … and on these clients: the ones it is a Client Manager of (R-ACC-2)
        f"""CREATE OR REPLACE FUNCTION console_tui_managed(login text, wanted text[]) RETURNS SETOF integer
{definer} AS $$
SELECT a.client_id FROM agency_user u JOIN client_access a ON a.agency_user_id = u.id
WHERE u.login = $1 AND {asker} AND u.active
  AND EXISTS (SELECT 1 FROM console_tui_matrix() m
              WHERE m.role = u.role AND m.action = ANY ($2) AND m.client_scoped) $$""",
        f"""CREATE OR REPLACE FUNCTION console_tui_allows(login text, wanted text[], client integer)
RETURNS boolean {definer} AS $$
SELECT console_tui_everywhere($1, $2)
    OR ($3 IS NOT NULL AND $3 IN (SELECT console_tui_managed($1, $2))) $$""",
        # whether a client exists that row-level security may hide: so a refusal is the console's own
        f"""CREATE OR REPLACE FUNCTION console_tui_client_exists(client integer) RETURNS boolean
{definer} AS $$ SELECT EXISTS (SELECT 1 FROM client WHERE id = $1 AND deleted_at IS NULL) $$""",
        f"""CREATE OR REPLACE FUNCTION console_tui_user_id(login text) RETURNS integer
{definer} AS $$ SELECT id FROM agency_user WHERE agency_user.login = $1 $$""",
        *_triggers(path),
    ]


def _owner_test() -> str:
    return "pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')"


def _triggers(path: str) -> list[str]:
    checks = "\n".join(
        f"    IF NEW.{ident(column)} IS DISTINCT FROM OLD.{ident(column)} AND NOT "
        f"console_tui_allows(current_user, {_array((action,))}, OLD.id) THEN\n"
        f"        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = "
        f"{literal(f'permission denied: {POLICIES[action].label}, column {column}, for ')} || current_user;\n"
        f"    END IF;"
        for column, action in client_column_actions().items())
    checks += "".join(
        f"\n    IF NEW.{ident(column)} IS DISTINCT FROM OLD.{ident(column)} THEN\n"
        f"        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = "
        f"{literal(f'permission denied: the database keeps column {column}, not ')} || current_user;\n"
        f"    END IF;"
        for column in DATABASE_KEPT)
    return [
        f"""CREATE OR REPLACE FUNCTION console_tui_client_columns() RETURNS trigger
LANGUAGE plpgsql {path} AS $$
BEGIN
    IF {_owner_test()} OR console_tui_user_id(current_user) IS NULL THEN
        RETURN NEW;  -- the owner, and roles that are no agency login (the worker: its grants say what)
    END IF;
{checks}
    RETURN NEW;
END $$""",
        f"""CREATE OR REPLACE FUNCTION console_tui_audit_who() RETURNS trigger
LANGUAGE plpgsql {path} AS $$
BEGIN
    IF NOT {_owner_test()} THEN  -- per-user mode: the database says who, not the client
        NEW.actor := left(current_user, 64);
        NEW.agency_user_id := console_tui_user_id(current_user);
    END IF;
    RETURN NEW;
END $$""",
    ]


def _read_predicate(table: str, key: str, nullable: bool) -> str:
    if table == AUDIT_TABLE:
        audit = _array((Action.VIEW_AUDIT_LOG,))
        return f"(SELECT console_tui_everywhere(current_user, {audit})) OR actor = current_user"
    wanted = _array((Action.VIEW_CLIENT,))
    text = (f"(SELECT console_tui_everywhere(current_user, {wanted})) "
            f"OR {ident(key)} IN (SELECT console_tui_managed(current_user, {wanted}))")
    return f"{ident(key)} IS NULL OR {text}" if nullable else text


def write_predicate(table: str, actions: tuple[Action, ...]) -> str:
    key = client_keys().get(table)
    if key is None:  # a row of no one client (a bulk batch): the role may take an action on some client
        wanted = _array(actions)
        return (f"(SELECT console_tui_everywhere(current_user, {wanted})) "
                f"OR EXISTS (SELECT 1 FROM console_tui_managed(current_user, {wanted}))")
    return f"console_tui_allows(current_user, {_array(actions)}, {ident(key[0])})"


def secured_tables() -> list[str]:
    """Tables under row-level security: every table keyed by client, and every table a role may write."""
    keyed, written = client_keys(), set(WRITES) | {AUDIT_TABLE}
    return [table for table in all_tables() if table in keyed or table in written]


def policies(present: Collection[str] | None = None) -> dict[str, dict[str, str]]:
    """Per secured table (of those ``present``, when given), per policy name: its ``CREATE POLICY``
    tail (command and expressions)."""
    keyed, result = client_keys(), {}
    for table in secured_tables():
        if present is not None and table not in present:
            continue
        key, nullable = keyed.get(table, ("", False))
        made = {f"{PREFIX}read": f"FOR SELECT USING ({_read_predicate(table, key, nullable) if key else 'true'})"}
        if table == AUDIT_TABLE:
            made[f"{PREFIX}insert"] = "FOR INSERT WITH CHECK (true)"  # who: the trigger; nothing else
        for op, actions in WRITES.get(table, {}).items():
            check = write_predicate(table, actions)
            made[f"{PREFIX}{op.lower()}"] = {
                "INSERT": f"FOR INSERT WITH CHECK ({check})",
                "UPDATE": f"FOR UPDATE USING ({check}) WITH CHECK ({check})",
                "DELETE": f"FOR DELETE USING ({check})",
            }[op]
        result[table] = made
    for table, own in owned.policies().items():  # one person's own rows and columns
        result[table].update(own)
    return result


def drop_policies_sql(schema: str) -> str:
    """A DO block dropping every policy this module made in ``schema`` (so a regenerated set replaces it)."""
    return f"""DO $$ DECLARE p record; BEGIN
    FOR p IN SELECT tablename, policyname FROM pg_policies
             WHERE schemaname = {literal(schema)} AND policyname LIKE '{PREFIX}%'
               AND policyname <> '{PREFIX}worker' LOOP
        EXECUTE format('DROP POLICY %I ON %I.%I', p.policyname, {literal(schema)}, p.tablename);
    END LOOP; END $$"""


def security_statements(schema: str, present: Collection[str] | None = None) -> list[str]:
    """Everything :func:`policies` makes, on the tables ``present`` when given."""
    statements = [*_functions(schema), drop_policies_sql(schema)]
    for table, made in policies(present).items():
        statements.append(f"ALTER TABLE {ident(table)} ENABLE ROW LEVEL SECURITY")
        statements += [f"CREATE POLICY {name} ON {ident(table)} {tail}" for name, tail in made.items()]
    statements += [
        "DROP TRIGGER IF EXISTS ctui_client_columns ON client",
        "CREATE TRIGGER ctui_client_columns BEFORE UPDATE ON client FOR EACH ROW "
        "EXECUTE FUNCTION console_tui_client_columns()",
    ]
    path = f"SET search_path = {ident(schema)}, pg_temp"
    statements += owned.statements(path, _owner_test())
    statements += [f"ALTER FUNCTION {function}() SECURITY DEFINER {path}" for function in FIGURE_TRIGGERS]
    for table in WHO_TABLES:
        statements += [f"DROP TRIGGER IF EXISTS ctui_audit_who ON {ident(table)}",
                       f"CREATE TRIGGER ctui_audit_who BEFORE INSERT ON {ident(table)} FOR EACH ROW "
                       "EXECUTE FUNCTION console_tui_audit_who()"]
    return statements


def remove_statements(schema: str, present: Collection[str] | None = None) -> list[str]:
    """Undo :func:`security_statements` (the migration's downgrade), on the tables ``present`` when given."""
    return [drop_policies_sql(schema),
            *(f"ALTER TABLE {ident(table)} DISABLE ROW LEVEL SECURITY" for table in secured_tables()
              if present is None or table in present),
            *(f"ALTER FUNCTION {function}() SECURITY INVOKER RESET search_path" for function in FIGURE_TRIGGERS),
            "DROP TRIGGER IF EXISTS ctui_client_columns ON client",
            *owned.remove_statements(),
            *(f"DROP TRIGGER IF EXISTS ctui_audit_who ON {ident(table)}" for table in WHO_TABLES),
            "DROP FUNCTION IF EXISTS console_tui_client_columns(), console_tui_audit_who(), "
            "console_tui_allows(text, text[], integer), console_tui_managed(text, text[]), "
            "console_tui_everywhere(text, text[]), console_tui_user_id(text), console_tui_matrix(), "
            "console_tui_client_exists(integer)"]


def grant_statements(schema: str, group: str, worker: str) -> list[str]:
    """The group role's privileges (read everything, write what some action writes, append to the
    audit log) and the worker's (read everything, write what the rollup writes): nothing more."""
    s, g, w = ident(schema), ident(group), ident(worker)
    statements = [f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {g}, {w}",
                  f"GRANT USAGE ON SCHEMA {s} TO {g}, {w}",
                  f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {g}, {w}",
                  f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {g}, {w}",
                  f"GRANT INSERT ON {ident(AUDIT_TABLE)} TO {g}, {w}"]
    statements += [f"GRANT {', '.join(ops)} ON {ident(table)} TO {g}" for table, ops in WRITES.items()]
    statements += [f"GRANT INSERT, UPDATE, DELETE ON {ident(table)} TO {w}" for table in ROLLUP_TABLES]
    statements += [f"GRANT UPDATE ({', '.join(map(ident, columns))}) ON {ident(table)} TO {w}"
                   for table, columns in WORKER_UPDATES.items()]
    # the worker is no agency user: it sees every row of the tables under row-level security
    statements += [f"DROP POLICY IF EXISTS {PREFIX}worker ON {ident(table)}" for table in secured_tables()]
    statements += [f"CREATE POLICY {PREFIX}worker ON {ident(table)} TO {w} USING (true) WITH CHECK (true)"
                   for table in secured_tables()]
    return statements


def run(connection: Connection, statements: list[str]) -> None:
    """Run statements as written, through the driver (no parameter parsing of ``%`` or ``:name``)."""
    driver = postgres_driver(connection)
    for statement in statements:
        driver.execute(statement)


def migrate_security(connection: Connection) -> None:
    """Generate the policies again from a migration: on the tables the database has at that revision
    (a migration runs with today's map, which may name tables a later migration creates). Nothing on
    another database than PostgreSQL: it has no roles and no row-level security."""
    if connection.dialect.name != "postgresql":
        return
    run(connection, security_statements(current_schema(connection), inspect(connection).get_table_names()))


def migrate_remove_security(connection: Connection) -> None:
    """Undo the policies from a migration's downgrade: on the tables the database has at that revision
    (nothing but on PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return
    run(connection, remove_statements(current_schema(connection), inspect(connection).get_table_names()))


def current_schema(connection: Connection) -> str:
    return str(postgres_driver(connection).execute("SELECT current_schema()").fetchone()[0])  # type: ignore[index]
