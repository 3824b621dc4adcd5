"""``?``: every key, from the one key table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from console_tui.ui import keys

KEY_CELLS = 12


def help_content() -> Content:
    parts: list[Content] = []
    for heading, rows in keys.help_rows():
        parts.append(Content.styled(heading, "bold $text-primary"))
        for shown, description in rows:
            parts.append(Content.assemble("  ", (f"{shown:<{KEY_CELLS}}", "bold $text-accent"), description))
        parts.append(Content(""))
    parts.append(Content.styled("Press esc, ? or q to close.", "$text-muted"))
    return Content("\n").join(parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = keys.bindings("dialog", only=("help.close",))
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 64; max-width: 95%; height: 90%;
        border: round $primary; border-title-style: bold; background: $panel; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll()
        scroll.border_title = "Keys"
        with scroll:
            yield Static(help_content(), markup=False)

    def action_close(self) -> None:
        self.dismiss()
