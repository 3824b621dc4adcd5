"""The policies and trigger for one person's own rows, generated from ``surface.OWN_ROWS`` and
``surface.OWN_COLUMNS`` (R-VIEW-2, R-ATT-3, the morning briefing).

``OWN_ROWS``: RESTRICTIVE policies, so they narrow whatever the permissive ones of ``WRITES`` allow —
a role sees its own rows (and the shared ones) and writes only its own (a shared one only under the
action that shares). ``OWN_COLUMNS``: a permissive policy lets every agency login update its own row,
and a trigger refuses the change when it touches any other column and the role lacks the table's own
update actions (the group role holds the table's UPDATE privilege for the Administrators, so a column
grant alone could not narrow it).
"""

from __future__ import annotations

from console_tui.data.pgaccess.sql import actions_array, ident, literal
from console_tui.data.pgaccess.surface import OWN_COLUMNS, OWN_ROWS, WRITES, Owner

FUNCTION = "console_tui_own_columns"
TRIGGER = "ctui_own_columns"
_AGENCY_LOGIN = "(SELECT console_tui_user_id(current_user)) IS NOT NULL"


def _row_predicates(owner: Owner) -> dict[str, str]:
    """What a role may see of the table, which existing rows it may change, and which rows it may leave."""
    mine = f"{ident(owner.column)} = (SELECT console_tui_user_id(current_user))"
    if owner.shared is None or owner.shared_by is None:
        return {"see": mine, "change": mine, "insert": mine, "leave": mine}
    shared = ident(owner.shared)
    may_share = f"(SELECT console_tui_allows(current_user, {actions_array((owner.shared_by,))}, NULL))"
    return {"see": f"{mine} OR {shared}",
            "change": f"{mine} OR ({shared} AND {may_share})",
            "insert": f"{mine} AND (NOT {shared} OR {may_share})",
            "leave": f"({mine} AND NOT {shared}) OR ({shared} AND {may_share})"}


def policies() -> dict[str, dict[str, str]]:
    """Per table, per policy name: its ``CREATE POLICY`` tail (merged into ``ddl.policies``)."""
    made: dict[str, dict[str, str]] = {}
    for table, owner in OWN_ROWS.items():
        p = _row_predicates(owner)
        # roles that are no agency login (the worker) keep what their own grants and policy give
        see = f"NOT {_AGENCY_LOGIN} OR {p['see']}"
        made[table] = {
            "ctui_own_read": f"AS RESTRICTIVE FOR SELECT USING ({see})",
            "ctui_own_insert": f"AS RESTRICTIVE FOR INSERT WITH CHECK ({p['insert']})",
            "ctui_own_update": f"AS RESTRICTIVE FOR UPDATE USING ({p['change']}) WITH CHECK ({p['leave']})",
            "ctui_own_delete": f"AS RESTRICTIVE FOR DELETE USING ({p['change']})",
        }
    for table, (login, _columns) in OWN_COLUMNS.items():
        own = f"{ident(login)} = current_user"
        made.setdefault(table, {})["ctui_own_update"] = f"FOR UPDATE USING ({own}) WITH CHECK ({own})"
    return made


def _array_literal(items: tuple[str, ...]) -> str:
    """A text[] literal for a trigger argument: '{"a","b"}'."""
    return literal("{" + ",".join('"' + item.replace('"', '\\"') + '"' for item in items) + "}")


def statements(path: str, owner_test: str) -> list[str]:
    """The trigger function (``path``: its ``SET search_path``) and one trigger per ``OWN_COLUMNS`` table."""
    made = [f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql {path} AS $$
BEGIN
    -- TG_ARGV[0]: the actions that may change the whole row; TG_ARGV[1]: the columns its owner may change
    IF {owner_test} OR console_tui_user_id(current_user) IS NULL
       OR console_tui_allows(current_user, TG_ARGV[0]::text[], NULL) THEN
        RETURN NEW;
    END IF;
    IF (to_jsonb(NEW) - TG_ARGV[1]::text[]) IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV[1]::text[]) THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: on its own ' || TG_TABLE_NAME
            || ' row ' || current_user || ' may change only ' || array_to_string(TG_ARGV[1]::text[], ', ');
    END IF;
    RETURN NEW;
END $$"""]
    for table, (_login, columns) in OWN_COLUMNS.items():
        actions = tuple(action.value for action in WRITES[table]["UPDATE"])
        made += [f"DROP TRIGGER IF EXISTS {TRIGGER} ON {ident(table)}",
                 f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON {ident(table)} FOR EACH ROW EXECUTE FUNCTION "
                 f"{FUNCTION}({_array_literal(actions)}, {_array_literal(columns)})"]
    return made


def remove_statements() -> list[str]:
    return [*(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {ident(table)}" for table in OWN_COLUMNS),
            f"DROP FUNCTION IF EXISTS {FUNCTION}()"]
