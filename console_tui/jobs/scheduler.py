"""APScheduler 3 wiring for the nightly job: inside the console, or in ``console-tui worker``.

The schedule fires at the configured local time; every firing (and the one at start) runs
:func:`run_nightly`, which closes whatever days are due — so late or missed firings lose nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from console_tui.clock import Clock
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.history import DEFAULT_HISTORY_DAYS
from console_tui.jobs.nightly import DayOutcome, run_nightly

log = logging.getLogger(__name__)
JOB_ID = "nightly"


class NightlyRunner:
    """The scheduled callable: runs what is due and, after a failure, retries with a backoff."""

    RETRY_FIRST_S = 30
    RETRY_MAX_S = 1800

    def __init__(self, scheduler: BaseScheduler, db: Database, clock: Clock,
                 on_done: Callable[[DayOutcome], None] | None = None, history_days: int = DEFAULT_HISTORY_DAYS) -> None:
        self.scheduler, self.db, self.clock, self.on_done = scheduler, db, clock, on_done
        self.history_days = history_days
        self.failures = 0

    def __call__(self) -> None:
        try:
            outcomes = run_nightly(self.db, self.clock, on_done=self.on_done, history_days=self.history_days)
            failed = any(outcome.status in ("failed", "busy") for outcome in outcomes)
        except Exception:  # the database may be away: log it, retry later
            log.exception("nightly run could not start")
            failed = True
        if not failed:
            self.failures = 0
            return
        delay = min(self.RETRY_FIRST_S * 2**self.failures, self.RETRY_MAX_S)
        self.failures += 1
        log.warning("nightly run will be retried in %d s", delay)
        self.scheduler.add_job(self, "date", run_date=self.clock.now() + timedelta(seconds=delay),
                               id=f"{JOB_ID}-retry", replace_existing=True)


def configure(scheduler: BaseScheduler, db: Database, clock: Clock, settings: Settings, *,
              on_done: Callable[[DayOutcome], None] | None = None, catch_up: bool = True) -> NightlyRunner:
    runner = NightlyRunner(scheduler, db, clock, on_done, settings.history_days)
    trigger = CronTrigger(hour=settings.nightly_time.hour, minute=settings.nightly_time.minute, timezone=clock.tz)
    scheduler.add_job(runner, trigger, id=JOB_ID, replace_existing=True,
                      coalesce=True, max_instances=1, misfire_grace_time=3600)
    if catch_up:
        scheduler.add_job(runner, id=f"{JOB_ID}-catch-up", max_instances=1)
    return runner


def background_scheduler(db: Database, clock: Clock, settings: Settings, *,
                         on_done: Callable[[DayOutcome], None] | None = None) -> BackgroundScheduler:
    """For the console: a daemon thread; start it after the first paint."""
    scheduler = BackgroundScheduler(timezone=clock.tz, daemon=True)
    configure(scheduler, db, clock, settings, on_done=on_done)
    return scheduler


def blocking_scheduler(db: Database, clock: Clock, settings: Settings) -> BlockingScheduler:
    """For ``console-tui worker``."""
    scheduler = BlockingScheduler(timezone=clock.tz)
    configure(scheduler, db, clock, settings)
    return scheduler
