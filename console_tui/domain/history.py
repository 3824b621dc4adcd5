"""Day-by-day history and what changed (R-HIST-2, R-HIST-3).

A client's history is one :class:`DayFigures` per local day: the console's figures as of the end of
that day. A change compares the figures of a day with those of an earlier one. Days are calendar
dates, so a change "since yesterday" across a DST change is one day whatever its hours.

**[decision]** A missing day (the nightly job did not run and was not caught up, the row was pruned,
or the client did not exist yet) is read as the latest day on or before it: the change against 7 days
ago compares with the latest day recorded on or before that date. With nothing on or before it there
is no change to show (``None``), never a change from zero.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from heapq import nsmallest
from operator import attrgetter
from typing import NamedTuple

from console_tui.domain.removal import window_opens
from console_tui.domain.sender import SenderStatus
from console_tui.domain.utilization import Activity, Level, level

#: The figures a change is computed for, in the order they are listed (``changes_1d`` / ``changes_7d``).
FIGURES: tuple[str, ...] = (
    "contacts_added_30d", "emails_sent_30d", "emails_opened_30d", "open_rate", "utilization", "users",
)

Change = int | float | None


class DayFigures(NamedTuple):
    """One client's console figures as of the end of ``day`` (R-HIST-1); a named tuple, built straight
    from a history row (10,000 of them for each day a briefing compares)."""

    day: date
    contacts_added_30d: int
    emails_sent_30d: int
    emails_opened_30d: int
    open_rate_bp: int | None  # opened / sent in basis points; None when nothing was sent
    sender_status: str
    utilization: int
    users: int
    last_login_day: date | None = None

    @property
    def open_rate(self) -> float | None:
        return None if self.open_rate_bp is None else self.open_rate_bp / 10_000


def open_rate_bp(opened: int, sent: int) -> int | None:
    """Opened ÷ sent in basis points, rounded half up; None when nothing was sent (R-CMC-3)."""
    if sent <= 0:
        return None
    return (20_000 * opened + sent) // (2 * sent)


class Scoring:
    """A catalogue's weights laid out once, to score many clients (R-UT-1): the total, half up, exactly as
    :func:`~console_tui.domain.utilization.utilization_score`, and each section's own share the same way."""

    def __init__(self, activities: Sequence[Activity]) -> None:
        self.weights = {activity.key: (activity.section, activity.weight) for activity in activities}
        self.totals: dict[str, int] = {}
        for activity in activities:
            self.totals[activity.section] = self.totals.get(activity.section, 0) + activity.weight
        self.total = sum(self.totals.values())

    def score(self, completed_keys: Iterable[str]) -> tuple[int, dict[str, int]]:
        """The total score and each section's score (0–100) for these completed activities."""
        done = dict.fromkeys(self.totals, 0)
        for key in set(completed_keys):
            known = self.weights.get(key)
            if known is not None:
                done[known[0]] += known[1]
        sections = {section: _share(done[section], total) for section, total in self.totals.items()}
        return _share(sum(done.values()), self.total), sections


def _share(done: int, total: int) -> int:
    return (200 * done + total) // (2 * total) if total > 0 else 0


def section_scores(activities: Sequence[Activity], completed_keys: Iterable[str]) -> dict[str, int]:
    """Each section's own score (0–100, half up): the weighted share of its activities completed (R-UT-1)."""
    return Scoring(activities).score(completed_keys)[1]


def on_or_before(series: Sequence[DayFigures], day: date) -> DayFigures | None:
    """The latest figures of ``series`` (oldest first) dated ``day`` or earlier (R-HIST-2)."""
    at = bisect_right([point.day for point in series], day)
    return series[at - 1] if at else None


