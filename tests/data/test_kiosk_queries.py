"""The kiosk's agency page from a known database, on SQLite and PostgreSQL: clients, emails sent
yesterday (raw events of the local day), the 30-day open rate, senders by status, top movers from
the history (R-ACC-2: only the clients the acting user may access)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update

from console_tui.clock import FixedClock
from console_tui.data.engine import Database
from console_tui.data.queries import kiosk as kiosk_queries
from console_tui.data.queries.kiosk import agency_page
from console_tui.data.rollup import day_bounds, rollup
from console_tui.data.schema import Client, ClientAccess, ClientHistory, ClientSnapshot
from console_tui.domain.movers import Figures
from tests.data.test_rollup import add_events
from tests.factories import T0, make_agency, make_client, make_user

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)  # 09:00 on 20 Nov in New York
TODAY = date(2026, 11, 20)
D = TODAY - timedelta(days=1)  # yesterday: the day the nightly run closes


def at(day: date, hour: int = 12) -> datetime:
    return day_bounds(day, TZ)[0] + timedelta(hours=hour)


def _agency(db: Database) -> dict[str, int]:
    """Bloom sends 1,000 a day and 5,000 yesterday; Apex 1,000 a day and bounces 500 yesterday (Healthy
    to At Risk); Quiet nothing; Gone was removed. A Salesperson sees only Apex."""
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        sal = make_user(session, "sal", role="Salesperson")
        ids = {name: make_client(session, name).id for name in ("Bloom", "Apex", "Quiet", "Gone")}
        session.get(Client, ids["Gone"]).deleted_at = T0
        session.add(ClientAccess(agency_user_id=sal.id, client_id=ids["Apex"], granted_at=T0))
    rows = []
    for back in range(1, 41):
        day = TODAY - timedelta(days=back)
        rows += [(ids["Bloom"], "email_sent", at(day), 5000 if day == D else 1000),
                 (ids["Bloom"], "email_opened", at(day), 300),
                 (ids["Apex"], "email_sent", at(day), 1000), (ids["Apex"], "email_opened", at(day), 100)]
    rows += [(ids["Apex"], "email_bounced", at(D), 500),
             (ids["Apex"], "email_sent", at(D, 23) + timedelta(minutes=30), 7),  # 23:30 local: yesterday
             (ids["Apex"], "email_sent", at(TODAY, 0) + timedelta(minutes=30), 11),  # 00:30 local: today
             (ids["Gone"], "email_sent", at(D), 999)]  # removed: not counted
    add_events(db, rows)
    return ids


def _snapshot_figures(db: Database) -> dict[int, Figures]:
    with db.read() as session:
        return {s.client_id: Figures(s.emails_sent_30d, s.emails_opened_30d, s.sender_status)
                for s in session.query(ClientSnapshot)}


def test_the_agency_page_from_a_known_database(db: Database) -> None:
    ids = _agency(db)
    clock = FixedClock(NOW, tz=TZ)
    rollup(db, clock, day=D - timedelta(days=1))
    the_day_before = _snapshot_figures(db)  # what the movers must reconstruct from the stored days
    rollup(db, clock)
    page = agency_page(db, "boss", TODAY, TZ)
    assert (page.clients, page.yesterday, page.emails_sent_yesterday) == (3, D, 5000 + 1000 + 7)
    snapshot = _snapshot_figures(db)
    live = [snapshot[ids[name]] for name in ("Bloom", "Apex", "Quiet")]
    assert page.emails_sent_30d == sum(f.emails_sent_30d for f in live) == 29_000 + 5000 + 30_007
    assert page.open_rate == sum(f.emails_opened_30d for f in live) / page.emails_sent_30d
    assert dict(page.senders) == {"New": 1, "Healthy": 1, "At Risk": 1, "Unhealthy": 0, "Limited": 0}
    assert page.senders_in("Unhealthy", "Limited") == 0
    assert page.movers_since == D - timedelta(days=1)
    assert [(m.name, m.mover.before, m.mover.after) for m in page.movers] == [
        ("Apex", the_day_before[ids["Apex"]], snapshot[ids["Apex"]]),
        ("Bloom", the_day_before[ids["Bloom"]], snapshot[ids["Bloom"]])]
    apex, bloom = (m.mover for m in page.movers)
    assert (apex.before.sender_status, apex.after.sender_status, bloom.sent_change) == ("Healthy", "At Risk", 4000)


def test_r_acc_2_the_page_counts_only_the_clients_the_user_may_access(db: Database) -> None:
    _agency(db)
    clock = FixedClock(NOW, tz=TZ)
    rollup(db, clock, day=D - timedelta(days=1))
    rollup(db, clock)
    page = agency_page(db, "sal", TODAY, TZ)
    assert (page.clients, page.emails_sent_yesterday) == (1, 1007)
    assert [m.name for m in page.movers] == ["Apex"]


def test_r_hist_1_the_movers_are_read_from_the_history(db: Database) -> None:
    ids = _agency(db)
    clock = FixedClock(NOW, tz=TZ)
    rollup(db, clock, day=D - timedelta(days=1))
    rollup(db, clock)
    with db.write() as session:  # what the history says of the day before, whatever the stored days say
        session.execute(update(ClientHistory).where(ClientHistory.client_id == ids["Quiet"],
                                                    ClientHistory.day == D - timedelta(days=1))
                        .values(sender_status="Unhealthy", emails_sent_30d=3))
    movers = [(m.name, m.mover.before.sender_status, m.mover.after.sender_status, m.mover.sent_change)
              for m in agency_page(db, "boss", TODAY, TZ).movers]
    assert movers == [("Quiet", "Unhealthy", "New", -3), ("Apex", "Healthy", "At Risk", 7),
                      ("Bloom", "Healthy", "Healthy", 4000)]


def test_a_day_the_nightly_run_missed_reads_as_the_one_before_it(db: Database) -> None:
    _agency(db)
    clock = FixedClock(NOW, tz=TZ)
    rollup(db, clock, day=D - timedelta(days=2))
    two_days_before = _snapshot_figures(db)
    rollup(db, clock)  # the day before yesterday was never closed
    page = agency_page(db, "boss", TODAY, TZ)
    assert page.movers_since == D - timedelta(days=2)
    assert [(m.name, m.mover.before) for m in page.movers] == [
        (m.name, two_days_before[m.mover.client_id]) for m in page.movers] and len(page.movers) == 2


def test_one_nightly_run_has_no_earlier_history_day_so_no_movers(db: Database) -> None:
    ids = _agency(db)
    rollup(db, FixedClock(NOW, tz=TZ))
    page = agency_page(db, "boss", TODAY, TZ)
    assert (page.movers_since, page.movers) == (None, ())
    assert page.emails_sent_30d == _snapshot_figures(db)[ids["Bloom"]].emails_sent_30d + 30_007  # still shown


def test_a_client_created_yesterday_is_not_a_mover(db: Database) -> None:
    ids = _agency(db)
    with db.write() as session:
        session.get(Client, ids["Bloom"]).created_at = at(D, 1)
    clock = FixedClock(NOW, tz=TZ)
    rollup(db, clock, day=D - timedelta(days=1))
    rollup(db, clock)
    assert [m.name for m in agency_page(db, "boss", TODAY, TZ).movers] == ["Apex"]


def test_before_any_nightly_run_there_are_no_movers_and_zeros(db: Database) -> None:
    _agency(db)
    page = agency_page(db, "boss", TODAY, TZ)
    assert (page.as_of, page.movers_since, page.movers, page.open_rate) == (None, None, (), None)
    assert page.clients == 3 and dict(page.senders)["New"] == 3 and page.emails_sent_yesterday == 6007


def test_the_movers_of_the_same_nightly_run_are_kept_less_the_clients_no_longer_seen(db: Database, monkeypatch) -> None:
    ids = _agency(db)
    clock = FixedClock(NOW, tz=TZ)
    rollup(db, clock, day=D - timedelta(days=1))
    rollup(db, clock)
    first = agency_page(db, "boss", TODAY, TZ)
    with db.write() as session:
        session.get(Client, ids["Bloom"]).deleted_at = NOW

    def not_again(*_args):  # noqa: ANN002, ANN202
        raise AssertionError("the movers were read again")

    monkeypatch.setattr(kiosk_queries, "_movers", not_again)
    again = agency_page(db, "boss", TODAY, TZ, previous=first)
    assert [m.name for m in first.movers] == ["Apex", "Bloom"] and [m.name for m in again.movers] == ["Apex"]
    assert again.clients == 2
    monkeypatch.undo()
    rollup(db, FixedClock(NOW + timedelta(hours=1), tz=TZ))  # a new run: read again
    assert [m.name for m in agency_page(db, "boss", TODAY, TZ, previous=again).movers] == ["Apex"]
