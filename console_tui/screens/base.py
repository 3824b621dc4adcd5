"""A screen that loads its data in a thread worker and then shows it (DESIGN.md habit 1).

Subclasses give ``TITLE_TEXT``, ``fetch(services)`` (runs in a thread: blocking calls only,
no widgets) and ``show(data)`` (on the event loop). Loading says so; a failure is one line.
"""

from __future__ import annotations

from typing import Any

from textual import getters
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from console_tui.display import one_line
from console_tui.domain.errors import ConflictError, ValidationError
from console_tui.services.console import Services
from console_tui.ui import keys
from console_tui.ui.failures import explain
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import DatabaseStateChanged, Loaded, LoadFailed, SaveFailed
from console_tui.ui.workers import work
from console_tui.widgets.db_banner import DbBanner
from console_tui.widgets.status_line import StatusLine
from console_tui.widgets.title_bar import TitleBar


def failure_text(error: BaseException, *, loading: bool = False) -> str:
    """The one plain sentence for a failed load or change (:func:`console_tui.ui.failures.explain`)."""
    return explain(error, loading=loading)


def save_failure(what: str, error: BaseException) -> SaveFailed:
    """How a failed change is reported: field by field, a conflict (reload), or one plain sentence."""
    if isinstance(error, ValidationError):
        return SaveFailed(what, one_line(error), dict(error.field_errors))
    if isinstance(error, ConflictError):
        return SaveFailed(what, one_line(error), conflict=True)
    return SaveFailed(what, explain(error))


def database_answered(app: ConsoleHost) -> None:
    """Tell the app's health monitor that a database call just succeeded."""
    app.database_answered()


class DataScreen(Screen[None]):
    """Title bar, status line, the subclass's body, footer."""

    app = getters.app(ConsoleHost)
    BINDINGS = keys.bindings("back")
    PALETTE_SCOPES: tuple[str, ...] = ("back",)
    TITLE_TEXT = ""

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__()
        self.client_id = client_id
        self.client_name = client_name

    def compose(self) -> ComposeResult:
        yield self.make_title_bar()
        yield DbBanner()
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
        self._load(self.app.services)

    def action_back(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, group="screen-load")
    def _load(self, services: Services) -> None:
        try:
            data = self.fetch(services)
        except Exception as error:  # one plain sentence; the traceback goes to the log
            self.post_message(LoadFailed(type(self).__name__, failure_text(error, loading=True)))
        else:
            self.post_message(Loaded(type(self).__name__, data))

    def fetch(self, services: Services) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        database_answered(self.app)
        self.status.ready("")
        self.show(message.data)

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.status.failed(message.message)

    def on_database_state_changed(self, message: DatabaseStateChanged) -> None:
        """The database came back: show current data again (issue 5)."""
        if message.available:
            self.action_reload()
