"""Shared fixtures: a fixed clock, and databases on SQLite and PostgreSQL from one fixture.

PostgreSQL tests use ``CONSOLE_TUI_TEST_PG_URL``. Without it they skip with a loud reason;
with ``CONSOLE_TUI_REQUIRE_PG=1`` (set by .ci/run) a missing server fails the run instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from console_tui.clock import FixedClock
from console_tui.data import migrate
from console_tui.data.engine import Database
from console_tui.data.schema import Base

PG_URL = os.environ.get("CONSOLE_TUI_TEST_PG_URL")
REQUIRE_PG = os.environ.get("CONSOLE_TUI_REQUIRE_PG") == "1"
PG_SKIP_REASON = (
    "PostgreSQL tests SKIPPED: no server. Set CONSOLE_TUI_TEST_PG_URL=postgresql://user:pass@host/db "
    "(.ci/run does this) to run them."
)
FIXED_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TEST_TZ = ZoneInfo("Europe/London")
_pg_skips: list[str] = []


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FIXED_NOW, tz=TEST_TZ)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the head revision, built once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = Database(f"sqlite:///{path}")
    migrate.upgrade(database)
    database.dispose()
    return path


def copy_database(template: Path, path: Path) -> str:
    """Copy a SQLite database built once per session to ``path``; return its URL."""
    shutil.copy(template, path)
    return f"sqlite:///{path}"


def _require_pg(nodeid: str) -> str:
    if PG_URL:
        return PG_URL
    if REQUIRE_PG:
        pytest.fail("CONSOLE_TUI_REQUIRE_PG=1 but CONSOLE_TUI_TEST_PG_URL is not set", pytrace=False)
    _pg_skips.append(nodeid)
    pytest.skip(PG_SKIP_REASON)


@pytest.fixture(scope="session")
def pg_migrated() -> Iterator[str | None]:
    """A private schema at head for this test session (so parallel runs never clash)."""
    if not PG_URL:
        yield None
        return
    schema = f"test_{os.getpid()}"
    admin = Database(PG_URL)
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    try:
        with admin.engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"'))
        database = Database(url)
        migrate.upgrade(database)
        database.dispose()
    except Exception as error:  # a configured but unreachable server is a failure, not a skip
        pytest.fail(f"PostgreSQL at CONSOLE_TUI_TEST_PG_URL is not usable: {error}", pytrace=False)
    yield url
    with admin.engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def empty_all(database: Database) -> None:
    """Empty every table (DELETE: ~25 ms on these small databases; TRUNCATE costs ~450 ms)."""
    with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(text(f'DELETE FROM "{table.name}"'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db(backend: str, request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """An empty database at the head revision, on SQLite and on PostgreSQL."""
    if backend == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(sqlite_template, path)
        database = Database(f"sqlite:///{path}")
    else:
        _require_pg(request.node.nodeid)
        database = Database(request.getfixturevalue("pg_migrated"))
        empty_all(database)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path / "test.db"
    shutil.copy(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    if _pg_skips:
        terminalreporter.write_sep("!", f"{len(_pg_skips)} PostgreSQL tests SKIPPED", red=True, bold=True)
        terminalreporter.write_line(PG_SKIP_REASON, red=True)


# --- the demo agency (console_tui.data.demo.build) as a fixture -------------------------------------------

DEMO_LOGIN = "admin"  # the demo's OS-login Administrator
DEMO_CLIENTS, DEMO_DAYS, DEMO_SEED = 40, 35, 7


class DemoDatabase:
    """A copy of the seeded demo: ``.db``, ``.url``, ``.path``, ``.login`` (its Administrator),
    ``.summary`` (the DemoSummary) and ``.clock`` (the fixed clock it was built with)."""

    def __init__(self, path: Path, summary, clock: FixedClock) -> None:  # noqa: ANN001
        self.path, self.summary, self.clock, self.login = path, summary, clock, DEMO_LOGIN
        self.url = f"sqlite:///{path}"
        self.db = Database(self.url)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """The demo (40 clients x 35 days, seed 7, fixed clock, rolled up), built once per session."""
    from console_tui.data.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = Database(f"sqlite:///{path}")
    summary = build_demo(database, FixedClock(FIXED_NOW, tz=TEST_TZ), clients=DEMO_CLIENTS, days=DEMO_DAYS,
                         seed=DEMO_SEED, admin_login=DEMO_LOGIN)
    database.dispose()
    return path, summary


@pytest.fixture
def demo_db(tmp_path: Path, demo_template) -> Iterator[DemoDatabase]:  # noqa: ANN001
    """A fresh copy of the demo agency: every role, custom statuses, leads and prospects, troubled
    and new senders, recent places, content, services, email jobs, billing, avatars."""
    template, summary = demo_template
    path = tmp_path / "demo.db"
    shutil.copy(template, path)
    demo = DemoDatabase(path, summary, FixedClock(FIXED_NOW, tz=TEST_TZ))
    yield demo
    demo.db.dispose()


# --- no traceback reaches a terminal from any CLI run of the suite ------------------------------------

TRACEBACK = "Traceback (most recent call last)"


def assert_no_traceback(where: str, *outputs: object) -> None:
    """Fail when any of ``outputs`` (text or bytes) holds a Python traceback."""
    for output in outputs:
        text = output.decode(errors="replace") if isinstance(output, bytes) else output
        if isinstance(text, str) and TRACEBACK in text:
            pytest.fail(f"a traceback reached the terminal from {where}:\n{text[-3000:]}", pytrace=False)


@pytest.fixture(scope="session")
def _session_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("state")


@pytest.fixture(autouse=True)
def no_traceback_on_the_terminal(monkeypatch: pytest.MonkeyPatch, _session_logs: Path) -> None:
    """Every CLI run of the suite is checked: ``CliRunner.invoke`` in-process and ``console-tui`` or
    ``python -m console_tui`` through ``subprocess.run``. A traceback in what it wrote fails the test,
    and so does an exception CliRunner caught (outside the test it would have printed one). Log files
    go to a temporary directory, never the developer's own."""
    import subprocess

    from click.testing import CliRunner

    monkeypatch.setenv("XDG_STATE_HOME", str(_session_logs))
    invoke, run = CliRunner.invoke, subprocess.run

    def checked_invoke(self, cli, args=None, *more, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        result = invoke(self, cli, args, *more, **kwargs)
        assert_no_traceback(f"console-tui {args}", result.output)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            pytest.fail(f"console-tui {args} raised {result.exception!r}: outside CliRunner its traceback "
                        f"would reach the terminal", pytrace=False)
        return result

    def checked_run(*popenargs, **kwargs):  # noqa: ANN002, ANN003, ANN202
        result = run(*popenargs, **kwargs)
        argv = str(popenargs[0] if popenargs else kwargs.get("args"))
        if "console-tui" in argv or "console_tui" in argv:
            assert_no_traceback(argv, result.stdout, result.stderr)
        return result

    monkeypatch.setattr(CliRunner, "invoke", checked_invoke)
    monkeypatch.setattr(subprocess, "run", checked_run)


# --- test tiers -------------------------------------------------------------------------------------
# `make test-fast` deselects every marker below; `make test` runs them all, in parallel.
# A folder's tests share its tier; a module can still mark itself (e.g. a smoke test kept fast).

_TIERS_BY_PATH = {
    "tests/web/": ("browser", "slow"),
    "tests/reliability/test_terminals.py": ("pty", "slow"),
    "tests/reliability/": ("slow",),
    "tests/kiosk/": ("slow",),
    "tests/ui/": ("slow",),
}
#: Modules that stay in the fast tier inside a slow folder: one smoke test per screen, and the whole
#: bad-input catalogue through the forms' rules (no screen).
_FAST_MODULES = {"tests/ui/test_smoke.py", "tests/reliability/test_bad_input_rules.py"}


#: Modules whose tests take many seconds each (form sweeps, resize storms, every screen on the demo,
#: real terminals and browsers). They run first: with the parallel workers given the long tests at
#: the start, the run does not end with one worker busy on a long test while the other waits.
_LONG_FIRST = (
    "tests/reliability/test_bad_input_ui_forms.py",
    "tests/ui/admin/test_audit_log.py",
    "tests/ui/test_demo_console.py",
    "tests/reliability/test_terminal_sizes.py",
    "tests/reliability/test_terminals.py",
    "tests/web/",
    "tests/ui/test_smoke.py",
    "tests/ui/test_hostile_names.py",
    "tests/ui/test_error_boundary.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(str(config.rootpath))
    where = {item: Path(str(item.path)).relative_to(root).as_posix() for item in items}
    for item in items:
        if where[item] in _FAST_MODULES:
            continue
        for prefix, markers in _TIERS_BY_PATH.items():
            if where[item].startswith(prefix):
                for marker in markers:
                    item.add_marker(marker)
                break
    items.sort(key=lambda item: not where[item].startswith(_LONG_FIRST))  # a stable sort


def _poll_for_idle_in_short_steps() -> None:
    """Pilot waits for the app to go idle (``textual._wait.wait_for_idle``) twice per key pressed
    and once per pause, sleeping in steps of 20 ms until a step passes with almost no CPU used.
    Most of a UI test's wall time was those sleeps. Steps of 4 ms keep the same test (a step in
    which the process used less than a twentieth of it is idle) and wait a fifth as long."""
    import textual._wait as wait
    from textual import constants

    wait.SLEEP_GRANULARITY = 0.004
    wait.SLEEP_IDLE = wait.SLEEP_GRANULARITY / 20.0
    # A 4 ms step can fall between two frames of an animation (60 a second) and take an animated
    # scroll for done: the apps under test scroll at once instead (Textual's level "none").
    constants.TEXTUAL_ANIMATIONS = "none"  # type: ignore[misc]


_poll_for_idle_in_short_steps()
