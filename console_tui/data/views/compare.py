"""What the comparison of clients reads (R-CMP-1): each client's card figures, its email limit and
use this billing cycle, its utilization section scores and its changes; plain immutable values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from console_tui.data.views.console import ClientSummary
from console_tui.data.views.history import ClientChanges


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
    #: its changes against yesterday and 7 days ago, as on its card (R-HIST-2); None without history
    changes: ClientChanges | None = None

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
    changes_day: date | None = None  # the latest history day the changes end on (None: no history)
