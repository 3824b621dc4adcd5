"""Manage Clients' filters: a searchable multi-select over every value of kind, status, tag, term,
sender status and removed companies.

Type part of a value (or of its group, ``tag``, ``sender``…) to narrow the list, the cursor on the
first match; ``space`` or ``enter`` picks or unpicks the highlighted value (``enter`` in the search
line too); ``↓`` goes into the list; ``ctrl+x`` clears everything. Values of one group keep the rows
with any of them; groups together keep the rows that pass each. The count of matching clients
updates as you go; ``esc`` closes and keeps the filters.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.data.views.manage import ManageRow
from console_tui.display import safe
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys
from console_tui.viewmodels.manage_rows import FIELDS, Filters, choices, select_rows, toggle
from console_tui.widgets.search_line import SearchLine

LABEL_CELLS = 19


class FilterPicker(Dialog[Filters]):
    """Returns the filters chosen (the ones it was given if nothing changed)."""

    WIDE = True
    BINDINGS = keys.bindings("filters")
    DEFAULT_CSS = """
    FilterPicker SearchLine { margin-bottom: 1; }
    FilterPicker OptionList { height: auto; max-height: 14; border: none; background: $panel;
                              &:focus { border: none; } }
    """

    def __init__(self, rows: Sequence[ManageRow], filters: Filters, search: str = "") -> None:
        super().__init__()
        self.rows, self.filters, self.search = rows, filters, search
        labels = dict(FIELDS)
        #: Every (field, value) one may pick, in group order, with the text typing matches.
        self.entries = [(field, value, f"{labels[field]} {value}".casefold())
                        for field, _label in FIELDS for value in choices(field, rows)]
        self.labels = labels
        self.shown = list(range(len(self.entries)))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", classes="dialog-title", id="filters-title", markup=False)
            yield SearchLine("#filters-list", placeholder="Type part of a value: lead, EBS, annual, healthy…",
                             id="filters-find")
            yield OptionList(id="filters-list")
            yield Static("space/enter: pick or unpick · ↓: into the list · ctrl+x: clear all · esc: done",
                         classes="dialog-hint")

    def on_mount(self) -> None:
        search = self.query_one(SearchLine)
        search.on_query(self._filter)
        self._fill()
        search.focus()

    def _prompt(self, index: int) -> Content:
        field, value, _text = self.entries[index]
        mark = "[x]" if self.filters.has(field, value) else "[ ]"
        return Content.assemble(f"{mark} ", (f"{self.labels[field]:<{LABEL_CELLS}}", "dim"),
                                (safe(value), "bold" if self.filters.has(field, value) else ""))

    def _filter(self, query: str) -> None:
        wanted = " ".join(query.split()).casefold()
        self.shown = [i for i, (_f, _v, text) in enumerate(self.entries) if wanted in text]
        self._fill()

    def _fill(self) -> None:
        menu = self.query_one(OptionList)
        highlighted = menu.highlighted
        menu.set_options([Option(self._prompt(i), id=str(i)) for i in self.shown])
        if self.shown:
            menu.highlighted = min(highlighted or 0, len(self.shown) - 1)
        self._count()

    def _count(self) -> None:
        shown = len(select_rows(self.rows, self.filters, self.search))
        self.query_one("#filters-title", Static).update(
            Content(f"Filter the list · {shown:,} of {len(self.rows):,} match · {self.filters.describe()}"))

    def action_pick(self) -> None:
        menu = self.query_one(OptionList)
        if menu.highlighted is None or not self.shown:
            return
        field, value, _text = self.entries[self.shown[menu.highlighted]]
        self.filters = toggle(self.filters, field, value)
        self._repaint()

    def _repaint(self) -> None:
        menu = self.query_one(OptionList)
        for position, index in enumerate(self.shown):
            menu.replace_option_prompt_at_index(position, self._prompt(index))
        self._count()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick()

    def action_clear(self) -> None:
        self.filters = Filters()
        self._repaint()

    def action_close(self) -> None:
        self.dismiss(self.filters)
