"""The comparison of clients (R-CMP-1, R-CMP-3): what it reads for each client, in the order asked,
and who may read it — on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from console_tui.data.queries.compare import compare_clients
from console_tui.data.schema import (
    ClientAccess,
    ClientHistory,
    ClientSnapshot,
    DailyMetric,
    EmailJob,
    RollupState,
    UtilizationActivity,
    UtilizationCompletion,
    UtilizationSection,
)
from console_tui.domain.errors import NotFound, PermissionDenied, RuleRefused
from tests.conftest import TEST_TZ
from tests.factories import T0, make_agency, make_client, make_user

TODAY = date(2026, 1, 20)


def _agency(db):  # noqa: ANN001, ANN202 - a Database; returns the clients' ids
    """Bloom (a snapshot, a limit, emails this cycle, Forms done), Quiet (nothing), Apex (a Salesperson's
    one client), Gone (removed); a catalogue of two sections."""
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        sal = make_user(session, "sal", role="Salesperson")
        bloom = make_client(session, "Bloom Florists", email_limit=5000, uses_google_ads=True)
        quiet = make_client(session, "Quiet Co", kind="lead")
        apex = make_client(session, "Apex Dental")
        gone = make_client(session, "Gone Ltd", deleted_at=T0)
        session.add(ClientAccess(agency_user_id=sal.id, client_id=apex.id, granted_at=T0))
        session.add(ClientSnapshot(client_id=bloom.id, as_of=T0, contacts_added_30d=3, contacts_series="1,0,2",
                                   emails_sent_30d=10, emails_opened_30d=4, emails_sent_ever=10,
                                   sender_status="Healthy", utilization_score=70))
        session.add(RollupState(job="nightly", last_day=date(2026, 1, 19), as_of=T0))
        session.add(DailyMetric(client_id=bloom.id, day=date(2026, 1, 5), emails_sent=120))
        session.add(DailyMetric(client_id=bloom.id, day=date(2025, 12, 30), emails_sent=999))  # last cycle
        session.add(EmailJob(client_id=bloom.id, name="Promo", recipients=300, status="scheduled",
                             scheduled_for=datetime(2026, 1, 25, 10, tzinfo=UTC)))
        forms, email = UtilizationSection(name="Forms", position=2), UtilizationSection(name="Email", position=1)
        session.add_all([forms, email])
        session.flush()
        made = UtilizationActivity(section_id=forms.id, key="form_created", name="Form created", weight=3)
        embedded = UtilizationActivity(section_id=forms.id, key="form_embedded", name="Form embedded", weight=1)
        session.add_all([made, embedded,
                         UtilizationActivity(section_id=email.id, key="email_sent", name="Email sent", weight=4)])
        session.flush()
        session.add(UtilizationCompletion(client_id=bloom.id, activity_id=made.id, completed_at=T0))
        return bloom.id, quiet.id, apex.id, gone.id


def test_r_cmp_1_each_client_in_the_order_asked_with_its_figures_limit_and_sections(db) -> None:  # noqa: ANN001
    bloom_id, quiet_id, _apex, _gone = _agency(db)
    page = compare_clients(db, "boss", [quiet_id, bloom_id], TODAY, TEST_TZ)
    assert [c.summary.name for c in page.clients] == ["Quiet Co", "Bloom Florists"]
    assert page.sections == ("Email", "Forms")  # the catalogue's order
    assert page.cycle == "January 2026"
    quiet, bloom = page.clients
    assert (bloom.summary.contacts_series, bloom.summary.emails_sent_30d, bloom.summary.sender_status,
            bloom.summary.utilization_score, bloom.summary.features.google_ads) == ((1, 0, 2), 10, "Healthy", 70, True)
    assert (bloom.email_limit, bloom.emails_sent_cycle, bloom.emails_scheduled_cycle, bloom.emails_used) == (
        5000, 120, 300, 420)
    assert bloom.section_scores == (0, 75)  # Email: nothing; Forms: 3 of 4
    assert (quiet.summary.kind, quiet.email_limit, quiet.emails_used, quiet.section_scores) == ("lead", None, 0, (0, 0))
    assert bloom.summary.your_places == ()  # the comparison shows no Recent Places


def test_r_cmp_3_a_client_you_may_not_access_refuses_the_whole_comparison(db) -> None:  # noqa: ANN001
    bloom_id, _quiet, apex_id, _gone = _agency(db)
    assert [c.summary.name for c in compare_clients(db, "sal", [apex_id], TODAY, TEST_TZ).clients] == ["Apex Dental"]
    with pytest.raises(PermissionDenied) as refused:
        compare_clients(db, "sal", [apex_id, bloom_id], TODAY, TEST_TZ)
    assert str(refused.value) == (
        "Viewing a client was refused: it needs the Administrator role, or any other role as a Client Manager "
        "of this client; your role is Salesperson. Ask an Administrator to do it or to change your access.")


def test_a_removed_client_and_too_many_clients_are_refused(db) -> None:  # noqa: ANN001
    bloom_id, quiet_id, apex_id, gone_id = _agency(db)
    with pytest.raises(NotFound):
        compare_clients(db, "boss", [bloom_id, gone_id], TODAY, TEST_TZ)
    with pytest.raises(RuleRefused, match="1 to 4 clients, not 5"):
        compare_clients(db, "boss", [bloom_id, quiet_id, apex_id, gone_id, 999], TODAY, TEST_TZ)
    assert len(compare_clients(db, "boss", [bloom_id, bloom_id], TODAY, TEST_TZ).clients) == 1  # each once


def test_r_hist_2_each_client_carries_its_changes_as_on_its_card(db) -> None:  # noqa: ANN001
    bloom_id, quiet_id, _apex, _gone = _agency(db)
    day = date(2026, 1, 19)
    with db.write() as session:
        for back, sent, status in ((0, 50, "At Risk"), (1, 40, "Healthy"), (7, 10, "Healthy")):
            session.add(ClientHistory(client_id=bloom_id, day=day - timedelta(days=back), emails_sent_30d=sent,
                                      sender_status=status))
        session.add(ClientHistory(client_id=quiet_id, day=day, emails_sent_30d=5))  # new: nothing before
    page = compare_clients(db, "boss", [bloom_id, quiet_id], TODAY, TEST_TZ)
    bloom, quiet = page.clients
    assert page.changes_day == day
    assert bloom.changes is not None and quiet.changes is not None
    assert (bloom.changes.changes_1d["emails_sent_30d"], bloom.changes.changes_7d["emails_sent_30d"]) == (10, 40)
    assert bloom.changes.sender_was == "Healthy"
    assert quiet.changes.changes_1d["emails_sent_30d"] is None and quiet.changes.sender_was is None


def test_without_history_the_comparison_has_no_changes(db) -> None:  # noqa: ANN001
    bloom_id, _quiet, _apex, _gone = _agency(db)
    page = compare_clients(db, "boss", [bloom_id], TODAY, TEST_TZ)
    assert page.changes_day is None and page.clients[0].changes is None
