"""Billing cycles and license renewal dates (R-EL-2, R-CU-1, R-BL-1, R-OPT-9).

**[decision]** A billing cycle is a calendar month, the same for every client: emails "sent
this billing cycle" (R-MC-2, R-EL-2), Client Usage months (R-CU-1) and Billing Overview cycles
(R-BL-4) all use it. License terms renew on the anniversary of their start date: monthly on the
same day each month, annual on the same day each year; a day the month does not have (the 31st,
29 February) falls on the month's last day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class Cycle:
    """One billing cycle: ``start`` to ``end``, both inclusive (R-EL-2, R-CU-1, R-BL-4)."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        """e.g. "2025-03"."""
        return f"{self.start.year:04d}-{self.start.month:02d}"


def cycle_for(day: date) -> Cycle:
    """The billing cycle (calendar month) containing ``day`` (R-EL-2)."""
    last = calendar.monthrange(day.year, day.month)[1]
    return Cycle(day.replace(day=1), day.replace(day=last))


def previous_cycle(cycle: Cycle) -> Cycle:
    """The cycle before ``cycle`` (R-CU-1, R-BL-4)."""
    return cycle_for(cycle.start - timedelta(days=1))


def next_cycle(cycle: Cycle) -> Cycle:
    """The cycle after ``cycle`` (R-CU-1, R-BL-4)."""
    return cycle_for(cycle.end + timedelta(days=1))


def ended_cycles(first_day: date, today: date) -> tuple[Cycle, ...]:
    """Cycles from the one holding ``first_day`` that have ended before ``today`` (R-CU-1).

    Client Usage shows a month only after its cycle has ended, oldest first.
    """
    cycles: list[Cycle] = []
    cycle = cycle_for(first_day)
    while cycle.end < today:
        cycles.append(cycle)
        cycle = next_cycle(cycle)
    return tuple(cycles)


def add_months(start: date, months: int) -> date:
    """``start`` moved by ``months`` calendar months, clamped to the month's last day (R-OPT-9)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def next_renewal(license_start: date, term: str, today: date) -> date:
    """The first renewal date strictly after ``today`` for a term started on ``license_start``.

    ``term`` is "monthly" or "annual" (R-MC-3). On the renewal day itself the new term has begun,
    so the next renewal is one period later. Before the start, it is one period after the start.
    Used by the pre-renewal window (R-OPT-9).
    """
    step = {"monthly": 1, "annual": 12}.get(str(term))
    if step is None:
        raise ValueError(f"unknown license term {term!r}; expected 'monthly' or 'annual'")
    if today < license_start:
        return add_months(license_start, step)
    # Jump close to today, then walk forward (never more than two steps).
    elapsed = (today.year - license_start.year) * 12 + today.month - license_start.month
    k = max(1, elapsed // step)
    while add_months(license_start, k * step) <= today:
        k += 1
    while k > 1 and add_months(license_start, (k - 1) * step) > today:
        k -= 1
    return add_months(license_start, k * step)
