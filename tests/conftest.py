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


def _require_pg(nodeid: str) -> str:
    if PG_URL:
        return PG_URL
    if REQUIRE_PG:
        pytest.fail("CONSOLE_TUI_REQUIRE_PG=1 but CONSOLE_TUI_TEST_PG_URL is not set", pytrace=False)
    _pg_skips.append(nodeid)
    pytest.skip(PG_SKIP_REASON)


@pytest.fixture(scope="session")
def pg_migrated() -> Iterator[str | None]:
    """Bring the PostgreSQL test database to head once per session (when there is one)."""
    if not PG_URL:
        yield None
        return
    database = Database(PG_URL)
    try:
        with database.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        migrate.upgrade(database)
    except Exception as error:  # a configured but unreachable server is a failure, not a skip
        pytest.fail(f"PostgreSQL at CONSOLE_TUI_TEST_PG_URL is not usable: {error}", pytrace=False)
    database.dispose()
    yield PG_URL


def truncate_all(database: Database) -> None:
    names = ", ".join(f'"{table.name}"' for table in reversed(Base.metadata.sorted_tables))
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


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
        request.getfixturevalue("pg_migrated")
        database = Database(PG_URL)  # type: ignore[arg-type]
        truncate_all(database)
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
