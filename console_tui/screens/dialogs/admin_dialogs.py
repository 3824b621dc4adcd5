"""Pickers with a search line: find one entry among many by typing (a
:class:`~console_tui.widgets.search_line.SearchLine` over the list). :class:`ClientPicker` →
``ClientRef | None`` (part of a name, or ``#id``); :class:`StaffPicker` → ``StaffRef | None`` (part of
a name or login). Their questions are the one :class:`~console_tui.screens.dialogs.confirm.Confirm`.

Every line shown is plain text (``Content``), never markup: names are data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.agency import ClientRef
from console_tui.data.views.manage import StaffRef
from console_tui.display import clip, safe
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.search_line import SearchLine
from console_tui.widgets.table_view import Column, TableView

T = TypeVar("T")


def folded(text: str) -> str:
    return " ".join(text.split()).casefold()


class SearchPicker(Dialog[T | None], Generic[T]):
    """Type to narrow the list (the cursor on the first match); ``enter`` chooses, ``down`` goes into
    the list, ``esc`` closes. Subclasses say the columns, the cells of an entry and what matches."""

    WIDE = True
    BINDINGS = keys.bindings("dialog", only=("dialog.cancel",))
    DEFAULT_CSS = """
    SearchPicker TableView { height: auto; max-height: 12; }
    SearchPicker SearchLine { margin-bottom: 1; }
    """
    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    PLACEHOLDER: ClassVar[str] = "Type part of the name"
    EMPTY: ClassVar[str] = "Nothing matches."

    def __init__(self, title: str | Content, entries: Sequence[T], *, empty: str = "") -> None:
        super().__init__()
        self.title_content = Content(title) if isinstance(title, str) else title
        self.entries = tuple(entries)
        self.shown: list[T] = list(self.entries)
        self.empty = empty or self.EMPTY

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_content, classes="dialog-title")
            yield SearchLine("#picker-list", placeholder=self.PLACEHOLDER, id="picker-find")
            yield AdminTable(self.COLUMNS, empty=self.empty, id="picker-list")
            yield Static(Content("enter: choose · ↓: into the list · esc: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill()
        search = self.query_one(SearchLine)
        search.on_query(self._filter)
        search.focus()

    def cells(self, entry: T) -> tuple[str, ...]:
        raise NotImplementedError

    def matches(self, entry: T, text: str) -> bool:
        """Whether ``entry`` matches ``text`` (folded: spaces collapsed, case-folded)."""
        raise NotImplementedError

    def _filter(self, query: str) -> None:
        text = folded(query)
        self.shown = [entry for entry in self.entries if self.matches(entry, text)]
        self._fill()

    def _fill(self) -> None:
        self.query_one(TableView).set_rows([self.cells(entry) for entry in self.shown])

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()
        if 0 <= message.index < len(self.shown):
            self.dismiss(self.shown[message.index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ClientPicker(SearchPicker[ClientRef]):
    """A client among thousands: part of its name, or ``#id``."""

    COLUMNS = (Column("Client", None), Column("Id", 8, "right"))
    PLACEHOLDER = "Type part of the client's name, or #id"
    EMPTY = "No client matches."

    def __init__(self, title: str | Content, clients: Sequence[ClientRef]) -> None:
        super().__init__(title, clients)
        self._folded = {client.id: client.name.casefold() for client in clients}

    def cells(self, entry: ClientRef) -> tuple[str, ...]:
        return (clip(safe(entry.name), 60), f"#{entry.id}")

    def matches(self, entry: ClientRef, text: str) -> bool:
        if text.startswith("#") and text[1:].isdigit():
            return entry.id == int(text[1:])
        return text in self._folded[entry.id]


class StaffPicker(SearchPicker[StaffRef]):
    """An agency user: part of the full name or the login."""

    COLUMNS = (Column("Name", None), Column("Login", 16), Column("Role", 18))
    PLACEHOLDER = "Type part of the name or login"
    EMPTY = "Nobody matches."

    def cells(self, entry: StaffRef) -> tuple[str, ...]:
        return (clip(safe(entry.full_name), 40), safe(entry.login), entry.role)

    def matches(self, entry: StaffRef, text: str) -> bool:
        return text in folded(entry.full_name) or text in entry.login.casefold()
