"""The CLI's own habits: the group's --db and --user are accepted after any command too, and
``demo --seed S --as-of DAY`` builds the same database, row for row, every time."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.schema import Base
from tests.factories import agency_with_a_client


@pytest.fixture(autouse=True)
def _no_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONSOLE_TUI_CONFIG", str(tmp_path / "no-config.toml"))
    for name in ("DATABASE_URL", "USER"):
        monkeypatch.delenv(f"CONSOLE_TUI_{name}", raising=False)


def _invoke(*args: str):  # noqa: ANN202
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None:  # let the command's engine go, as its process's exit would
        result.exception.__traceback__ = None
    result.exc_info = None
    gc.collect()
    return result


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((*path, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
    return found


@pytest.mark.parametrize("path", _commands(main), ids=" ".join)
def test_every_command_takes_db_and_user_after_it(path: tuple[str, ...]) -> None:
    """One rule for all: a bad --db after the command is read (and refused in one line) like one before it."""
    result = _invoke(*path, "--db", "mysql://x:secret@h/y", "--user", "someone")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("console-tui: setting 'database_url' = 'mysql://x:***@h/y' (from command-line "
                                    "flag --db)") and "secret" not in result.output
    assert len(result.stderr.splitlines()) == 1


def test_refresh_takes_db_and_user_after_the_command(sqlite_db: Database) -> None:
    agency_with_a_client(sqlite_db)
    result = _invoke("--db", "sqlite:///nowhere/else.db", "refresh", "--db", sqlite_db.url, "--user", "boss")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("rolled up ")


def _dump(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, in a stable order."""
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            return {table.name: sorted(connection.execute(text(f'SELECT * FROM "{table.name}"')).all(), key=repr)
                    for table in Base.metadata.sorted_tables}
    finally:
        database.dispose()


def test_demo_with_the_same_seed_and_day_is_the_same_database(tmp_path: Path) -> None:
    urls = [f"sqlite:///{tmp_path / name}" for name in ("one.db", "two.db")]
    for url in urls:
        result = _invoke("demo", "--db", url, "--user", "tester", "--clients", "12", "--days", "4", "--seed", "7",
                         "--as-of", "2026-03-10")
        assert result.exit_code == 0, result.output
        time.sleep(1.1)  # a second apart: no timestamp may come from the wall clock
    first, second = _dump(urls[0]), _dump(urls[1])
    assert first["client"] and first["event"]
    assert first == second
    assert max(str(row.created_at) for row in first["client"]) < "2026-03-11"


def test_demo_refuses_a_day_after_today(tmp_path: Path) -> None:
    result = _invoke("demo", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--as-of", "2999-01-01")
    assert result.exit_code == 2 and "--as-of 2999-01-01 is after today" in result.stderr
    assert not (tmp_path / "x.db").exists() or _dump(f"sqlite:///{tmp_path / 'x.db'}")["client"] == []
