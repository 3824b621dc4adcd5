"""The nightly rollup (R-NM): daily figures, idempotence, incremental runs, local days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from console_tui.clock import FixedClock
from console_tui.data.engine import Database
from console_tui.data.rollup import day_bounds, rollup
from console_tui.data.schema import ClientSnapshot, DailyMetric, Event, SenderStatusChange
from tests.factories import make_agency, make_client

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def add_events(db: Database, rows: list[tuple[int, str, datetime, int]], start: int = 0) -> None:
    with db.write() as session:
        for offset, (client_id, kind, at, quantity) in enumerate(rows):
            session.add(Event(external_id=f"e{start + offset}", client_id=client_id, type=kind, occurred_at=at,
                              quantity=quantity))


def metric_rows(db: Database) -> list[tuple]:
    with db.read() as session:
        ordered = select(*DailyMetric.__table__.columns).order_by(DailyMetric.client_id, DailyMetric.day)
        return [tuple(row) for row in session.execute(ordered)]


def seed(db: Database) -> int:
    with db.write() as session:
        make_agency(session)
        return make_client(session, "Bloom Florists").id


def test_r_nm_1_events_become_daily_figures(db: Database) -> None:
    cid = seed(db)
    day = NOW - timedelta(days=1)
    add_events(db, [(cid, "contact_added", day, 3), (cid, "contact_added", day, 2),
                    (cid, "email_sent", day, 500), (cid, "email_opened", day, 120),
                    (cid, "page_impression", day, 9), (cid, "content_created", day, 1)])
    clock = FixedClock(NOW, tz=ZoneInfo("UTC"))
    result = rollup(db, clock)
    assert result.events == 6
    with db.read() as session:
        metric = session.get(DailyMetric, (cid, day.date()))
        snapshot = session.get(ClientSnapshot, cid)
    assert (metric.contacts_added, metric.emails_sent, metric.emails_opened, metric.page_impressions) == (
        5, 500, 120, 9)
    assert snapshot.contacts_added_30d == 5 and snapshot.emails_sent_30d == 500
    series = [int(v) for v in snapshot.contacts_series.split(",")]
    assert len(series) == 30 and series[-1] == 5 and sum(series) == 5
    assert snapshot.sender_status == "New"


def test_r_nm_2_second_run_gives_identical_rows(db: Database) -> None:
    cid = seed(db)
    add_events(db, [(cid, "email_sent", NOW - timedelta(days=d), 100 + d) for d in range(1, 10)])
    clock = FixedClock(NOW, tz=ZoneInfo("UTC"))
    rollup(db, clock)
    first = metric_rows(db)
    again = rollup(db, clock)
    assert again.events == 0 and again.days == ()
    assert metric_rows(db) == first and len(first) == 9


def test_r_nm_4_incremental_run_recomputes_only_touched_days(db: Database) -> None:
    cid = seed(db)
    add_events(db, [(cid, "email_sent", NOW - timedelta(days=d), 10) for d in range(1, 40)])
    clock = FixedClock(NOW, tz=ZoneInfo("UTC"))
    rollup(db, clock)
    late = NOW - timedelta(days=5)
    add_events(db, [(cid, "email_sent", late, 7)], start=1000)
    result = rollup(db, clock)
    assert result.events == 1 and result.days == (late.date(),)
    with db.read() as session:
        assert session.get(DailyMetric, (cid, late.date())).emails_sent == 17


def test_r_nm_1_local_days_follow_the_clock_timezone_across_dst() -> None:
    london = ZoneInfo("Europe/London")
    start, end = day_bounds(datetime(2026, 3, 29).date(), london)  # clocks go forward: 23 hours
    assert end - start == timedelta(hours=23)
    start, end = day_bounds(datetime(2026, 10, 25).date(), london)  # clocks go back: 25 hours
    assert end - start == timedelta(hours=25)


def test_r_nm_1_events_at_local_midnight_land_on_the_right_day(db: Database) -> None:
    cid = seed(db)
    tz = ZoneInfo("America/New_York")
    before = datetime(2026, 11, 18, 23, 59, 59, tzinfo=tz)
    after = datetime(2026, 11, 19, 0, 0, 0, tzinfo=tz)
    add_events(db, [(cid, "contact_added", before, 1), (cid, "contact_added", after, 10)])
    rollup(db, FixedClock(NOW, tz=tz))
    with db.read() as session:
        assert session.get(DailyMetric, (cid, before.date())).contacts_added == 1
        assert session.get(DailyMetric, (cid, after.date())).contacts_added == 10


def test_r_ss_2_status_history_is_recorded(db: Database) -> None:
    cid = seed(db)
    add_events(db, [(cid, "email_sent", NOW - timedelta(days=d), 1000) for d in range(1, 6)])
    clock = FixedClock(NOW, tz=ZoneInfo("UTC"))
    rollup(db, clock)
    yesterday = NOW - timedelta(days=1)
    add_events(db, [(cid, "email_bounced", yesterday, 400), (cid, "spam_complaint", yesterday, 40)], start=100)
    clock.advance(timedelta(days=1))
    rollup(db, clock)
    with db.read() as session:
        history = session.execute(
            select(SenderStatusChange.old_status, SenderStatusChange.new_status).order_by(SenderStatusChange.day)
        ).all()
    assert [tuple(h) for h in history] == [(None, "Healthy"), ("Healthy", "Limited")]


def test_all_zero_client_gets_a_flat_series(db: Database) -> None:
    cid = seed(db)
    rollup(db, FixedClock(NOW))
    with db.read() as session:
        snapshot = session.get(ClientSnapshot, cid)
    assert snapshot.contacts_series == ",".join(["0"] * 30)
    assert snapshot.emails_sent_30d == 0 and snapshot.sender_status == "New"
