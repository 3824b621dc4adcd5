"""Under a screen's top bar: loading, what is shown and as of when, or a warning about it (one line),
or an error, whole."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusLine(Static):
    """Says whether data is loading, failed (one sentence, never a traceback) or is current.

    Loading and ready texts keep to one line, so the body does not move as they change; an error
    wraps onto as many lines as it needs (up to ``max-height``), so a refusal is never cut off.
    """

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $surface;
        color: $text-muted;
        &.-loading { color: $text-accent; }
        &.-warning { color: $text-warning; }
        &.-error { color: $text-error; text-style: bold; height: auto; max-height: 6; }
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Content(text), id=id, markup=False)

    def _set(self, text: str | Content, state: str) -> None:
        wraps = state == "error" or self.has_class("-error")  # an error's height follows its text
        self.set_class(state == "loading", "-loading")
        self.set_class(state == "warning", "-warning")
        self.set_class(state == "error", "-error")
        self.update(text if isinstance(text, Content) else Content(text), layout=wraps)

    def show_loading(self, what: str = "Loading…") -> None:
        self._set(what, "loading")

    def failed(self, message: str) -> None:
        self._set(message, "error")

    def warn(self, text: str | Content) -> None:
        """One line about what is shown (a search that cannot be read): on one line, as ``ready``."""
        self._set(text, "warning")

    def ready(self, text: str | Content) -> None:
        self._set(text, "ready")
