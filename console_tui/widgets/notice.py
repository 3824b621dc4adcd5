"""Several lines under the status line: a refusal in full, or what a change did (plain text)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from console_tui.display import safe


class Notice(Static):
    """Hidden while empty; ``say(text, tone)`` shows it as an error, a success or information."""

    DEFAULT_CSS = """
    Notice {
        height: auto; max-height: 8; padding: 0 1; display: none;
        &.-error { display: block; color: $text-error; background: $error 12%; }
        &.-done { display: block; color: $text-success; background: $success 10%; }
        &.-info { display: block; color: $text-warning; background: $warning 10%; }
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="notice", markup=False)
        self.text = ""

    def say(self, text: str, tone: str = "info") -> None:
        self.text = safe(text)
        for name in ("error", "done", "info"):
            self.set_class(tone == name and bool(text), f"-{name}")
        self.update(Content(self.text))

    def clear(self) -> None:
        self.say("")
