"""A yes/no answer for a time-bound rule, with why and the date it opens (R-SUP-2, R-OPT-9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from console_tui.domain.errors import RuleRefused


@dataclass(frozen=True)
class Guard:
    """Allowed now? If not, why and (when known) the first day it will be (R-SUP-2, R-OPT-9)."""

    allowed: bool
    reason: str
    opens_on: date | None = None

    def enforce(self, what: str, todo: str = "") -> None:
        """Raise :class:`RuleRefused` with this guard's reason unless it allows the action."""
        if self.allowed:
            return
        if not todo and self.opens_on is not None:
            todo = f"Try again on or after {self.opens_on.isoformat()}"
        raise RuleRefused(what, self.reason, todo, opens_on=self.opens_on)
