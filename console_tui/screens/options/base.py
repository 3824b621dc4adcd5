"""What every Manage Clients screen shares: loading through :class:`ManageServices` and
confirm-then-act (DESIGN.md habits 1 and 8).

A change reads top to bottom: :meth:`ManageScreen.change` starts an async worker that awaits the
confirmation modal (``push_screen_wait``), then runs the command in a thread worker. The command
checks the permission, applies the rule and writes one audit row (R-ACC-4, R-ACC-5). A refusal
comes back as its own sentence (a ``ConflictError`` says to reload); success is notified, the
screen reloads, and every Manage Clients screen below it is told the client changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import getters
from textual.app import App, ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from console_tui.display import one_line
from console_tui.domain.errors import ConflictError, DomainError
from console_tui.screens.base import DataScreen, database_answered, failure_text
from console_tui.services.manage import ManageServices
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import work

#: The async worker group that waits on a confirmation modal (tests leave it out when settling).
CONFIRM_GROUP = "confirm"


@dataclass
class ChangeDone(Message):
    what: str
    result: Any
    done: Callable[[Any], None] | None


@dataclass
class ChangeFailed(Message):
    what: str
    message: str
    conflict: bool
    error: DomainError | None = None


def notify_changed(app: App, client_id: int | None) -> None:
    """Tell every screen on the stack that can reload (``client_changed``) that data changed."""
    for screen in app.screen_stack:
        callback = getattr(screen, "client_changed", None)
        if callback is not None:
            callback(client_id)


class Changes(Screen[Any]):
    """Confirm-then-act for any screen (mixed into :class:`ManageScreen` and Manage Clients)."""

    client_id: int | None = None
    app = getters.app(ConsoleHost)

    @property
    def manage(self) -> ManageServices:
        return self.app.manage

    def change(self, what: str, call: Callable[[Any], Any], *, confirm: ModalScreen | None = None,
               done: Callable[[Any], None] | None = None) -> None:
        """Ask ``confirm`` (if any), then run ``call(answer)`` in a thread; ``done(result)`` after."""
        self._confirm_then_act(what, call, confirm, done)

    @work(exclusive=True, group=CONFIRM_GROUP)
    async def _confirm_then_act(self, what: str, call: Callable[[Any], Any], confirm: ModalScreen | None,
                                done: Callable[[Any], None] | None) -> None:
        answer: Any = None
        if confirm is not None:
            answer = await self.app.push_screen_wait(confirm)
            if answer is None or answer is False:
                self.notify(f"{what}: cancelled, nothing changed.", timeout=3)
                return
        self._act(what, call, answer, done)

    @work(thread=True, exclusive=True, group="change")
    def _act(self, what: str, call: Callable[[Any], Any], answer: Any, done: Callable[[Any], None] | None) -> None:
        post = self.post_message
        try:
            result = call(answer)
        except DomainError as error:
            post(ChangeFailed(what, one_line(error), isinstance(error, ConflictError), error))
        except Exception as error:  # one plain sentence; the traceback goes to the log
            post(ChangeFailed(what, failure_text(error), False))
        else:
            post(ChangeDone(what, result, done))

    def on_change_done(self, message: ChangeDone) -> None:
        message.stop()
        database_answered(self.app)
        if message.done is not None:
            message.done(message.result)
        notify_changed(self.app, self.client_id)

    def on_change_failed(self, message: ChangeFailed) -> None:
        message.stop()
        title = "Changed by someone else" if message.conflict else "Not done"
        self.notify(message.message, title=title, severity="warning", timeout=12)
        status = getattr(self, "status", None)
        if status is not None:
            status.failed(message.message + (" Press r to reload." if message.conflict else ""))


class ManageScreen(Changes, DataScreen):
    """A per-client Manage Clients screen: ``fetch(manage)`` in a thread, ``show(data)`` on the loop."""

    def action_reload(self) -> None:
        self.status.loading()
        self._load(self.manage)

    def client_changed(self, client_id: int | None) -> None:
        if client_id == self.client_id:
            self.action_reload()

    def fetch(self, services: Any) -> Any:
        return self.load(services)

    def load(self, manage: ManageServices) -> Any:
        raise NotImplementedError


class ToggleScreen(ManageScreen):
    """One on/off option: the state, what it means, and ``t`` (or the button) to switch it after
    confirming. Subclasses give ``load``, ``texts(data)`` and ``action_toggle``."""

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
            self.action_toggle()

    def texts(self, data: Any) -> tuple[Content, Content, str]:
        raise NotImplementedError

    def refused(self, data: Any) -> bool:
        """True when the switch would be refused now (the button is then disabled; ``t`` says why)."""
        return False

    def action_toggle(self) -> None:
        raise NotImplementedError
