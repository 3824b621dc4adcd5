"""What the attention queue loads (console_tui.data.queries.attention), on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.queries import client_facts
from console_tui.data.queries.attention import attention_inputs, open_marks, thresholds
from console_tui.data.schema import (
    AgencyUser,
    AttentionSnooze,
    Client,
    ClientAccess,
    ClientSnapshot,
    DailyMetric,
    RollupState,
    SenderStatusChange,
)
from console_tui.domain.attention import Mark, Severity, attention_queue
from tests.factories import T0, make_agency, make_client, make_user

TODAY = date(2026, 11, 20)
NIGHT = date(2026, 11, 19)
T = thresholds(Settings())


def seeded(db: Database) -> None:
    with db.write() as session:
        make_agency(session, max_clients=3)  # 3 counted of 3: the plan is full
        make_user(session, "boss")
        sal = make_user(session, "sal", role="Salesperson")
        bloom = make_client(session, "Bloom Florists", license_term="annual", license_start=date(2025, 12, 10),
                            billing_contact="Flo", billing_email="flo@bloom.example", tax_rate=Decimal("20"),
                            email_limit=100)
        bloom.created_at = datetime(2025, 3, 4, 23, 30, tzinfo=UTC)
        calm = make_client(session, "Calm Co", license_term="monthly", license_start=date(2025, 1, 1),
                           billing_contact="C", billing_email="c@calm.example", tax_rate=Decimal("0"),
                           ebs_enabled=False)
        make_client(session, "Idle Inc")
        session.add(ClientAccess(agency_user_id=sal.id, client_id=calm.id, granted_at=T0))
        session.add_all([
            ClientSnapshot(client_id=bloom.id, as_of=T0, emails_sent_30d=300, sender_status="Limited",
                           utilization_score=60, last_became_healthy=date(2026, 8, 1)),
            ClientSnapshot(client_id=calm.id, as_of=T0, emails_sent_30d=10, sender_status="Healthy",
                           utilization_score=95, last_became_healthy=date(2026, 1, 5)),
            SenderStatusChange(client_id=bloom.id, day=date(2026, 8, 1), old_status="New", new_status="Healthy"),
            SenderStatusChange(client_id=bloom.id, day=NIGHT, old_status="Healthy", new_status="Limited"),
            DailyMetric(client_id=bloom.id, day=date(2026, 11, 2), emails_sent=95),
            DailyMetric(client_id=calm.id, day=date(2026, 11, 2), emails_sent=10),
            RollupState(job="nightly", last_event_id=0, last_day=NIGHT, as_of=T0),
        ])


def test_the_inputs_carry_the_dates_beside_the_facts(db: Database) -> None:
    seeded(db)
    inputs = attention_inputs(db, "boss", TODAY, UTC, T)
    bloom, calm, idle = inputs.clients
    assert bloom.facts.name == "Bloom Florists"
    assert bloom.added_on == date(2025, 3, 4)
    assert (bloom.sender_since, bloom.last_change, bloom.last_night) == (NIGHT, ("Healthy", "Limited", NIGHT), NIGHT)
    assert bloom.last_became_healthy == date(2026, 8, 1)
    assert calm.sender_since is None and calm.last_change is None
    assert idle.last_became_healthy is None and idle.facts.sender == "new"


def test_the_queue_over_loaded_inputs_lists_each_reason(db: Database) -> None:
    seeded(db)
    inputs = attention_inputs(db, "boss", TODAY, UTC, T)
    rows = attention_queue(inputs.clients, TODAY, T, inputs.agency)
    assert [(row.id is None, row.name) for row in rows] == [
        (True, "Acme Agency"), (False, "Bloom Florists"), (False, "Idle Inc"), (False, "Calm Co")]
    agency, bloom, idle, calm = rows
    assert [r.code for r in agency.reasons] == ["plan-full"]
    assert [r.code for r in bloom.reasons] == [
        "sender-limited", "sender-worse", "usage-high", "renewal-window", "no-login"]
    assert bloom.severity is Severity.CRITICAL
    assert [r.code for r in idle.reasons] == ["config-incomplete", "no-login", "no-sends", "grasshopper"]
    assert [r.code for r in calm.reasons] == ["no-login"]  # EBS is off already: no opportunity


def test_the_ebs_opportunity_and_a_managers_clients_only(db: Database) -> None:
    seeded(db)
    with db.write() as session:
        calm = session.scalars(select(Client).where(Client.name == "Calm Co")).one()
        calm.ebs_enabled = True
    inputs = attention_inputs(db, "sal", TODAY, UTC, replace(T, no_login_days=3650))
    assert [c.facts.name for c in inputs.clients] == ["Calm Co"]
    rows = attention_queue(inputs.clients, TODAY, T, inputs.agency)
    assert [r.code for r in rows[-1].reasons][-1] == "ebs-may-turn-off"


@pytest.mark.parametrize("span", [1, 2, client_facts.SPAN])
def test_r_att_4_the_cards_marks_count_each_persons_open_reasons(db: Database, span: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_facts, "SPAN", span)  # read a span of clients at a time: the same marks
    seeded(db)
    with db.write() as session:
        ids = {c.name: c.id for c in session.scalars(select(Client))}
        session.scalars(select(Client).where(Client.name == "Calm Co")).one().email_limit = 10  # 10 sent: full
        boss = session.scalars(select(AgencyUser).where(AgencyUser.login == "boss")).one()
        session.add(AttentionSnooze(agency_user_id=boss.id, client_id=ids["Bloom Florists"], code="usage-high",
                                    until=date(2026, 11, 27), severity="warning", created_at=T0))
    # the queue's rows counted (Bloom's snoozed reason left out for boss); no mark for the agency's row
    assert open_marks(db, "boss", TODAY, UTC, T) == {
        ids["Bloom Florists"]: Mark(4, Severity.CRITICAL), ids["Idle Inc"]: Mark(4, Severity.WARNING),
        ids["Calm Co"]: Mark(2, Severity.CRITICAL)}
    # a Salesperson: their one client, its email usage counted too
    assert open_marks(db, "sal", TODAY, UTC, T) == {ids["Calm Co"]: Mark(2, Severity.CRITICAL)}
