"""The nightly job: catch-up, once per day across runners, failures retried (R-NM-2, R-NM-3)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from console_tui.clock import FixedClock
from console_tui.data.engine import Database
from console_tui.data.schema import DailyMetric, Event, JobRun
from console_tui.jobs import nightly
from console_tui.jobs.nightly import close_day, due_days, run_nightly
from tests.factories import make_agency, make_client

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")


def seed(db: Database, days: int = 10) -> int:
    with db.write() as session:
        make_agency(session)
        cid = make_client(session, "Bloom Florists").id
        for n in range(1, days + 1):
            session.add(Event(external_id=f"s{n}", client_id=cid, type="email_sent",
                              occurred_at=NOW - timedelta(days=n), quantity=100 * n))
    return cid


def runs(db: Database) -> list[tuple[date, str]]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(select(JobRun.day, JobRun.status).order_by(JobRun.day))]


def test_r_nm_2_first_run_closes_yesterday_with_all_history(db: Database) -> None:
    cid = seed(db)
    outcomes = run_nightly(db, FixedClock(NOW, tz=UTC_ZONE))
    assert [(o.day, o.status) for o in outcomes] == [(date(2026, 11, 19), "done")]
    with db.read() as session:
        assert session.get(DailyMetric, (cid, date(2026, 11, 10))).emails_sent == 1000


def test_r_nm_2_three_missed_days_are_caught_up_each_once(db: Database) -> None:
    seed(db)
    clock = FixedClock(NOW, tz=UTC_ZONE)
    run_nightly(db, clock)
    clock.advance(timedelta(days=3))  # nothing ran for three nights
    assert due_days(db, clock) == [date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)]
    outcomes = run_nightly(db, clock)
    assert [o.status for o in outcomes] == ["done", "done", "done"]
    assert run_nightly(db, clock) == []  # nothing due any more
    assert runs(db) == [(date(2026, 11, d), "done") for d in (19, 20, 21, 22)]


def test_r_nm_3_closing_a_closed_day_again_is_skipped(db: Database) -> None:
    seed(db)
    clock = FixedClock(NOW, tz=UTC_ZONE)
    run_nightly(db, clock)
    assert close_day(db, clock, date(2026, 11, 19)).status == "skipped"


def test_r_nm_3_two_runners_at_once_close_each_day_once(db: Database) -> None:
    seed(db, days=40)
    clock = FixedClock(NOW, tz=UTC_ZONE)
    run_nightly(db, clock)
    clock.advance(timedelta(days=4))
    second = Database(db.url)
    results: list[list[nightly.DayOutcome]] = []
    barrier = threading.Barrier(2)

    def go(database: Database) -> None:
        barrier.wait()
        results.append(run_nightly(database, clock))

    threads = [threading.Thread(target=go, args=(d,)) for d in (db, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    second.dispose()
    done = Counter(o.day for outcome in results for o in outcome if o.status == "done")
    assert done == {date(2026, 11, d): 1 for d in (20, 21, 22, 23)}
    assert all(o.status in ("done", "skipped", "busy") for outcome in results for o in outcome)


def test_a_failed_day_is_recorded_and_retried(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(db)
    clock = FixedClock(NOW, tz=UTC_ZONE)

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(nightly, "rollup_in", broken)
    outcomes = run_nightly(db, clock)
    assert [(o.status, o.message) for o in outcomes] == [("failed", "disk on fire")]
    assert runs(db) == [(date(2026, 11, 19), "failed")]
    monkeypatch.undo()
    assert [o.status for o in run_nightly(db, clock)] == ["done"]
    assert runs(db) == [(date(2026, 11, 19), "done")]
