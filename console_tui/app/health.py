"""Is the database there? The console's health monitor.

While the database is healthy there is no health check of its own: loads and the console's
"as of" poll are the checks. Every database error anywhere in the process (any screen, the
nightly job) passes through an engine ``handle_error`` hook; one that looks like an outage
(:func:`console_tui.ui.outage.is_unavailable`) makes the monitor check at once. A failed check marks
the database unavailable: the banner says since when the data is shown, and a one-shot timer,
re-armed after each finished check (so checks never overlap), checks again after 2 s, then backs off
to at most 30 s. The first good check marks it available again and every open screen reloads.

The check is ``SELECT 1`` in a thread worker: the event loop never waits for the database.
On SQLite a long writer does not make the database unavailable: reads go on (WAL), and only
changes fail, each with the outage sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import event
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from console_tui.clock import Clock
from console_tui.display import one_line
from console_tui.ui.messages import DatabaseStateChanged, DatabaseSuspect, HealthChecked
from console_tui.ui.outage import DbState, is_unavailable, retry_delay

log = logging.getLogger(__name__)


class HealthHost(Protocol):
    """What the monitor needs of the app that owns it (:class:`~console_tui.app.application.ConsoleApp`)."""

    services: Any  # .db.engine and .ping()
    clock: Clock
    db_state: DbState

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...
    @property
    def post_message(self) -> Callable[[Message], bool]: ...
    @property
    def run_worker(self) -> Callable[..., Any]: ...
    @property
    def set_timer(self) -> Callable[..., Timer]: ...
    @property
    def notify(self) -> Callable[..., None]: ...


class HealthMonitor:
    """Owned by the app; every method runs on the event loop, except the hook and the check."""

    def __init__(self, app: HealthHost) -> None:
        self.app = app
        self.available = True
        self.failures = 0
        self.data_from: datetime | None = None  # the last good contact with the database
        self._timer: Timer | None = None
        self._checking = False
        self._engine: Any = None

    # --- wiring --------------------------------------------------------------------------------

    def install(self) -> None:
        """Hear about every database error of this process (threads included)."""
        self._engine = self.app.services.db.engine
        event.listen(self._engine, "handle_error", self._on_db_error)

    def uninstall(self) -> None:
        if self._engine is not None and event.contains(self._engine, "handle_error", self._on_db_error):
            event.remove(self._engine, "handle_error", self._on_db_error)
        self._engine = None
        if self._timer is not None:
            self._timer.stop()

    def _on_db_error(self, context: Any) -> None:
        """SQLAlchemy's hook, in whichever thread failed: only posts a message (thread-safe)."""
        error = context.sqlalchemy_exception or context.original_exception
        if context.is_disconnect or (error is not None and is_unavailable(error)):
            self.app.post_message(DatabaseSuspect())

    # --- what screens tell it ------------------------------------------------------------------

    def contact_ok(self) -> None:
        """A load or poll just succeeded: the data on screen is current as of now."""
        self.data_from = self.app.clock.now()
        if not self.available:
            self._recovered()

    def suspect(self) -> None:
        """Something failed like an outage: check now (unless a check is under way)."""
        self.check_now()

    def check_now(self) -> None:
        if self._checking:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._checking = True
        self.app.run_worker(self._ping, thread=True, group="db-health", exclusive=True, exit_on_error=False)

    def _ping(self) -> None:
        try:
            self.app.services.ping()
        except Exception as error:
            self.app.post_message(HealthChecked(False, one_line(error)))
        else:
            self.app.post_message(HealthChecked(True))

    # --- answers -------------------------------------------------------------------------------

    def checked(self, message: HealthChecked) -> None:
        self._checking = False
        if message.ok:
            self.contact_ok()  # recovers (and logs how long it took) when it was down
            self.failures = 0
            return
        self.failures += 1
        delay = retry_delay(self.failures)
        if self.available:
            log.warning("database unavailable: %s", message.problem)
            self.available = False
            self._publish(delay)
            self._broadcast(False)
        else:
            log.info("database still unavailable (try %d): %s", self.failures, message.problem)
            self._publish(delay)
        self._timer = self.app.set_timer(delay, self.check_now)

    def _recovered(self) -> None:
        down = self.failures
        self.available, self.failures = True, 0
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        log.warning("database available again%s", f" after {down} failed checks" if down else "")
        self._publish(None)
        self._broadcast(True)

    def _publish(self, delay: float | None) -> None:
        next_try = self.app.clock.now() + timedelta(seconds=delay) if delay is not None else None
        self.app.db_state = DbState(self.available, self.data_from, next_try)

    def _broadcast(self, available: bool) -> None:
        for screen in list(self.app.screen_stack):
            screen.post_message(DatabaseStateChanged(available))
        if available:
            self.app.notify("The database is back; reloading.", title="Database available", timeout=4)
        else:
            self.app.notify("Changes will fail until it is back; the data shown stays.",
                            title="Database unavailable", severity="error", timeout=8)
