"""``console-tui`` against a broken database of every kind: one line ``console-tui: …``, the exit code of
its class (2 bad input, 3 unavailable / locked / corrupt / another revision), never a traceback, and the
password of a PostgreSQL URL never shown."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from console_tui.cli.main import main
from console_tui.data import migrate
from console_tui.data.engine import Database
from console_tui.data.schema import AuditEntry, Client, Event
from tests.factories import agency_with_a_client, make_agency, make_user

PG_DOWN = "postgresql://x:secretpw@127.0.0.1:1/db"
ADD_CLIENT = ("clients", "add", "--name", "Ada Lovelace", "--email", "ada@example.com", "--company", "Bloom",
              "--street", "1 Main St", "--city", "Springfield", "--state", "IL", "--postal-code", "62701",
              "--country", "US", "--phone", "+1 217 555 0100")
COMMANDS = {
    "clients list": ("clients", "list"), "db current": ("db", "current"), "db upgrade": ("db", "upgrade"),
    "refresh": ("refresh",), "users list": ("users", "list"), "clients add": ADD_CLIENT, "console": ("run",),
    "kiosk": ("--kiosk",),
}


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """As if on a terminal (the console and kiosk refuse to start without one); logging put back after."""
    monkeypatch.setattr("console_tui.cli.main.has_terminal", lambda: True, raising=False)
    root, hook = logging.getLogger(), threading.excepthook
    before = list(root.handlers)
    yield
    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    logging.captureWarnings(False)
    threading.excepthook = hook


def cli(url: str, *args: str, user: str = "boss"):
    return CliRunner().invoke(main, ["--db", url, "--user", user, *args])


def one_line(result, code: int) -> str:
    """The result's single line on stderr, checked: exit code, one line, the prefix, no password."""
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("console-tui: "), result.stderr
    assert "secretpw" not in result.output
    return lines[0]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_postgresql_down(command: str, terminal) -> None:  # noqa: ANN001
    line = one_line(cli(PG_DOWN, *COMMANDS[command]), 3)
    assert "postgresql://x:***@127.0.0.1:1/db is unavailable" in line and "Connection refused" in line


@pytest.fixture(params=["not sqlite", "truncated"])
def damaged(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "damaged.db"
    if request.param == "not sqlite":
        path.write_bytes(b"PK\x03\x04 this is a zip file, not a database " * 200)
    else:
        shutil.copy(sqlite_template, path)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    return f"sqlite:///{path}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_file_that_is_not_a_usable_sqlite_database(damaged: str, command: str, terminal) -> None:  # noqa: ANN001
    line = one_line(cli(damaged, *COMMANDS[command]), 3)
    assert "is not a usable SQLite database" in line and "backup" in line


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_missing_directory_is_refused_not_made(tmp_path: Path, command: str, terminal) -> None:  # noqa: ANN001
    folder = tmp_path / "no" / "such"
    line = one_line(cli(f"sqlite:///{folder}/console.db", *COMMANDS[command]), 2)
    assert f"the directory {folder} of the database file does not exist" in line
    assert not (tmp_path / "no").exists()


def test_the_default_data_directory_is_still_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("console_tui.data.engine.data_dir", lambda: tmp_path / "data")
    database = Database(f"sqlite:///{tmp_path / 'data' / 'console.db'}")
    database.ping()
    database.dispose()
    assert (tmp_path / "data" / "console.db").is_file()


@pytest.fixture
def seeded(db: Database) -> Database:
    return agency_with_a_client(db)


def set_revision(db: Database, revision: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


def totals(db: Database) -> tuple[int, ...]:
    with db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(t)) for t in (Client, AuditEntry, Event))


@pytest.fixture
def newer(seeded: Database) -> Database:
    set_revision(seeded, "9f9f_from_the_future")
    yield seeded
    set_revision(seeded, migrate.HEAD)  # the PostgreSQL schema is shared by the session's tests


@pytest.mark.parametrize("command", ["refresh", "clients add", "db upgrade", "console", "kiosk", "users add",
                                     "ingest", "limits set"])
def test_a_newer_revision_refuses_writes_and_the_console(newer: Database, command: str, tmp_path: Path,
                                                          terminal) -> None:  # noqa: ANN001
    events = tmp_path / "events.jsonl"
    events.write_text('{"id": "e1", "client_id": 1, "type": "email_sent", "occurred_at": "2026-11-19T10:00:00Z"}\n')
    args = {**COMMANDS, "users add": ("users", "add", "eve", "--name", "Eve", "--email", "eve@example.com",
                                      "--role", "Administrator"),
            "ingest": ("ingest", str(events)), "limits set": ("limits", "set", "1", "500")}[command]
    before = totals(newer)
    line = one_line(cli(newer.url, *args), 3)
    assert "'9f9f_from_the_future', made by a newer console-tui; upgrade the package" in line
    assert totals(newer) == before


def test_db_current_names_a_newer_revision(newer: Database) -> None:
    result = cli(newer.url, "db", "current")
    assert result.exit_code == 0 and "9f9f_from_the_future (unknown here: made by a newer console-tui)" in result.output


def test_an_older_revision_upgrades_sqlite_and_sends_postgresql_to_db_upgrade(
        seeded: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    current, later = migrate.HEAD, "9001"  # as if this package had one migration more than the database
    known = migrate.known_revisions() | {later}
    monkeypatch.setattr(migrate, "HEAD", later)
    monkeypatch.setattr(migrate, "known_revisions", lambda: known)
    upgraded: list[str] = []
    monkeypatch.setattr(migrate, "upgrade", lambda db, revision="head": upgraded.append(db.url))
    result = cli(seeded.url, "refresh")
    if seeded.is_sqlite:
        assert upgraded and "Traceback" not in result.output
    else:
        line = one_line(result, 3)
        assert f"revision '{current}', older than this console-tui's '{later}'; run `console-tui db upgrade`" in line
        assert not upgraded
        assert cli(seeded.url, "db", "upgrade").exit_code == 0 and upgraded


@pytest.fixture
def locked(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Another writer holds the SQLite write lock (a busy timeout of 0.2 s instead of 5 s)."""
    with sqlite_db.write() as session:
        make_agency(session)
        make_user(session, "boss")
    monkeypatch.setattr("console_tui.data.engine.SQLITE_BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(sqlite_db.engine.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield sqlite_db
    holder.execute("ROLLBACK")
    holder.close()


@pytest.mark.parametrize("command", ["refresh", "clients add"])
def test_a_locked_sqlite_database(locked: Database, command: str) -> None:
    line = one_line(cli(locked.url, *{"refresh": ("refresh",), "clients add": ADD_CLIENT}[command]), 3)
    assert "another writer" in line and "try again" in line


def test_the_password_is_masked_in_settings_errors_and_the_log(_session_logs: Path) -> None:
    result = CliRunner().invoke(main, ["--db", "oracle://scott:secretpw@db.example/orcl", "db", "current"])
    assert one_line(result, 2).startswith("console-tui: setting 'database_url' = 'oracle://scott:***@db.example")
    one_line(cli(PG_DOWN, "clients", "list"), 3)
    log = _session_logs / "console-tui" / "log" / "console-tui.log"
    assert "Traceback (most recent call last)" in log.read_text() and "secretpw" not in log.read_text()