def figure_changes(now: DayFigures | None, then: DayFigures | None) -> dict[str, Change]:
    """Figure → change from ``then`` to ``now`` (:data:`FIGURES`); every change None without both.
    The open rate's change is a fraction (0.0125 is 1.25 points), None when either rate is "—"."""
    if now is None or then is None:
        return dict.fromkeys(FIGURES)
    rate: float | None = None
    if now.open_rate_bp is not None and then.open_rate_bp is not None:
        rate = (now.open_rate_bp - then.open_rate_bp) / 10_000
    return {
        "contacts_added_30d": now.contacts_added_30d - then.contacts_added_30d,
        "emails_sent_30d": now.emails_sent_30d - then.emails_sent_30d,
        "emails_opened_30d": now.emails_opened_30d - then.emails_opened_30d,
        "open_rate": rate,
        "utilization": now.utilization - then.utilization,
        "users": now.users - then.users,
    }


def changes_over(series: Sequence[DayFigures], day: date, days_back: int) -> dict[str, Change]:
    """The change of each figure from ``days_back`` days before ``day`` to ``day`` (R-HIST-2): each
    end is the latest figures on or before its date (a missing day reads as the one before it)."""
    now = on_or_before(series, day)
    then = on_or_before(series, day - timedelta(days=days_back))
    return figure_changes(now, then)


@dataclass(frozen=True, slots=True)
class StatusMove:
    """A sender status that changed between two days (R-HIST-3)."""

    old: str
    new: str

    @property
    def worse(self) -> bool:
        """Worse in R-SS-1's order; a first real status after New is not worse."""
        return self.old != SenderStatus.NEW and SenderStatus(self.new).worse_than(SenderStatus(self.old))

    @property
    def word(self) -> str:
        if self.old == SenderStatus.NEW:
            return "first status"
        return "worse" if self.worse else "better"


def status_move(then: str | None, now: str | None) -> StatusMove | None:
    """The sender-status change from ``then`` to ``now``, or None when it did not change."""
    if then is None or now is None or then == now:
        return None
    return StatusMove(then, now)


@dataclass(frozen=True, slots=True)
class LevelMove:
    """A utilization level (R-UT-2) that changed between two days."""

    old: Level
    new: Level
    old_score: int
    new_score: int

    @property
    def up(self) -> bool:
        return self.new_score > self.old_score


def level_move(then_score: int | None, now_score: int | None) -> LevelMove | None:
    """The utilization level change from one score to another, or None when the level is the same."""
    if then_score is None or now_score is None:
        return None
    old, new = level(then_score), level(now_score)
    return None if old is new else LevelMove(old, new, then_score, now_score)


def limit_reached(limit: int | None, sent_before: int, sent_now: int) -> bool:
    """The cycle's sends reached the email limit (R-EL-1) between two days: below it, then at or over."""
    return limit is not None and sent_before < limit <= sent_now


def window_opened(renewal: date | None, then_day: date, now_day: date, window_days: int) -> date | None:
    """The day an annual client's pre-renewal window opened (R-OPT-9), when it falls after ``then_day``
    and on or before ``now_day``; else None."""
    if renewal is None:
        return None
    opens = window_opens(renewal, window_days)
    return opens if then_day < opens <= now_day else None


@dataclass(frozen=True, slots=True)
class Mover:
    """A client whose figure moved, by how much (negative: a drop)."""

    client_id: int
    figure: str
    change: int
    now: int


def biggest_moves(now: Mapping[int, DayFigures], then: Mapping[int, DayFigures], figure: str,
                  top: int) -> tuple[tuple[Mover, ...], tuple[Mover, ...]]:
    """The ``top`` biggest drops and rises of an integer ``figure`` among clients in both days,
    biggest first; ties by client id. A client that did not move is in neither."""
    value = attrgetter(figure)
    moves = [(value(fig) - value(then[cid]), cid, value(fig)) for cid, fig in now.items() if cid in then]
    drops = nsmallest(top, ((change, cid, value) for change, cid, value in moves if change < 0))
    rises = nsmallest(top, ((-change, cid, value) for change, cid, value in moves if change > 0))
    return (tuple(Mover(cid, figure, change, value) for change, cid, value in drops),
            tuple(Mover(cid, figure, -change, value) for change, cid, value in rises))
