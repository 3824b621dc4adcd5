"""Snoozing and unsnoozing an attention reason (console_tui.data.commands.attention), on SQLite and
PostgreSQL: one's own snooze, of a client one may access, one audit row each; the migration."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, select, text

from console_tui.clock import local_today
from console_tui.config import Settings
from console_tui.data import migrate
from console_tui.data.commands.attention import snooze_reason, unsnooze_reason
from console_tui.data.engine import Database
from console_tui.data.queries.attention import attention_inputs, thresholds, user_snoozes
from console_tui.data.queries.audit_text import action_text
from console_tui.data.schema import AttentionSnooze
from console_tui.domain.attention import Severity, attention_queue
from console_tui.domain.errors import NotFound, PermissionDenied, RuleRefused, ValidationError
from console_tui.domain.snooze import apply_snoozes
from tests.data.command_helpers import audit_count, audits, one_audit, seed
from tests.factories import make_client

T = thresholds(Settings())
NOTE = "[b]call Flo[/b] \x1b[31mMonday"


def queue(db: Database, clock, login: str) -> dict[int | None, list[str]]:  # noqa: ANN001
    today = local_today(clock)
    inputs = attention_inputs(db, login, today, clock.tz, T)
    rows = apply_snoozes(attention_queue(inputs.clients, today, T, inputs.agency), inputs.snoozes, today)
    return {row.id: [r.code for r in row.reasons] for row in rows}


def test_r_att_3_a_snooze_hides_the_reason_from_that_person_only(db: Database, clock) -> None:  # noqa: ANN001
    ids = seed(db)
    assert "config-incomplete" in queue(db, clock, "sp")[ids.client_id]
    until = local_today(clock) + timedelta(days=7)
    done = snooze_reason(db, clock, "sp", ids.client_id, "config-incomplete", until=until, note=NOTE, thresholds=T)
    assert (done.code, done.until, done.severity, done.note) == (
        "config-incomplete", until, Severity.WARNING, "[b]call Flo[/b] Monday")  # cleaned, markup kept as text
    assert "config-incomplete" not in queue(db, clock, "sp").get(ids.client_id, [])
    assert "config-incomplete" in queue(db, clock, "cm")[ids.client_id]  # someone else's queue is untouched
    entry = one_audit(db, clock, actor="sp", action="snooze_reason", client_id=ids.client_id)
    assert entry.before is None
    assert entry.after == {"code": "config-incomplete", "until": until.isoformat(),
                           "note": "[b]call Flo[/b] Monday", "severity": "warning"}
    assert action_text(entry.action) == "Attention reason snoozed"
    listed = user_snoozes(db, "sp", local_today(clock))
    assert [(s.client_id, s.name, s.code, s.until) for s in listed] == [
        (ids.client_id, "Bloom Florists", "config-incomplete", until)]
    assert user_snoozes(db, "cm", local_today(clock)) == ()


def test_r_att_3_snoozing_again_replaces_and_unsnoozing_brings_it_back(db: Database, clock) -> None:  # noqa: ANN001
    ids = seed(db)
    today = local_today(clock)
    snooze_reason(db, clock, "sp", ids.client_id, "config-incomplete", until=today + timedelta(days=3), note="",
                  thresholds=T)
    snooze_reason(db, clock, "sp", ids.client_id, "config-incomplete", until=today + timedelta(days=9),
                  note="later", thresholds=T)
    with db.read() as session:
        assert [(r.until, r.note) for r in session.scalars(select(AttentionSnooze))] == [
            (today + timedelta(days=9), "later")]
    unsnooze_reason(db, clock, "sp", ids.client_id, "config-incomplete")
    assert "config-incomplete" in queue(db, clock, "sp")[ids.client_id]
    rows = audits(db)
    assert [r.action for r in rows] == ["snooze_reason", "snooze_reason", "unsnooze_reason"]
    assert rows[1].before is not None and rows[1].before["until"] == (today + timedelta(days=3)).isoformat()
    assert rows[2].after is None and action_text(rows[2].action) == "Attention reason unsnoozed"
    with pytest.raises(NotFound, match="See your snoozes"):
        unsnooze_reason(db, clock, "sp", ids.client_id, "config-incomplete")
    assert audit_count(db) == 3


def test_r_att_3_only_clients_one_may_access(db: Database, clock) -> None:  # noqa: ANN001
    seed(db)
    with db.write() as session:
        other = make_client(session, "Elsewhere Ltd").id
    until = local_today(clock) + timedelta(days=7)
    with pytest.raises(PermissionDenied, match="Client Manager of this client"):
        snooze_reason(db, clock, "sp", other, "config-incomplete", until=until, note="", thresholds=T)
    assert audit_count(db) == 0
    snooze_reason(db, clock, "admin", other, "config-incomplete", until=until, note="", thresholds=T)
    assert [s.name for s in user_snoozes(db, "admin", local_today(clock))] == ["Elsewhere Ltd"]


def test_r_att_3_refusals_save_nothing(db: Database, clock) -> None:  # noqa: ANN001
    ids = seed(db)
    today = local_today(clock)
    with pytest.raises(RuleRefused, match="has no reason 'sender-limited' in the queue today"):
        snooze_reason(db, clock, "sp", ids.client_id, "sender-limited", until=today + timedelta(days=1), note="",
                      thresholds=T)
    with pytest.raises(ValidationError, match="must be after today"):
        snooze_reason(db, clock, "sp", ids.client_id, "config-incomplete", until=today, note="", thresholds=T)
    with pytest.raises(ValidationError, match="at most 300 characters"):
        snooze_reason(db, clock, "sp", ids.client_id, "config-incomplete", until=today + timedelta(days=1),
                      note="x" * 301, thresholds=T)
    assert audit_count(db) == 0


def test_r_att_3_the_agency_row_is_everyones_to_snooze(db: Database, clock) -> None:  # noqa: ANN001
    seed(db, max_clients=1)  # one counted client of one: the plan is full
    assert queue(db, clock, "jr")[None] == ["plan-full"]
    until = local_today(clock) + timedelta(days=2)
    done = snooze_reason(db, clock, "jr", None, "plan-full", until=until, note="upgrade asked", thresholds=T)
    assert (done.client_id, done.severity) == (None, Severity.CRITICAL)
    assert None not in queue(db, clock, "jr")
    assert [s.name for s in user_snoozes(db, "jr", local_today(clock))] == ["Acme Agency"]
    one_audit(db, clock, actor="jr", action="snooze_reason", client_id=None)
    unsnooze_reason(db, clock, "jr", None, "plan-full")
    assert queue(db, clock, "jr")[None] == ["plan-full"]


def test_r_att_3_the_migration_adds_and_drops_the_table(tmp_path) -> None:  # noqa: ANN001
    database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(database, "0002")
    assert "attention_snooze" not in inspect(database.engine).get_table_names()
    migrate.upgrade(database)
    with database.engine.begin() as connection:
        connection.execute(text("INSERT INTO agency_user (login, full_name, email, role, active, created_at, version) "
                                "VALUES ('a', 'A', 'a@x.example', 'Administrator', 1, '2026-01-01', 1)"))
        connection.execute(text("INSERT INTO attention_snooze (agency_user_id, client_id, code, until, note, "
                                "severity, created_at) VALUES (1, NULL, 'plan-full', :d, '', 'critical', :d)"),
                           {"d": date(2026, 1, 2)})
    migrate.downgrade(database, "0002")
    assert "attention_snooze" not in inspect(database.engine).get_table_names()
    database.dispose()
