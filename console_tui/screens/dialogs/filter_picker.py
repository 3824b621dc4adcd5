"""Manage Clients' filter picker: kind, status, tag, term, sender status and removed companies.

Each row shows its current value; ``enter``, ``space`` or ``→`` moves it to the next value, ``←``
to the previous one; ``c`` clears every filter. The count of matching clients updates as you go;
``esc`` (or ``f``) closes and keeps the filters.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.data.views.manage import ManageRow
from console_tui.ui import keys
from console_tui.viewmodels.manage_rows import ANY, FIELDS, Filters, cycle, select_rows


class FilterPicker(ModalScreen[Filters]):
    """Returns the filters chosen (the ones it was given if nothing changed)."""

    BINDINGS = keys.bindings("filters")
    DEFAULT_CSS = """
    FilterPicker { align: center middle; }
    FilterPicker > Vertical {
        width: 62; max-width: 96%; height: auto; border: round $primary; background: $panel; padding: 0 1;
    }
    FilterPicker #filters-title { text-style: bold; }
    FilterPicker OptionList { height: auto; border: none; background: $panel; &:focus { border: none; } }
    FilterPicker #filters-hint { color: $text-muted; }
    """

    def __init__(self, rows: Sequence[ManageRow], filters: Filters, search: str = "") -> None:
        super().__init__()
        self.rows, self.filters, self.search = rows, filters, search

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="filters-title", markup=False)
            yield OptionList(*(Option(self._prompt(field, label), id=field) for field, label in FIELDS))
            yield Static("enter/→ next value · ← previous · c clear all · esc done", id="filters-hint")

    def on_mount(self) -> None:
        self._count()

    def _prompt(self, field: str, label: str) -> Content:
        value = getattr(self.filters, field)
        return Content.assemble(f"{label:<20}", (ANY if value is None else str(value), "bold"))

    def _count(self) -> None:
        shown = len(select_rows(self.rows, self.filters, self.search))
        self.query_one("#filters-title", Static).update(
            Content(f"Filter the list · {shown:,} of {len(self.rows):,} match"))

    def _refresh(self) -> None:
        menu = self.query_one(OptionList)
        for index, (field, label) in enumerate(FIELDS):
            menu.replace_option_prompt_at_index(index, self._prompt(field, label))
        self._count()

    def action_step(self, step: int) -> None:
        menu = self.query_one(OptionList)
        if menu.highlighted is None:
            return
        field = FIELDS[menu.highlighted][0]
        self.filters = cycle(self.filters, field, self.rows, step)
        self._refresh()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_step(1)

    def action_clear(self) -> None:
        self.filters = Filters()
        self._refresh()

    def action_close(self) -> None:
        self.dismiss(self.filters)
