"""The morning briefing (R-HIST-4): what changed since yesterday for the person's clients, in a frame
that scrolls. The console opens it the first time each person opens the console each day, and ``W``
opens it any time; ``esc`` or ``enter`` closes it. Its lines are ``console_tui.briefing.briefing_lines``,
the same as ``console-tui briefing`` prints; they are text, never markup."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys


def briefing_content(lines: list[str]) -> Content:
    """Section titles bold, their entries as they are, and how to close it."""
    parts = [Content.styled(line, "bold") if line and not line.startswith(" ") else Content(line) for line in lines]
    parts += [Content(""), Content.styled("Press esc or enter to close · W shows it again.", "$text-muted")]
    return Content("\n").join(parts)


class BriefingPanel(Dialog[None]):
    """The briefing's lines; dismissed with esc or enter."""

    WIDE = True
    BINDINGS = keys.bindings("dialog", only=("briefing.close",))
    DEFAULT_CSS = """
    BriefingPanel > VerticalScroll { width: 90; max-height: 90%; border-title-style: bold; }
    """

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll()
        scroll.border_title = "Morning briefing"
        with scroll:
            yield Static(briefing_content(self.lines), markup=False, id="briefing")

    def action_close(self) -> None:
        self.dismiss()
