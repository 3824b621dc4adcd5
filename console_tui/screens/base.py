"""The one way to build a screen: load in a thread worker, show on the loop, act top to bottom.

:class:`BaseScreen` gives every full screen the typed app (``self.app``: its facades, settings and
clock, :class:`~console_tui.ui.host.ConsoleHost`), the one way to change something (:meth:`act`)
and the one "data changed" signal (:class:`~console_tui.ui.messages.DataChanged`).
:class:`DataScreen` adds the title bar, status line, notice, body and footer, and the load:

* ``fetch(*args)`` runs in a thread worker (blocking calls only, no widgets) and returns a view;
  ``load_args()`` takes on the loop what it needs (the month asked for, …);
* ``show(data)`` runs on the event loop with what ``fetch`` returned;
* a failed load is one plain sentence (:func:`console_tui.ui.failures.explain`).

A change reads top to bottom in one ``async`` method started with ``@work(group=ACT_GROUP)``::

    @work(group=ACT_GROUP)
    async def action_switch(self) -> None:
        done = await self.act("Turning Direct Support off",
                              lambda: self.app.manage.set_direct_support(self.client_id, False, version),
                              confirm=Confirm("Turn Direct Support off?", "…"))
        if done is not None:
            self.notify(f"Direct Support is off.")

:meth:`act` awaits the confirmation (``push_screen_wait``), runs the command in a thread worker and
awaits it, shows a refusal the one way (:meth:`show_failure`), and on success tells every open
screen that data changed (each reloads what it shows). The command checks the permission, applies
the rule and writes one audit row (R-ACC-4, R-ACC-5).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from textual import getters
from textual.app import ComposeResult
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import WorkerCancelled

from console_tui.clock import Clock
from console_tui.domain.errors import ConflictError, NothingChanged
from console_tui.ui import keys
from console_tui.ui.failures import explain
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import DatabaseStateChanged, DataChanged, Loaded, LoadFailed
from console_tui.ui.workers import run_worker, work
from console_tui.widgets.db_banner import DbBanner
from console_tui.widgets.notice import Notice
from console_tui.widgets.status_line import StatusLine
from console_tui.widgets.table_view import TableView
from console_tui.widgets.title_bar import TitleBar

log = logging.getLogger(__name__)

#: The async workers that act (they wait on a confirmation first; tests leave them out while a
#: dialog is open).
ACT_GROUP = "act"

T = TypeVar("T")
ResultT = TypeVar("ResultT")


def as_of_text(clock: Clock) -> str:
    """When a screen's figures are from: "as of 09:41", in the app clock's time zone."""
    return f"as of {clock.now().astimezone(clock.tz):%H:%M}"


def first_sentence(text: str) -> str:
    """The text up to its first full stop (or all of it): what fits a one-line status."""
    head, stop, _ = text.partition(". ")
    return head + "." if stop else text


def failure_text(error: BaseException, *, loading: bool = False) -> str:
    """The one plain sentence for a failed load or change (:func:`console_tui.ui.failures.explain`)."""
    return explain(error, loading=loading)


def post_load(pump: MessagePump, what: str, fetch: Callable[[], Any]) -> None:
    """In a thread worker: ``fetch()`` posted to ``pump`` as :class:`Loaded` ``what``, or its failure
    as :class:`LoadFailed` in one plain sentence (the traceback goes to the log)."""
    try:
        data = fetch()
    except Exception as error:
        log.info("loading %s failed", what, exc_info=True)
        pump.post_message(LoadFailed(what, failure_text(error, loading=True)))
    else:
        pump.post_message(Loaded(what, data))


@dataclass(frozen=True)
class Done(Generic[T]):
    """A change that went through: the command's result."""

    result: T


async def run_command(node: Screen[Any], call: Callable[[], T]) -> T:
    """Run ``call`` in a thread worker and await it: its result, or the exception it raised."""
    def attempt() -> tuple[T | None, Exception | None]:
        try:
            return call(), None
        except Exception as error:  # handed back to the caller, who shows it
            return None, error

    result, error = await run_worker(node, attempt, thread=True, group="command").wait()
    if error is not None:
        raise error
    return cast(T, result)


