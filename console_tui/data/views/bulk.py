"""What a bulk change shows (R-BULK): one row per client, the totals, the batch, the list of batches.

A :class:`BulkPlan` is the dry run: what the run will do to each client. The run takes that plan
and returns a :class:`BulkResult` with the rows as they were run; a row the run computes
differently from the plan (someone changed the client meanwhile) is a conflict and is not applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from console_tui.domain.bulk import BulkAction, Value, show


class Outcome(StrEnum):
    """What happens (or happened) to one client."""

    CHANGE = "change"
    SAME = "no change"
    REFUSED = "refused"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class BulkRow:
    """One client of a bulk change: before → after, "no change", "refused: <reason>" or a conflict.

    ``action`` is what is done to this client (an undo does a different one to each); for an undo,
    ``expect`` is the value the undone batch set, which the client must still have (``undoes``).
    """

    client_id: int
    name: str
    action: BulkAction
    outcome: Outcome
    before: Value = None
    after: Value = None
    reason: str = ""
    undoes: bool = False
    expect: Value = None

    @property
    def text(self) -> str:
        """The dry run's cell: ``5,000 → 10,000``, ``no change``, ``refused: …``, ``conflict: …``."""
        if self.outcome is Outcome.CHANGE:
            kind = self.action.kind
            return f"{show(self.before, kind)} → {show(self.after, kind)}"
        if self.outcome is Outcome.SAME:
            return "no change"
        return f"{self.outcome.value}: {self.reason}"

    def same_as(self, other: BulkRow) -> bool:
        """The run did what the dry run said (compared field by field, the reason included)."""
        return (self.client_id, self.outcome, self.before, self.after, self.reason) == (
            other.client_id, other.outcome, other.before, other.after, other.reason)


@dataclass(frozen=True)
class BulkTotals:
    changes: int
    same: int
    refused: int
    conflicts: int

    def __str__(self) -> str:
        return (f"{self.changes:,} to change, {self.same:,} no change, {self.refused:,} refused, "
                f"{self.conflicts:,} conflicts")


def totals(rows: tuple[BulkRow, ...]) -> BulkTotals:
    counted = {outcome: 0 for outcome in Outcome}
    for row in rows:
        counted[row.outcome] += 1
    return BulkTotals(counted[Outcome.CHANGE], counted[Outcome.SAME], counted[Outcome.REFUSED],
                      counted[Outcome.CONFLICT])


@dataclass(frozen=True)
class BulkPlan:
    """A dry run: the action's words (``set-limit 5000``, ``undo 12``) and one row per client."""

    words: tuple[str, ...]
    rows: tuple[BulkRow, ...]
    undo_of: int | None = None

    @property
    def title(self) -> str:
        return " ".join(self.words)

    @property
    def totals(self) -> BulkTotals:
        return totals(self.rows)


@dataclass(frozen=True)
class BulkResult:
    """A run: its batch number (None when nothing was applied: all-or-nothing with a refusal), the
    rows as run, whether the changes were applied, and the plan it ran."""

    batch: int | None
    rows: tuple[BulkRow, ...]
    applied: bool
    all_or_nothing: bool
    plan: BulkPlan

    @property
    def totals(self) -> BulkTotals:
        return totals(self.rows)


@dataclass(frozen=True)
class BatchSummary:
    """One batch of ``console-tui bulk list``: its number, who, when, what, and how many it changed."""

    number: int
    actor: str
    at: datetime
    words: tuple[str, ...]
    all_or_nothing: bool
    undo_of: int | None
    changes: int
    undone_by: tuple[int, ...] = ()


__all__ = ["BatchSummary", "BulkPlan", "BulkResult", "BulkRow", "BulkTotals", "Outcome", "totals"]
