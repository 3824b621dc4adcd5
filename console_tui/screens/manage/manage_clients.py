"""Manage Clients (DOMAIN.md section B; Administrators only, R-ACC-3).

Every client, lead and prospect — removed ones behind the filter — with its tags (R-MC-2), users,
last client-user login and emails sent this billing cycle. The rows load once in a thread (one
flat query, fast at 10,000 clients); sorting (``s``), filtering (``f``) and the name search (``/``)
happen in memory, and the table is virtual. ``enter`` opens the client's options menu (R-OPT-1,
Switch to Manage first), ``n`` adds a client (R-MC-1), ``m`` opens the page menu (R-MC-4),
``t`` changes the client's status (R-CAP-1; reactivating on a full plan is refused with both ways
out, R-CAP-3) and ``P`` purges a removed company after its name is typed (R-OPT-9's purge).
Anyone else is refused with the role needed, by the app's key and again by the query (R-ACC-4).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Sequence

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Footer, Input, Static

from console_tui.clock import local_today
from console_tui.data.views.bulk import BulkResult
from console_tui.data.views.console import ConsoleOverview
from console_tui.data.views.manage import ManageList, ManageRow
from console_tui.data.views.saved import SavedView
from console_tui.display import clip, safe
from console_tui.export import ExportTable
from console_tui.screens.base import as_of_text, post_load
from console_tui.screens.exporting import Exporting
from console_tui.screens.lazy import OverviewScreen
from console_tui.screens.manage.manage_status import StatusAndPurge
from console_tui.screens.search_filter import SearchFiltering
from console_tui.screens.selecting import Selecting
from console_tui.services.manage import ManageServices
from console_tui.ui import keys
from console_tui.ui.messages import DatabaseStateChanged, Loaded, LoadFailed
from console_tui.ui.workers import work
from console_tui.viewmodels.manage_rows import EXPORT_COLUMNS, SORTS, Filters, cells, export_row, select_rows, tone
from console_tui.viewmodels.search_filter import LineQuery
from console_tui.viewmodels.view_sort import manage_sort
from console_tui.widgets.db_banner import DbBanner
from console_tui.widgets.management_bar import CapacityLine
from console_tui.widgets.notice import Notice
from console_tui.widgets.search_line import SearchLine
from console_tui.widgets.status_line import StatusLine
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar

log = logging.getLogger(__name__)
WIDE = 110  # from this width the table has a Kind column and longer headings

NARROW_COLUMNS = (Column("Client", None), Column("Tags", None), Column("Users", 5, "right"),
                  Column("Last login", 11), Column("Sent", 8, "right"))
WIDE_COLUMNS = (Column("Client", 32), Column("Kind", 8), Column("Tags", None), Column("Users", 6, "right"),
                Column("Last login", 12), Column("Sent (cycle)", 12, "right"))


class ManageClientsScreen(OverviewScreen, SearchFiltering, StatusAndPurge, Exporting, Selecting):
    """The administrators' list of every client record."""

    BINDINGS = [*keys.bindings("back"), *keys.bindings("manage")]
    PALETTE_SCOPES = ("manage", "back")
    DEFAULT_CSS = """
    ManageClientsScreen #manage-bar { height: 1; background: $surface; }
    ManageClientsScreen #manage-search { width: 1fr; max-width: 40; margin-left: 1; }
    ManageClientsScreen #manage-filters { width: 1fr; color: $text-secondary; padding: 0 1; text-align: right; }
    ManageClientsScreen #manage-detail { height: 2; padding: 0 1; background: $panel;
                                         text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, overview: ConsoleOverview) -> None:
        super().__init__()
        self.overview = overview
        self.data: ManageList | None = None
        self.shown: list[ManageRow] = []
        self.filters = Filters()
        self.sort, self.reverse = "name", False
        self.view: SavedView | None = None  # the saved view in force: its name shows in the bar
        self._wide: bool | None = None
        self._stale = False
        self._keep_id: int | None = None
        self._lines: dict[int, tuple[tuple[str, ...], str | None]] = {}  # row id -> (cells, tone)
        self._good = LineQuery("")  # the search line's last text that could be applied

    def compose(self) -> ComposeResult:
        yield TitleBar("Manage Clients", self.overview.agency_name)
        yield DbBanner()
        yield StatusLine("Loading clients…", id="status")
        yield Notice()
        yield CapacityLine(id="manage-capacity")
        with Horizontal(id="manage-bar"):
            yield SearchLine("#manage-table", placeholder="/ search by name", id="manage-search")
            yield Static("", id="manage-filters", markup=False)
        yield TableView(NARROW_COLUMNS, empty="No clients match.", id="manage-table")
        yield Static("", id="manage-detail", markup=False)
        yield Footer()

    @property
    def table(self) -> TableView:
        return self.query_one("#manage-table", TableView)

    @property
    def search_results(self) -> TableView:
        return self.table

    @property
    def search(self) -> SearchLine:
        return self.query_one("#manage-search", SearchLine)

    def on_mount(self) -> None:
        self.search.on_query(self._searched)
        self.start_search_filtering()
        self.table.marked = lambda index: self.shown[index].id in self.selection
        self.table.focus()
        self.action_reload()

    # --- loading -------------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.status.show_loading("Loading clients…" if self.data is None else "Reloading clients…")
        self._load(self.app.manage)
        self.reload_facts()

    @work(thread=True, exclusive=True, group="manage-load")
    def _load(self, manage: ManageServices) -> None:
        post_load(self, "manage", manage.clients)

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        self.app.database_answered()
        if message.what == "statuses":
            self.pick_status(message.data)
            return
        current = self.current
        keep = self._keep_id if self._keep_id is not None else (current.id if current else None)
        self._keep_id = None
        self.data = message.data
        if self.selection:  # a client no longer listed (purged) is not selected
            self.selection.keep({row.id for row in self.data.rows})
        self._lines = {}
        self.query_one(TitleBar).show_as_of(as_of_text(self.app.clock))
        self.query_one(CapacityLine).show_warning(self.data.capacity_warning)
        self._show(keep)

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.refuse(message.message)

    def on_database_state_changed(self, message: DatabaseStateChanged) -> None:
        """The database came back: show current data again."""
        if message.available:
            self.action_reload()

    def data_changed(self) -> None:
        """A change here or on a screen above: reload when this screen is back in front."""
        self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale and self.data is not None:
            self._stale = False
            self.action_reload()

    # --- showing -------------------------------------------------------------------------------

    def on_resize(self) -> None:
        if self.data is not None and (self.size.width >= WIDE) != self._wide:
            self._show(self.current.id if self.current else None)

    def _show(self, keep_id: int | None = None) -> None:
        data = self.data
        if data is None:
            return
        wide = self.size.width >= WIDE
        table = self.table
        if wide != self._wide:
            self._wide = wide
            self._lines = {}
            table.columns = WIDE_COLUMNS if wide else NARROW_COLUMNS
        if not self._lines:  # once per load (or width change): typing and sorting only pick lines
            clock = self.app.clock
            today, tz = local_today(clock), clock.tz
            self._lines = {r.id: (cells(r, wide, today, tz), tone(r)) for r in data.rows}
        self.shown = self._select(data.rows)
        lines = [self._lines[r.id] for r in self.shown]
        table.set_rows([cells for cells, _tone in lines], [tone for _cells, tone in lines])
        if keep_id is not None:
            index = next((i for i, r in enumerate(self.shown) if r.id == keep_id), None)
            if index is not None:
                table.move_to(index)
        self._describe()
        self._detail()

    def _searched(self, value: str) -> None:
        """Plain words: the name search; a filter: the rows it holds for, in the table's order; a line
        that cannot be read (or waits for the facts) keeps the rows shown."""
        line = self.read_search(value)
        if line is None:
            self.show_search_trouble()
            return
        self._good = line
        self._show(self.current.id if self.current else None)

    def _select(self, rows: Sequence[ManageRow]) -> list[ManageRow]:
        """The rows the picked filters, the search line and the sort show."""
        line = self._good
        if not line.is_filter:
            return select_rows(rows, self.filters, line.text, self.sort, self.reverse)
        picked = select_rows(rows, self.filters, "", self.sort, self.reverse)
        return [picked[i] for i in self.kept_positions(line, [row.id for row in picked])]

    def export_table(self) -> ExportTable | None:
        """The rows shown: the search, the filters and the sort applied."""
        return None if self.data is None else ExportTable("manage-clients", EXPORT_COLUMNS,
                                                          [export_row(row) for row in self.shown])

    def _describe(self) -> None:
        data = self.data
        if data is None:
            return
        order = SORTS[self.sort] + (" (reversed)" if self.reverse else "")
        self.query_one("#manage-filters", Static).update(Content(f"{self.filters.describe()} · sort: {order}"))
        if self.show_search_trouble():
            return
        removed = sum(1 for r in data.rows if r.removed_at is not None)
        total = f"{len(data.rows) - removed:,}" + (
            f" (+{removed:,} removed)" if self.filters.removed != "hidden" else "")
        if selected := self.selection_text():
            self.status.ready(f"{selected} · {len(self.shown):,} shown of {total}")
            return
        self.status.ready(
            f"{len(self.shown):,} shown of {total} · Sent: emails this billing cycle ({data.cycle_label})")

    @property
    def current(self) -> ManageRow | None:
        if not self.shown:
            return None
        return self.shown[min(self.table.cursor, len(self.shown) - 1)]

    def _detail(self) -> None:
        row = self.current
        detail = self.query_one("#manage-detail", Static)
        if row is None:
            detail.update("")
            return
        counted = "counted toward the plan" if row.counted else "not counted toward the plan"
        first = Content.assemble((clip(safe(row.name), 40), "bold"), f" — {row.kind} · {safe(row.status)} · ",
                                 f"sender {row.sender_status} · {counted}")
        if row.removed_at is not None:
            second = Content(
                f"Removed on {row.removed_at.date().isoformat()}: its users are blocked; its data is kept.")
        else:
            second = Content("Tags: " + (" · ".join(safe(t) for t in row.tags) or "none"))
        detail.update(Content.assemble(first, "\n", second))

    def on_table_view_highlighted(self, message: TableView.Highlighted) -> None:
        self._detail()

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()
        self.action_options()

    # --- search, filter, sort ----------------------------------------------------------------

    def action_search(self) -> None:
        """``/``: into the search line as the key is read; in the line, ``/`` is typed."""
        if self.focused is self.search:
            raise SkipAction()
        self.set_focus(self.search)

    def action_filter(self) -> None:
        if self.data is None:
            return
        from console_tui.screens.dialogs.filter_picker import FilterPicker

        def chosen(filters: Filters | None) -> None:
            if filters is not None and filters != self.filters:
                self.filters = filters
                self._show(self.current.id if self.current else None)

        rows, line = self.data.rows, self._good
        if line.is_filter:  # the picker counts among the rows the search line's filter keeps
            rows = tuple(rows[i] for i in self.kept_positions(line, [row.id for row in rows]))
        self.app.push_screen(FilterPicker(rows, self.filters, "" if line.is_filter else line.text), chosen)

    def action_sort(self) -> None:
        order = list(SORTS)
        self.sort = order[(order.index(self.sort) + 1) % len(order)]
        self._show(self.current.id if self.current else None)

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._show(self.current.id if self.current else None)

    def action_views(self) -> None:
        """``v``: pick a saved view; its filter goes in the search line and its sort orders the table."""
        from console_tui.screens.dialogs.view_picker import ViewPicker

        self.app.push_screen(ViewPicker(self.view.name if self.view else None), self.apply_view)

    def apply_view(self, view: SavedView | None) -> None:
        if view is None:
            return
        self._show_view(view)
        self.sort, self.reverse = manage_sort(view.sort, view.descending)
        if self.search.value == view.filter:
            self._show(self.current.id if self.current else None)
        else:
            self.search.value = view.filter  # the search line shows the table again, sorted

    def on_input_changed(self, event: Input.Changed) -> None:
        """A changed search line ends the view: its name leaves the bar (the sort stays, as ``s`` left it)."""
        if event.input is self.search and self.view is not None and event.value != self.view.filter:
            self._show_view(None)

    def _show_view(self, view: SavedView | None) -> None:
        """The saved view in force, named in the title bar (R-VIEW-2)."""
        self.view = view
        hint = "▸ " + clip(safe(view.name), 24) if view else ""
        self.query_one(TitleBar).show_subject(self.overview.agency_name, hint)

    def action_back(self) -> None:
        """``esc`` clears the selection, then the search, then the filters, then goes back."""
        if self.drop_selection():
            return
        if self.search.value:
            self.search.value = ""
            self.table.focus()
        elif self.filters.active:
            self.filters = Filters()
            self._show(self.current.id if self.current else None)
        elif self.focused is self.search:
            self.table.focus()
        else:
            self.dismiss()

    # --- selecting clients for a bulk change (screens/selecting.py) ------------------------------------

    def selection_shown(self) -> Iterable[int]:
        return [row.id for row in self.shown]

    def selection_cursor(self) -> int | None:
        row = self.current
        return None if row is None else row.id

    def selection_move(self, delta: int) -> None:
        self.table.move_to(self.table.cursor + delta)

    def selection_painted(self, ids: Collection[int] | None) -> None:
        self.table.refresh()
        self._describe()

    def selection_role(self) -> str | None:
        return self.overview.user_role

    def bulk_changed(self, result: BulkResult) -> None:
        super().bulk_changed(result)
        self._stale = False
        self.action_reload()

    # --- acting ------------------------------------------------------------------------------

    def _selected(self) -> ManageRow | None:
        row = self.current
        if row is None:
            self.say("No client is selected.")
        return row

    def action_options(self) -> None:
        row = self._selected()
        if row is None:
            return
        from console_tui.screens.options.menu import ClientOptionsScreen

        self.app.push_screen(ClientOptionsScreen(row.id, row.name))

    def action_add(self) -> None:
        from console_tui.screens.manage.add_client import AddClientScreen, WizardResult

        def finished(result: WizardResult | None) -> None:
            if result is None:
                return
            if result.client_id is not None:
                self._keep_id = result.client_id
                self.search.value = ""
                self.filters = Filters()
                self.action_reload()
            elif result.free_up:
                self.free_up()

        self.app.push_screen(AddClientScreen(), finished)

    def free_up(self) -> None:
        """List the counted clients, to suspend or remove one (R-CAP-3's second way out)."""
        self.filters = Filters(kind=frozenset({"client"}))
        self._show()
        self.notify("Counted clients are listed: press t on one to suspend it, or enter, then Remove Company.",
                    title="Free a place on the plan", timeout=10)

    def action_page_menu(self) -> None:
        from console_tui.screens.manage.page_menu import PageItem, PageMenu, open_page_safely

        def chosen(item: PageItem | None) -> None:
            if item is not None:
                open_page_safely(self.app, item)

        self.app.push_screen(PageMenu(self.overview.user_role), chosen)

