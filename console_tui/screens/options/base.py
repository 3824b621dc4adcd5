"""The shape of a Manage Clients option screen that switches one thing on or off.

Every option screen is a :class:`~console_tui.screens.base.DataScreen`: ``fetch()`` reads through
``self.app.manage`` in a thread worker, ``show(data)`` fills the screen, and a change goes through
:meth:`~console_tui.screens.base.BaseScreen.act` (confirm, the command in a thread, report, and
every open screen told that the client changed).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Static
from textual.worker import Worker

from console_tui.screens.base import ClientScreen
from console_tui.ui import keys


class ToggleScreen(ClientScreen):
    """One on/off option: the state, what it means, and ``t`` (or the button) to switch it after
    confirming. Subclasses give ``fetch``, ``texts(data)`` and ``action_switch``."""

    BINDINGS = keys.bindings("option", only=("toggle.switch",))

    DEFAULT_CSS = """
    ToggleScreen #toggle-state { padding: 1 1 0 1; text-style: bold; height: auto; }
    ToggleScreen #toggle-about { padding: 1 1 0 1; color: $text-secondary; height: auto; }
    ToggleScreen #toggle-button { margin: 1 1 0 1; }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.data: Any = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="toggle-state", markup=False)
        yield Static("", id="toggle-about", markup=False)
        yield Button("", id="toggle-button", compact=True)

    def show(self, data: Any) -> None:
        self.data = data
        state, about, button = self.texts(data)
        self.query_one("#toggle-state", Static).update(state)
        self.query_one("#toggle-about", Static).update(about)
        widget = self.query_one("#toggle-button", Button)
        widget.label = button
        widget.disabled = self.refused(data)
        if widget.disabled:
            self.status.ready(f"{button}: not allowed now (see why below) · esc back")
        else:
            widget.focus()
            self.status.ready(f"t or enter: {button} · esc back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "toggle-button":
            self.action_switch()

    def texts(self, data: Any) -> tuple[Content, Content, str]:
        raise NotImplementedError

    def refused(self, data: Any) -> bool:
        """True when the switch would be refused now (the button is then disabled; ``t`` says why)."""
        return False

    def action_switch(self) -> Worker[None]:
        """Switch the option after confirming; subclasses start it as a worker (``@work``)."""
        raise NotImplementedError
