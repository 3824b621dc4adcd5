"""`console-tui limits set CLIENT_ID VALUE` (R-EL-1) and `limits schedule` (R-EL-2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from click.testing import CliRunner
from sqlalchemy import select

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.schema import AuditEntry, Client, EmailJob
from tests.data.command_helpers import seed


def invoke(db: Database, *args: str):
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def limit(db: Database, client_id: int) -> int | None:
    with db.read() as session:
        return session.get(Client, client_id).email_limit


def test_r_el_1_limits_set_a_number_then_unlimited(sqlite_db: Database) -> None:
    client_id = seed(sqlite_db).client_id
    result = invoke(sqlite_db, "--user", "admin", "limits", "set", str(client_id), "5000")
    assert result.exit_code == 0, result.output
    assert "email limit 5,000 emails a billing cycle (was unlimited)" in result.stdout
    assert limit(sqlite_db, client_id) == 5000
    for word in ("none", "", "NONE"):
        again = invoke(sqlite_db, "--user", "admin", "limits", "set", str(client_id), word)
        assert again.exit_code == 0
    assert limit(sqlite_db, client_id) is None and "Nothing changed" in again.stdout


def test_r_el_1_limits_set_refuses_bad_values_and_unknown_clients(sqlite_db: Database) -> None:
    client_id = seed(sqlite_db).client_id
    for value, problem in (("-1", "cannot be negative"), ("1,000", "has separators"), ("ten", "whole number")):
        result = invoke(sqlite_db, "--user", "admin", "limits", "set", str(client_id), value)
        assert result.exit_code == 2 and problem in result.stderr and "Bloom Florists" in result.stderr
    missing = invoke(sqlite_db, "--user", "admin", "limits", "set", "999999", "10")
    assert missing.exit_code == 2 and "there is no client 999999" in missing.stderr
    not_an_id = invoke(sqlite_db, "--user", "admin", "limits", "set", "bloom", "10")
    assert not_an_id.exit_code == 2
    assert limit(sqlite_db, client_id) is None


def test_r_acc_4_limits_set_is_for_administrators(sqlite_db: Database) -> None:
    client_id = seed(sqlite_db).client_id
    result = invoke(sqlite_db, "--user", "mm", "limits", "set", str(client_id), "10")
    assert result.exit_code == 1 and "Email Limits was refused" in result.stderr


def test_r_el_2_limits_schedule_counts_the_send_against_the_limit(db: Database) -> None:
    """The CLI is where a send is scheduled from outside the client's instance: it is checked against
    the cycle's usage (sent plus scheduled), audited, and refused with the figures when over."""
    client_id = seed(db).client_id
    day = (date.today() + timedelta(days=3)).isoformat()
    assert invoke(db, "--user", "admin", "limits", "set", str(client_id), "1000").exit_code == 0
    first = invoke(db, "--user", "sp", "limits", "schedule", str(client_id), "600", "--on", day,
                   "--name", "Winter [b]sale")
    assert first.exit_code == 0, first.output
    assert f"(Winter [b]sale) scheduled for {day} 09:00: 600 emails" in first.stdout and "400 left" in first.stdout
    over = invoke(db, "--user", "sp", "limits", "schedule", str(client_id), "500", "--on", day)
    assert over.exit_code == 1 and "the limit is 1,000" in over.stderr and "100 over the limit" in over.stderr
    with db.read() as session:
        jobs = session.scalars(select(EmailJob).where(EmailJob.client_id == client_id)).all()
        assert [(j.name, j.recipients) for j in jobs] == [("Winter [b]sale", 600)]
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.client_id == client_id)).all()
        assert actions.count("schedule_email_job") == 1


def test_r_el_2_limits_schedule_refuses_a_bad_time_a_past_day_and_a_stranger(db: Database) -> None:
    client_id = seed(db).client_id
    future = (date.today() + timedelta(days=3)).isoformat()
    bad_time = invoke(db, "--user", "sp", "limits", "schedule", str(client_id), "10", "--on", future, "--at", "25:00")
    assert bad_time.exit_code == 2 and "'25:00' is not a time such as 09:00" in bad_time.stderr
    past = invoke(db, "--user", "sp", "limits", "schedule", str(client_id), "10", "--on", "2020-01-01")
    assert past.exit_code == 2 and "is in the past" in past.stderr
    none = invoke(db, "--user", "sp", "limits", "schedule", str(client_id), "0", "--on", future)
    assert none.exit_code == 2 and "whole number of 1 or more" in none.stderr
    with db.read() as session:
        assert session.scalars(select(EmailJob)).first() is None


def test_r_wi_1_limits_set_dry_run_shows_the_cycle_so_far_and_saves_nothing(db: Database) -> None:
    client_id = seed(db).client_id
    day = date.today() + timedelta(days=1)
    if day.month != date.today().month:  # the job must fall in this cycle
        day = date.today()
    with db.write() as session:
        session.add(EmailJob(client_id=client_id, name="Promo", recipients=1_200, status="scheduled",
                             scheduled_for=datetime.combine(day, time(23, 0), tzinfo=UTC)))
    result = invoke(db, "--user", "admin", "limits", "set", str(client_id), "1000", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"Scheduled: {day.day} {day:%b %Y}: 1,200 emails ✗ blocked." in result.stdout
    assert "It would block 1 scheduled job" in result.stdout
    assert "would go from unlimited to 1,000 emails a billing cycle; nothing was saved" in result.stdout
    assert limit(db, client_id) is None
    saved = invoke(db, "--user", "admin", "limits", "set", str(client_id), "5000")
    assert "It would block nothing scheduled; 3,800 emails left to schedule." in saved.stdout
    assert limit(db, client_id) == 5000
    bad = invoke(db, "--user", "admin", "limits", "set", str(client_id), "1,0", "--dry-run")
    assert bad.exit_code == 2 and "Bloom Florists" in bad.stderr
