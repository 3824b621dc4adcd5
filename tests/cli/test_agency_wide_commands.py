"""`console-tui ingest` and `refresh` act on every client at once: an active Administrator's act
(R-ACC-3 [decision], R-ACC-4), audited (R-ACC-5). Refused: exit 1; unknown login: exit 2; nothing
changes. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.schema import AuditEntry, Client, Event, JobRun, RollupState
from tests.factories import make_agency, make_client, make_user

LINE = {"id": "e1", "type": "email_sent", "occurred_at": "2026-11-19T10:00:00+00:00"}


@pytest.fixture
def agency(db: Database) -> Database:
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        make_user(session, "junior", role="Jr. Salesperson")
        make_user(session, "gone").active = False
        make_client(session, "Bloom Florists")
    return db


def run(db: Database, login: str, command: str, tmp_path: Path):
    if command == "ingest":
        with db.read() as session:
            client_id = session.scalar(select(Client.id))
        path = tmp_path / "events.jsonl"
        path.write_text(json.dumps({**LINE, "client_id": client_id}) + "\n")
        args = ["ingest", str(path)]
    else:
        args = ["refresh"]
    return CliRunner().invoke(main, ["--db", db.url, "--user", login, *args])


def changes(db: Database) -> tuple[int, ...]:
    with db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(table))
                     for table in (Event, JobRun, RollupState, AuditEntry))


@pytest.mark.parametrize("command", ["ingest", "refresh"])
@pytest.mark.parametrize(("login", "code", "says"), [
    ("nobody", 2, "'nobody' is not an agency user"),
    ("junior", 1, "needs the Administrator role; your role is Jr. Salesperson"),
    ("gone", None, "'gone'"),  # deactivated: refused (1) or unknown (2), with the login named
])
def test_r_acc_3_only_an_active_administrator_may_ingest_or_refresh(agency: Database, tmp_path: Path, command: str,
                                                                  login: str, code: int | None, says: str) -> None:
    before = changes(agency)
    result = run(agency, login, command, tmp_path)
    assert result.exit_code == code if code is not None else result.exit_code in (1, 2), result.output
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output and result.stdout == ""
    assert changes(agency) == before


@pytest.mark.parametrize("command", ["ingest", "refresh"])
def test_r_acc_5_an_administrators_ingest_and_refresh_are_audited(agency: Database, tmp_path: Path,
                                                                 command: str) -> None:
    result = run(agency, "boss", command, tmp_path)
    assert result.exit_code == 0, result.output
    with agency.read() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert entry.actor == "boss"
    if command == "ingest":
        assert entry.action == "ingest_events"
        assert entry.after == {"file": str(tmp_path / "events.jsonl"), "format": "jsonl", "read": 1,
                               "inserted": 1, "duplicates": 0, "rejected": 0}
    else:
        assert entry.action == "run_rollup" and entry.after["since"] is None and "status_changes" in entry.after
