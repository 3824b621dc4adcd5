"""The nightly scheduler inside the console (the embedded single-user case).

Started after the first frame with client rows (importing APScheduler and starting its thread
must not delay that frame), unless ``console-tui --no-scheduler`` said not to. On a shared
PostgreSQL database it runs too: the nightly job's single-runner guard makes N consoles and
workers close each day once. When a day's rollup finishes, the scheduler's thread hands it to
the event loop with ``call_from_thread``, which posts :class:`RollupFinished` to the console.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from console_tui.jobs.nightly import DayOutcome

log = logging.getLogger(__name__)

#: Builds a started-later scheduler: ``factory(on_done=callback)`` (see jobs.scheduler).
SchedulerFactory = Callable[..., Any]


class BackgroundHost(Protocol):
    """What the scheduler needs of the app that owns it (:class:`~console_tui.app.application.ConsoleApp`):
    a thread worker to start in, and the console to tell when a rollup lands."""

    console_screen: Any

    @property
    def run_worker(self) -> Callable[..., Any]: ...
    @property
    def call_from_thread(self) -> Callable[..., Any]: ...


class BackgroundJobs:
    """Owns the console's scheduler: start once, stop at exit, report finished rollups."""

    def __init__(self, app: BackgroundHost, factory: SchedulerFactory | None) -> None:
        self.app = app
        self.factory = factory
        self.scheduler: Any = None
        self._lock = threading.Lock()
        self._started = self._stopped = False

    def start(self) -> None:
        """Start the scheduler in a thread (once); a no-op without a factory."""
        if self.factory is None or self._started:
            return
        self._started = True
        self.app.run_worker(self._start, thread=True, group="scheduler", exit_on_error=False)

    def _start(self) -> None:
        try:
            scheduler = self.factory(on_done=self._on_done)  # type: ignore[misc]
            with self._lock:
                if self._stopped:
                    return
                scheduler.start()
                self.scheduler = scheduler
            log.info("nightly scheduler started in the console")
        except Exception:  # the console works without it; the log says why
            log.exception("the nightly scheduler could not start")

    def _on_done(self, outcome: DayOutcome) -> None:
        """In the scheduler's thread: hand the finished day to the event loop."""
        from console_tui.ui.messages import RollupFinished

        as_of = outcome.result.as_of if outcome.result is not None else None
        try:
            self.app.call_from_thread(self.app.console_screen.post_message, RollupFinished(outcome.day, as_of))
        except RuntimeError:  # the app is not running (any more)
            log.info("rollup of %s finished after the console closed", outcome.day)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:
            try:
                scheduler.shutdown(wait=False)
            except Exception:
                log.warning("stopping the nightly scheduler failed", exc_info=True)


def scheduler_factory(db: Any, clock: Any, settings: Any) -> SchedulerFactory:
    """``factory(on_done=…)`` building the background scheduler; APScheduler is imported only when
    it is called (after the first frame), never while the console starts."""

    def build(*, on_done: Callable[[DayOutcome], None]) -> Any:
        from console_tui.jobs.scheduler import background_scheduler

        return background_scheduler(db, clock, settings, on_done=on_done)

    return build
