"""The Client Management Console (DOMAIN.md section A): bar, status, one virtual client list.

Data arrives from a thread worker as :class:`OverviewLoaded`; a one-shot probe timer, re-armed
after each finished check, reloads when the nightly rollup has produced new figures (a timer
re-armed after each check rather than a fixed interval, R-CMC-4) — in this process or another.
Searching filters the loaded clients in memory. The probe is also the database health check while
the database is healthy: it runs every few seconds so an outage shows within 5 s; while the
database is away the app's health monitor checks instead, and the console reloads when it is back.
A change made on a screen above swaps just that client's card, or, when the list itself may have
changed, reloads it once the console is back in front (:class:`~console_tui.ui.messages.DataChanged`).
Under the management bar, the plan's advance warning (R-CAP-2) shows while it applies: loaded with
the overview and again each time the console is back in front (after a plan change, an added
client, a status change). Each card's attention mark (R-ATT-4) loads in a thread once the whole
list is shown, and again after each reload and each change made above (a snooze on the ``!``
screen reloads the list when the console is back in front).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import datetime
from enum import Enum

from textual import getters
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from console_tui.clock import Clock, local_today
from console_tui.data.views.bulk import BulkResult, Outcome
from console_tui.data.views.console import ClientSummary, ConsoleOverview
from console_tui.data.views.saved import SavedView
from console_tui.display import safe, when_text
from console_tui.export import CLIENT_COLUMNS, ExportTable, client_row
from console_tui.screens.base import failure_text
from console_tui.screens.console.changes import ChangeMarks
from console_tui.screens.console.compare_tray import ComparePicking
from console_tui.screens.exporting import Exporting
from console_tui.screens.search_filter import SearchFiltering
from console_tui.screens.selecting import Selecting
from console_tui.services.console import Services
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import (
    ClientRefreshed,
    DatabaseStateChanged,
    DataChanged,
    Loaded,
    LoadFailed,
    MetricsChecked,
    OverviewLoaded,
    RollupFinished,
    SwitchApproved,
)
from console_tui.ui.workers import work
from console_tui.viewmodels.search_filter import LineQuery
from console_tui.viewmodels.view_sort import sort_clients
from console_tui.widgets.client_card import CardPainter
from console_tui.widgets.client_keys import ClientKeys
from console_tui.widgets.client_list import ClientList
from console_tui.widgets.client_search import ClientIndex, Matches
from console_tui.widgets.column_header import ColumnHeader
from console_tui.widgets.db_banner import DbBanner
from console_tui.widgets.management_bar import CapacityLine, ManagementBar
from console_tui.widgets.search_line import SearchLine
from console_tui.widgets.status_line import StatusLine

log = logging.getLogger(__name__)

#: Seconds between checks for a newer nightly rollup (a one-row read). The same read is the
#: health check while the database is healthy, so an outage shows within 5 seconds.
PROBE_SECONDS = 3.0
class Step(Enum):
    """The console's first load comes in steps, each painted before the next starts so that its query
    does not compete with the painting: the first screenful (:meth:`Services.first_overview`, as quick
    for 50,000 clients as for 50), every client, then their Recent Places. A reload is one step."""

    FIRST = "first"
    CLIENTS = "clients"
    COMPLETE = "complete"


#: A bulk change of up to this many clients swaps their cards; more reloads the list.
SWAP_CARDS_UP_TO = 20


class ConsoleScreen(ChangeMarks, SearchFiltering, Exporting, ComparePicking, Selecting, Screen[None]):
    """The agency's first screen: every client it may access, with the four sections."""

    app = getters.app(ConsoleHost)

    BINDINGS = keys.bindings("console")
    PALETTE_SCOPES = ("console",)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    DEFAULT_CSS = """
    ConsoleScreen.-narrow ColumnHeader { display: none; }
    /* a saved view's name takes the room of the bar's two links (m and o still open them) */
    ConsoleScreen.-narrow ManagementBar.-view > #manage, ConsoleScreen.-narrow ManagementBar.-view > #portal {
        display: none;
    }
    ConsoleScreen ClientList { height: 1fr; }
    """

    def __init__(self, clock: Clock, portal_url: str, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.clock = clock
        self.portal_url = portal_url
        self.cursor_blink = cursor_blink
        self.overview: ConsoleOverview | None = None
        self.complete = False  # Recent Places loaded too
        self.index = ClientIndex(())
        self._probe_timer: Timer | None = None
        self._stale = False  # a Manage Clients change: reload when the console is back in front
        self._tray_shown = ""  # what the status line last said about the compare tray
        self.view: SavedView | None = None  # the saved view in force: its name shows in the bar
        self.order: tuple[str, bool] | None = None  # a view's sort (field, descending); None: by name
        self._good = LineQuery("")  # the search line's last text that could be applied

    def compose(self) -> ComposeResult:
        yield ManagementBar(self.portal_url, cursor_blink=self.cursor_blink)
        yield CapacityLine()
        yield DbBanner()
        yield StatusLine("Loading clients…", id="status")
        yield ColumnHeader()
        yield ClientList(CardPainter(local_today(self.clock), self.clock.tz), id="clients")
        yield ClientKeys()  # a fixed line: a cursor move never shifts the list
        yield Footer()

    @property
    def services(self) -> Services:
        return self.app.services

    @property
    def clients(self) -> ClientList:
        return self.query_one(ClientList)

    @property
    def search_results(self) -> ClientList:
        return self.clients

    @property
    def search(self) -> SearchLine:
        return self.query_one(ManagementBar).search

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def on_mount(self) -> None:
        # The search line filters on its value (not waiting for Input.Changed): in the same frame as
        # the keystroke is drawn, one repaint per key instead of two; then the cursor goes to the top.
        self.search.on_query(self._filter)
        self.start_search_filtering()
        self.clients.marked = self.selection
        self.clients.focus()
        self.action_reload()

    # --- loading -------------------------------------------------------------------------------

    def action_reload(self) -> None:
        self._stale = False
        self.status.show_loading("Loading clients…" if self.overview is None else "Reloading clients…")
        self._load(self.services, self._warn_pct, Step.FIRST if self.overview is None else Step.COMPLETE)
        self.reload_facts()

    @property
    def _warn_pct(self) -> int:
        return self.app.settings.capacity_warning_pct

    @work(thread=True, exclusive=True, group="overview")
    def _load(self, services: Services, warn_pct: int, step: Step) -> None:
        """One step of the load (:class:`Step`); after the complete one, the plan warning (R-CAP-2)."""
        worker = get_current_worker()
        try:
            if step is Step.FIRST:
                overview = services.first_overview()
            else:
                overview = services.overview(with_places=step is Step.COMPLETE)
            if worker.is_cancelled:
                return
            self.post_message(OverviewLoaded(overview, ClientIndex(overview.clients), step is Step.COMPLETE))
        except Exception as error:
            self.post_message(LoadFailed("overview", failure_text(error, loading=True)))
            return
        if step is Step.COMPLETE:
            self._check_capacity(services, warn_pct)

    def _check_capacity(self, services: Services, warn_pct: int) -> None:
        """In a thread: the plan warning, or None (R-CAP-2). A failure keeps the line as it was."""
        from console_tui.services.admin import capacity_banner  # the admin queries load on first use

        try:
            self.post_message(Loaded("capacity", capacity_banner(services, warn_pct)))
        except Exception:  # the overview's own load reports the database; this line just waits
            log.info("the plan warning could not be read", exc_info=True)

    @work(thread=True, exclusive=True, group="capacity")
    def _load_capacity(self, services: Services, warn_pct: int) -> None:
        self._check_capacity(services, warn_pct)

    @work(thread=True, exclusive=True, group="marks")
    def _load_marks(self) -> None:
        """The cards' attention marks (R-ATT-4): the queue's rules over every client (~0.6 s at 10,000),
        so only once the list is shown. A failure keeps the marks as they were (the list's own load
        reports the database)."""
        worker = get_current_worker()
        try:
            marks = self.app.admin.attention_marks()
            if not worker.is_cancelled:  # a newer load is under way: its marks are the current ones
                self.post_message(Loaded("marks", marks))
        except Exception:
            log.info("the attention marks could not be read", exc_info=True)

    def on_loaded(self, message: Loaded) -> None:
        if message.what == "capacity":
            message.stop()
            self.query_one(CapacityLine).show_warning(message.data)
        elif message.what == "marks":
            message.stop()
            self.app.database_answered()
            self.clients.set_marks(message.data)
        elif message.what == "changes":
            message.stop()
            self.app.database_answered()
            self.show_changes(message.data)
            self._show_status()
        elif message.what == "briefing":
            message.stop()
            self.show_briefing(message.data)

    def on_screen_resume(self) -> None:
        """Back in front: a Manage Clients change reloads the list; the plan warning is read again."""
        if self.overview is None:
            return  # the first load is running
        if self.app.compare_tray.status() != self._tray_shown:  # picked or put back above; else a
            self._show_status()  # message shown as the screen above closed ("Export: cancelled…") stays
        if self._stale:
            self.action_reload()
        else:
            self._load_capacity(self.services, self._warn_pct)

    def on_data_changed(self, message: DataChanged) -> None:
        """A change on a screen above: swap that client's card, or reload the list when back in front."""
        if message.client_id is None:
            self._stale = True  # added, purged or its status changed: the list itself may change
        else:
            self._refresh_client(self.services, message.client_id)
            self.reload_facts()
            self._load_marks()
            self._load_changes()

    def on_overview_loaded(self, message: OverviewLoaded) -> None:
        first = self.overview is None
        self.app.database_answered()
        self._apply(message)
        if first:  # the first frame with client rows: now the background jobs may start
            self.call_after_refresh(self.app.start_background_jobs)
        if not message.complete:  # painted first; then every client, or Recent Places
            step = Step.CLIENTS if message.overview.partial else Step.COMPLETE
            self.call_after_refresh(self._load, self.services, self._warn_pct, step)
        else:
            self._load_marks()
            self._load_changes()
            self.brief_once_a_day()

    def _apply(self, message: OverviewLoaded, *, collect: bool = True) -> None:
        if self.order is not None:  # loads and swapped cards come by name: put them in the view's order
            clients = sort_clients(message.overview.clients, *self.order)
            message = OverviewLoaded(replace(message.overview, clients=clients), ClientIndex(clients), message.complete)
        self.overview, self.index, self.complete = message.overview, message.index, message.complete
        if self.selection and not self.overview.partial:  # a client no longer shown to this user is not selected
            self.selection.keep(self.index.positions)
        self.query_one(ManagementBar).show_agency(self.overview.agency_name, self.overview.agency_utilization)
        self.clients.empty_text = self._empty_text(self._good.text)
        self.clients.set_clients(self.overview.clients, self._shown_for(self._good))
        self._show_status()
        # Not for one card swapped after a change (a full pass costs ~150 ms at 10k), nor before the
        # quick first frame (the complete load follows at once).
        if collect and message.complete:
            self.app.collector.keep_out(len(self.overview.clients))
        if message.complete:
            self._arm_probe()

    def on_load_failed(self, message: LoadFailed) -> None:
        if message.what == "client":
            return  # a card could not be refreshed; the next reload shows it
        if message.what == "switch":
            self.notify(message.message, title="Cannot switch into the client", severity="warning")
            return
        if message.what == "briefing":
            self.say(f"Morning briefing: {message.message}")
            return
        if message.what == "overview":
            self.status.failed(message.message)
        self._arm_probe()

    def _arm_probe(self) -> None:
        if self._probe_timer is not None:
            self._probe_timer.stop()
            self._probe_timer = None
        if not self.app.database_available():
            return  # the health monitor checks while the database is away; we reload when it is back
        self._probe_timer = self.set_timer(PROBE_SECONDS, lambda: self._probe(self.services))

    @work(thread=True, exclusive=True, group="probe")
    def _probe(self, services: Services) -> None:
        try:
            self.post_message(MetricsChecked(services.metrics_as_of()))
        except Exception as error:
            self.post_message(LoadFailed("probe", failure_text(error)))

    def on_metrics_checked(self, message: MetricsChecked) -> None:
        self.app.database_answered()
        if self.overview is None or message.as_of != self.overview.as_of:
            self.action_reload()
        else:
            self._arm_probe()

    def on_rollup_finished(self, message: RollupFinished) -> None:
        """The nightly rollup finished in this process: new figures and a new "as of" (R-CMC-4)."""
        self.notify(f"The nightly figures for {message.day:%d %b} are ready; reloading.", timeout=4)
        self.action_reload()

    def on_database_state_changed(self, message: DatabaseStateChanged) -> None:
        if message.available:
            self.action_reload()  # current data again; re-arms the probe when loaded
        elif self._probe_timer is not None:
            self._probe_timer.stop()
            self._probe_timer = None

    # --- one client changed ------------------------------------------------------------------------

    @work(thread=True, group="client-refresh")
    def _refresh_client(self, services: Services, client_id: int) -> None:
        try:
            self.post_message(ClientRefreshed(services.client_summary(client_id), client_id))
        except Exception as error:  # the card stays as it was; r reloads everything
            self.post_message(LoadFailed("client", failure_text(error, loading=True)))

    def on_client_refreshed(self, message: ClientRefreshed) -> None:
        """Swap the client's card; a renamed client moves to its place in the order."""
        overview, client = self.overview, message.client
        position = self.index.positions.get(message.client_id)
        if overview is None or position is None:
            return
        if client is None:  # no longer visible to this user: a full reload says so
            self.action_reload()
            return
        clients = list(overview.clients)
        renamed = clients[position].name != client.name
        clients[position] = client
        if renamed:
            clients.sort(key=lambda summary: (summary.name.casefold(), summary.id))
        index = ClientIndex(clients) if renamed else self.index
        self._apply(OverviewLoaded(replace(overview, clients=tuple(clients)), index, self.complete), collect=False)

    def _show_status(self) -> None:
        overview = self.overview
        if overview is None:
            return
        if self.show_search_trouble():
            return
        total = overview.total
        as_of = self._as_of_text(overview.as_of)
        query = self._good.text.strip()  # what the list shows: while a field's name is typed, the line before
        if selected := self.selection_text():
            text = Content(f"{selected} · {total:,} clients · {as_of}")
        elif query:
            text = Content.assemble(
                f"{self.clients.shown_count:,} of {total:,} clients match “", (safe(query), "bold"),
                f"” · esc clears · {as_of}",
            )
        else:
            noun = "client" if total == 1 else "clients"
            who = f"{safe(overview.user_login)} ({overview.user_role})"
            text = Content(f"{total:,} {noun}{self.changes_text()} · {as_of} · you: {who}")
        self._tray_shown = tray = self.app.compare_tray.status()
        if tray:
            text = Content.assemble(text, f" · {tray}")
        if overview.partial:
            text = Content.assemble(text, " · loading the rest…")
        elif not self.complete:
            text = Content.assemble(text, " · loading recent places…")
        self.status.ready(text)

    def _as_of_text(self, as_of: datetime | None) -> str:
        if as_of is None:
            return "metrics not computed yet (the nightly rollup has not run)"
        return f"metrics as of {when_text(as_of, self.clock.tz)}"

    # --- saved views ---------------------------------------------------------------------------

    def action_views(self) -> None:
        """``v``: pick a saved view; its filter goes in the search line and its sort orders the list."""
        from console_tui.screens.dialogs.view_picker import ViewPicker

        self.app.push_screen(ViewPicker(self.view.name if self.view else None), self.apply_view)

    def apply_view(self, view: SavedView | None) -> None:
        if view is None:
            return
        self.view = view
        self._order((view.sort, view.descending))
        self.search.value = view.filter
        self.query_one(ManagementBar).show_view(view.name)

    def _order(self, order: tuple[str, bool] | None) -> None:
        self.order = order
        if self.overview is not None:
            clients = sort_clients(self.overview.clients, *(order or ("name", False)))
            self._apply(OverviewLoaded(replace(self.overview, clients=clients), ClientIndex(clients), self.complete),
                        collect=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """A changed search line ends the view (its name leaves the bar); a cleared one its sort too."""
        if event.input is not self.search:
            return
        if self.view is not None and event.value != self.view.filter:
            self.view = None
            self.query_one(ManagementBar).show_view(None)
        if self.order is not None and not event.value.strip():
            self._order(None)

    # --- search --------------------------------------------------------------------------------

    def _filter(self, value: str) -> None:
        """Plain words: the name search (substring, then fuzzy); a filter: the clients it holds for, in
        the list's order; a line that cannot be read (or waits for the facts) keeps the last result."""
        line = self.read_search(value)
        if line is not None:
            self._good = line
            self.clients.empty_text = self._empty_text(value)
            self.clients.show(self._shown_for(line))
            # now, not when the list's Highlighted message comes round: the keys line is then painted
            # in the same frame as the results (the message finds it up to date)
            self.query_one(ClientKeys).show(self.clients.current)
        self._show_status()

    def _shown_for(self, line: LineQuery) -> Matches | None:
        if not line.is_filter:
            return self.index.search(line.text)
        if self.facts is None:  # loaded again since: the facts follow
            return None
        return Matches(self.kept_positions(line, self.index.ids))

    def _empty_text(self, query: str) -> str:
        if self.overview is not None and self.overview.partial:
            return "Loading the rest of the clients…"
        if query.strip():
            return "No client matches the search; esc clears it."
        return "No clients to show: none exist yet, or none are assigned to you."

    def action_focus_search(self) -> None:
        """``/`` moves into the search line as the key is read (a priority key, so what is typed right
        after it lands there); in the line itself, ``/`` is typed."""
        if self.focused is self.search:
            raise SkipAction()
        self.set_focus(self.search)

    def action_clear_or_back(self) -> None:
        if self.drop_selection():
            return
        if self.search.value:
            self.search.value = ""
        self._focus_list()

    def _focus_list(self) -> None:
        """Focus the list unless it has the focus already (``focus()`` repaints the whole widget
        even then: an escape on the list would rewrite every card on the terminal)."""
        if self.focused is not self.clients:
            self.clients.focus()

    def jump_to(self, client_id: int) -> None:
        """Show ``client_id`` under the cursor, clearing a search that hides it."""
        if not self.clients.move_to(client_id):
            self.search.value = ""
            self.clients.show(None, keep_id=client_id)
            self._show_status()
        self._focus_list()

    # --- acting on the client under the cursor ------------------------------------------------

    def _current(self) -> ClientSummary | None:
        client = self.clients.current
        if client is None:
            self.notify("No client is selected.", severity="warning")
        return client

    def compare_pick(self) -> tuple[int, str] | None:
        client = self._current()
        return None if client is None else (client.id, client.name)

    def action_switch_in(self) -> None:
        if client := self._current():
            self._check_switch(self.services, client)

    def on_client_list_highlighted(self, message: ClientList.Highlighted) -> None:
        self.query_one(ClientKeys).show(message.client)

    def on_client_list_chosen(self, message: ClientList.Chosen) -> None:
        self._check_switch(self.services, message.client)

    @work(thread=True, exclusive=True, group="switch")
    def _check_switch(self, services: Services, client: ClientSummary) -> None:
        try:
            services.check_switch_into(client.id)
        except Exception as error:
            self.post_message(LoadFailed("switch", failure_text(error)))
        else:
            self.post_message(SwitchApproved(client))

    def on_switch_approved(self, message: SwitchApproved) -> None:
        self.app.enter_client(message.client)

    # --- export (ctrl+e): the clients shown, in the order shown ---------------------------------------

    def export_table(self) -> ExportTable | None:
        if self.overview is None:
            return None
        return ExportTable("clients", CLIENT_COLUMNS, [client_row(client) for client in self.clients.shown])

    def say(self, text: str) -> None:
        """A word about what happened, on the status line (the console has no notice)."""
        self.status.ready(text)

    def refuse(self, text: str, short: str = "") -> None:
        self.status.failed(text)

    # --- selecting clients for a bulk change (screens/selecting.py) ------------------------------------

    def selection_shown(self) -> Iterable[int]:
        return [client.id for client in self.clients.shown]

    def selection_cursor(self) -> int | None:
        client = self.clients.current
        return None if client is None else client.id

    def selection_move(self, delta: int) -> None:
        if delta > 0:
            self.clients.action_cursor_down()
        else:
            self.clients.action_cursor_up()

    def selection_painted(self, ids: Collection[int] | None) -> None:
        self.clients.refresh_marks(ids)
        self._show_status()

    def selection_role(self) -> str | None:
        return None if self.overview is None else self.overview.user_role

    def bulk_changed(self, result: BulkResult) -> None:
        """A few clients changed: their cards are swapped; more: the list is read again."""
        changed = [row.client_id for row in result.rows if row.outcome is Outcome.CHANGE]
        if len(changed) > SWAP_CARDS_UP_TO:
            self.action_reload()
            return
        for client_id in changed:
            self._refresh_client(self.services, client_id)
        self.reload_facts()

    def action_open(self, name: str) -> None:
        """Open the key table row ``name``'s screen for the client under the cursor (its permission
        checked first): ``open('console.billing')``."""
        if client := self._current():
            self.app.open_client_screen(name, client)
