"""Clients side by side: a column per client, a row per figure (R-CMP-1, R-CMP-2).

A Line-API ``ScrollView``: the first line (the clients' names) stays put while the rows scroll
under it. The label column is 16 cells (20 from 100 columns on); the clients share the rest, at
most :data:`MAX_COLUMN` cells each. At 80 columns four clients get 15 cells each: long names and
words are cut with "…" (never scrolled sideways); the screen shows the full name of the client
under the column cursor. The column cursor (``←``/``→``) is shown by ``▸`` before the name and the
cursor's background: not colour alone.

A best value (``Cell.best``) is drawn ``★`` before its text and bold; the other cells keep two
blank cells there, so the values of a row line up. Sparklines are the cards' own
(:func:`~console_tui.widgets.client_card.spark`), drawn at the column's width.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from console_tui.display import fit, safe
from console_tui.ui import keys
from console_tui.viewmodels.compare_rows import Cell, Row
from console_tui.widgets.client_card import spark

#: The widest a client's column gets (a sparkline of 30 days needs 30 cells, plus its gap).
MAX_COLUMN = 32
BEST = "★ "
TONES = ("good", "warn", "bad", "dim")


class CompareGrid(ScrollView, can_focus=True):
    """The comparison: ``set_rows(names, rows)``; ``column`` is the client under the column cursor."""

    BINDINGS = keys.bindings("compare", only=("compare.next", "compare.previous"))
    COMPONENT_CLASSES = {"compare-grid--label", "compare-grid--heading", "compare-grid--name",
                         "compare-grid--cursor", "compare-grid--best", "compare-grid--spark",
                         *(f"compare-grid--{tone}" for tone in TONES)}
    DEFAULT_CSS = """
    CompareGrid {
        height: 1fr;
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        & > .compare-grid--label { color: $text-secondary; }
        & > .compare-grid--heading { color: $accent; text-style: bold; }
        & > .compare-grid--name { text-style: bold; }
        & > .compare-grid--cursor { background: $foreground 10%; text-style: bold; }
        &:focus > .compare-grid--cursor { background: $primary 30%; }
        & > .compare-grid--best { text-style: bold; }
        & > .compare-grid--spark { color: $accent; }
        & > .compare-grid--good { color: $text-success; }
        & > .compare-grid--warn { color: $text-warning; }
        & > .compare-grid--bad { color: $text-error; text-style: bold; }
        & > .compare-grid--dim { color: $foreground 55%; }
    }
    """

    column: reactive[int] = reactive(0, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names: tuple[str, ...] = ()
        self.rows: tuple[Row, ...] = ()

    def set_rows(self, names: Sequence[str], rows: Sequence[Row]) -> None:
        self.names, self.rows = tuple(safe(name) for name in names), tuple(rows)
        self.set_reactive(CompareGrid.column, max(0, min(self.column, len(self.names) - 1)))
        self._size_to_rows()
        self.refresh()

    def _size_to_rows(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    def on_resize(self) -> None:
        self._size_to_rows()

    def watch_column(self) -> None:
        self.refresh()

    def action_column(self, step: int) -> None:
        if self.names:
            self.column = (self.column + step) % len(self.names)

    # --- geometry -----------------------------------------------------------------------------------

    @property
    def label_width(self) -> int:
        return 20 if self.size.width >= 100 else 16

    @property
    def column_width(self) -> int:
        """Each client's cells, its one-cell gap on the left included."""
        room = self.scrollable_content_region.width - self.label_width
        return max(4, min(MAX_COLUMN, room // max(1, len(self.names))))

    # --- painting -------------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"compare-grid--{name}")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        index = self.scroll_offset.y + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        return self._row(self.rows[index], width, base)

    def _header(self, width: int, base: Style) -> Strip:
        segments = [Segment(fit("", self.label_width), base)]
        inner = self.column_width - 1
        for x, name in enumerate(self.names):
            text = fit(name, inner - 2)
            if x == self.column:
                segments += [Segment(" ", base), Segment("▸ " + text, self._style("cursor"))]
            else:
                segments += [Segment("   ", base), Segment(text, self._style("name"))]
        return _strip(segments, width, base)

    def _row(self, row: Row, width: int, base: Style) -> Strip:
        if row.heading:
            return _strip([Segment(fit(row.label, width), self._style("heading"))], width, base)
        segments = [Segment(fit(row.label, self.label_width), self._style("label"))]
        inner = self.column_width - 1
        for cell in row.cells:
            segments += [Segment(" ", base), *self._cell(cell, inner, base)]
        return _strip(segments, width, base)

    def _cell(self, cell: Cell, width: int, base: Style) -> list[Segment]:
        if cell.series is not None:
            return [Segment("  ", base), Segment(spark(cell.series, width - 2), self._style("spark"))]
        style = self._style(cell.tone) if cell.tone else base
        if cell.best:
            return [Segment(BEST, self._style("best")), Segment(fit(cell.text, width - 2), style + self._style("best"))]
        return [Segment("  ", base), Segment(fit(cell.text, width - 2), style)]


def _strip(segments: list[Segment], width: int, base: Style) -> Strip:
    """The line, exactly ``width`` cells, no run of text starting with spaces: some renderers (rsvg,
    for the snapshot SVGs) drop a run's leading spaces, which would shift the columns. The spaces
    end the run before them when it has the line's background, else they are a run of their own."""
    joined: list[Segment] = []
    for segment in segments:
        text = segment.text
        words = text.lstrip(" ")
        if words != text:
            spaces = text[: len(text) - len(words)]
            last = joined[-1] if joined else None
            if last is not None and last.style is not None and last.style.bgcolor == base.bgcolor:
                joined[-1] = Segment(last.text + spaces, last.style)
            else:
                joined.append(Segment(spaces, base))
            text = words
        if text:
            joined.append(Segment(text, segment.style))
    return Strip(joined).adjust_cell_length(width, base)
