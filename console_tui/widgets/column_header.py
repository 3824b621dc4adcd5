"""Column titles above the client list in its wide layout (the four sections of R-CMC-3)."""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget

from console_tui.widgets.client_card import WIDE_MIN, CardPainter, CardTheme


class ColumnHeader(Widget):
    """One line of section titles, aligned with the client cards' columns; hidden when narrow."""

    COMPONENT_CLASSES = {"column-header--title", "column-header--rule"}

    DEFAULT_CSS = """
    ColumnHeader {
        height: 1;
        background: $surface;
        padding-right: 1;  /* the list's scrollbar */
        & > .column-header--title { color: $text-secondary; text-style: bold; }
        & > .column-header--rule { color: $foreground 15%; }
    }
    """

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if width < WIDE_MIN:
            return Strip.blank(width, base)
        title = self.get_component_rich_style("column-header--title")
        rule = self.get_component_rich_style("column-header--rule")
        plain = dict.fromkeys(("name", "dim", "spark", "good", "warn", "bad", "on", "off", "marker", "key"), base)
        theme = CardTheme(base=base, label=title, rule=rule, **plain)
        return CardPainter.header(width, theme)