class BaseScreen(Screen[ResultT]):
    """What every full screen shares: the typed app, :meth:`act` and the data-changed signal.

    A screen composes a :class:`StatusLine` (``#status``) and a :class:`Notice`. What the person
    must read goes one way on every screen: a failure or refusal in full in the notice (wrapped,
    never cut off) with a short line in the status line; a word about what happened (cancelled,
    nothing to do) in the notice too. Brief news of a change that went through is a notification.
    """

    app = getters.app(ConsoleHost)
    client_id: int | None = None
    acting = ""  # the change running now ("" when none)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def notice(self) -> Notice:
        return self.query_one(Notice)

    async def ask(self, what: str, dialog: Screen[Any]) -> Any:
        """The dialog's answer (call from an async worker); None after saying so when declined."""
        answer = await self.app.push_screen_wait(dialog)
        if answer is None or answer is False:
            self.say_cancelled(what)
            return None
        return answer

    async def act(self, what: str, call: Callable[[], T], *, confirm: Screen[Any] | None = None) -> Done[T] | None:
        """Confirm (if asked), run ``call`` in a thread worker, report; None if declined or refused."""
        if self.acting:
            self.say(f"{self.acting} is still running: wait for it to finish, then try again.")
            return None
        if confirm is not None and await self.ask(what, confirm) is None:
            return None
        self.acting = what
        self.status.show_loading(f"{what}…")
        try:
            result = await run_command(self, call)
        except WorkerCancelled:
            return None
        except NothingChanged as unchanged:  # nothing was written: not a failure, and nothing to reload
            self.status.ready("")
            self.say(str(unchanged))
            return None
        except Exception as error:  # a refusal says what, why and what to do; others one plain sentence
            if not self.handle_refusal(what, error):
                self.show_failure(what, error)
            return None
        finally:
            self.acting = ""
        self.app.database_answered()
        self.status.ready("")
        self.notice.clear()
        self.app.data_changed(self.client_id)
        return Done(result)

    def say_cancelled(self, what: str) -> None:
        self.say(f"{what}: cancelled, nothing was changed.")

    def say(self, text: str) -> None:
        """A word to the person about what happened (or did not), in the notice."""
        self.notice.say(text, "info")

    def refuse(self, text: str, short: str = "") -> None:
        """The one way a refusal or failure is shown: ``text`` in full in the notice, and ``short``
        (or the first sentence of ``text``) in the status line."""
        self.status.failed(short or first_sentence(text))
        self.notice.say(text, "error")

    def handle_refusal(self, what: str, error: BaseException) -> bool:
        """A change was refused: True when this screen showed it itself (beside a field)."""
        return False

    def show_failure(self, what: str, error: BaseException) -> None:
        """A change failed or was refused: why, in full, and what to do."""
        short = f"{what}: not done." + (" Press r to reload." if isinstance(error, ConflictError) else "")
        self.refuse(failure_text(error), short)

    def on_data_changed(self, message: DataChanged) -> None:
        """Something was changed (here or on a screen above): reload if it concerns this screen."""
        if message.client_id is None or self.client_id is None or message.client_id == self.client_id:
            self.data_changed()

    def data_changed(self) -> None:
        """What this screen does when data it shows may have changed (reload, or later)."""


class DataScreen(BaseScreen[None]):
    """Title bar, status line, notice, the subclass's body, footer; loads in a thread worker."""

    BINDINGS = keys.bindings("back")
    PALETTE_SCOPES: tuple[str, ...] = ("back",)
    TITLE_TEXT = ""

    def __init__(self, client_id: int | None = None, client_name: str = "") -> None:
        super().__init__()
        self.client_id = client_id
        self.client_name = client_name
        self.loaded = False
        self.load_failed = False

    def compose(self) -> ComposeResult:
        yield self.make_title_bar()
        yield DbBanner()
        yield StatusLine("Loading…", id="status")
        yield Notice()
        yield from self.compose_body()
        yield Footer()

    def make_title_bar(self) -> TitleBar:
        return TitleBar(self.TITLE_TEXT, self.client_name)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def subject(self, text: str) -> None:
        self.query_one(TitleBar).show_subject(text)

    def on_mount(self) -> None:
        self.action_reload()

    def action_back(self) -> None:
        self.dismiss()

    # --- loading ---------------------------------------------------------------------------------

    def action_reload(self) -> None:
        """``r``: read everything again, and start afresh (an old refusal or word in the notice goes)."""
        self.notice.clear()
        self.reload()

    def reload(self) -> None:
        """Read the figures again (after a change, here or elsewhere); what the notice says stays."""
        self.status.show_loading()
        self._load(self.load_args())

    def load_args(self) -> tuple[Any, ...]:
        """Arguments for :meth:`fetch` taken on the loop (e.g. the month asked for)."""
        return ()

    @work(thread=True, exclusive=True, group="screen-load")
    def _load(self, args: tuple[Any, ...]) -> None:
        post_load(self, type(self).__name__, lambda: self.fetch(*args))

    def fetch(self, *args: Any) -> Any:
        """Runs in a thread worker: blocking calls through ``self.app``'s facades, no widgets."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        self.app.database_answered()
        if not self.loaded:
            for table in self.query(TableView):
                table.display = True
        if self.load_failed:  # the reason it could not load no longer holds
            self.notice.clear()
            self.load_failed = False
        self.loaded = True
        self.status.ready("")
        self.query_one(TitleBar).show_as_of(as_of_text(self.app.clock))
        self.show(message.data)

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.load_failed = True
        self.refuse(message.message, "Not shown: see why below" if not self.loaded else "Could not reload")
        if not self.loaded:  # only the refusal: no empty tables under it
            for table in self.query(TableView):
                table.display = False

    def on_database_state_changed(self, message: DatabaseStateChanged) -> None:
        """The database came back: show current data again."""
        if message.available:
            self.reload()

    def data_changed(self) -> None:
        self.reload()


class ClientScreen(DataScreen):
    """A :class:`DataScreen` about one client (its id is always there)."""

    client_id: int

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)


class AgencyScreen(DataScreen):
    """A :class:`DataScreen` about the whole agency (no client)."""

    AUTO_FOCUS = "TableView"  # the screen's main list (never a hidden input)

    def __init__(self) -> None:
        super().__init__(None)
