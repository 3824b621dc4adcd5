"""Event ingest: load CRM events from JSON Lines or CSV, fast and safely.

* **Streams**: one line at a time from a binary stream; memory holds one chunk of rows.
* **Every line is validated** (:mod:`console_tui.data.ingest.parse`); a bad line is reported
  with its line number and reason, written to the rejects file, and never stops the good ones.
* **Idempotent**: rows go in with an upsert-ignore on ``event.external_id`` (SQLite's and
  PostgreSQL's ``INSERT … ON CONFLICT (external_id) DO NOTHING``), so loading a file again adds
  nothing; ids already stored and ids repeated inside the file both count as *duplicates*.
  A duplicate is ignored even if its other fields differ (the first version wins).
* **Chunks**: :data:`CHUNK_ROWS` rows per transaction (``BEGIN IMMEDIATE`` on SQLite). A run
  stopped half-way (a crash, Ctrl-C, a database error) keeps the chunks already committed;
  running the same file again loads the rest.
* **Blank lines** (whitespace only) are no records: skipped and counted apart, never rejects.
* **Future events**: an ``occurred_at`` later than the clock's now plus ``future_tolerance``
  (the ``future_tolerance_minutes`` setting, an hour by default) is rejected with the reason.
* **Clients** are checked against the set of client ids read once at the start (soft-deleted
  clients included: their data is kept, R-OPT-9).

On SQLite the statement is compiled once from ``sqlite.insert(...).on_conflict_do_nothing`` and
run through the driver's ``executemany`` with rows already in storage form (UTC text exactly as
SQLAlchemy writes it): per-row ORM or Core parameter processing would cost more than SQLite itself.
"""

from __future__ import annotations

import io
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from time import perf_counter
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from console_tui.clock import Clock, SystemClock
from console_tui.data.engine import Database, sqlite_driver
from console_tui.data.ingest.parse import (
    COLUMNS,
    READERS,
    BadLine,
    FormatError,
    Row,
    make_validator,
    postgres_time,
    sqlite_time,
)
from console_tui.data.schema import Client, Event

__all__ = [
    "BadLine", "IngestAborted", "IngestError", "IngestSummary", "guess_format",
    "ingest_file", "ingest_lines", "ingest_stream",
]

CHUNK_ROWS = 50_000  # ~1 s of writing per transaction; fewer commits rewrite fewer index pages
SQLITE_CACHE_KIB = 64 * 1024  # page cache while ingesting: the (client_id, occurred_at) index is random
PROGRESS_EVERY = 8_192  # lines between progress calls
SAMPLE_REJECTS = 10
FUTURE_TOLERANCE = timedelta(hours=1)  # the default of the future_tolerance_minutes setting
FORMATS_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}

Progress = Callable[[int], None]  # called with the number of bytes read so far


class IngestError(Exception):
    """The run cannot start: no such file, unknown format, a CSV header without a required column."""


@dataclass(frozen=True)
class IngestSummary:
    read: int  # records read (CSV: not counting the header); = inserted + duplicates + rejected
    inserted: int
    duplicates: int
    rejected: int
    reasons: tuple[tuple[str, int], ...]  # (reason kind, lines), most frequent first
    elapsed_s: float
    first_rejects: tuple[BadLine, ...]  # the first few, for a short report
    rejects_path: Path | None = None
    blank: int = 0  # blank or whitespace-only lines skipped (not counted in ``read``)

    @property
    def events_per_s(self) -> float:
        return self.read / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def clean(self) -> bool:
        return self.rejected == 0


