"""The one-line editor a screen lays over a table cell to edit it in place (Email Limits).

The screen places it (``styles.offset``, on its own layer so it never moves the layout) and
listens for ``Input.Submitted`` (keep), :class:`LimitEditor.Cancelled` (``esc``) and
:class:`LimitEditor.Left` (focus went elsewhere: keep what was typed, as ``enter`` would).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Input

from console_tui.ui.keys import bindings


class LimitEditor(Input):
    """An ``Input`` on the ``editor`` layer, absolutely placed, hidden until used."""

    BINDINGS = bindings("editor")
    DEFAULT_CSS = """
    LimitEditor {
        layer: editor; position: absolute; display: none; height: 1; border: none; padding: 0 1;
        background: $accent 40%; &:focus { border: none; background-tint: $foreground 5%; }
    }
    """

    @dataclass
    class Cancelled(Message):
        """``esc``: forget what was typed."""

        editor: LimitEditor

    @dataclass
    class Left(Message):
        """Focus went elsewhere (a click, a scroll): keep what was typed."""

        editor: LimitEditor

    def action_cancel_edit(self) -> None:
        self.post_message(self.Cancelled(self))

    def on_blur(self) -> None:
        self.post_message(self.Left(self))
