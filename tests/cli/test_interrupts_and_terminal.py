"""Ctrl+C (and SIGTERM) end every command with exit code 130 and one line, whenever they come; without a
terminal the console and the kiosk refuse in one line (exit 2) instead of drawing into a pipe forever."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, event, func, select

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.ingest.load import CHUNK_ROWS
from console_tui.data.schema import Event
from tests.conftest import assert_no_traceback
from tests.factories import agency_with_a_client, make_agency, make_client, make_user

CLI = [sys.executable, "-m", "console_tui"]


def console_tui(*args: str, **kwargs) -> subprocess.Popen:  # noqa: ANN003
    """``console-tui`` in a process of its own, Ctrl+C delivered as on a terminal (not ignored)."""
    return subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **kwargs)


@pytest.fixture
def with_a_client(sqlite_db: Database) -> Database:
    return agency_with_a_client(sqlite_db)


@pytest.mark.parametrize("args", [(), ("run",), ("--kiosk",), ("--kiosk-attention",)], ids=" ".join)
def test_without_a_terminal_the_console_refuses_in_one_line(with_a_client: Database, args: tuple[str, ...]) -> None:
    """A known user and a good database: before, Textual started, wrote escapes into the pipe and never ended."""
    process = console_tui("--db", with_a_client.url, "--user", "boss", *args, stdin=subprocess.DEVNULL)
    try:
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 2
    assert out == "" and len(err.splitlines()) == 1 and "\x1b" not in err
    assert err.startswith("console-tui: the console needs a terminal") and "`console-tui clients list`" in err


def test_scripting_commands_still_run_without_a_terminal(sqlite_db: Database) -> None:
    with sqlite_db.write() as session:
        make_agency(session)
        make_user(session, "boss")
    result = subprocess.run([*CLI, "--db", sqlite_db.url, "--user", "boss", "clients", "list", "--format", "json"],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and json.loads(result.stdout) == []


def event_line(n: int) -> str:
    return json.dumps({"id": f"e{n}", "client_id": 1, "type": "email_sent", "occurred_at": "2026-11-19T10:00:00Z"})


def stored(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Event))


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_ingest_says_what_was_stored(with_a_client: Database, how: signal.Signals) -> None:
    """One chunk is committed, then the process waits for more input and is interrupted."""
    process = console_tui("--db", with_a_client.url, "--user", "boss", "ingest", "-", stdin=subprocess.PIPE)
    process.stdin.write("\n".join(event_line(n) for n in range(CHUNK_ROWS + 5)) + "\n")
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while stored(with_a_client) < CHUNK_ROWS and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # past the commit, reading the last lines, then waiting for more input
    process.send_signal(how)
    out, err = process.communicate(timeout=60)
    assert_no_traceback("ingest", out, err)
    assert process.returncode == 130, err
    assert err.splitlines() == [f"console-tui: interrupted near line {CHUNK_ROWS + 5:,}: at least {CHUNK_ROWS:,} "
                                "events were stored before it; running the same file again is safe (stored "
                                "events count as duplicates)"]
    assert stored(with_a_client) == CHUNK_ROWS


@pytest.fixture
def interrupt_statement(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """``arm(n, containing)``: Ctrl+C lands while the n-th SQL statement from now (that contains
    ``containing``) runs, as SQLAlchemy sees it mid-call; ``seen()`` counts the statements run."""
    count = {"left": None, "containing": "", "seen": 0}

    def before(_conn, _cursor, statement: str, *_args) -> None:  # noqa: ANN001, ANN002
        count["seen"] += 1
        if count["left"] is not None and count["containing"] in statement:
            count["left"] -= 1
            if count["left"] == 0:
                raise KeyboardInterrupt

    event.listen(Engine, "before_cursor_execute", before)
    yield lambda n=None, containing="": count.update(left=n, containing=containing) or count["seen"]
    event.remove(Engine, "before_cursor_execute", before)


def refresh(db: Database):  # noqa: ANN201
    return CliRunner().invoke(main, ["--db", db.url, "--user", "boss", "refresh"])


@pytest.mark.parametrize("when", [0.0, 0.3, 0.6, 0.95])
def test_refresh_exits_130_whenever_ctrl_c_comes(with_a_client: Database, interrupt_statement, when: float) -> None:  # noqa: ANN001
    """Interrupted at the first, a middle or the last statement of a refresh (counted on a run before)."""
    assert refresh(with_a_client).exit_code == 0  # the first run closes a day; every later one is alike
    before = interrupt_statement()
    assert refresh(with_a_client).exit_code == 0
    statements = interrupt_statement() - before
    assert statements > 10
    interrupt_statement(max(1, round(when * statements)))
    result = refresh(with_a_client)
    assert result.exit_code == 130, result.output
    assert result.stderr.splitlines() == ["console-tui: interrupted (Ctrl+C)"]


def test_ctrl_c_inside_an_sqlite_insert_is_not_a_closed_database_error(with_a_client: Database, tmp_path: Path,
                                                                       interrupt_statement) -> None:  # noqa: ANN001
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(event_line(n) for n in range(10)) + "\n")
    interrupt_statement(1, "INSERT INTO event")
    result = CliRunner().invoke(main, ["--db", with_a_client.url, "--user", "boss", "ingest", str(path)])
    assert result.exit_code == 130, result.output
    assert result.stderr.splitlines() == [
        "console-tui: interrupted near line 10: at least 0 events were stored before it; running the same "
        "file again is safe (stored events count as duplicates)"]
    assert stored(with_a_client) == 0


def test_output_cut_short_by_its_reader_ends_quietly(sqlite_db: Database) -> None:
    """``console-tui clients list | head -1``: the reader goes away; nothing on stderr, exit 141 (SIGPIPE's)."""
    with sqlite_db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        for n in range(3000):  # more than one pipe buffer of CSV
            make_client(session, f"Client {n:04d} with a longish name")
    script = (f"{' '.join(CLI)} --db {sqlite_db.url} --user boss clients list --format csv | head -1; "
              "echo \"rc=${PIPESTATUS[0]}\" >&2")
    result = subprocess.run(["bash", "-c", script], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.startswith("id,name,")
    assert result.stderr.strip() == "rc=141", result.stderr



def test_under_console_tui_serve_the_web_driver_is_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """``console-tui serve`` runs each browser tab's console over pipes with Textual's web driver: not
    refused (the browser test drives it end to end); without a driver and a terminal, refused."""
    from console_tui.cli.main import has_terminal

    monkeypatch.setattr(sys, "stdin", None)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert not has_terminal()
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert has_terminal()
