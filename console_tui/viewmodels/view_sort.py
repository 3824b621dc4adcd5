"""A saved view's sort (R-VIEW-1) on the console's cards and on Manage Clients' rows.

The fields are those of ``domain.saved_views.SORTS``, in the filter language's terms: ``login`` is
days since the last client login, so ascending puts the most recent first and never logged in last.
Sorts are stable: clients with equal values keep the list's name order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from console_tui.data.views.console import ClientSummary

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

#: Manage Clients' own order for each field when not reversed: is it descending in the view's terms?
MANAGE_DESCENDING: dict[str, bool] = {"name": False, "users": True, "login": False, "sent": True}

_KEYS: dict[str, Callable[[ClientSummary], float]] = {
    "users": lambda c: c.user_count,
    "login": lambda c: -(c.last_login or _EPOCH).timestamp(),
    "sent": lambda c: c.emails_sent_30d,
}


def sort_clients(clients: Sequence[ClientSummary], sort: str, descending: bool) -> tuple[ClientSummary, ...]:
    """``clients`` in the view's order; equal values (and ``name`` ascending) in the console's name order."""
    by_name = sorted(clients, key=lambda c: (c.name.casefold(), c.id))
    key = _KEYS.get(sort)
    if key is None:
        return tuple(reversed(by_name)) if descending else tuple(by_name)
    return tuple(sorted(by_name, key=key, reverse=descending))


def manage_sort(sort: str, descending: bool) -> tuple[str, bool]:
    """The view's sort as Manage Clients' (sort key, reversed)."""
    return sort, descending != MANAGE_DESCENDING.get(sort, False)
