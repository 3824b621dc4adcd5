"""The administration screens' client picker: :class:`ClientPicker` → ``ClientRef | None`` finds
a client among thousands by typing. (Their questions are the one
:class:`~console_tui.screens.dialogs.confirm.Confirm`.)

Every line shown is plain text (``Content``), never markup: names are data.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.agency import ClientRef
from console_tui.display import clip, safe
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.search_line import SearchLine
from console_tui.widgets.table_view import Column, TableView


class ClientPicker(Dialog[ClientRef | None]):
    """Type part of a name (or ``#id``); ``down`` into the list, ``enter`` chooses, ``esc`` closes."""

    WIDE = True
    BINDINGS = keys.bindings("dialog", only=("dialog.cancel",))
    DEFAULT_CSS = """
    ClientPicker TableView { height: auto; max-height: 12; }
    ClientPicker Input { margin-bottom: 1; }
    """

    def __init__(self, title: str, clients: Sequence[ClientRef]) -> None:
        super().__init__()
        self.title_text = title
        self.clients = tuple(clients)
        self._lowered = [client.name.casefold() for client in self.clients]
        self.shown: list[ClientRef] = list(self.clients)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            yield SearchLine("#picker-clients", placeholder="Type part of the client's name, or #id", id="picker-find")
            yield AdminTable([Column("Client", None), Column("Id", 8, "right")], empty="No client matches.",
                            id="picker-clients")
            yield Static(Content("enter: choose · ↓: into the list · esc: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill()
        search = self.query_one(SearchLine)
        search.on_query(self._filter)
        search.focus()

    def _filter(self, query: str) -> None:
        text = " ".join(query.split()).casefold()
        if text.startswith("#") and text[1:].isdigit():
            self.shown = [c for c in self.clients if c.id == int(text[1:])]
        else:
            self.shown = [c for c, low in zip(self.clients, self._lowered, strict=True) if text in low]
        self._fill()

    def _fill(self) -> None:
        self.query_one(TableView).set_rows([(clip(safe(c.name), 60), f"#{c.id}") for c in self.shown])

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()
        self._choose(message.index)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.shown):
            self.dismiss(self.shown[index])

    def action_cancel(self) -> None:
        self.dismiss(None)
