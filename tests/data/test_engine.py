"""The engine's connection settings reach the driver (the shared PostgreSQL deployment, docs/deployment.md)."""

from __future__ import annotations

import pytest

from console_tui.data.engine import PG_KEEPALIVES, Database


def test_postgres_connections_carry_tcp_keepalives(db: Database) -> None:
    """A console over a flaky link finds a dead server connection in about a minute, not hours."""
    if db.is_sqlite:
        pytest.skip("TCP keepalives concern PostgreSQL only")
    raw = db.engine.raw_connection()
    try:
        parameters = raw.driver_connection.info.get_parameters()
    finally:
        raw.close()
    assert {name: parameters.get(name) for name in PG_KEEPALIVES} == {
        name: str(value) for name, value in PG_KEEPALIVES.items()}


def test_sqlite_readers_go_on_while_another_process_writes(sqlite_db: Database) -> None:
    """The bulk child writes while the console reads: WAL mode, and a busy timeout for a write that
    waits for another's commit (never "database is locked" at once)."""
    from sqlalchemy import text

    with sqlite_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
