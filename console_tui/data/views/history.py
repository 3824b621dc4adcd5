"""What the history's queries return (R-HIST): changes per client, a client's trend, the briefing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from console_tui.domain.history import Change, DayFigures


@dataclass(frozen=True, slots=True)
class ClientChanges:
    """One client's changes (figure → change, ``domain.history.FIGURES``) against the day before and
    7 days before its latest history day, whether its sender status changed overnight, and its
    utilization section scores (section → score) on that day."""

    client_id: int
    changes_1d: dict[str, Change]
    changes_7d: dict[str, Change]
    sender_was: str | None = None  # the status the day before, when it changed overnight
    sections: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChangesPage:
    """Every accessible client's :class:`ClientChanges`; ``day`` is the latest history day (None: none yet)."""

    day: date | None
    day_1d: date | None  # the day compared with as "yesterday" (the latest on or before the day before)
    day_7d: date | None
    clients: dict[int, ClientChanges]


@dataclass(frozen=True, slots=True)
class Trend:
    """One client's history, oldest first, with the section scores of each day."""

    client_id: int
    name: str
    points: tuple[DayFigures, ...]
    sections: tuple[dict[str, int], ...]


@dataclass(frozen=True, slots=True)
class ClientRef:
    client_id: int
    name: str


@dataclass(frozen=True, slots=True)
class StatusLine:
    client_id: int
    name: str
    old: str
    new: str
    word: str  # worse | better | first status


@dataclass(frozen=True, slots=True)
class MoveLine:
    client_id: int
    name: str
    change: int  # negative: a drop
    now: int


@dataclass(frozen=True, slots=True)
class LevelLine:
    client_id: int
    name: str
    old: str
    new: str
    old_score: int
    new_score: int
    up: bool


@dataclass(frozen=True, slots=True)
class LimitLine:
    client_id: int
    name: str
    limit: int
    sent: int  # sent in the billing cycle through the briefing's day


@dataclass(frozen=True, slots=True)
class RenewalLine:
    client_id: int
    name: str
    opened: date
    renews: date


@dataclass(frozen=True, slots=True)
class Briefing:
    """What changed between two history days for the acting user's clients (R-HIST-4)."""

    day: date | None  # the latest history day (None: no history yet)
    since: date | None  # the day compared with (None: nothing earlier)
    clients: int  # clients in the latest day
    status_changes: tuple[StatusLine, ...] = ()
    opens_drops: tuple[MoveLine, ...] = ()
    opens_rises: tuple[MoveLine, ...] = ()
    sends_drops: tuple[MoveLine, ...] = ()
    sends_rises: tuple[MoveLine, ...] = ()
    level_changes: tuple[LevelLine, ...] = ()
    added: tuple[ClientRef, ...] = ()
    removed: tuple[ClientRef, ...] = ()
    limits_reached: tuple[LimitLine, ...] = ()
    renewal_windows: tuple[RenewalLine, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to say: no change of any kind."""
        return not any((self.status_changes, self.opens_drops, self.opens_rises, self.sends_drops,
                        self.sends_rises, self.level_changes, self.added, self.removed, self.limits_reached,
                        self.renewal_windows))


@dataclass(frozen=True, slots=True)
class AgencyDay:
    """One history day summed over the user's clients: 30-day sends and opens, clients per sender
    status and per utilization level."""

    day: date
    emails_sent_30d: int
    emails_opened_30d: int
    statuses: dict[str, int]
    levels: dict[str, int]


@dataclass(frozen=True, slots=True)
class AgencyTrend:
    """The agency's history days, oldest first (empty without history)."""

    days: tuple[AgencyDay, ...]
