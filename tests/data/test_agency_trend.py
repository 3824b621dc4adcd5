"""The agency's trends from the history (R-HIST-1): per day, sends and opens summed over the user's
clients and the clients per sender status and utilization level; a Salesperson's only over theirs."""

from __future__ import annotations

from console_tui.data.engine import Database
from console_tui.data.queries.agency_trend import agency_trend
from tests.data.test_briefing import BASE, DAY, known_history
from tests.factories import make_agency, make_user


def test_r_hist_1_agency_trend_sums_each_day_over_the_users_clients(db: Database) -> None:
    known_history(db)
    days = agency_trend(db, "boss", 30).days
    assert [d.day for d in days] == [BASE, DAY]
    base, day = days
    # BASE: Alder, Birch, Cedar, Dogwood, Fir, Gum at 1,000 sent / 300 opened each
    assert (base.emails_sent_30d, base.emails_opened_30d) == (6000, 1800)
    assert (day.emails_sent_30d, day.emails_opened_30d) == (400 + 1500 + 4 * 1000, 100 + 500 + 4 * 300)
    assert base.statuses == {"Healthy": 5, "At Risk": 1}
    assert day.statuses == {"Healthy": 5, "Unhealthy": 1}
    assert base.levels == {"Rabbit": 6} and day.levels == {"Rabbit": 5, "Tiger": 1}  # Cedar 50 → 60
    mine = agency_trend(db, "sal", 30).days  # Alder only
    assert [(d.emails_sent_30d, d.statuses) for d in mine] == [(1000, {"Healthy": 1}), (400, {"Unhealthy": 1})]
    assert agency_trend(db, "boss", 1).days == (day,)


def test_agency_trend_without_history_is_empty(db: Database) -> None:
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
    assert agency_trend(db, "boss", 30).days == ()
