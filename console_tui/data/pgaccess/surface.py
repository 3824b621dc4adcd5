"""Which actions of the permission matrix write which tables and columns (R-ACC-3 in the database).

The grants and row-level security policies are generated from this map and from ``POLICIES``; a
role may write a row of a table when its agency role may do one of the actions listed for that
statement, on that row's client when the action is about a client (R-ACC-2). Every table keyed by
client (a foreign key to ``client.id``) shows only the clients the role may access.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from console_tui.data.schema import Base
from console_tui.domain.bulk import PERMISSION as BULK_PERMISSION
from console_tui.domain.permissions import Action

A = Action
WRITE_OPS = ("INSERT", "UPDATE", "DELETE")
_ROLLUP = (A.RUN_ROLLUP, A.INGEST_EVENTS)

#: the columns of ``client`` whose change needs an action other than Client Configuration
CLIENT_COLUMNS: MappingProxyType[str, Action | None] = MappingProxyType({
    **dict.fromkeys(("name", "street", "city", "state", "postal_code", "country", "website", "phone", "region"),
                    A.EDIT_COMPANY_PROFILE),
    "ebs_enabled": A.EMAIL_SUPPRESSION,
    "direct_support": A.DIRECT_SUPPORT,
    "rebrand_locked": A.CLIENT_REBRAND,
    "email_limit": A.EMAIL_LIMITS,
    "status_id": A.SET_CLIENT_STATUS,
    "deleted_at": A.REMOVE_COMPANY,
    "version": None,  # the optimistic-lock counter moves with every change
    # kept by the database itself on every client user write (FIGURE_TRIGGERS), never by a role
    "user_count": None,
    "last_user_login": None,
    "id": None,  # never changes
})
#: every other column of ``client``
CLIENT_DEFAULT = A.CLIENT_CONFIGURATION


#: the columns of ``client`` no role may change (the database's own triggers keep them)
DATABASE_KEPT = ("user_count", "last_user_login")


def client_column_actions() -> dict[str, Action]:
    """Every column of ``client`` whose change is checked, with the action it needs."""
    columns = Base.metadata.tables["client"].columns
    found = {column.name: CLIENT_COLUMNS.get(column.name, CLIENT_DEFAULT) for column in columns}
    return {name: action for name, action in found.items() if action is not None}


def _all(*actions: Action, ops: tuple[str, ...] = WRITE_OPS) -> dict[str, tuple[Action, ...]]:
    return dict.fromkeys(ops, actions)


def _writes() -> dict[str, dict[str, tuple[Action, ...]]]:
    client_updates = tuple(dict.fromkeys(client_column_actions().values()))
    return {
        "client": {"INSERT": (A.MANAGE_CLIENTS,), "UPDATE": (*client_updates, *_ROLLUP),
                   "DELETE": (A.PURGE_COMPANY,)},
        "client_access": _all(A.CLIENT_MANAGERS, A.MANAGE_CLIENTS, A.MANAGE_TEMPLATES),
        "client_user": _all(A.MANAGE_CLIENT_USERS, A.MANAGE_CLIENTS, A.REMOVE_COMPANY, A.PURGE_COMPANY),
        "client_service": _all(A.SERVICES_ALLOWANCES, A.MANAGE_CLIENTS, A.MANAGE_TEMPLATES),
        "email_job": _all(A.SWITCH_INTO_CLIENT, A.EMAIL_LIMITS),
        "team_call": _all(A.TEAM_CALL, ops=("INSERT",)),
        "avatar": _all(A.SET_AVATAR),
        "recent_place": _all(A.RECORD_RECENT_PLACE),
        "attention_snooze": _all(A.SNOOZE_REASON, A.SNOOZE_AGENCY_REASON),
        # a batch is added by whoever may make one of its changes (each change is checked on its own)
        "bulk_batch": _all(*dict.fromkeys(BULK_PERMISSION.values()), ops=("INSERT",)),
        "saved_view": _all(A.SAVE_VIEWS, A.SHARE_VIEWS),
        "client_template": _all(A.MANAGE_TEMPLATES),
        "client_status": _all(A.MANAGE_STATUSES, A.SET_CLIENT_STATUS),
        "agency_user": _all(A.MANAGE_AGENCY_USERS),
        "agency": _all(A.CHANGE_PLAN, *_ROLLUP, ops=("UPDATE",)),
        **{table: _all(*_ROLLUP) for table in ROLLUP_TABLES},
    }


#: what the nightly rollup writes (the worker's role gets these and nothing else to write)
ROLLUP_TABLES = ("event", "daily_metric", "client_snapshot", "sender_status_change", "client_usage_month",
                 "utilization_completion", "job_run", "rollup_state", "client_history",
                 # closing a billing cycle the night after it ends (R-BL-5)
                 "billing_charge", "billing_cycle")
#: what the worker may change beyond them: the agency's score, and re-enabling EBS on a client (R-SUP-3)
WORKER_UPDATES = MappingProxyType({"agency": ("utilization_score", "storage_used_mb"),
                                   "client": ("ebs_enabled", "version")})
#: the database's own functions that keep a client's user figures (``user_count``, ``last_user_login``)
#: when client users change: they run as the owner, since a role that may add a client user may not
#: write those columns itself
FIGURE_TRIGGERS = ("client_user_figures_insert", "client_user_figures_delete", "client_user_figures_update")
#: the table every change appends to: everyone but the owner may only add rows
AUDIT_TABLE = "audit_log"
#: the tables whose rows say who made them (``actor``, ``agency_user_id``): the database sets both
WHO_TABLES = (AUDIT_TABLE, "bulk_batch")

WRITES = MappingProxyType(_writes())


@dataclass(frozen=True)
class Owner:
    """How a table's rows each belong to one agency user: only that user sees and changes them,
    whatever else ``WRITES`` allows (R-VIEW-2, R-ATT-3). A row marked ``shared`` (a boolean column) is
    the agency's: everyone sees it, and only a role that may ``shared_by`` adds, changes or removes it
    (its owner may still remove or change it back to private)."""

    column: str  # the agency user's id
    shared: str | None = None
    shared_by: Action | None = None


#: the tables of one person's own rows
OWN_ROWS: MappingProxyType[str, Owner] = MappingProxyType({
    "saved_view": Owner("owner_id", "shared", A.SHARE_VIEWS),
    "attention_snooze": Owner("agency_user_id"),
})
#: columns every agency user may change on its own row (the row whose ``login`` column is its login),
#: whatever its role: the rest of the row only under the table's own actions in ``WRITES``
OWN_COLUMNS: MappingProxyType[str, tuple[str, tuple[str, ...]]] = MappingProxyType({
    "agency_user": ("login", ("briefing_seen_on",)),  # the morning briefing, seen once a day
})
#: the tables no agency role writes (the owner fills them: the demo, migrations, the catalogue);
#: every table is in WRITES, this list or is the audit log, so a new table must choose (a test holds it)
READ_ONLY = ("plan", "addon_service", "utilization_section", "utilization_activity", "content_item")


def client_keys() -> dict[str, tuple[str, bool]]:
    """Every table keyed by client: the column naming the client, and whether it may be NULL."""
    keys = {"client": ("id", False)}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "client" and fk.column.name == "id":
                keys[table.name] = (fk.parent.name, bool(fk.parent.nullable))
    return keys


def all_tables() -> tuple[str, ...]:
    return tuple(table.name for table in Base.metadata.sorted_tables)
