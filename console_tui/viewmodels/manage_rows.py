"""Manage Clients' rows in memory (R-MC-2): filters, sorts and the cells each row shows.

Pure Python (no Textual): the screen loads every row once and turns each into its cells once;
then filtering by kind, status, tag, term, sender status, removed and a name search, and sorting
by name, users, last login or emails sent, cost a few milliseconds at 10,000 clients.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from console_tui.data.views.manage import ManageRow
from console_tui.display import DASH, relative_day
from console_tui.domain.sender import SenderStatus

NO_TERM = "not set"
KINDS = ("client", "lead", "prospect")
TERMS = ("monthly", "annual", NO_TERM)
SENDERS = tuple(status.value for status in SenderStatus)
REMOVED = ("hidden", "shown", "only")
REMOVED_TAG = "Removed"

#: Sort keys in the order ``s`` cycles through them, with their labels.
SORTS: dict[str, str] = {"name": "name", "users": "users", "login": "last login", "sent": "sent this cycle"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Filters:
    """What the list is narrowed to. Each set field keeps the rows with ANY of its values (empty: any);
    the fields together keep the rows that pass EVERY one of them."""

    kind: frozenset[str] = frozenset()
    status: frozenset[str] = frozenset()
    tag: frozenset[str] = frozenset()
    term: frozenset[str] = frozenset()
    sender: frozenset[str] = frozenset()
    removed: str = "hidden"

    @property
    def active(self) -> bool:
        return self != Filters()

    def describe(self) -> str:
        """``kind lead, prospect · tag EBS Active · removed shown`` or ``no filters``."""
        parts = [f"{label} {', '.join(sorted(values, key=str.casefold))}" for label, values in (
            ("kind", self.kind), ("status", self.status), ("tag", self.tag), ("term", self.term),
            ("sender", self.sender)) if values]
        if self.removed != "hidden":
            parts.append(f"removed {self.removed}")
        return " · ".join(parts) or "no filters"

    def has(self, field: str, value: str) -> bool:
        return self.removed == value if field == "removed" else value in getattr(self, field)


#: The filter picker's groups: (field, label).
FIELDS: tuple[tuple[str, str], ...] = (
    ("kind", "Kind"), ("status", "Status"), ("tag", "Tag"), ("term", "Term"), ("sender", "Sender status"),
    ("removed", "Removed companies"),
)


def choices(field: str, rows: Iterable[ManageRow]) -> tuple[str, ...]:
    """The values one may pick for ``field`` (for ``removed``: shown or only; hidden is the default)."""
    if field == "removed":
        return REMOVED[1:]
    if field == "kind":
        return KINDS
    if field == "term":
        return TERMS
    if field == "sender":
        return SENDERS
    seen: dict[str, None] = {}
    for row in rows:
        for value in ((row.status,) if field == "status" else display_tags(row)):
            seen.setdefault(value, None)
    return tuple(sorted(seen, key=str.casefold))


def toggle(filters: Filters, field: str, value: str) -> Filters:
    """``filters`` with ``value`` of ``field`` picked, or unpicked when it was (``removed`` is one of
    hidden, shown, only: picking the one in force goes back to hidden)."""
    change: dict[str, Any]  # the field is named at run time
    if field == "removed":
        change = {"removed": "hidden" if filters.removed == value else value}
    else:
        values: frozenset[str] = getattr(filters, field)
        change = {field: values - {value} if value in values else values | {value}}
    return replace(filters, **change)


def display_tags(row: ManageRow) -> tuple[str, ...]:
    """The row's tags (R-MC-2), with ``Removed`` for a removed company (R-OPT-9)."""
    return (*row.tags, REMOVED_TAG) if row.removed_at is not None else row.tags


def _keep(row: ManageRow, f: Filters, term: str) -> bool:
    removed = row.removed_at is not None
    if (f.removed == "hidden" and removed) or (f.removed == "only" and not removed):
        return False
    if f.kind and row.kind not in f.kind:
        return False
    if f.status and row.status not in f.status:
        return False
    if f.tag and f.tag.isdisjoint(display_tags(row)):
        return False
    if f.term and (row.term or NO_TERM) not in f.term:
        return False
    if f.sender and row.sender_status not in f.sender:
        return False
    return not term or term in row.name.casefold()


def _sort_key(sort: str) -> Callable[[ManageRow], float] | None:
    if sort == "users":
        return lambda r: -r.user_count
    if sort == "login":
        return lambda r: -(r.last_login or _EPOCH).timestamp()
    if sort == "sent":
        return lambda r: -r.sent_this_cycle
    return None


def select_rows(rows: Sequence[ManageRow], filters: Filters, search: str = "", sort: str = "name",
                reverse: bool = False) -> list[ManageRow]:
    """The rows to show, filtered and sorted; ties keep name order (the load's order)."""
    term = " ".join(search.split()).casefold()
    kept = [row for row in rows if _keep(row, filters, term)]
    key = _sort_key(sort)
    if key is not None:
        kept.sort(key=key)  # stable: equal values stay in name order
    if reverse:
        kept.reverse()
    return kept


def cells(row: ManageRow, wide: bool, today: date, tz: tzinfo) -> tuple[str, ...]:
    """The row's table cells; narrow tables name a lead's or prospect's kind first in its tags."""
    tags = display_tags(row)
    if not wide and row.kind != "client":
        tags = (row.kind.capitalize(), *tags)
    shown = [row.name, " · ".join(tags) or DASH, f"{row.user_count:,}", relative_day(row.last_login, today, tz),
             f"{row.sent_this_cycle:,}"]
    if wide:
        shown.insert(1, row.kind)
    return tuple(shown)


def tone(row: ManageRow) -> str | None:
    """Removed and not-counted statuses dim; an Unhealthy or Limited sender warns."""
    if row.removed_at is not None or row.status in ("Suspended", "Inactive"):
        return "dim"
    if SenderStatus(row.sender_status).worse_than(SenderStatus.AT_RISK):
        return "warn"
    return None


#: The columns of a Manage Clients row as ``ctrl+e`` writes it (the rows shown, in order).
EXPORT_COLUMNS = ("id", "name", "kind", "status", "license_term", "tags", "users", "last_login", "sent_this_cycle",
                  "sender_status", "counted", "removed_at")


def export_row(row: ManageRow) -> dict[str, object]:
    return {"id": row.id, "name": row.name, "kind": row.kind, "status": row.status, "license_term": row.term,
            "tags": row.tags, "users": row.user_count, "last_login": row.last_login,
            "sent_this_cycle": row.sent_this_cycle, "sender_status": row.sender_status, "counted": row.counted,
            "removed_at": row.removed_at}
