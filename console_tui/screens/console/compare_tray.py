"""``+`` and ``=`` on a list of clients (the console, the attention queue): the compare tray (R-CMP-1).

A list screen mixes in :class:`ComparePicking` (after its base, so the base's ``say``/``refuse``
are used) and gives :meth:`ComparePicking.compare_pick`, the client under its cursor. ``+`` puts
that client in the app's tray (``ConsoleHost.compare_tray``, one tray for every list) or takes it
out again, and says how many the tray holds; ``=`` opens the comparison once it holds two.
"""

from __future__ import annotations

from typing import Any

from textual import getters
from textual.screen import Screen

from console_tui.display import clip, safe
from console_tui.domain.compare import TRAY_MIN
from console_tui.domain.errors import RuleRefused
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost


class ComparePicking(Screen[Any]):
    """Mixed into a list screen of clients: ``+`` and ``=`` (the ``tray`` rows of the key table)."""

    app = getters.app(ConsoleHost)
    BINDINGS = keys.bindings("tray")

    def compare_pick(self) -> tuple[int, str] | None:
        """The client under the cursor (id, name), or None after saying why there is none."""
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def refuse(self, text: str, short: str = "") -> None:
        raise NotImplementedError

    def action_compare_toggle(self) -> None:
        picked = self.compare_pick()
        if picked is None:
            return
        client_id, name = picked
        try:
            tray = self.app.compare_tray.toggled(client_id, name)
        except RuleRefused as refused:
            self.refuse(str(refused), "The comparison is full")
            return
        self.app.compare_tray = tray
        done = "added to" if client_id in tray else "taken out of"
        self.say(f"{clip(safe(name), 40)} {done} the comparison · {tray.status() or 'compare: none picked'}")

    def action_compare_open(self) -> None:
        tray = self.app.compare_tray
        if not tray.ready:
            self.say(f"Pick at least {TRAY_MIN} clients to compare: + on a client puts it in the comparison"
                     f" ({len(tray)} picked).")
            return
        from console_tui.screens.console.compare import CompareScreen  # imported when first opened

        self.app.push_screen(CompareScreen())
