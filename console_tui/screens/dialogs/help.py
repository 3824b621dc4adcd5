"""``?``: every key, from the one key table: the keys of the screen in front first (its own and
those of the focused widget), then the global ones, then the rest."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys

KEY_CELLS = 12


def _scopes(node: DOMNode) -> list[str]:
    found = node._bindings.key_to_bindings.values()
    return keys.scopes_of({binding.id for bindings in found for binding in bindings if binding.id})


def scopes_in_front(screen: Screen[object]) -> tuple[str, ...]:
    """The key-table scopes of ``screen``'s own keys, then those of its focused widget and the
    widgets around it (the global keys are the app's: listed after these)."""
    focused = screen.focused
    around = [node for node in focused.ancestors_with_self if node is not screen] if focused else []
    scopes = [*_scopes(screen), *(scope for node in around for scope in _scopes(node))]
    return tuple(dict.fromkeys(scopes))


def help_content(first: tuple[str, ...] = ()) -> Content:
    parts: list[Content] = []
    for heading, rows in keys.help_rows(first):
        parts.append(Content.styled(heading, "bold $text-primary"))
        for shown, description in rows:
            parts.append(Content.assemble("  ", (f"{shown:<{KEY_CELLS}}", "bold $text-accent"), description))
        parts.append(Content(""))
    parts.append(Content.styled("Press esc, ? or q to close.", "$text-muted"))
    return Content("\n").join(parts)


class HelpScreen(Dialog[None]):
    """Every key, the screen's own first, in a frame that scrolls."""

    BINDINGS = keys.bindings("dialog", only=("help.close",))
    DEFAULT_CSS = """
    HelpScreen > VerticalScroll { width: 64; height: 90%; border-title-style: bold; }
    """

    def __init__(self, first: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.first = first  # the scopes of the screen it was opened on, listed first

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll()
        scroll.border_title = "Keys"
        with scroll:
            yield Static(help_content(self.first), markup=False)

    def action_close(self) -> None:
        self.dismiss()
