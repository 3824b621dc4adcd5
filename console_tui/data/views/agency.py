"""What the agency's administration screens show: plain frozen dataclasses.

Built by :mod:`console_tui.data.queries.agency`; no ORM objects and no Textual here. Money is
integer cents, days are dates, moments are aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from console_tui.data.views.admin import EmailLimitRow, PlanRow, PlanUsage
from console_tui.domain.cycles import Cycle


@dataclass(frozen=True)
class ClientRef:
    """A client by id and name (pickers, access lists)."""

    id: int
    name: str


# --- Email Limits (R-EL-1..4) --------------------------------------------------------------------


@dataclass(frozen=True)
class EmailLimitsPage:
    """Every live client's limit and usage this cycle, and the plan's email terms (R-EL-3)."""

    cycle: Cycle
    included_emails: int
    overage_per_1000_cents: int
    rows: tuple[EmailLimitRow, ...]


# --- Client Usage (R-CU-1) -----------------------------------------------------------------------


@dataclass(frozen=True)
class UsageRow:
    """One client's usage in one closed billing month (R-CU-1)."""

    client_id: int
    name: str
    kind: str
    emails_sent: int
    contacts_added: int
    page_impressions: int


@dataclass(frozen=True)
class UsagePage:
    """One closed month (``None`` when no month has closed yet), the months offered, the rows."""

    month: Cycle | None
    months: tuple[date, ...]  # first days of the closed months with usage, oldest first
    open_cycle: Cycle  # the cycle in progress: never offered (R-CU-1)
    rows: tuple[UsageRow, ...]

    @property
    def previous(self) -> date | None:
        return _step(self.months, self.month, -1)

    @property
    def next(self) -> date | None:
        return _step(self.months, self.month, +1)


def _step(months: tuple[date, ...], month: Cycle | None, delta: int) -> date | None:
    if month is None or month.start not in months:
        return None
    index = months.index(month.start) + delta
    return months[index] if 0 <= index < len(months) else None


# --- Billing Overview (R-BL-1..4) ----------------------------------------------------------------


@dataclass(frozen=True)
class BillingRow:
    """One client's charges for the cycle as billed (R-BL-3); ``removed``: soft-deleted since."""

    client_id: int
    name: str
    removed: bool
    in_pack: bool
    provisional: bool
    license_cents: int
    direct_support_cents: int
    overage_cents: int
    services_cents: int
    agency_services_cents: int
    tax_cents: int
    total_cents: int

    @property
    def product_overages_cents(self) -> int:
        """Product and Overages: Direct Support, email overage and add-on services (R-BL-3)."""
        return self.direct_support_cents + self.overage_cents + self.services_cents

    @property
    def additional(self) -> bool:
        """Pays the additional-client rate: licensed but not in-pack (R-BL-1)."""
        return self.license_cents > 0 and not self.in_pack


@dataclass(frozen=True)
class BillingTotals:
    """The cycle's totals row and its license counts (R-BL-1, R-BL-4)."""

    license_cents: int
    product_overages_cents: int
    agency_services_cents: int
    tax_cents: int
    total_cents: int
    in_pack: int
    additional: int
    provisional: int


@dataclass(frozen=True)
class CycleTotals:
    """A closed billing cycle's totals for the agency (R-BL-5): how many clients were billed and what."""

    cycle: date  # its first day
    clients: int
    license_cents: int
    product_overages_cents: int
    agency_services_cents: int
    tax_cents: int
    total_cents: int


@dataclass(frozen=True)
class BillingPage:
    """A cycle's charges (``cycle`` None when nothing was ever billed) and the cycles offered."""

    cycle: Cycle | None
    cycles: tuple[date, ...]  # first days of the cycles with charges, oldest first
    in_progress: bool  # the cycle has not ended: its charges are so far
    in_pack_licenses: int  # the plan's in-pack licenses (R-BL-1)
    rows: tuple[BillingRow, ...]
    totals: BillingTotals

    @property
    def previous(self) -> date | None:
        return _step(self.cycles, self.cycle, -1)

    @property
    def next(self) -> date | None:
        return _step(self.cycles, self.cycle, +1)


# --- My Account (R-CAP-1..3) ---------------------------------------------------------------------


@dataclass(frozen=True)
class NotCounted:
    """A record that does not count toward the plan, and why (R-CAP-1)."""

    client_id: int
    name: str
    kind: str
    status: str
    label: str  # lead, prospect, Suspended, Inactive or removed
    reason: str  # the sentence


@dataclass(frozen=True)
class AccountPage:
    """The plan, its use, the warning or refusal, the ladder and what is not counted (R-CAP-1..3)."""

    agency_name: str
    agency_version: int
    usage: PlanUsage
    warn_pct: int
    refusal: str | None  # R-CAP-3's refusal text, with both ways out, when the plan is full
    not_counted: tuple[NotCounted, ...]  # for a non-administrator: only the clients they may access
    not_counted_by_reason: tuple[tuple[str, int], ...]  # (label, how many) for the whole agency
    plan_change_refusal: str | None  # why this user may not change the plan (R-ACC-4), or None
    limited: bool  # the list holds only the clients this user may access (R-ACC-2)

    @property
    def plan(self) -> PlanRow:
        return self.usage.plan


# --- Agency users and access (R-ACC-1, R-ACC-2) --------------------------------------------------


@dataclass(frozen=True)
class AgencyUserAccess:
    """An agency user, their role, and the clients they may access (R-ACC-2)."""

    id: int
    login: str
    full_name: str
    email: str
    role: str
    active: bool
    sees_all: bool  # Administrators see every client
    clients: tuple[ClientRef, ...]  # the clients they are a Client Manager of, by name


@dataclass(frozen=True)
class UsersPage:
    users: tuple[AgencyUserAccess, ...]
    live_clients: int


# --- The audit log (R-ACC-5) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of an audit row: before and after, already turned into plain text."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditRow:
    """One change made through the console (R-ACC-5): who, what, which client, before, after, when."""

    id: int
    at: datetime
    actor: str
    action: str
    client_id: int | None
    client_name: str | None
    changes: tuple[Change, ...]
    what: str = ""  # the action in words ("Client added"); ``action`` is the code the filter uses


@dataclass(frozen=True)
class AuditFilter:
    """Which rows to show: by user (login), client (``#id`` or part of a name) and action."""

    actor: str | None = None
    action: str | None = None
    client: str = ""
    client_id: int | None = None


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]  # newest first
    more: bool  # older rows match too
    actors: tuple[str, ...]  # the logins to filter by
    actions: tuple[str, ...]  # the actions recorded so far
    action_labels: tuple[str, ...] = ()  # the same actions in words, in the same order
