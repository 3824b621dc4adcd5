"""A small virtual table (Line API) for the console's lists of rows.

Unlike ``DataTable``, a cell is always plain text (``DataTable`` parses ``str`` cells as
markup), cleaned before display, and only visible lines are painted,
so the same widget serves ten rows or ten thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from console_tui.display import fit, safe
from console_tui.ui import keys
from console_tui.widgets.cover_lines import COVER_CLASS, CoverLines


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: int | None = None  # None: share the room left by the fixed columns
    align: Literal["left", "right"] = "left"


class TableView(ScrollView, CoverLines, can_focus=True):
    """Rows of plain text under a fixed header line, with a row cursor."""

    BINDINGS = keys.bindings("list")
    COMPONENT_CLASSES = {"table-view--header", "table-view--cursor", "table-view--dim", "table-view--warn", COVER_CLASS}
    DEFAULT_CSS = """
    TableView {
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        & > .table-view--header { color: $text-secondary; text-style: bold; background: $panel; }
        & > .table-view--cursor { background: $foreground 8%; }
        &:focus > .table-view--cursor { background: $primary 30%; }
        & > .table-view--dim { color: $foreground 50%; }
        & > .table-view--warn { color: $text-warning; }
        & > .cover-lines { color: $text-error; background: $panel; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to row ``index``."""

        table: TableView
        index: int

    @dataclass
    class Chosen(Message):
        """``enter`` or a double click on row ``index``."""

        table: TableView
        index: int

    def __init__(self, columns: Sequence[Column], *, empty: str = "Nothing to show.", id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.empty = empty
        self._rows: tuple[tuple[str, ...], ...] = ()
        self._tones: tuple[str | None, ...] = ()
        self.marked: Callable[[int], bool] | None = None  # row index -> selected (a ● in its first cell)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: Sequence[Sequence[object]], tones: Sequence[str | None] | None = None) -> None:
        """Replace the rows; each cell is shown as cleaned plain text; tones: None, "dim", "warn"."""
        self._rows = tuple(tuple(safe(str(cell)) for cell in row) for row in rows)
        self._tones = tuple(tones) if tones is not None else (None,) * len(self._rows)
        self.set_reactive(TableView.cursor, min(self.cursor, max(0, len(self._rows) - 1)))
        self._size_lines()
        self.refresh()

    def on_resize(self) -> None:
        self._size_lines()

    def _size_lines(self) -> None:
        """The header and a line per row, or the header and the empty message (an ``auto`` height
        shows it)."""
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(self._rows)) + 1)

    def _widths(self, width: int) -> list[int]:
        fixed = sum(c.width or 0 for c in self.columns) + len(self.columns)
        flexible = [c for c in self.columns if c.width is None]
        share = max(6, (width - fixed) // len(flexible)) if flexible else 0
        return [c.width or share for c in self.columns]

    def _line(self, cells: Sequence[str], style: Style, width: int, mark: str = " ") -> Strip:
        segments = [Segment(mark, style)]
        for cell, column, w in zip(cells, self.columns, self._widths(width - 1), strict=False):  # short rows
            length = cell_len(cell)
            text = fit(" " * (w - length) + cell if column.align == "right" and length < w else cell, w)
            segments.append(Segment(text + " ", style))
        return Strip(segments).adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        if (covered := self.covered_line(y)) is not None:
            return covered
        width, base = self.scrollable_content_region.width, self.rich_style
        if y == 0:
            titles = [c.title for c in self.columns]
            return self._line(titles, self.get_component_rich_style("table-view--header"), width)
        index = self.scroll_offset.y + y - 1
        if not self._rows:
            message = self.empty if y == 1 else ""
            return self._line([message], self.get_component_rich_style("table-view--dim"), width)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        style = base
        tone = self._tones[index]
        if tone:
            style = self.get_component_rich_style(f"table-view--{tone}")
        if index == self.cursor:
            style += Style(bgcolor=self.get_component_rich_style("table-view--cursor").bgcolor)
        mark = "●" if self.marked is not None and self.marked(index) else " "
        return self._line(self._rows[index], style, width, mark)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old + 1)
        self.refresh_lines(new + 1)
        self.post_message(self.Highlighted(self, new))
        self.scroll_cursor_into_view()

    def move_to(self, index: int) -> None:
        """Put the cursor on row ``index`` and scroll it into view (also when it was there already:
        the rows under it may have changed, after a sort)."""
        self.cursor = max(0, min(index, len(self._rows) - 1))
        self.scroll_cursor_into_view()

    def scroll_cursor_into_view(self) -> None:
        cursor = self.cursor
        if cursor < self.scroll_y:
            self.scroll_to(y=cursor, animate=False)
        elif cursor + 2 > self.scroll_y + self.size.height:
            self.scroll_to(y=cursor + 2 - self.size.height, animate=False)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _move(self, delta: int) -> None:
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(1, self.size.height - 1))

    def action_page_up(self) -> None:
        self._move(-max(1, self.size.height - 1))

    def action_first(self) -> None:
        self._move(-len(self._rows))

    def action_last(self) -> None:
        self._move(len(self._rows))

    def key_enter(self) -> None:
        self.action_select()

    def action_select(self) -> None:
        """Choose the row under the cursor (``enter``, or ``enter`` in a search line over the table)."""
        if self._rows:
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and 0 <= index < len(self._rows):
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Chosen(self, index))
