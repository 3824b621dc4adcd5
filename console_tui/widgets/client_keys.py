"""The keys for the client under the cursor, on one fixed line above the console's footer.

They used to be the last line of the card under the cursor; here they never move the list's
layout nor cost a line of every cursor move. The line is repainted only when what it says changes:
the avatar mark (✓ the client has one, – not yet), or no client at all.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from console_tui.data.views.console import ClientSummary

#: The keys and what they open, short; ``d`` and ``↵`` are in the footer below.
CLIENT_KEYS = (("u", "users"), ("s", "settings"), ("b", "billing"), ("t", "team call"), ("a", "avatar"),
               ("p", "places"))


class ClientKeys(Widget):
    """``u users  s settings  …  a avatar ✓  p places`` for the client under the cursor."""

    DEFAULT_CSS = """
    ClientKeys {
        height: 1;
        padding: 0 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._avatar: bool | None = None  # None: no client under the cursor

    def show(self, client: ClientSummary | None) -> None:
        avatar = None if client is None else client.has_avatar
        if avatar != self._avatar:
            self._avatar = avatar
            self.refresh()

    def render(self) -> Content:
        if self._avatar is None:
            return Content("")
        parts: list[str | tuple[str, str]] = []
        used, room = 0, self.content_size.width
        for key, label in CLIENT_KEYS:
            text = f"{label} {'✓' if self._avatar else '–'}" if key == "a" else label
            if used + cell_len(f"{key} {text}") > room:
                break  # as many as fit whole
            # the space after the key is in the key's run: a run that starts with a space can lose
            # it in some renderers (rsvg, for the snapshot SVGs)
            parts += [(f"{key} ", "bold $footer-key-foreground"), f"{text}  "]
            used += cell_len(f"{key} {text}  ")
        return Content.assemble(*parts)
