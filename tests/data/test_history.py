"""The day-by-day history (R-HIST-1) and its changes (R-HIST-2): written by the nightly job, idempotent,
recomputed by refresh --since, pruned; changes across a DST change and a missing day. Both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from console_tui.clock import FixedClock
from console_tui.data.engine import Database
from console_tui.data.queries import client_facts
from console_tui.data.queries.history import client_changes, client_trend
from console_tui.data.schema import (
    ClientHistory,
    ClientUser,
    Event,
    UtilizationActivity,
    UtilizationCompletion,
    UtilizationSection,
)
from console_tui.jobs.nightly import close_day, refresh
from tests.conftest import TEST_TZ
from tests.factories import make_agency, make_client, make_user

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
D = date(2026, 11, 19)  # yesterday for NOW in Europe/London


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def seed(db: Database) -> tuple[int, int]:
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        bloom = make_client(session, "Bloom Florists")
        cedar = make_client(session, "Cedar Bakery")
        session.add(UtilizationSection(id=1, name="Forms", position=1))
        session.add(UtilizationSection(id=2, name="Email", position=2))
        session.flush()
        session.add(UtilizationActivity(id=1, section_id=1, key="form_created", name="Form", weight=1))
        session.add(UtilizationActivity(id=2, section_id=2, key="email_sent", name="Email", weight=3))
        session.flush()
        session.add(UtilizationCompletion(client_id=bloom.id, activity_id=1, completed_at=noon(D - timedelta(days=1))))
        session.add(ClientUser(client_id=bloom.id, full_name="Ann", email="ann@bloom.example",
                               created_at=noon(D - timedelta(days=30)), last_login_at=noon(D - timedelta(days=2))))
        for n in range(0, 12):
            session.add(Event(external_id=f"s{n}", client_id=bloom.id, type="email_sent",
                              occurred_at=noon(D - timedelta(days=n)), quantity=100 + n))
            session.add(Event(external_id=f"o{n}", client_id=bloom.id, type="email_opened",
                              occurred_at=noon(D - timedelta(days=n)), quantity=10 + n))
        return bloom.id, cedar.id


def history(db: Database) -> list[tuple]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(
            select(*ClientHistory.__table__.columns).order_by(ClientHistory.client_id, ClientHistory.day))]


def clock_at(day: date) -> FixedClock:
    """A clock on the morning after ``day``, so ``day`` is yesterday."""
    return FixedClock(datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=UTC) + timedelta(hours=9),
                      tz=TEST_TZ)


def test_r_hist_1_the_nightly_job_writes_one_row_per_client_per_day_and_a_second_run_the_same(db: Database) -> None:
    bloom, cedar = seed(db)
    clock = FixedClock(NOW, tz=TEST_TZ)
    assert close_day(db, clock, D).status == "done"
    first = history(db)
    assert [(row[0], row[1]) for row in first] == [(bloom, D), (cedar, D)]
    by_client = {row[0]: row for row in first}
    sent = sum(100 + n for n in range(12))
    opened = sum(10 + n for n in range(12))
    assert by_client[bloom][3:6] == (sent, opened, (20_000 * opened + sent) // (2 * sent))
    assert by_client[bloom][6:11] == ("Healthy", 25, "1:100,2:0", 1, D - timedelta(days=2))
    assert by_client[cedar][3:11] == (0, 0, None, "New", 0, "1:0,2:0", 0, None)
    close_day(db, clock, D, force=True)
    assert history(db) == first


def test_r_hist_1_refresh_since_recomputes_every_day_from_that_date(db: Database) -> None:
    bloom, _cedar = seed(db)
    for day in (D - timedelta(days=2), D - timedelta(days=1), D):
        close_day(db, clock_at(day), day)
    nightly = history(db)
    assert len(nightly) == 6
    with db.write() as session:
        session.execute(delete(ClientHistory).where(ClientHistory.day == D - timedelta(days=1)))
    refresh(db, FixedClock(NOW, tz=TEST_TZ), since=D - timedelta(days=2))
    assert history(db) == nightly  # the same rows, whether written night by night or recomputed
    with db.write() as session:  # a late event two days ago: only a recompute from then counts it
        session.add(Event(external_id="late", client_id=bloom, type="email_sent",
                          occurred_at=noon(D - timedelta(days=2)), quantity=1000))
    refresh(db, FixedClock(NOW, tz=TEST_TZ), since=D - timedelta(days=2))
    after = {(row[0], row[1]): row[3] for row in history(db)}
    before = {(row[0], row[1]): row[3] for row in nightly}
    assert all(after[(bloom, day)] == before[(bloom, day)] + 1000
               for day in (D - timedelta(days=2), D - timedelta(days=1), D))


def test_r_hist_1_the_nightly_job_keeps_history_days(db: Database) -> None:
    seed(db)
    for back in range(9, -1, -1):
        day = D - timedelta(days=back)
        close_day(db, clock_at(day), day, history_days=8)
    with db.read() as session:
        days = session.execute(select(func.min(ClientHistory.day), func.max(ClientHistory.day),
                                      func.count(func.distinct(ClientHistory.day)))).one()
    assert tuple(days) == (D - timedelta(days=7), D, 8)


def test_r_hist_2_changes_across_a_dst_change_count_local_days(db: Database) -> None:
    """Europe/London springs forward on 2026-03-29: an event at 23:30 BST that evening (22:30 UTC)
    belongs to the 29th, one at 00:30 BST on the 30th (23:30 UTC on the 29th) to the 30th."""
    bloom, _cedar = seed(db)
    dst = date(2026, 3, 29)
    with db.write() as session:
        session.execute(delete(Event))
        session.add(Event(external_id="a", client_id=bloom, type="email_sent",
                          occurred_at=datetime(2026, 3, 28, 12, tzinfo=UTC), quantity=100))
        session.add(Event(external_id="b", client_id=bloom, type="email_sent",
                          occurred_at=datetime(2026, 3, 29, 22, 30, tzinfo=UTC), quantity=50))
        session.add(Event(external_id="c", client_id=bloom, type="email_sent",
                          occurred_at=datetime(2026, 3, 29, 23, 30, tzinfo=UTC), quantity=7))
    for day in (dst - timedelta(days=1), dst, dst + timedelta(days=1)):
        close_day(db, clock_at(day), day)
    sent = {row[1]: row[3] for row in history(db) if row[0] == bloom}
    assert sent == {dst - timedelta(days=1): 100, dst: 150, dst + timedelta(days=1): 157}
    page = client_changes(db, "boss")
    assert page.day == dst + timedelta(days=1) and page.day_1d == dst
    assert page.clients[bloom].changes_1d["emails_sent_30d"] == 7


@pytest.mark.parametrize("span", [1, client_facts.SPAN])
def test_r_hist_2_a_missing_day_compares_with_the_latest_day_before_it(db: Database, span: int,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_facts, "SPAN", span)  # the days read a span of clients at a time: the same changes
    bloom, cedar = seed(db)
    for day in (D - timedelta(days=8), D - timedelta(days=2), D):  # D-1 and D-7 were never closed
        close_day(db, clock_at(day), day)
    page = client_changes(db, "boss")
    assert (page.day, page.day_1d, page.day_7d) == (D, D - timedelta(days=2), D - timedelta(days=8))
    rows = {(row[0], row[1]): row for row in history(db)}
    changes = page.clients[bloom]
    assert changes.changes_1d["emails_sent_30d"] == rows[(bloom, D)][3] - rows[(bloom, D - timedelta(days=2))][3]
    assert changes.changes_7d["emails_sent_30d"] == rows[(bloom, D)][3] - rows[(bloom, D - timedelta(days=8))][3]
    assert changes.sections == {"Forms": 100, "Email": 0}
    assert page.clients[cedar].changes_1d["open_rate"] is None  # nothing sent on either day
    trend = client_trend(db, "boss", bloom, 30)
    assert [p.day for p in trend.points] == [D - timedelta(days=8), D - timedelta(days=2), D]
