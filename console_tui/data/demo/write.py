"""Bulk writing for the demo generator: rows as tuples, straight to the driver.

SQLAlchemy's per-row work is what makes an ORM or even a Core ``executemany`` slow for
millions of rows, so :class:`BulkWriter` applies each column's own bind processor (the same
conversion SQLAlchemy would do: UTC datetimes to SQLite's text format, booleans to 0/1, JSON
to text …) and hands the tuples to ``sqlite3.executemany`` or to PostgreSQL's ``COPY``.
Everything runs inside the caller's SQLAlchemy transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, text
from sqlalchemy.types import TypeEngine

from console_tui.data.engine import postgres_driver, sqlite_driver
from console_tui.data.schema import UTCDateTime

Record = tuple[object, ...]  # one row's values in its table's column order
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # what SQLAlchemy writes for DateTime on SQLite
SECONDS_PER_DAY = 86_400


class BulkWriter:
    """Insert tuples of column values into tables; counts what it wrote per table."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect
        self.is_sqlite = self.dialect.name == "sqlite"
        self.counts: dict[str, int] = {}

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        rows = list(rows)
        if not rows:
            return 0
        processors = [self._processor(table.c[name].type) for name in columns]
        if any(processors):
            rows = [
                tuple(
                    value if fn is None or value is None else fn(value)
                    for fn, value in zip(processors, row, strict=True)
                )
                for row in rows
            ]
        self._send(table.name, columns, rows)
        return len(rows)

    def _processor(self, column_type: TypeEngine[Any]) -> Callable[[Any], Any] | None:
        if self.is_sqlite and isinstance(column_type, UTCDateTime):
            return sqlite_datetime  # the same text as SQLAlchemy's processor, several times faster
        return column_type.dialect_impl(self.dialect).bind_processor(self.dialect)

    @contextmanager
    def indexes_deferred(self, table: Table) -> Iterator[None]:
        """SQLite: drop the table's plain indexes for a bulk load and build them again after
        (sorting once beats millions of scattered B-tree inserts). Unique constraints stay."""
        if not self.is_sqlite:
            yield
            return
        raw = sqlite_driver(self.connection)
        found = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY name", (table.name,)).fetchall()
        for name, _sql in found:
            raw.execute(f'DROP INDEX "{name}"')
        yield
        for _name, sql in found:
            raw.execute(sql)

    def insert_raw(self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> int:
        """Rows already in the driver's form (the events' hot path; see :func:`stamper`)."""
        if rows:
            self._send(table.name, columns, rows)
        return len(rows)

    def _send(self, name: str, columns: Sequence[str], rows: list[Any]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        if self.is_sqlite:
            marks = ", ".join("?" for _ in columns)
            sqlite_driver(self.connection).executemany(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', rows)
        else:
            raw = postgres_driver(self.connection)
            with raw.cursor() as cursor, cursor.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        self.counts[name] = self.counts.get(name, 0) + len(rows)

    def update(self, table: Table, set_column: str, rows: list[tuple[Any, int]]) -> None:
        """``UPDATE table SET set_column = value WHERE id = id`` for (value, id) pairs."""
        if rows:
            self.connection.execute(
                text(f'UPDATE "{table.name}" SET "{set_column}" = :v WHERE id = :i'),
                [{"v": value, "i": ident} for value, ident in rows],
            )

    def fix_sequences(self, tables: Iterable[Table]) -> None:
        """PostgreSQL: move each serial ``id`` sequence past the ids the demo chose itself."""
        if self.is_sqlite:
            return
        for table in tables:
            if "id" in table.c and table.c.id.primary_key:
                self.connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                ))


def sqlite_datetime(value: datetime) -> str:
    """An aware datetime as SQLAlchemy stores it on SQLite: UTC, ``YYYY-MM-DD HH:MM:SS.ffffff``."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def stamper(is_sqlite: bool, first_epoch: int, last_epoch: int) -> Callable[[int], Any]:
    """A fast converter from epoch seconds (UTC) to what the driver stores for a UTC column.

    SQLite: the exact text SQLAlchemy writes (so string comparisons in queries agree), built
    from a per-day prefix and a per-second table; PostgreSQL: an aware datetime.
    """
    if not is_sqlite:
        return lambda t: datetime.fromtimestamp(t, UTC)
    base = first_epoch // SECONDS_PER_DAY
    prefixes = [
        datetime.fromtimestamp((base + i) * SECONDS_PER_DAY, UTC).strftime("%Y-%m-%d ")
        for i in range(last_epoch // SECONDS_PER_DAY - base + 2)
    ]
    clock = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000" for s in range(SECONDS_PER_DAY)]

    def stamp(t: int) -> str:
        day, second = divmod(t, SECONDS_PER_DAY)
        return prefixes[day - base] + clock[second]

    return stamp
