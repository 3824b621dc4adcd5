"""The one place that reads the time.

Everything else asks a :class:`Clock`; tests pass a :class:`FixedClock`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

import tzlocal


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime in UTC."""
        ...

    @property
    def tz(self) -> tzinfo:
        """The local timezone for day boundaries and display."""
        ...


def local_zone() -> tzinfo:
    try:
        return tzlocal.get_localzone()
    except Exception:  # an unreadable /etc/localtime must not stop the console
        return ZoneInfo("UTC")


class SystemClock:
    def __init__(self, tz: tzinfo | None = None) -> None:
        self._tz = tz or local_zone()

    def now(self) -> datetime:
        return datetime.now(UTC)

    @property
    def tz(self) -> tzinfo:
        return self._tz


class FixedClock:
    """A clock that says what it is told; ``advance`` moves it."""

    def __init__(self, at: datetime, tz: tzinfo | None = None) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(UTC)
        self._tz = tz or ZoneInfo("UTC")

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta

    @property
    def tz(self) -> tzinfo:
        return self._tz


def local_today(clock: Clock) -> date:
    return clock.now().astimezone(clock.tz).date()


def anchored_clock(clock: Clock, day: date) -> FixedClock:
    """A clock standing at ``day``'s local midnight in ``clock``'s zone: what a build that must come
    out the same for the same day (the demo) runs on."""
    return FixedClock(datetime.combine(day, time(0, 0), tzinfo=clock.tz), clock.tz)
