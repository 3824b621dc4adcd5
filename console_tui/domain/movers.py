"""Top movers: the clients whose figures changed most between two days (the kiosk's agency page).

Pure: it compares two sets of per-client figures (``before`` and ``after``, keyed by client id)
and ranks the changes. A client in only one of them (added or removed in between) is not a
mover. A sender status that changed outranks any change of sends; among those, a bigger step
on the status ladder (New, Healthy, At Risk, Unhealthy, Limited) ranks first, then the bigger
change of emails sent in the 30-day window, then the lower client id (a stable order).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from console_tui.domain.sender import SenderStatus

_LADDER = {status.value: index for index, status in enumerate(SenderStatus)}


@dataclass(frozen=True)
class Figures:
    """One client's 30-day figures on one day."""

    emails_sent_30d: int
    emails_opened_30d: int
    sender_status: str

    @property
    def open_rate(self) -> float | None:
        return self.emails_opened_30d / self.emails_sent_30d if self.emails_sent_30d else None


@dataclass(frozen=True)
class Mover:
    """A client whose figures changed between the two days."""

    client_id: int
    before: Figures
    after: Figures

    @property
    def sent_change(self) -> int:
        return self.after.emails_sent_30d - self.before.emails_sent_30d

    @property
    def status_changed(self) -> bool:
        return self.after.sender_status != self.before.sender_status

    @property
    def status_worsened(self) -> bool:
        """Down the ladder (Healthy → At Risk …); a change to New, or from it, counts by position too."""
        return _LADDER.get(self.after.sender_status, 0) > _LADDER.get(self.before.sender_status, 0)

    def _rank(self) -> tuple[int, int, int, int]:
        step = abs(_LADDER.get(self.after.sender_status, 0) - _LADDER.get(self.before.sender_status, 0))
        return (0 if self.status_changed else 1, -step, -abs(self.sent_change), self.client_id)


def top_movers(before: Mapping[int, Figures], after: Mapping[int, Figures], count: int) -> tuple[Mover, ...]:
    """The ``count`` clients whose sender status or 30-day sends changed most from ``before`` to ``after``."""
    moved = [Mover(cid, before[cid], figures) for cid, figures in after.items()
             if cid in before and (before[cid].sender_status != figures.sender_status
                                   or before[cid].emails_sent_30d != figures.emails_sent_30d)]
    moved.sort(key=Mover._rank)
    return tuple(moved[:max(count, 0)])
