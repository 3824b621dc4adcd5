"""Rebuilding a database that holds an agency (`console-tui demo --force`): only an active
Administrator, confirmed, built aside, and an interruption leaves the old data as it was.
On SQLite and PostgreSQL."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from console_tui.cli.main import main
from console_tui.clock import FixedClock
from console_tui.data import schema as s
from console_tui.data.demo.build import build_demo
from console_tui.data.demo.names import AGENCY_NAME
from console_tui.data.engine import Database
from tests.data.test_demo import dump
from tests.factories import make_user


@pytest.fixture
def agency(db: Database, clock: FixedClock) -> Database:
    """A small demo agency run by boss, plus a Jr. Salesperson and a deactivated Administrator."""
    build_demo(db, clock, clients=6, days=3, seed=1, admin_login="boss")
    with db.write() as session:
        make_user(session, "junior", role="Jr. Salesperson")
        make_user(session, "gone").active = False
    return db


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN201
    monkeypatch.setenv("CONSOLE_TUI_CONFIG", str(tmp_path / "no-config.toml"))
    for name in ("DATABASE_URL", "USER"):
        monkeypatch.delenv(f"CONSOLE_TUI_{name}", raising=False)

    def invoke(db: Database, login: str, *args: str, typed: str | None = None):  # noqa: ANN202
        db.dispose()  # the test's own connections must not look like another program holding the file
        result = CliRunner().invoke(main, ["--db", db.url, "--user", login, "demo", "--clients", "4", "--days", "2",
                                           *args], input=typed)
        if result.exception is not None:  # drop the frames (and their pooled connections) a process exit drops
            result.exception.__traceback__ = None
        result.exc_info = None
        gc.collect()
        return result

    return invoke


@pytest.mark.parametrize("login", ["nobody", "junior", "gone"])
def test_only_an_active_administrator_may_rebuild(agency: Database, run, login: str) -> None:  # noqa: ANN001
    before = dump(agency)
    forced = run(agency, login, "--force", "--yes")
    assert forced.exit_code in (1, 2) and "Traceback" not in forced.output and forced.stdout == ""
    assert len(forced.stderr.strip().splitlines()) == 1
    plain = run(agency, login)
    assert plain.exit_code == 2 and "--force" not in plain.stderr and "Only an active Administrator" in plain.stderr
    assert dump(agency) == before


def test_force_asks_for_the_agency_name(agency: Database, run, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    before = dump(agency)
    assert "--force" in run(agency, "boss").stderr  # an Administrator is told how
    no_terminal = run(agency, "boss", "--force")
    assert no_terminal.exit_code == 2 and "--yes" in no_terminal.stderr
    monkeypatch.setattr(sys.modules["console_tui.cli.commands.demo"], "_terminal", lambda: True)
    wrong = run(agency, "boss", "--force", typed="Some Agency\n")
    assert wrong.exit_code == 1 and "nothing was changed" in wrong.stderr
    assert dump(agency) == before
    right = run(agency, "boss", "--force", typed=f"{AGENCY_NAME}\n")
    assert right.exit_code == 0, right.output
    assert AGENCY_NAME in right.stderr  # the prompt named it
    with agency.read() as session:
        assert len(session.scalars(select(s.Client)).all()) == 4
        entry = session.scalars(select(s.AuditEntry)).one()
        assert session.get(s.AgencyUser, entry.agency_user_id).login == "boss"
    assert (entry.actor, entry.action) == ("boss", "rebuild_database")
    assert entry.before == {"agency": AGENCY_NAME} and entry.after == {"clients": 4, "days": 2, "seed": 1}


def test_replace_rebuilds_in_one_transaction(agency: Database, clock: FixedClock) -> None:
    summary = build_demo(agency, clock, clients=9, days=2, seed=7, admin_login="boss", replace=True)
    after = dump(agency)
    assert len(after["client"]) == summary.clients == 9
    assert [row[1] for row in after["agency_user"]].count("junior") == 0  # everything old is gone


def test_an_empty_database_is_still_built_for_anyone(db: Database, run) -> None:  # noqa: ANN001
    result = run(db, "newcomer", "--if-missing")
    assert result.exit_code == 0 and "'newcomer' is an Administrator" in result.stdout


def _building(db: Database, folder: Path | None) -> bool:
    """Is the rebuild under way: the aside file has rows (SQLite), or the tables are truncated (PG)?"""
    if folder is not None:
        return sum(p.stat().st_size for p in folder.glob(".*.rebuild*")) > 200_000  # rows land in its -wal
    with db.engine.connect() as connection:
        return bool(connection.execute(text(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = 'agency' AND c.relnamespace = current_schema()::regnamespace "
            "AND l.mode = 'AccessExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()")).scalar())


@pytest.mark.slow  # a real subprocess, interrupted mid-build: about 15 s each
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_rebuild_leaves_the_old_data_as_it_was(agency: Database, tmp_path: Path, how) -> None:  # noqa: ANN001
    before = dump(agency)
    agency.dispose()
    folder = Path(agency.url.removeprefix("sqlite:///")).parent if agency.is_sqlite else None
    env = {**os.environ, "CONSOLE_TUI_CONFIG": str(tmp_path / "none.toml")}
    child = subprocess.Popen(
        [sys.executable, "-m", "console_tui", "--db", agency.url, "--user", "boss", "demo", "--force", "--yes",
         "--clients", "8000", "--days", "60"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        while not _building(agency, folder):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the rebuild never started"
            time.sleep(0.1)
        time.sleep(0.5)
        child.send_signal(how)
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode != 0 and b"Traceback" not in err
    assert dump(agency) == before
    if folder is not None:
        assert not list(folder.glob(".*.rebuild*"))  # the half-built copy is gone
