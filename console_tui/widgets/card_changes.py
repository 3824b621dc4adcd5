"""The cards' day-over-day marks: ``▲12`` / ``▼3`` beside a figure that moved, and a sender status's
former value when it changed overnight.

A card shows the changes of one comparison at a time (:class:`Against`: yesterday, or 7 days ago),
from :meth:`Services.changes` (``ClientChanges.changes_1d`` / ``changes_7d``, R-HIST-2). A figure that
did not move, or has no earlier day to compare with, shows no mark. The arrow and the amount say the
direction without colour; the colour (good up, bad down) only repeats it.

The marks sit on a card's body lines, never on its name line: a cursor move rewrites the name line,
and what is on it would be written again at every move.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from console_tui.data.views.history import ClientChanges
from console_tui.display import move_text


class Against(Enum):
    """What the cards' marks compare with; ``text`` is said on the console's status line."""

    YESTERDAY = 1
    WEEK = 7

    @property
    def text(self) -> str:
        return "vs yesterday" if self is Against.YESTERDAY else "vs 7 days ago"

    def other(self) -> Against:
        return Against.WEEK if self is Against.YESTERDAY else Against.YESTERDAY


@dataclass(frozen=True, slots=True)
class CardMarks:
    """Every client's changes and the comparison shown; empty until the changes are loaded."""

    clients: Mapping[int, ClientChanges]
    against: Against = Against.YESTERDAY

    def move(self, client_id: int, figure: str) -> str | None:
        """The mark beside ``figure`` on ``client_id``'s card, if it moved."""
        changes = self.clients.get(client_id)
        if changes is None:
            return None
        chosen = changes.changes_1d if self.against is Against.YESTERDAY else changes.changes_7d
        return move_text(figure, chosen.get(figure))

    def sender_was(self, client_id: int) -> str | None:
        """The sender status the day before, when it changed overnight (shown against yesterday only:
        over 7 days it would read as that week's change)."""
        changes = self.clients.get(client_id)
        if changes is None or self.against is not Against.YESTERDAY:
            return None
        return changes.sender_was


NO_MARKS = CardMarks({})
