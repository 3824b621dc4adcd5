"""The agency-level variant of :class:`~console_tui.screens.base.DataScreen` (no client id).

Subclasses give ``TITLE_TEXT``, ``compose_body()``, ``fetch(admin)`` (runs in a thread worker:
blocking calls only, no widgets) and ``show(data)`` (on the event loop). Changes go through
:meth:`AgencyScreen.act` (a thread worker; ``done``/``failed`` run on the loop) and, when they
need a yes first, :meth:`AgencyScreen.confirm_then_act` (confirm-then-act reads top to bottom,
DESIGN.md habit 8). Refusals are shown whole in the notice under the status line: what was
refused, why and what to do (``str(error)``), as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import getters
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from console_tui.display import safe
from console_tui.screens.base import database_answered, failure_text
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.services.admin import AdminServices
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import DatabaseStateChanged, Loaded, LoadFailed
from console_tui.ui.workers import work
from console_tui.widgets.db_banner import DbBanner
from console_tui.widgets.status_line import StatusLine
from console_tui.widgets.table_view import TableView
from console_tui.widgets.title_bar import TitleBar

#: The async worker group that waits on a confirmation dialog (tests leave it out when settling).
AGENCY_CONFIRM_GROUP = "agency-confirm"


@dataclass
class Acted(Message):
    """A change finished: ``what`` names it, ``result`` is the command's result."""

    what: str
    result: Any


@dataclass
class ActFailed(Message):
    """A change was refused or failed; ``message`` is the whole readable sentence."""

    what: str
    message: str
    error: BaseException


class Notice(Static):
    """Several lines under the status line: a refusal in full, or what a change did."""

    DEFAULT_CSS = """
    Notice {
        height: auto; max-height: 5; padding: 0 1; display: none;
        &.-error { display: block; color: $text-error; background: $error 12%; }
        &.-done { display: block; color: $text-success; background: $success 10%; }
        &.-info { display: block; color: $text-warning; background: $warning 10%; }
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="notice", markup=False)
        self.text = ""

    def say(self, text: str, tone: str = "info") -> None:
        self.text = safe(text)
        for name in ("error", "done", "info"):
            self.set_class(tone == name and bool(text), f"-{name}")
        self.update(Content(self.text))

    def clear(self) -> None:
        self.say("")


class AgencyScreen(Screen[None]):
    """Title bar, status line, notice, the subclass's body, footer. Administrators only."""

    app = getters.app(ConsoleHost)
    BINDINGS = keys.bindings("back")
    AUTO_FOCUS = "TableView"  # the screen's main list (never a hidden input)
    TITLE_TEXT = ""

    def __init__(self) -> None:
        super().__init__()
        self.busy = ""
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield TitleBar(self.TITLE_TEXT)
        yield DbBanner()
        yield StatusLine("Loading…", id="status")
        yield Notice()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def notice(self) -> Notice:
        return self.query_one(Notice)

    @property
    def admin(self) -> AdminServices:
        return self.app.admin

    def subject(self, text: str) -> None:
        self.query_one(TitleBar).show_subject(text)

    def on_mount(self) -> None:
        self.action_reload()

    # --- loading (DESIGN.md habit 1) ---------------------------------------------------------------

    def action_reload(self) -> None:
        self.status.loading()
        self._load(self.admin, self.load_args())

    def load_args(self) -> tuple[Any, ...]:
        """Arguments for :meth:`fetch` taken on the loop (e.g. the month asked for)."""
        return ()

    @work(thread=True, exclusive=True, group="agency-load")
    def _load(self, admin: AdminServices, args: tuple[Any, ...]) -> None:
        try:
            data = self.fetch(admin, *args)
        except Exception as error:  # one plain sentence; the traceback goes to the log
            self.post_message(LoadFailed(type(self).__name__, failure_text(error, loading=True)))
        else:
            self.post_message(Loaded(type(self).__name__, data))

    def fetch(self, admin: AdminServices, *args: Any) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        database_answered(self.app)
        if not self.loaded:
            for table in self.query(TableView):
                table.display = True
        self.loaded = True
        self.status.ready("")
        self.show(message.data)

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.status.failed("Not shown: see why below" if not self.loaded else "Could not reload")
        self.notice.say(message.message, "error")
        if not self.loaded:  # only the refusal: no empty tables under it
            for table in self.query(TableView):
                table.display = False

    def on_database_state_changed(self, message: DatabaseStateChanged) -> None:
        """The database came back (issue 5): show current data again."""
        if message.available:
            self.action_reload()

    def action_back(self) -> None:
        self.dismiss()

    # --- changing things (permission + rule + audit in the command, R-ACC-4/5) ---------------------

    def act(self, what: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Run ``call`` in a thread worker; False (and why) if another change is still running."""
        if self.busy:
            self.notice.say(f"{self.busy} is still running: wait for it to finish, then try again.", "info")
            return False
        self.busy = what
        self.status.loading(f"{what}…")
        self._act(what, call, args, kwargs)
        return True

    @work(thread=True, group="agency-act")
    def _act(self, what: str, call: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        try:
            result = call(*args, **kwargs)
        except Exception as error:  # a DomainError says what, why and what to do; others one plain sentence
            self.post_message(ActFailed(what, failure_text(error), error))
        else:
            self.post_message(Acted(what, result))

    def on_acted(self, message: Acted) -> None:
        message.stop()
        database_answered(self.app)
        self.busy = ""
        self.status.ready("")
        self.done(message.what, message.result)

    def on_act_failed(self, message: ActFailed) -> None:
        message.stop()
        self.busy = ""
        self.status.failed(f"{message.what}: not done")
        self.notice.say(message.message, "error")
        self.failed(message.what, message.error)

    def done(self, what: str, result: Any) -> None:
        """A change succeeded (on the loop). Subclasses say what changed and reload."""

    def failed(self, what: str, error: BaseException) -> None:
        """A change was refused; the notice already says why. Subclasses may keep more state."""

    @work(exclusive=True, group=AGENCY_CONFIRM_GROUP)
    async def confirm_then_act(self, title: str, lines: Sequence[str], what: str, call: Callable[..., Any],
                               *args: Any, yes: str = "Yes", **kwargs: Any) -> None:
        """Ask first (a small modal); act only on yes (DESIGN.md habit 8)."""
        if await self.ask(title, lines, what, yes=yes):
            self.act(what, call, *args, **kwargs)

    async def ask(self, title: str, lines: Sequence[str], what: str, *, yes: str = "Yes") -> bool:
        """The answer of a :class:`Confirm` (call from an async worker); says so on no."""
        answer = await self.app.push_screen_wait(Confirm(title, lines, yes=yes, no="No"))
        if not answer:
            self.notice.say(f"{what}: cancelled, nothing was changed.", "info")
        return answer