class IngestAborted(Exception):
    """The database failed half-way; ``summary`` says what had been committed until then."""

    def __init__(self, message: str, summary: IngestSummary) -> None:
        super().__init__(message)
        self.summary = summary


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl+C (or SIGTERM) half-way; the message says how many events had been stored until then."""

    def __init__(self, summary: IngestSummary, line: int) -> None:
        super().__init__(f"interrupted near line {line:,}: at least {summary.inserted:,} events were stored before it; "
                         "running the same file again is safe (stored events count as duplicates)")
        self.summary = summary


def guess_format(path: Path | str) -> str:
    if str(path) == "-":
        return "jsonl"
    try:
        return FORMATS_BY_SUFFIX[Path(path).suffix.lower()]
    except KeyError:
        raise IngestError(f"cannot tell the format of {path} from its name; give --format jsonl or csv") from None


class _Loader:
    """The dialect's ``INSERT … ON CONFLICT (external_id) DO NOTHING``, run on a chunk of rows."""

    def __init__(self, db: Database) -> None:
        table = Event.__table__
        self.sqlite = db.dialect == "sqlite"
        if self.sqlite:
            statement = sqlite.insert(table).on_conflict_do_nothing(index_elements=["external_id"])
            compiled = statement.compile(dialect=db.engine.dialect, column_keys=list(COLUMNS))
            if tuple(compiled.positiontup or ()) != COLUMNS:  # pragma: no cover - a schema change
                raise RuntimeError(f"unexpected parameter order {compiled.positiontup}")
            self.sql = compiled.string
            self.db_time: Callable[[Any], Any] = sqlite_time
        elif db.dialect == "postgresql":
            # RETURNING counts what was inserted (rowcount is -1 for batched executemany here)
            self.statement = (postgresql.insert(table).on_conflict_do_nothing(index_elements=["external_id"])
                              .returning(table.c.id))
            self.db_time = postgres_time
        else:
            raise IngestError(f"ingest supports SQLite and PostgreSQL, not {db.dialect}")

    @contextmanager
    def tuned(self, connection: Connection) -> Iterator[None]:
        """On SQLite, a bigger page cache for this connection while it ingests (restored after)."""
        if not self.sqlite:
            yield
            return
        driver = sqlite_driver(connection)
        before = driver.execute("PRAGMA cache_size").fetchone()[0]
        driver.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        try:
            yield
        finally:
            if not connection.invalidated:  # after Ctrl+C SQLAlchemy has closed it: nothing to restore
                driver.execute(f"PRAGMA cache_size={int(before)}")

    def load(self, connection: Connection, rows: list[Row]) -> int:
        """Insert what is new; returns how many rows were inserted."""
        with connection.begin():
            if self.sqlite:
                return connection.exec_driver_sql(self.sql, rows).rowcount
            return len(connection.execute(self.statement, [dict(zip(COLUMNS, row, strict=True)) for row in rows]).all())


