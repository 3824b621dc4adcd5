"""Command palette providers: "Jump to client" by fuzzy name, and every key-table command."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from console_tui.display import clip, safe
from console_tui.screens.console.console import ConsoleScreen
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost


class ClientJumpProvider(Provider):
    """``Jump to client …``: fuzzy over the loaded client names (in memory, no database)."""

    async def search(self, query: str) -> Hits:
        host = self.app
        assert isinstance(host, ConsoleHost)
        console = host.console_screen
        assert isinstance(console, ConsoleScreen)
        words = query.strip()
        for prefix in ("jump to client", "jump to", "jump", "client"):
            if words.lower().startswith(prefix):
                words = words[len(prefix):].strip()
                break
        if not words or console.overview is None:
            return
        clients = console.overview.clients
        for position, score in console.index.best(words, limit=20):
            client = clients[position]
            name = clip(console.index.names[position], 60)
            # Prompts and help are shown as markup by the palette: data goes in as Content / escaped.
            yield Hit(
                score,
                Content.assemble("Jump to client: ", (name, "bold")),
                partial(host.jump_to, client.id),
                text=f"Jump to client: {name}",
                help=escape(f"{safe(client.kind)} · {safe(client.status)}"),
            )


class KeyCommandsProvider(Provider):
    """Every palette-worthy row of the key table for the screen in front: the global rows, the
    screen's ``PALETTE_SCOPES`` and the scopes of the keys it binds (``ctrl+e`` on a list screen)."""

    def _commands(self) -> list[tuple[str, str, str]]:
        bound = {binding.id for found in self.screen._bindings.key_to_bindings.values() for binding in found}
        own = keys.scopes_of({key_id for key_id in bound if key_id})
        scopes = dict.fromkeys(["app", *getattr(self.screen, "PALETTE_SCOPES", ()), *own])
        rows = []
        for scope in scopes:
            for key in keys.keys_in(scope):
                if key.palette:
                    rows.append((key.description, key.action, keys.shown_keys(key)))
        return rows

    def _run(self, action: str) -> None:
        target = self.app if action.startswith("app.") else self.screen
        self.app.call_later(target.run_action, action.removeprefix("app."))

    async def discover(self) -> Hits:
        for description, action, shown in self._commands():
            yield DiscoveryHit(Content(description), partial(self._run, action), help=escape(f"key: {shown}"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, action, shown in self._commands():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(self._run, action),
                          help=escape(f"key: {shown}"))
