"""The morning briefing from a known history (R-HIST-4), on both backends; and the demo's backfill."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from console_tui.data.engine import Database
from console_tui.data.queries.history import briefing
from console_tui.data.schema import Client, ClientAccess, ClientHistory, ClientSnapshot, DailyMetric
from tests.factories import T0, make_agency, make_client, make_user

DAY = date(2026, 11, 19)
BASE = DAY - timedelta(days=1)


def row(cid: int, day: date, *, sent: int = 1000, opened: int = 300, status: str = "Healthy",
        util: int = 40) -> ClientHistory:
    return ClientHistory(client_id=cid, day=day, contacts_added_30d=5, emails_sent_30d=sent, emails_opened_30d=opened,
                         open_rate_bp=opened * 10_000 // sent if sent else None, sender_status=status,
                         utilization_score=util, section_scores="", users=2, last_login_day=None)


def known_history(db: Database) -> dict[str, int]:
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        sal = make_user(session, "sal", role="Salesperson")
        ids = {name: make_client(session, name).id for name in
               ("Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Gum")}
        fir, gum = session.get(Client, ids["Fir"]), session.get(Client, ids["Gum"])
        fir.email_limit = 1000
        gum.license_term, gum.license_start = "annual", date(2025, 12, 19)  # renews 2026-12-19: window opens DAY
        session.add(ClientAccess(agency_user_id=sal.id, client_id=ids["Alder"], granted_at=T0))
        session.add_all([
            row(ids["Alder"], BASE), row(ids["Alder"], DAY, sent=400, opened=100, status="Unhealthy"),
            row(ids["Birch"], BASE, status="At Risk"), row(ids["Birch"], DAY, sent=1500, opened=500),
            row(ids["Cedar"], BASE, util=50), row(ids["Cedar"], DAY, util=60),
            row(ids["Dogwood"], BASE),  # removed overnight
            row(ids["Elm"], DAY),  # added overnight
            row(ids["Fir"], BASE), row(ids["Fir"], DAY),
            row(ids["Gum"], BASE), row(ids["Gum"], DAY),
            DailyMetric(client_id=ids["Fir"], day=date(2026, 11, 10), emails_sent=900),
            DailyMetric(client_id=ids["Fir"], day=DAY, emails_sent=150),
            DailyMetric(client_id=ids["Fir"], day=date(2026, 10, 30), emails_sent=5000),  # last cycle: not counted
        ])
    return ids


def test_r_hist_4_briefing_says_what_changed_since_yesterday(db: Database) -> None:
    ids = known_history(db)
    found = briefing(db, "boss")
    assert (found.day, found.since, found.clients) == (DAY, BASE, 6)
    assert [(s.name, s.old, s.new, s.word) for s in found.status_changes] == [
        ("Alder", "Healthy", "Unhealthy", "worse"), ("Birch", "At Risk", "Healthy", "better")]
    assert [(m.name, m.change, m.now) for m in found.sends_drops] == [("Alder", -600, 400)]
    assert [(m.name, m.change) for m in found.sends_rises] == [("Birch", 500)]
    assert [(m.name, m.change) for m in found.opens_drops] == [("Alder", -200)]
    assert [(m.name, m.change) for m in found.opens_rises] == [("Birch", 200)]
    assert [(x.name, x.old, x.new, x.up) for x in found.level_changes] == [("Cedar", "Rabbit", "Tiger", True)]
    assert [c.name for c in found.added] == ["Elm"] and [c.name for c in found.removed] == ["Dogwood"]
    assert [(x.client_id, x.limit, x.sent) for x in found.limits_reached] == [(ids["Fir"], 1000, 1050)]
    assert [(x.name, x.opened, x.renews) for x in found.renewal_windows] == [
        ("Gum", date(2026, 11, 19), date(2026, 12, 19))]
    assert not found.empty


def test_r_hist_4_briefing_is_only_about_the_users_own_clients_and_since_a_day(db: Database) -> None:
    known_history(db)
    mine = briefing(db, "sal")
    assert mine.clients == 1 and [s.name for s in mine.status_changes] == ["Alder"]
    assert not mine.added and not mine.removed and not mine.limits_reached
    early = briefing(db, "boss", since=DAY - timedelta(days=30))  # nothing that early: no comparison
    assert early.since is None and early.empty


def test_r_hist_1_the_demo_backfills_every_day_it_generates(demo_db) -> None:  # noqa: ANN001
    from tests.conftest import DEMO_DAYS, FIXED_NOW, TEST_TZ

    yesterday = FIXED_NOW.astimezone(TEST_TZ).date() - timedelta(days=1)
    with demo_db.db.read() as session:
        days = session.execute(select(func.min(ClientHistory.day), func.max(ClientHistory.day),
                                      func.count(func.distinct(ClientHistory.day)))).one()
        live = session.scalar(select(func.count()).select_from(Client).where(
            Client.deleted_at.is_(None), Client.created_at < datetime.combine(DAY, datetime.min.time(), tzinfo=UTC)))
        last = session.execute(select(ClientHistory.client_id, ClientHistory.emails_sent_30d,
                                      ClientHistory.sender_status).where(ClientHistory.day == yesterday)).all()
        snapshot = dict(session.execute(select(ClientSnapshot.client_id, ClientSnapshot.emails_sent_30d)).all())
    assert tuple(days) == (yesterday - timedelta(days=DEMO_DAYS - 2), yesterday, DEMO_DAYS - 1)
    assert len(last) >= live
    assert all(snapshot[cid] == sent for cid, sent, _status in last)
