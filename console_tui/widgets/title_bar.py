"""The top line of every screen but the console: where you are, as plain text."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from console_tui.display import clip, safe


class TitleBar(Static):
    """``Title · Client name`` docked at the top; ``-inside`` marks a client's instance (R-CMC-5)."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
        &.-inside { background: $warning 70%; color: $text; }
    }
    """

    def __init__(self, title: str, subject: str = "", *, inside: bool = False) -> None:
        super().__init__(markup=False, classes="-inside" if inside else "")
        self.title_text = title
        self.as_of = ""
        self.parts: list[str] = []
        self.show_subject(subject)

    def show_subject(self, subject: str, hint: str = "") -> None:
        """``Title · subject``; the subject is data (cleaned, clipped), ``hint`` is ours."""
        self.parts = [self.title_text] + ([clip(safe(subject), 48)] if subject else []) + ([hint] if hint else [])
        self._paint()

    def show_as_of(self, text: str) -> None:
        """When the screen's figures are from ("as of 09:41"), last on the line."""
        self.as_of = text
        self._paint()

    def _paint(self) -> None:
        self.update(Content(" · ".join(self.parts + ([self.as_of] if self.as_of else []))))
