"""Lines laid over the top of a line-API list (the console's cards, Manage Clients' table): why the
search line's text cannot be read — the text, carets under the mistake, what was expected.

The list paints them itself, in place of its top lines (its ``render_line`` asks
:meth:`CoverLines.covered_line` first), so showing, changing or hiding them repaints those lines and
nothing else. A widget of their own shown or hidden over the list would take a layout pass and
repaint the whole screen, twice, on every keystroke that makes the line readable or not.

The text is plain (never markup); ``format_error`` already shows control characters as ``�`` and
fits the lines to the width given, the list's content width less a cell each side
(:meth:`CoverLines.cover_width`). They are painted in the ``cover-lines`` component style, which
the list names in its ``COMPONENT_CLASSES`` and styles in its CSS (Textual reads both from a widget's
first base only, so a mixin cannot bring them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

COVER_CLASS = "cover-lines"

if TYPE_CHECKING:
    _ListWidget = Widget  # what the mixin is mixed into
else:
    _ListWidget = object


class CoverLines(_ListWidget):
    """Mixed into a line-API list, after its widget base: ``cover(text)`` lays ``text``'s lines over
    its top, ``cover("")`` takes them away."""

    _cover_text = ""
    _cover_strips: tuple[int, list[Strip]] = (0, [])  # (width, lines) painted at that width

    @property
    def cover_text(self) -> str:
        """The lines laid over the list ("" while there are none)."""
        return self._cover_text

    @property
    def cover_width(self) -> int:
        """Cells the covering lines' text may take: the content's width less a cell each side."""
        return max(1, self.scrollable_content_region.width - 2)

    def cover(self, text: str) -> None:
        if text == self._cover_text:
            return
        height = max(self._cover_text.count("\n"), text.count("\n")) + 1 if (text or self._cover_text) else 0
        self._cover_text, self._cover_strips = text, (0, [])
        self.refresh(Region(0, 0, self.size.width, height))

    def covered_line(self, y: int) -> Strip | None:
        """The covering line painted at ``y`` (in the view), or None where the list shows through."""
        if not self._cover_text:
            return None
        width = self.scrollable_content_region.width
        painted_at, strips = self._cover_strips
        if painted_at != width:
            style: Style = self.get_component_rich_style(COVER_CLASS)
            strips = [Strip([Segment(f" {line}", style)]).crop_extend(0, width, style)
                      for line in self._cover_text.split("\n")]
            self._cover_strips = (width, strips)
        return strips[y] if y < len(strips) else None
