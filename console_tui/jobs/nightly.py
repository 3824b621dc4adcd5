"""The nightly job: close each day once, catching up the days nobody closed (R-NM-1..3).

A day is *closed* when a ``job_run`` row (job "nightly", that day) says ``done``. Closing a day
runs the rollup and writes that row in ONE transaction, under a single-runner guard:

- PostgreSQL: ``pg_advisory_xact_lock`` (keyed by the job and the schema) — a second console or
  worker waits, then finds the day done and skips it;
- SQLite: the write transaction begins ``IMMEDIATE``, which already admits one writer; a second
  runner that cannot get the lock within the busy timeout gives up for now ("busy").

So N consoles and workers on one database close each day exactly once. APScheduler 3 cannot
share its job store between processes and drops runs that are too late, so catch-up after
downtime comes from here: every day after the last closed one, up to yesterday.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from console_tui.clock import Clock, local_today
from console_tui.data.cycle_close import close_cycle_in
from console_tui.data.engine import Database
from console_tui.data.history import DEFAULT_HISTORY_DAYS, prune
from console_tui.data.problems import DatabaseProblem
from console_tui.data.rollup import JOB, Progress, RollupResult, rollup_in
from console_tui.data.schema import JobRun
from console_tui.domain.cycles import cycle_for, next_cycle

log = logging.getLogger(__name__)
ADVISORY_KEY = 0x0C0_4501E  # "console": the nightly job's lock id (paired with the schema)
FIRST_RUN_DAYS = 1  # a database never rolled up closes just yesterday (all history rolls up with it)


@dataclass(frozen=True)
class DayOutcome:
    day: date
    status: str  # done | skipped | busy | failed
    result: RollupResult | None = None
    message: str = ""


class RunnerBusy(DatabaseProblem):
    """``refresh`` by hand found another writer holding the SQLite database."""

    def __init__(self) -> None:
        super().__init__("another writer holds the database (a nightly run, an ingest or a demo build?); "
                         "nothing was rolled up — try again when it has finished")


def runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def last_closed_day(db: Database) -> date | None:
    with db.read() as session:
        return session.scalar(select(func.max(JobRun.day)).where(JobRun.job == JOB, JobRun.status == "done"))


def due_days(db: Database, clock: Clock) -> list[date]:
    """Every day after the last closed one, through yesterday (local)."""
    yesterday = local_today(clock) - timedelta(days=1)
    last = last_closed_day(db)
    if last is None:
        return [yesterday - timedelta(days=n) for n in reversed(range(FIRST_RUN_DAYS))]
    return [last + timedelta(days=n) for n in range(1, (yesterday - last).days + 1)]


def close_day(db: Database, clock: Clock, day: date, *, recompute_from: date | None = None,
              force: bool = False, progress: Progress | None = None,
              history_days: int = DEFAULT_HISTORY_DAYS) -> DayOutcome:
    """Close ``day`` unless someone already did (or ``force``): rollup, history kept ``history_days``
    days (R-HIST-1), the billing cycle when ``day`` is its last (R-BL-5) and job_run row, one transaction."""
    started = clock.now()
    try:
        with db.write() as session:
            if db.dialect == "postgresql":
                # one lock per schema: agencies kept in separate schemas of one database never wait on each other
                session.execute(select(func.pg_advisory_xact_lock(ADVISORY_KEY, func.hashtext(func.current_schema()))))
            run = session.scalar(select(JobRun).where(JobRun.job == JOB, JobRun.day == day))
            if run is not None and run.status == "done" and not force:
                return DayOutcome(day, "skipped", message=f"closed by {run.runner}")
            result = rollup_in(session, clock.tz, clock.now(), day, recompute_from=recompute_from, progress=progress)
            prune(session, day, history_days)
            cycle = cycle_for(day)
            # only the cycle just ended: an older one closed now would bill last season with today's data
            if (day == cycle.end and cycle_for(local_today(clock)) == next_cycle(cycle)
                    and close_cycle_in(session, cycle, clock.tz, clock.now())):
                log.info("billing cycle %s closed with the night of its last day", cycle.label)
            run = run or JobRun(job=JOB, day=day)
            session.add(run)
            run.status, run.started_at, run.finished_at = "done", started, clock.now()
            run.runner, run.events_processed, run.message = runner_name(), result.events, None
    except OperationalError as error:
        if db.is_sqlite and "locked" in str(error).lower():
            log.info("nightly %s: another runner holds the database; will retry", day)
            return DayOutcome(day, "busy", message="another runner is busy")
        raise
    log.info("nightly %s closed: %d events, %d days recomputed", day, result.events, len(result.days))
    return DayOutcome(day, "done", result)


def _record_failure(db: Database, clock: Clock, day: date, message: str) -> None:
    try:
        with db.write() as session:
            run = session.scalar(select(JobRun).where(JobRun.job == JOB, JobRun.day == day))
            if run is None:
                run = JobRun(job=JOB, day=day, started_at=clock.now())
                session.add(run)
            if run.status != "done":
                run.status, run.finished_at = "failed", clock.now()
                run.runner, run.message = runner_name(), message[:2000]
    except Exception:  # the database may be the reason it failed; the log has it
        log.exception("could not record the failure of nightly %s", day)


def run_nightly(db: Database, clock: Clock, *, progress: Progress | None = None,
                on_done: Callable[[DayOutcome], None] | None = None,
                history_days: int = DEFAULT_HISTORY_DAYS) -> list[DayOutcome]:
    """Close every due day in order; stop at the first failure (it is retried next time)."""
    outcomes = []
    for day in due_days(db, clock):
        try:
            outcome = close_day(db, clock, day, progress=progress, history_days=history_days)
        except Exception as error:
            log.exception("nightly %s failed", day)
            _record_failure(db, clock, day, f"{type(error).__name__}: {error}")
            outcomes.append(DayOutcome(day, "failed", message=str(error).splitlines()[0][:300]))
            break
        outcomes.append(outcome)
        if on_done and outcome.status == "done":
            on_done(outcome)
        if outcome.status == "busy":
            break
    return outcomes


def refresh(db: Database, clock: Clock, *, since: date | None = None, progress: Progress | None = None,
            history_days: int = DEFAULT_HISTORY_DAYS) -> DayOutcome:
    """``console-tui refresh``: recompute by hand through yesterday, from ``since`` if given."""
    yesterday = local_today(clock) - timedelta(days=1)
    outcome = close_day(db, clock, yesterday, recompute_from=since, force=True, progress=progress,
                        history_days=history_days)
    if outcome.status == "busy":
        raise RunnerBusy()
    return outcome
