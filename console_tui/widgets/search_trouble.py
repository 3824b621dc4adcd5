"""Why a client search line's text cannot be read: the text, carets under the mistake, what was
expected — three lines laid over the top of the list, right under the status line.

Laid over (``overlay: screen``), not in the flow: showing or hiding it never moves the list. Its
height is fixed (``format_error`` always gives three lines), so a keystroke that changes the mistake
repaints these lines only, without a layout pass; only showing or hiding it takes one. The text is
plain (never markup); ``format_error`` already shows control characters as ``�`` and fits the
lines to the width.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class SearchTrouble(Static):
    """Hidden while empty; ``show_lines(text)`` shows it, ``show_lines("")`` hides it."""

    DEFAULT_CSS = """
    SearchTrouble {
        overlay: screen; width: 100%; height: 3; padding: 0 1; display: none;
        color: $text-error; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="search-trouble", markup=False)
        self.text = ""

    def show_lines(self, text: str) -> None:
        if text == self.text:
            return
        self.text = text
        self.update(Content(text), layout=False)
        if self.display != bool(text):
            self.display = bool(text)
