"""Email limits (R-EL-1, R-EL-4) and scheduling against them (R-EL-2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from console_tui.data.commands.limits import schedule_email_job, set_email_limits
from console_tui.data.engine import Database
from console_tui.data.queries.admin import email_limit_rows
from console_tui.data.schema import Client, DailyMetric, EmailJob, Event, RollupState
from console_tui.domain.errors import ConflictError, LimitExceeded, NotFound, ValidationError
from tests.conftest import FIXED_NOW
from tests.data.command_helpers import (
    audit_count,
    audits,
    client_state,
    one_audit,
    seed,
)
from tests.factories import T0, make_client

LATER = FIXED_NOW + timedelta(days=2)  # still in the November 2026 cycle


def two_clients(db: Database) -> tuple[int, int]:
    ids = seed(db)
    with db.write() as session:
        return ids.client_id, make_client(session, "Cedar Books", email_limit=5_000).id


def limits_of(db: Database) -> dict[str, int | None]:
    with db.read() as session:
        return dict(session.execute(select(Client.name, Client.email_limit)).all())


# --- set_email_limits ------------------------------------------------------------------------


def test_r_el_4_limits_saved_together_with_one_audit_row(db: Database, clock) -> None:
    bloom, cedar = two_clients(db)
    saved = set_email_limits(db, clock, "admin", {bloom: "10000", cedar: "  "})
    assert {(c.client_id, c.before, c.after) for c in saved.changes} == {(bloom, None, 10_000), (cedar, 5_000, None)}
    entry = one_audit(db, clock, actor="admin", action="set_email_limits", client_id=None)
    assert entry.before == {"email_limits": {str(bloom): None, str(cedar): 5000}}
    assert entry.after == {"email_limits": {str(bloom): 10000, str(cedar): None}}
    assert limits_of(db) == {"Bloom Florists": 10_000, "Cedar Books": None}


def test_r_el_1_one_bad_value_refuses_them_all_naming_the_client(db: Database, clock) -> None:
    bloom, cedar = two_clients(db)
    with pytest.raises(ValidationError) as caught:
        set_email_limits(db, clock, "admin", {bloom: "10000", cedar: "-3"})
    assert f"Cedar Books (#{cedar}) cannot be negative" in str(caught.value)
    assert "nothing was saved" in str(caught.value)
    assert limits_of(db) == {"Bloom Florists": None, "Cedar Books": 5_000} and audit_count(db) == 0


def test_r_el_4_a_single_change_is_audited_against_its_client_and_conflicts_are_caught(db: Database, clock) -> None:
    bloom, cedar = two_clients(db)
    seen = {bloom: client_state(db, bloom)["version"], cedar: client_state(db, cedar)["version"]}
    set_email_limits(db, clock, "admin", {bloom: "100", cedar: "5000"}, seen_versions=seen)
    one_audit(db, clock, actor="admin", action="set_email_limits", client_id=bloom)
    with pytest.raises(ConflictError):
        set_email_limits(db, clock, "admin", {bloom: "200", cedar: "1"}, seen_versions=seen)
    assert limits_of(db) == {"Bloom Florists": 100, "Cedar Books": 5_000} and audit_count(db) == 1


def test_r_el_4_an_unknown_client_refuses_the_save(db: Database, clock) -> None:
    bloom, _cedar = two_clients(db)
    with pytest.raises(NotFound):
        set_email_limits(db, clock, "admin", {bloom: "1", 999_999: "2"})
    assert audit_count(db) == 0


# --- schedule_email_job ----------------------------------------------------------------------


def usage_of_600_sent_and_300_scheduled(db: Database, client_id: int) -> None:
    """500 sent on rolled-up days, 100 sent today (not rolled up yet), 300 scheduled; noise that must not count."""
    with db.write() as session:
        session.get(Client, client_id).email_limit = 1_000
        session.add(RollupState(job="nightly", last_event_id=0, last_day=date(2026, 11, 19)))
        session.add_all([
            DailyMetric(client_id=client_id, day=date(2026, 11, 3), emails_sent=200),
            DailyMetric(client_id=client_id, day=date(2026, 11, 19), emails_sent=300),
            DailyMetric(client_id=client_id, day=date(2026, 10, 31), emails_sent=9_999),  # last cycle
            Event(external_id="today", client_id=client_id, type="email_sent", quantity=100,
                  occurred_at=FIXED_NOW - timedelta(hours=1)),
            Event(external_id="rolled", client_id=client_id, type="email_sent", quantity=50,  # in daily_metric
                  occurred_at=datetime(2026, 11, 19, 12, tzinfo=UTC)),
            EmailJob(client_id=client_id, name="Winter sale", recipients=300, status="scheduled", scheduled_for=LATER),
            EmailJob(client_id=client_id, name="Sent one", recipients=77, status="sent", scheduled_for=T0),
            EmailJob(client_id=client_id, name="Dropped", recipients=88, status="cancelled", scheduled_for=LATER),
            EmailJob(client_id=client_id, name="December", recipients=400, status="scheduled",
                     scheduled_for=datetime(2026, 12, 2, tzinfo=UTC)),
        ])


def test_r_el_2_usage_is_sent_in_cycle_plus_scheduled_in_cycle(db: Database, clock) -> None:
    ids = seed(db)
    usage_of_600_sent_and_300_scheduled(db, ids.client_id)
    row = next(r for r in email_limit_rows(db, "admin", date(2026, 11, 20), clock.tz) if r.client_id == ids.client_id)
    assert (row.limit, row.sent, row.scheduled) == (1_000, 600, 300)
    # a job of the 100 emails left is taken; one more is over the limit
    job = schedule_email_job(db, clock, "sp", ids.client_id, name="Last call", recipients=100, scheduled_for=LATER)
    assert (job.used, job.remaining) == (1_000, 0)


def test_r_el_2_a_job_that_reaches_the_limit_exactly_is_scheduled(db: Database, clock) -> None:
    ids = seed(db)
    usage_of_600_sent_and_300_scheduled(db, ids.client_id)
    job = schedule_email_job(db, clock, "sp", ids.client_id, name="Last call", recipients=100, scheduled_for=LATER)
    assert (job.cycle, job.limit, job.used, job.remaining) == ("2026-11", 1_000, 1_000, 0)
    entry = one_audit(db, clock, actor="sp", action="schedule_email_job", client_id=ids.client_id)
    assert entry.before["used"] == 900 and entry.after["recipients"] == 100


def test_r_el_2_a_job_one_over_the_limit_is_refused_saying_by_how_much(db: Database, clock) -> None:
    ids = seed(db)
    usage_of_600_sent_and_300_scheduled(db, ids.client_id)
    with pytest.raises(LimitExceeded) as caught:
        schedule_email_job(db, clock, "sp", ids.client_id, name="Too many", recipients=101, scheduled_for=LATER)
    assert (caught.value.limit, caught.value.usage, caught.value.over) == (1_000, 900, 1)
    assert "the limit is 1,000" in str(caught.value) and "1 over the limit" in str(caught.value)
    assert audit_count(db) == 0
    with db.read() as session:
        assert session.scalars(select(EmailJob).where(EmailJob.name == "Too many")).first() is None


def test_r_el_2_jobs_count_in_the_cycle_they_are_scheduled_for(db: Database, clock) -> None:
    ids = seed(db)
    usage_of_600_sent_and_300_scheduled(db, ids.client_id)
    december = datetime(2026, 12, 5, tzinfo=UTC)
    schedule_email_job(db, clock, "admin", ids.client_id, name="Next month", recipients=600, scheduled_for=december)
    assert [a.after["used"] for a in audits(db)] == [1_000]  # 400 already scheduled in December + 600


def test_r_el_2_bad_job_input_is_named(db: Database, clock) -> None:
    ids = seed(db)
    with pytest.raises(ValidationError) as caught:
        schedule_email_job(db, clock, "admin", ids.client_id, name=" ", recipients=0,
                           scheduled_for=FIXED_NOW - timedelta(minutes=1))
    assert set(caught.value.field_errors) == {"name", "recipients", "scheduled_for"}
    assert audit_count(db) == 0
