"""The engine and session factory: built from settings, never at import (importing the package opens no database).

SQLite: WAL, foreign keys on, a busy timeout, and write transactions that begin
``IMMEDIATE`` so that a transaction that reads before it writes cannot fail half-way
with "database is locked". PostgreSQL: psycopg 3 with at most three connections, each with TCP keepalives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from console_tui.config import data_dir
from console_tui.data.problems import MissingDirectory

if TYPE_CHECKING:  # imported by the PostgreSQL dialect when it connects, not here
    import psycopg

SQLITE_BUSY_TIMEOUT_MS = 5_000
PG_POOL_SIZE = 2
PG_MAX_OVERFLOW = 1  # at most 3 connections per console
PG_CONNECT_TIMEOUT_S = 5
#: libpq TCP keepalives: over a dropped SSH-era link or a vanished server, a pooled connection is
#: found dead in about a minute instead of hanging on the kernel's two-hour default.
PG_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}


def normalise_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy's default would be psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_engine(url: str, echo: bool) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            if folder.resolve() != data_dir().resolve():  # a typo in --db must not make directories
                raise MissingDirectory(folder)
            folder.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engine(url: str, *, echo: bool = False) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url, echo)
    return create_engine(
        url,
        echo=echo,
        pool_size=PG_POOL_SIZE,
        max_overflow=PG_MAX_OVERFLOW,
        pool_pre_ping=True,
        pool_timeout=10,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "console-tui", **PG_KEEPALIVES},
    )


def sqlite_driver(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLite ``Connection`` (PRAGMAs, ``executemany`` in bulk loads)."""
    return cast(sqlite3.Connection, connection.connection.driver_connection)


def postgres_driver(connection: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under a PostgreSQL ``Connection`` (``COPY`` in bulk loads)."""
    return cast("psycopg.Connection[Any]", connection.connection.driver_connection)


class Database:
    """The engine plus two kinds of session: read, and write (immediate on SQLite)."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, echo=echo)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_immediate=True) if self.is_sqlite else self.engine
        self._write = sessionmaker(writer, expire_on_commit=False)
        self._schema_checked = False

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises.

        The first write checks the schema revision: nothing is written to a database made by a
        newer console-tui (migrate.guard_writes).
        """
        if not self._schema_checked:
            from console_tui.data.migrate import guard_writes

            guard_writes(self)
            self._schema_checked = True
        with self._write() as session, session.begin():
            yield session

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
