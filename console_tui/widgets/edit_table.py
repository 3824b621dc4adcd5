"""Tables of the administration screens: :class:`AdminTable` (a :class:`TableView` whose empty
message spans the row) and :class:`EditTable`, whose rows can be replaced one at a time and marked
edited or wrong, with the geometry an inline editor needs to sit exactly on a cell.

Still one virtual widget (only visible lines are painted), so ten thousand rows stay quick: an
edit replaces one row instead of rebuilding them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip

from console_tui.display import fit, safe
from console_tui.widgets.table_view import TableView


class AdminTable(TableView):
    """A :class:`TableView` whose "nothing to show" line spans the whole width, not one column."""

    def render_line(self, y: int) -> Strip:
        if not self._rows and y == 1:
            width = self.scrollable_content_region.width
            style = self.get_component_rich_style("table-view--dim")
            return Strip([Segment(" " + fit(self.empty, width - 1), style)]).adjust_cell_length(width, style)
        return super().render_line(y)


class EditTable(AdminTable):
    """Rows of plain text; tones add ``edited`` (changed, not saved) and ``error`` (refused value)."""

    COMPONENT_CLASSES = TableView.COMPONENT_CLASSES | {"table-view--edited", "table-view--error"}
    DEFAULT_CSS = """
    EditTable {
        & > .table-view--edited { color: $text-accent; text-style: bold; }
        & > .table-view--error { color: $text-error; text-style: bold; }
    }
    """

    def replace_row(self, index: int, cells: Sequence[object], tone: str | None = None) -> None:
        """Replace row ``index`` and repaint just that line."""
        if not 0 <= index < len(self._rows):
            return
        row = tuple(safe(str(cell)) for cell in cells)
        self._rows = self._rows[:index] + (row,) + self._rows[index + 1 :]
        self._tones = self._tones[:index] + (tone,) + self._tones[index + 1 :]
        self.refresh_lines(index + 1)

    def cell_region(self, row: int, column: int) -> Region | None:
        """Where row ``row``'s cell ``column`` is on screen, or None when it is scrolled away."""
        line = row - self.scroll_offset.y + 1  # line 0 is the header
        if line < 1 or line >= self.scrollable_content_region.height:
            return None
        content = self.scrollable_content_region
        widths = self._widths(content.width - 1)
        x = content.x + 1 + sum(w + 1 for w in widths[:column])
        return Region(x, content.y + line, widths[column], 1)
