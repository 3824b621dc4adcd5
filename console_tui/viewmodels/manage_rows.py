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

ANY = "any"
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
    """What the list is narrowed to; ``None`` is "any"."""

    kind: str | None = None
    status: str | None = None
    tag: str | None = None
    term: str | None = None
    sender: str | None = None
    removed: str = "hidden"

    @property
    def active(self) -> bool:
        return self != Filters()

    def describe(self) -> str:
        """``kind lead · tag EBS Active · removed shown`` or ``no filters``."""
        parts = [f"{label} {value}" for label, value in (
            ("kind", self.kind), ("status", self.status), ("tag", self.tag), ("term", self.term),
            ("sender", self.sender)) if value is not None]
        if self.removed != "hidden":
            parts.append(f"removed {self.removed}")
        return " · ".join(parts) or "no filters"


#: The filter picker's rows: (field, label).
FIELDS: tuple[tuple[str, str], ...] = (
    ("kind", "Kind"), ("status", "Status"), ("tag", "Tag"), ("term", "Term"), ("sender", "Sender status"),
    ("removed", "Removed companies"),
)


def choices(field: str, rows: Iterable[ManageRow]) -> tuple[str | None, ...]:
    """The values a filter cycles through: None (any) first, then those that make sense."""
    if field == "removed":
        return REMOVED
    if field == "kind":
        return (None, *KINDS)
    if field == "term":
        return (None, *TERMS)
    if field == "sender":
        return (None, *SENDERS)
    seen: dict[str, None] = {}
    for row in rows:
        for value in ((row.status,) if field == "status" else display_tags(row)):
            seen.setdefault(value, None)
    return (None, *sorted(seen, key=str.casefold))


def cycle(filters: Filters, field: str, rows: Sequence[ManageRow], step: int = 1) -> Filters:
    """``filters`` with ``field`` moved to its next (or previous) value."""
    values = choices(field, rows)
    current = getattr(filters, field)
    index = values.index(current) if current in values else 0
    change: dict[str, Any] = {field: values[(index + step) % len(values)]}  # the field is named at run time
    return replace(filters, **change)


def display_tags(row: ManageRow) -> tuple[str, ...]:
    """The row's tags (R-MC-2), with ``Removed`` for a removed company (R-OPT-9)."""
    return (*row.tags, REMOVED_TAG) if row.removed_at is not None else row.tags


def _keep(row: ManageRow, f: Filters, term: str) -> bool:
    removed = row.removed_at is not None
    if (f.removed == "hidden" and removed) or (f.removed == "only" and not removed):
        return False
    if f.kind is not None and row.kind != f.kind:
        return False
    if f.status is not None and row.status != f.status:
        return False
    if f.tag is not None and f.tag not in display_tags(row):
        return False
    if f.term is not None and (row.term or NO_TERM) != f.term:
        return False
    if f.sender is not None and row.sender_status != f.sender:
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
