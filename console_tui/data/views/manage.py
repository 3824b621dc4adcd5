"""Frozen dataclasses for Manage Clients and the per-client option screens (R-MC, R-OPT).

Plain values, never ORM objects, no Textual. Built by
:mod:`console_tui.data.queries.manage`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from console_tui.domain.ebs import EBS_WAIT_DAYS
from console_tui.domain.guard import Guard
from console_tui.domain.permissions import MenuItem
from console_tui.domain.sender import Rates


@dataclass(frozen=True, slots=True)
class ManageRow:
    """One line of Manage Clients (R-MC-2): the client, its tags and its figures."""

    id: int
    name: str
    kind: str
    status: str
    term: str | None
    tags: tuple[str, ...]
    user_count: int
    last_login: datetime | None
    sent_this_cycle: int
    sender_status: str
    removed_at: datetime | None
    counted: bool  # toward the plan (R-CAP-1)


@dataclass(frozen=True, slots=True)
class ManageList:
    """Every client, lead and prospect (removed ones too; the screen filters them)."""

    agency_name: str
    cycle_label: str
    rows: tuple[ManageRow, ...]
    capacity_warning: str | None


@dataclass(frozen=True, slots=True)
class ClientOptions:
    """The per-client options menu as the acting user sees it (R-OPT-1)."""

    client_id: int
    name: str
    kind: str
    status: str
    role: str
    is_client_manager: bool
    removed_at: datetime | None
    items: tuple[MenuItem, ...]
    state: tuple[tuple[str, str], ...]  # (menu label, current state), e.g. ("Client Rebrand", "unlocked")


@dataclass(frozen=True, slots=True)
class ConfigurationView:
    """Client Configuration as saved (R-MC-3); ``version`` for the save's conflict check."""

    client_id: int
    name: str
    version: int
    country: str
    region: str
    term: str | None
    start_date: date | None
    billing_contact: str
    billing_email: str
    tax_rate: Decimal | None
    margin_protection: bool
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ServiceRow:
    """One add-on service for a client (R-OPT-4); ``allowance`` None: not set (unlimited)."""

    key: str
    name: str
    unit: str
    unit_price_cents: int
    allowance: int | None
    active: int
    version: int | None


@dataclass(frozen=True, slots=True)
class ServicesView:
    client_id: int
    name: str
    services: tuple[ServiceRow, ...]


@dataclass(frozen=True, slots=True)
class StaffRef:
    """An agency user as the Client Managers screen lists them (R-OPT-5)."""

    login: str
    full_name: str
    role: str


@dataclass(frozen=True, slots=True)
class ManagersView:
    client_id: int
    name: str
    managers: tuple[StaffRef, ...]
    candidates: tuple[StaffRef, ...]  # active non-Administrators who are not managers yet


@dataclass(frozen=True, slots=True)
class FlagsView:
    """A client's on/off options with the row version (R-OPT-6, R-OPT-8)."""

    client_id: int
    name: str
    version: int
    direct_support: bool
    rebrand_locked: bool
    uses_billing_platform: bool
    has_own_logo: bool


@dataclass(frozen=True, slots=True)
class WindowFigures:
    """Sending over one breakdown window (R-OPT-7)."""

    days: int
    first_day: date
    last_day: date
    sent: int
    opened: int
    bounced: int
    spam: int
    unsubscribed: int
    rates: Rates


@dataclass(frozen=True, slots=True)
class StatusStep:
    """One change of sender status (R-SS-2)."""

    day: date
    old_status: str | None
    new_status: str


@dataclass(frozen=True, slots=True)
class SenderView:
    """Email Sender (R-OPT-7): status, the breakdown windows and the status history."""

    client_id: int
    name: str
    sender_status: str
    ebs_enabled: bool
    as_of: datetime | None
    windows: tuple[WindowFigures, ...]
    bad_30d: tuple[str, ...]
    history: tuple[StatusStep, ...]  # newest first


@dataclass(frozen=True, slots=True)
class SuppressionView:
    """Email Suppression (R-SUP-1..4): EBS state and whether it may be turned off today."""

    client_id: int
    name: str
    version: int
    ebs_enabled: bool
    sender_status: str
    last_became_healthy: date | None
    off_guard: Guard
    wait_days: int = EBS_WAIT_DAYS  # R-SUP-2: days after becoming Healthy before EBS may be turned off


@dataclass(frozen=True, slots=True)
class StatusChoices:
    """A client's status and every status it may be given, built-in ones first (R-CAP-1)."""

    client_id: int
    name: str
    kind: str
    status: str
    version: int
    statuses: tuple[str, ...]
    counting: frozenset[str]  # the statuses among them that count toward the plan


@dataclass(frozen=True, slots=True)
class StatusRow:
    """One client status (R-CAP-1, R-CAP-4) and how many clients have it."""

    name: str
    builtin: bool
    counts: bool  # a ``client`` record with it counts toward the plan
    retired_at: datetime | None
    clients: int  # not removed
    removed: int  # removed companies not yet purged


@dataclass(frozen=True, slots=True)
class RemovalView:
    """Remove Company (R-OPT-9): the term, the renewal and whether removal is allowed today."""

    client_id: int
    name: str
    version: int
    term: str | None
    start_date: date | None
    renewal: date | None
    user_count: int
    guard: Guard