def ingest_file(
    db: Database,
    path: Path | str,
    *,
    fmt: str | None = None,
    rejects: Path | None = None,
    progress: Progress | None = None,
    on_reject: Callable[[BadLine], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    clock: Clock | None = None,
    future_tolerance: timedelta = FUTURE_TOLERANCE,
) -> IngestSummary:
    """Load events from ``path`` (``-`` is standard input, JSON Lines unless ``fmt`` says)."""
    fmt = fmt or guess_format(path)
    if str(path) == "-":
        return ingest_stream(db, sys.stdin.buffer, fmt=fmt, rejects=rejects, on_reject=on_reject,
                             chunk_rows=chunk_rows, clock=clock, future_tolerance=future_tolerance)
    path = Path(path)
    if not path.is_file():
        raise IngestError(f"no such file: {path}" if not path.exists() else f"not a file: {path}")
    if rejects is not None and rejects.exists() and rejects.resolve() == path.resolve():
        raise IngestError("the rejects file must not be the input file")
    try:
        stream = path.open("rb")
    except OSError as error:
        raise IngestError(f"cannot read {path}: {error.strerror}") from None
    with stream:
        return ingest_stream(db, stream, fmt=fmt, rejects=rejects, progress=progress, on_reject=on_reject,
                             chunk_rows=chunk_rows, clock=clock, future_tolerance=future_tolerance)


def ingest_lines(db: Database, lines: Iterable[str], *, fmt: str = "jsonl", rejects: Path | None = None,
                 chunk_rows: int = CHUNK_ROWS, clock: Clock | None = None,
                 future_tolerance: timedelta = FUTURE_TOLERANCE) -> IngestSummary:
    """Load events from text lines (with or without their newlines); handy in tests."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return ingest_stream(db, io.BytesIO(text.encode("utf-8", "surrogatepass")), fmt=fmt, rejects=rejects,
                         chunk_rows=chunk_rows, clock=clock, future_tolerance=future_tolerance)


def _teller(stream: BinaryIO) -> Callable[[], int] | None:
    try:
        stream.tell()
    except (OSError, ValueError, AttributeError):
        return None  # a pipe: no progress
    return stream.tell


def ingest_stream(
    db: Database,
    stream: BinaryIO,
    *,
    fmt: str,
    rejects: Path | None = None,
    progress: Progress | None = None,
    on_reject: Callable[[BadLine], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    clock: Clock | None = None,
    future_tolerance: timedelta = FUTURE_TOLERANCE,
) -> IngestSummary:
    """The ingest core: validate ``stream`` line by line and load the good rows in chunks."""
    if fmt not in READERS:
        raise IngestError(f"unknown format {fmt!r}; use jsonl or csv")
    started = perf_counter()
    loader = _Loader(db)
    with db.engine.connect() as connection:
        client_ids = set(connection.execute(select(Client.id)).scalars())
    not_after = (clock or SystemClock()).now() + future_tolerance
    reader = READERS[fmt](stream, make_validator(client_ids, loader.db_time, not_after))
    tell = _teller(stream) if progress else None

    read = inserted = valid = rejected = 0
    kinds: Counter[str] = Counter()
    samples: list[BadLine] = []
    chunk: list[Row] = []

    def summary() -> IngestSummary:
        return IngestSummary(read, inserted, valid - inserted, rejected, tuple(kinds.most_common()),
                             perf_counter() - started, tuple(samples), rejects, reader.blank)

    try:
        out = rejects.open("w", encoding="utf-8", newline="") if rejects is not None else None
    except OSError as error:
        raise IngestError(f"cannot write the rejects file {rejects}: {error.strerror}") from None
    write_reject: Callable[[BadLine], None] | None = None
    engine = db.engine.execution_options(sqlite_immediate=True) if loader.sqlite else db.engine
    try:
        with engine.connect() as connection, loader.tuned(connection):
            for item in reader:
                read += 1
                if isinstance(item, tuple):  # a row; anything else is a BadLine
                    chunk.append(item)
                    if len(chunk) >= chunk_rows:
                        inserted += loader.load(connection, chunk)
                        valid += len(chunk)
                        chunk = []
                else:
                    rejected += 1
                    kinds[item.kind] += 1
                    if len(samples) < SAMPLE_REJECTS:
                        samples.append(item)
                    if out is not None:
                        if write_reject is None:
                            write_reject = reader.rejects_writer(out)
                        write_reject(item)
                    if on_reject is not None:
                        on_reject(item)
                if tell is not None and read % PROGRESS_EVERY == 0:
                    progress(tell())  # type: ignore[misc]
            if chunk:
                inserted += loader.load(connection, chunk)
                valid += len(chunk)
                chunk = []
    except FormatError as error:
        raise IngestError(str(error)) from None
    except KeyboardInterrupt:  # the chunk being loaded was rolled back; the ones before are stored
        raise IngestInterrupted(summary(), read) from None
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        raise IngestAborted(f"database error near line {read}, after {inserted:,} events were stored "
                            f"(running the same file again is safe): {cause}", summary()) from error
    finally:
        if out is not None:
            out.close()
    if tell is not None:
        progress(tell())  # type: ignore[misc]
    return summary()
