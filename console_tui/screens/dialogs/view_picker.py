"""Pick a saved view (R-VIEW-2): the views you see, yours and the shared ones, each with its filter.

It loads them itself in a thread; ``enter`` answers the view chosen (the screen puts its filter in
the search line, applies its sort and shows its name), ``esc`` closes with nothing chosen.
"""

from __future__ import annotations

import logging

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.data.views.saved import SavedView
from console_tui.display import clip, safe
from console_tui.screens.base import post_load
from console_tui.screens.dialogs.base import Dialog
from console_tui.services.console import Services
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import Loaded, LoadFailed
from console_tui.ui.workers import work

log = logging.getLogger(__name__)
NAME_CELLS = 20
KIND_CELLS = 8
SORT_CELLS = 10
FILTER_CELLS = 27  # with the mark and the columns before it: 68 cells, one line in a wide dialog
EMPTY = "No saved views yet. Add one with: console-tui views add NAME --where EXPR"


class ViewPicker(Dialog[SavedView | None]):
    """A list of views: name, shared or private, sort, filter."""

    app = getters.app(ConsoleHost)
    BINDINGS = keys.bindings("dialog", only=("dialog.close",))
    WIDE = True

    def __init__(self, active: str | None = None) -> None:
        super().__init__()
        self.active = active
        self.views: tuple[SavedView, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Saved views", classes="dialog-title")
            yield Static("Loading views…", id="views-state", classes="dialog-body", markup=False)
            yield OptionList(id="views-list")
            yield Static("enter applies the view: its filter and sort · esc closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False
        self._load(self.app.services)

    @work(thread=True, exclusive=True, group="views-load")
    def _load(self, services: Services) -> None:
        post_load(self, "views", services.saved_views)

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        self.views = message.data
        state = self.query_one("#views-state", Static)
        menu = self.query_one(OptionList)
        if not self.views:
            state.update(EMPTY)
            return
        state.display = False
        menu.set_options([Option(self._line(view), id=str(i)) for i, view in enumerate(self.views)])
        menu.highlighted = next((i for i, view in enumerate(self.views) if view.name == self.active), 0)
        menu.display = True
        menu.focus()

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        state = self.query_one("#views-state", Static)
        state.add_class("dialog-error")
        state.update(message.message)

    def _line(self, view: SavedView) -> Content:
        kind = "shared" if view.shared else "private"
        mark = "● " if view.name == self.active else "  "
        return Content.assemble(mark, (f"{clip(safe(view.name), NAME_CELLS):<{NAME_CELLS}}", "bold"), " ",
                                (f"{kind:<{KIND_CELLS}}", "dim"), (f"{view.sort_text:<{SORT_CELLS}}", "dim"),
                                clip(safe(view.filter) or "(all clients)", FILTER_CELLS))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.views[int(event.option.id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)
