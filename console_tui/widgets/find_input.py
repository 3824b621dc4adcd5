"""A find line that stays hidden until asked for; ``esc`` clears it, hides it and says so.

Otherwise a :class:`~console_tui.widgets.search_line.SearchLine`: the cursor goes to the first match
after every change, ``enter`` opens (edits) the highlighted row, ``down`` goes into the table."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from console_tui.ui.keys import bindings
from console_tui.widgets.search_line import SearchLine


class FindInput(SearchLine):
    """Type part of a name to narrow a list; ``esc`` clears and closes (:class:`FindInput.Closed`)."""

    BINDINGS = bindings("find")
    DEFAULT_CSS = "FindInput { display: none; }"

    @dataclass
    class Closed(Message):
        find: FindInput

    def open(self) -> None:
        self.display = True
        self.focus()

    def action_close_find(self) -> None:
        self.value = ""
        self.display = False
        self.post_message(self.Closed(self))
