"""The facts the filter language reads (console_tui.data.queries.client_facts), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select as sql_select

from console_tui.data.engine import Database
from console_tui.data.queries.client_facts import client_facts, client_spans, each_client_facts, usage_pct
from console_tui.data.queries.console import UnknownUser, acting_user
from console_tui.data.schema import Client, ClientAccess, ClientSnapshot, ClientUser, DailyMetric, EmailJob, RollupState
from console_tui.domain.filters import parse_filter, select
from tests.factories import T0, make_agency, make_client, make_user

TODAY = date(2026, 11, 20)


def seeded(db: Database) -> None:
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        sal = make_user(session, "sal", role="Salesperson")
        bloom = make_client(session, "Bloom Florists", license_term="annual", license_start=date(2025, 12, 10),
                            billing_contact="Flo", billing_email="flo@bloom.example", tax_rate=Decimal("20"),
                            direct_support=True, uses_crm_pipeline=True, has_api_key=True, email_limit=1000)
        zed = make_client(session, "Zed Lead", kind="lead", status="On Hold", ebs_enabled=False)
        make_client(session, "Gone Ltd", deleted_at=T0)
        ann, bob = make_user(session, "ann", role="Salesperson"), make_user(session, "bob", role="Salesperson")
        for manager, client in ((sal, bloom), (bob, bloom), (ann, zed)):
            session.add(ClientAccess(agency_user_id=manager.id, client_id=client.id, granted_at=T0))
        session.add_all([
            ClientUser(client_id=bloom.id, full_name="Flora", email="f@bloom.example", created_at=T0,
                       last_login_at=datetime(2026, 11, 18, 10, 0, tzinfo=UTC)),
            ClientUser(client_id=bloom.id, full_name="Basil", email="b@bloom.example", created_at=T0, blocked=True,
                       last_login_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC)),
            ClientSnapshot(client_id=bloom.id, as_of=T0, contacts_added_30d=7, emails_sent_30d=200,
                           emails_opened_30d=50, sender_status="At Risk", utilization_score=55),
            DailyMetric(client_id=bloom.id, day=date(2026, 11, 2), emails_sent=300),
            DailyMetric(client_id=bloom.id, day=date(2026, 10, 30), emails_sent=999),  # the cycle before
            RollupState(job="nightly", last_event_id=0, last_day=date(2026, 11, 19), as_of=T0),
            EmailJob(client_id=bloom.id, name="Winter sale", recipients=200, status="scheduled",
                     scheduled_for=datetime(2026, 11, 25, 9, 0, tzinfo=UTC)),
            EmailJob(client_id=bloom.id, name="Old", recipients=5000, status="cancelled",
                     scheduled_for=datetime(2026, 11, 26, 9, 0, tzinfo=UTC)),
        ])


def test_an_administrator_gets_the_facts_of_every_client_not_removed(db: Database) -> None:
    seeded(db)
    facts = client_facts(db, "boss", TODAY, UTC)
    assert [f.name for f in facts] == ["Bloom Florists", "Zed Lead"]
    bloom, zed = facts
    assert (bloom.kind, bloom.status, bloom.sender, bloom.util) == ("client", "Active", "at-risk", 55)
    assert (bloom.sent, bloom.opened, bloom.open, bloom.contacts) == (200, 50, 25.0, 7)
    assert (bloom.users, bloom.login) == (1, 2)  # the blocked user's later login does not count
    assert (bloom.term, bloom.renews, bloom.limit) == ("annual", 20, 1000)
    assert bloom.usage == 50.0  # 300 sent this cycle + 200 scheduled, of 1,000
    assert bloom.managers == frozenset({"sal", "bob"})
    assert bloom.features == frozenset({"crm", "api", "support"})
    assert bloom.config_complete and bloom.ebs
    assert bloom.tags == ("EBS Active", "Annual", "Pre-renewal", "Direct Support", "At Risk")
    assert (zed.kind, zed.status, zed.sender, zed.util, zed.sent, zed.open) == ("lead", "On Hold", "new", 0, 0, None)
    assert (zed.users, zed.login, zed.term, zed.renews, zed.limit, zed.usage) == (0, None, None, None, None, None)
    assert zed.managers == frozenset({"ann"}) and zed.features == frozenset()
    assert not zed.config_complete and not zed.ebs
    assert zed.tags == ("Config incomplete", "On Hold")


def test_r_acc_2_anyone_else_gets_the_clients_they_manage(db: Database) -> None:
    seeded(db)
    assert [f.name for f in client_facts(db, "sal", TODAY, UTC)] == ["Bloom Florists"]
    assert [f.name for f in client_facts(db, "ann", TODAY, UTC)] == ["Zed Lead"]


def test_the_pre_renewal_window_is_the_setting(db: Database) -> None:
    seeded(db)
    bloom = client_facts(db, "boss", TODAY, UTC, pre_renewal_days=10)[0]
    assert "Pre-renewal" not in bloom.tags


def test_a_filter_over_the_facts_finds_the_clients(db: Database) -> None:
    seeded(db)
    facts = client_facts(db, "sal", TODAY, UTC)
    found = select(facts, parse_filter('renews<30 usage>=50 manager:me sender>=at-risk tag:pre-renewal'), me="sal")
    assert [f.name for f in found] == ["Bloom Florists"]
    admin = client_facts(db, "boss", TODAY, UTC)
    assert [f.name for f in select(admin, parse_filter("login:none -ebs:on status:\"on hold\""))] == ["Zed Lead"]


def test_an_unknown_login_is_refused(db: Database) -> None:
    seeded(db)
    with pytest.raises(UnknownUser):
        client_facts(db, "nobody", TODAY, UTC)


def test_usage_of_a_zero_limit_is_full_at_zero_and_unbounded_above() -> None:
    assert usage_pct(None, 10) is None
    assert usage_pct(0, 0) == 100.0 and usage_pct(0, 1) == float("inf")
    assert usage_pct(200, 50) == 25.0


def test_the_clients_go_a_span_of_ids_at_a_time_with_the_same_facts(db: Database) -> None:
    seeded(db)
    with db.write() as session:
        make_client(session, "Ace Co")  # a fourth client: after the removed one, the spans split around it
    whole = {f.id: f for f in client_facts(db, "boss", TODAY, UTC)}
    with db.read() as session:
        ids = sorted(session.scalars(sql_select(Client.id)))  # Bloom, Zed, Gone (removed), Ace
        boss, sal = acting_user(session, "boss"), acting_user(session, "sal")
        spans = list(client_spans(session, boss, 2))
        assert spans == [(1, ids[1]), (ids[1] + 1, ids[3])]  # two clients each: the removed one is not counted
        by_span = {f.id: f for span in spans for f in each_client_facts(session, boss, TODAY, UTC, span=span)}
        assert by_span == whole  # each span's managers and cycle's email counts are its own clients'
        assert list(client_spans(session, sal, 2)) == [(1, ids[0])]  # only the clients sal manages
