"""One line under a screen's top bar: loading, the one-line error, or what is shown and as of when."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusLine(Static):
    """Says whether data is loading, failed (one line, never a traceback) or is current."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $surface;
        color: $text-muted;
        &.-loading { color: $text-accent; }
        &.-error { color: $text-error; text-style: bold; }
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Content(text), id=id, markup=False)

    def _set(self, text: str | Content, state: str) -> None:
        self.set_class(state == "loading", "-loading")
        self.set_class(state == "error", "-error")
        self.update(text if isinstance(text, Content) else Content(text), layout=False)  # always one line

    def show_loading(self, what: str = "Loading…") -> None:
        self._set(what, "loading")

    def failed(self, message: str) -> None:
        self._set(message, "error")

    def ready(self, text: str | Content) -> None:
        self._set(text, "ready")
