"""A database that is away: how to recognise it, what to tell the user, how long to wait.

The ONE place where driver and SQLAlchemy errors become "the database is unavailable".
Screens show :func:`change_failed` / :func:`load_failed` sentences instead of a
driver's message; the console's health monitor decides with :func:`is_unavailable` whether a
failure is an outage, and waits :func:`retry_delay` seconds between checks. No Textual here.

What counts as "unavailable": the server cannot be reached or dropped the connection
(SQLAlchemy ``OperationalError``/``InterfaceError``, a ``DBAPIError`` whose connection was
invalidated, psycopg's ``OperationalError``), no pooled connection came free in time, and an
SQLite file that is locked or busy for longer than the busy timeout. Constraint violations and
programming errors are not outages: they are bugs or conflicts and keep their own messages.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo

#: A change attempted while the database is away (the command's transaction was rolled back).
CHANGE_FAILED = "The database is unavailable; nothing was changed — try again when it is back."
#: A load attempted while the database is away.
LOAD_FAILED = "The database is unavailable; this screen reloads by itself when it is back."

#: Seconds between health checks while the database is away: about 2 s at first, growing by
#: half each time, never more than 30 s.
FIRST_RETRY_S = 2.0
RETRY_GROWTH = 1.5
MAX_RETRY_S = 30.0

_SQLITE_BUSY_WORDS = ("locked", "busy", "unable to open", "disk i/o")


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error``, the DBAPI error it wraps, and its causes (each once)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]


def is_unavailable(error: BaseException) -> bool:
    """True when ``error`` means the database cannot be reached or used right now."""
    from sqlalchemy import exc as sa

    from console_tui.domain.errors import DomainError

    if isinstance(error, DomainError):  # a refusal with its own sentence, even if a DB error led to it
        return False
    for item in _chain(error):
        if isinstance(item, sa.IntegrityError | sa.ProgrammingError | sa.DataError):
            return False
        if isinstance(item, sa.DBAPIError) and item.connection_invalidated:
            return True
        if isinstance(item, sa.OperationalError | sa.InterfaceError | sa.TimeoutError | sa.DisconnectionError):
            if isinstance(item, sa.OperationalError) and isinstance(item.orig, sqlite3.OperationalError):
                return _sqlite_busy(item.orig)
            return True
        if isinstance(item, sqlite3.OperationalError):
            return _sqlite_busy(item)
        if type(item).__module__.startswith("psycopg") and type(item).__name__ in ("OperationalError",
                                                                                 "InterfaceError"):
            return True
        if isinstance(item, ConnectionError):
            return True
    return False


def _sqlite_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return any(word in text for word in _SQLITE_BUSY_WORDS)


def change_failed(error: BaseException) -> str | None:
    """The outage sentence for a failed change, or None when ``error`` is not an outage."""
    return CHANGE_FAILED if is_unavailable(error) else None


def load_failed(error: BaseException) -> str | None:
    """The outage sentence for a failed load, or None when ``error`` is not an outage."""
    return LOAD_FAILED if is_unavailable(error) else None


def retry_delay(failures: int) -> float:
    """Seconds before the next health check after ``failures`` failed checks in a row (>= 1)."""
    return min(MAX_RETRY_S, FIRST_RETRY_S * RETRY_GROWTH ** max(0, failures - 1))


def banner_text(data_from: datetime | None, tz: tzinfo, next_try: datetime | None = None) -> str:
    """``database unavailable — showing data from 09:41 · next try 09:41:37 (r: now)`` (76 cells)."""
    shown = f"showing data from {data_from.astimezone(tz):%H:%M}" if data_from else "no data loaded yet"
    retry = f" · next try {next_try.astimezone(tz):%H:%M:%S} (r: now)" if next_try is not None else ""
    return f"database unavailable — {shown}{retry}"


@dataclass(frozen=True)
class DbState:
    """What the banner shows: available, or since when the data on screen is, and the next try."""

    available: bool = True
    data_from: datetime | None = None
    next_try: datetime | None = None
