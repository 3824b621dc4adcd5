"""What a change would do, as the screens and the CLI read it (R-WI-1..3): the pure outlooks of
:mod:`console_tui.domain.what_if` with the names and dates to show them by."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from console_tui.data.views.admin import PlanRow
from console_tui.domain.cycles import Cycle
from console_tui.domain.what_if import ChargesOutlook, LimitOutlook, PlanOutlook


@dataclass(frozen=True)
class LimitsWhatIf:
    """New limits against this cycle so far, per client asked about (R-WI-1)."""

    cycle: Cycle
    outlooks: Mapping[int, LimitOutlook]
    names: Mapping[int, str]
    saved: Mapping[int, int | None]  # each client's limit as stored now


@dataclass(frozen=True)
class ChargesWhatIf:
    """The next cycle's charges before and after some clients stop (or start) counting (R-WI-2)."""

    cycle: Cycle
    outlook: ChargesOutlook
    names: Mapping[int, str]


@dataclass(frozen=True)
class PlanWhatIf:
    """Another plan: capacity and the next cycle's charges before and after (R-WI-3)."""

    cycle: Cycle
    current: PlanRow
    target: PlanRow
    outlook: PlanOutlook
    names: Mapping[int, str]


@dataclass(frozen=True)
class JobRow:
    """One email job of a client: when, how many emails, its status, and whether the client's limit
    lets it go out (``blocked`` only for a job still scheduled in the current cycle)."""

    job_id: int
    name: str
    scheduled_for: datetime
    recipients: int
    status: str
    blocked: bool


@dataclass(frozen=True)
class ScheduledJobsPage:
    """A client's email jobs from the start of the current cycle, earliest first, with the cycle's
    use against its limit (R-EL-2, R-WI-1)."""

    client_id: int
    name: str
    cycle: Cycle
    limit: int | None
    sent: int
    scheduled: int  # emails in the jobs still scheduled in the current cycle: they count (R-EL-2)
    jobs: tuple[JobRow, ...]
