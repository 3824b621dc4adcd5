"""A screen that loads its data in a thread worker and then shows it (DESIGN.md habit 1).

Subclasses give ``TITLE_TEXT``, ``fetch(services)`` (runs in a thread: blocking calls only,
no widgets) and ``show(data)`` (on the event loop). Loading says so; a failure is one line.
"""

from __future__ import annotations

import logging
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from console_tui import keys
from console_tui.domain.errors import DomainError
from console_tui.messages import Loaded, LoadFailed
from console_tui.services import Services
from console_tui.text import one_line
from console_tui.widgets.status_line import StatusLine
from console_tui.widgets.title_bar import TitleBar

log = logging.getLogger(__name__)


def failure_text(error: BaseException) -> str:
    """A refusal's own sentence, or "Could not load: …" for anything unexpected."""
    if isinstance(error, DomainError | LookupError):
        return one_line(error)
    return f"Could not load: {one_line(error)}. Press r to try again."


class DataScreen(Screen[None]):
    """Title bar, status line, the subclass's body, footer."""

    BINDINGS = keys.bindings("back")
    PALETTE_SCOPES: tuple[str, ...] = ("back",)
    TITLE_TEXT = ""

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__()
        self.client_id = client_id
        self.client_name = client_name

    def compose(self) -> ComposeResult:
        yield self.make_title_bar()
        yield StatusLine("Loading…", id="status")
        yield from self.compose_body()
        yield Footer()

    def make_title_bar(self) -> TitleBar:
        return TitleBar(self.TITLE_TEXT, self.client_name)

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self.status.loading()
        self._load(self.app.services)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, group="screen-load")
    def _load(self, services: Services) -> None:
        try:
            data = self.fetch(services)
        except Exception as error:  # shown as one line; the details go to the log
            log.info("load failed on %s", type(self).__name__, exc_info=True)
            self.post_message(LoadFailed(type(self).__name__, failure_text(error)))
        else:
            self.post_message(Loaded(type(self).__name__, data))

    def fetch(self, services: Services) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        self.status.ready("")
        self.show(message.data)

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.status.failed(message.message)
