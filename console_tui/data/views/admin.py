"""The administration screens' views: plan, usage, email limits and agency users, as plain frozen
dataclasses built by :mod:`console_tui.data.queries.admin`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from console_tui.domain import capacity as cap
from console_tui.domain.cycles import Cycle
from console_tui.domain.limits import Overage, remaining, usage
from console_tui.domain.sender import SenderStatus


@dataclass(frozen=True)
class PlanRow:
    """One rung of the plan ladder as stored (R-CAP-3)."""

    id: int
    rank: int
    name: str
    max_clients: int
    max_team_members: int
    storage_gb: int
    included_emails: int
    overage_per_1000_cents: int

    def as_plan(self) -> cap.Plan:
        """The pure rules' view of this plan."""
        return cap.Plan(self.name, self.max_clients, self.max_team_members, self.storage_gb)


@dataclass(frozen=True)
class PlanUsage:
    """The account screen's figures: clients, team members and storage against the plan (R-CAP-2)."""

    plan: PlanRow
    ladder: tuple[PlanRow, ...]
    counted_clients: int
    team_members: int
    storage_gb_used: int
    usage: cap.AccountUsage
    warning: str | None
    next_plan: PlanRow | None


@dataclass(frozen=True)
class CycleUsage:
    """A client's emails in one billing cycle against its limit (R-EL-2)."""

    client_id: int
    cycle: Cycle
    limit: int | None
    sent: int
    scheduled: int

    @property
    def used(self) -> int:
        return usage(self.sent, self.scheduled)

    @property
    def remaining(self) -> int | None:
        return remaining(self.limit, self.sent, self.scheduled)


@dataclass(frozen=True)
class EmailLimitRow:
    """One line of the Email Limits screen (R-EL-1..4); ``version`` is for the save's conflict check."""

    client_id: int
    name: str
    version: int
    limit: int | None
    sent: int
    scheduled: int
    overage: Overage


@dataclass(frozen=True)
class EbsInputs:
    """What the EBS off-toggle guard needs, from the nightly snapshot (R-SUP-2)."""

    client_id: int
    ebs_enabled: bool
    sender_status: SenderStatus
    last_became_healthy: date | None


@dataclass(frozen=True)
class AgencyUserRow:
    """One member of the agency's staff, for ``console-tui users list``."""

    id: int
    login: str
    full_name: str
    email: str
    role: str
    active: bool
