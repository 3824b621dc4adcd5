"""Messages shared across screens: how thread workers hand results back, and the one signal that
data changed.

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
class FactsLoaded(Message):
    """The filter language's facts for a client search line (``ClientFacts`` of every client shown)."""

    facts: Any  # tuple[console_tui.domain.filters.ClientFacts, ...]; None: they could not be loaded
    failure: str = ""  # why not, one readable line


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
class DataChanged(Message, bubble=False):
    """A change went through: the app posts this to every open screen, which reloads what it shows
    if the change concerns it. ``client_id`` is the client changed; None for agency-wide changes
    (a client added or purged, a status, the plan)."""

    client_id: int | None


@dataclass
class ClientRefreshed(Message):
    """One client's summary, read again after a change (the console swaps its card)."""

    client: ClientSummary | None
    client_id: int


@dataclass
class RollupFinished(Message):
    """A nightly rollup finished in this process: the console reloads its figures."""

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
