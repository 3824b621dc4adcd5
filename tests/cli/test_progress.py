"""Long CLI work (demo, ingest, refresh, purge) shows stage bars on stderr when it is a terminal, ends
them with a newline before the result, and prints nothing extra when stderr is a pipe."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from console_tui.cli.commands.ingest import PROGRESS_MIN_BYTES
from console_tui.data.commands.removal import remove_company
from console_tui.data.engine import Database
from tests.data.command_helpers import seed
from tests.factories import make_client

CLI = [sys.executable, "-m", "console_tui"]
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run(args: list[str], *, terminal: bool) -> tuple[int, str, str]:
    """Run ``console-tui`` with stdout piped and stderr a pseudo-terminal (``terminal``) or a pipe."""
    env = {**os.environ, "CONSOLE_TUI_CONFIG": "/nonexistent/config.toml", "COLUMNS": "100"}
    if not terminal:
        done = subprocess.run([*CLI, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              timeout=120, env=env)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL,
                               env=env)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    out = process.stdout.read().decode() if process.stdout else ""
    process.wait(timeout=120)
    os.close(leader)
    return process.returncode, out, seen.decode().replace("\r\n", "\n")


def _shown(stderr: str) -> str:
    """What a terminal keeps of ``stderr``: escape sequences out, each line as last redrawn."""
    plain = ESCAPE.sub("", stderr)
    return "\n".join(line.split("\r")[-1] for line in plain.split("\n"))


@pytest.fixture
def work(sqlite_db: Database, clock, tmp_path: Path) -> dict[str, list[str]]:  # noqa: ANN001
    """Each long command, ready to run once: a removed company to purge, a file big enough for ingest's bar."""
    gone = seed(sqlite_db).client_id
    remove_company(sqlite_db, clock, "admin", gone, confirm_name="Bloom Florists")
    with sqlite_db.write() as session:
        kept = make_client(session, "Still Here").id
    lines, size = [], 0
    while size < PROGRESS_MIN_BYTES:
        lines.append(json.dumps({"id": f"e{len(lines)}", "client_id": kept, "type": "email_sent",
                                 "occurred_at": "2026-11-19T10:00:00Z"}) + "\n")
        size += len(lines[-1])
    events = tmp_path / "events.jsonl"
    events.write_text("".join(lines))
    base = ["--db", sqlite_db.url, "--user", "admin"]
    return {
        "demo": ["demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}", "--clients", "40", "--days", "5"],
        "ingest": ["ingest", str(events), *base],
        "refresh": ["refresh", *base, "--since", "2026-11-01"],
        "purge": ["clients", "purge", str(gone), "--confirm-name", "Bloom Florists", *base],
    }


COMMANDS = ["demo", "ingest", "refresh", "purge"]
#: the stage each command's bar shows
STAGES = {"demo": "nightly rollup", "ingest": "Ingesting", "refresh": "days", "purge": "Purging"}


@pytest.mark.parametrize("command", COMMANDS)
def test_piped_stderr_gets_no_progress(work: dict[str, list[str]], command: str) -> None:
    code, out, err = run(work[command], terminal=False)
    assert code == 0, err
    assert err == "" and out.count("\n") >= 1


@pytest.mark.pty
@pytest.mark.parametrize("command", COMMANDS)
def test_a_terminal_shows_the_bars_and_ends_their_line(work: dict[str, list[str]], command: str) -> None:
    code, out, err = run(work[command], terminal=True)
    assert code == 0, err
    shown = _shown(err)
    assert STAGES[command] in shown, shown
    assert shown.endswith("\n"), repr(err[-200:])
    assert "\x1b" not in out and out.count("\n") >= 1  # the result, on stdout, untouched
