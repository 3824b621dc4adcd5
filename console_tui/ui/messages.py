"""Messages shared across screens: how thread workers hand results back (DESIGN.md habit 1).

Workers never touch widgets: they post one of these to the node that started them, and that
node's handler updates reactives and widgets on the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual.message import Message

from console_tui.data.views.console import ClientSummary, ConsoleOverview


@dataclass
class OverviewLoaded(Message):
    """The console's data, and its search index built off the event loop."""

    overview: ConsoleOverview
    index: Any  # console_tui.widgets.client_search.ClientIndex
    complete: bool = True  # False: Recent Places are still loading


@dataclass
class MetricsChecked(Message):
    """The live-refresh probe: when the nightly rollup last finished (R-CMC-4)."""

    as_of: datetime | None


@dataclass
class Loaded(Message):
    """A screen's data arrived; ``what`` names the load for screens with several."""

    what: str
    data: Any


@dataclass
class LoadFailed(Message):
    """A load or a check failed; ``message`` is one readable line (never a traceback)."""

    what: str
    message: str


@dataclass
class SwitchApproved(Message):
    """The acting user may switch into this client (R-ACC-3, R-CMC-5)."""

    client: ClientSummary


@dataclass
class ReturnedToAgency(Message):
    """The user left a client's instance; the console is available again (R-CMC-5)."""

    client_id: int


@dataclass
class Saved(Message):
    """A change was made (``what`` names it; ``result`` is the command's return value)."""

    what: str
    result: Any = None
    note: str = ""  # a sentence for the user: what was done


@dataclass
class SaveFailed(Message):
    """A change was refused or failed; nothing was changed.

    ``message`` is one readable line; ``field_errors`` names the bad fields (ValidationError);
    ``conflict`` is True when someone else saved first (reload, then try again).
    """

    what: str
    message: str
    field_errors: dict[str, str] | None = None
    conflict: bool = False


@dataclass
class ClientChanged(Message):
    """Something shown on a client's card changed (users, name, avatar, recent places)."""

    client_id: int


@dataclass
class ClientRefreshed(Message):
    """One client's summary, read again after a change (the console swaps its card)."""

    client: ClientSummary | None
    client_id: int


@dataclass
class RollupFinished(Message):
    """A nightly rollup finished in this process (issue 5): the console reloads its figures."""

    day: Any  # datetime.date
    as_of: datetime | None = None


@dataclass
class HealthChecked(Message):
    """The database health check's answer: reachable or not."""

    ok: bool
    problem: str = ""


@dataclass
class DatabaseSuspect(Message):
    """A database call failed in a way that may mean an outage: check the health now."""


@dataclass
class DatabaseStateChanged(Message):
    """The database became unavailable (``available`` False) or came back (True)."""

    available: bool
