"""What the comparison of clients reads (R-CMP-1): each client's card figures, its email limit and
use this billing cycle, and its utilization section scores; plain immutable values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from console_tui.data.views.console import ClientSummary


@dataclass(frozen=True, slots=True)
class ComparedClient:
    """One column of the comparison."""

    summary: ClientSummary  # the card's figures (without Recent Places)
    email_limit: int | None  # None: no limit set
    emails_sent_cycle: int  # sent this billing cycle (nightly figures, then today's events)
    emails_scheduled_cycle: int  # still scheduled this cycle: they count against the limit too
    #: each section's score (0–100), in :attr:`ComparePage.sections`' order; empty when the
    #: utilization catalogue is empty
    section_scores: tuple[int, ...] = ()

    @property
    def emails_used(self) -> int:
        return self.emails_sent_cycle + self.emails_scheduled_cycle


@dataclass(frozen=True, slots=True)
class ComparePage:
    """The clients compared, in the order asked for, and what frames their figures."""

    clients: tuple[ComparedClient, ...]
    sections: tuple[str, ...]  # the utilization sections, in their catalogue order
    cycle: str  # the billing cycle the email use is counted in ("June 2026")
    as_of: datetime | None  # when the nightly figures were computed (R-CMC-4)
