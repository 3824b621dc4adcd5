"""One plan allowance as a labelled bar: ``Clients  ███████░░░  4 of 10 (40 %)`` (R-CAP-2).

The bar turns to the warning colour from the warning threshold and to the error colour when full;
the figure says the same in words, so nothing depends on colour alone.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from console_tui.domain.capacity import Capacity
from console_tui.domain.wording import count

BAR = 20


class UsageBar(Widget):
    """``label``, a bar of :data:`BAR` cells, and ``used of limit unit (percent %)``."""

    COMPONENT_CLASSES = {"usage-bar--ok", "usage-bar--warn", "usage-bar--full", "usage-bar--empty"}
    DEFAULT_CSS = """
    UsageBar {
        height: 1; padding: 0 1;
        & > .usage-bar--ok { color: $success; }
        & > .usage-bar--warn { color: $warning; }
        & > .usage-bar--full { color: $error; }
        & > .usage-bar--empty { color: $foreground 25%; }
    }
    """

    def __init__(self, label: str, unit: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.unit = unit
        self.capacity: Capacity | None = None

    def show(self, capacity: Capacity) -> None:
        self.capacity = capacity
        self.refresh()

    def render(self) -> Text:
        cap = self.capacity
        if cap is None:
            return Text(f"{self.label:<13}")
        filled = min(BAR, cap.used * BAR // cap.limit) if cap.limit else BAR
        level = "full" if cap.full else ("warn" if cap.warning else "ok")
        note = " · full" if cap.full else (" · nearly full" if cap.warning else "")
        return Text.assemble(
            f"{self.label:<13}",
            ("█" * filled, self.get_component_rich_style(f"usage-bar--{level}")),
            ("░" * (BAR - filled), self.get_component_rich_style("usage-bar--empty")),
            f"  {count(cap.used)} of {count(cap.limit)} {self.unit} ({cap.percent} %){note}",
        )
