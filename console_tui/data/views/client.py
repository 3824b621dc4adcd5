"""Frozen dataclasses for the console's per-client screens (detail, instance, Information screens).

Like :mod:`console_tui.data.views.console`: plain values, never ORM objects, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class DayFigures:
    """One client's rolled-up figures for one local day (R-NM-1)."""

    day: date
    contacts_added: int
    emails_sent: int
    emails_opened: int


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of the sender-status history (R-SS-2)."""

    day: date
    old_status: str | None
    new_status: str


@dataclass(frozen=True, slots=True)
class SectionActivity:
    """One activity of the utilization catalogue (R-UT-1) and whether this client has done it."""

    section: str
    name: str
    weight: int
    done_at: datetime | None  # when the client completed it; None: not yet done


@dataclass(frozen=True, slots=True)
class ClientDetail:
    """The detail view: daily figures (oldest first, gaps filled with zeros) and status history."""

    client_id: int
    name: str
    sender_status: str
    as_of: datetime | None
    days: tuple[DayFigures, ...]
    status_history: tuple[StatusChange, ...]  # newest first
    activities: tuple[SectionActivity, ...] = ()  # the catalogue's, in section order, done or not

    def section_activities(self, section: str) -> tuple[SectionActivity, ...]:
        """The activities of ``section`` in catalogue order."""
        return tuple(a for a in self.activities if a.section == section)

    def window(self, n: int) -> tuple[DayFigures, ...]:
        """The last ``n`` days."""
        return self.days[-n:]


@dataclass(frozen=True, slots=True)
class ClientUserRow:
    id: int
    full_name: str
    email: str
    role: str
    blocked: bool
    created_at: datetime
    last_login_at: datetime | None
    version: int = 0  # what an edit or delete says it saw (optimistic locking)


@dataclass(frozen=True, slots=True)
class CompanyProfile:
    """The client's Account page (R-MC-1 profile, R-MC-3 configuration, R-OPT options)."""

    client_id: int
    name: str
    kind: str
    status: str
    created_at: datetime
    street: str
    city: str
    state: str
    postal_code: str
    country: str
    website: str | None
    phone: str
    license_term: str | None
    license_start: date | None
    billing_contact: str | None
    billing_email: str | None
    tax_rate: Decimal | None
    region: str | None
    margin_protection: bool
    direct_support: bool
    ebs_enabled: bool
    rebrand_locked: bool
    email_limit: int | None
    version: int = 0  # what a profile edit says it saw (optimistic locking)


@dataclass(frozen=True, slots=True)
class ChargeRow:
    """One billing cycle's charges for a client (R-BL-3), integer cents."""

    cycle: date
    in_pack: bool
    provisional: bool
    license_cents: int
    product_cents: int
    overage_cents: int
    services_cents: int
    agency_services_cents: int
    tax_cents: int
    total_cents: int


@dataclass(frozen=True, slots=True)
class TeamCallRow:
    started_at: datetime
    started_by: str
    url: str
    participants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TeamCallPage:
    """The Team Call screen: who may be called (the client's users) and the calls so far."""

    client_name: str
    users: tuple[ClientUserRow, ...]
    calls: tuple[TeamCallRow, ...]


@dataclass(frozen=True, slots=True)
class AvatarInfo:
    """The client's company logo, if any, and whether the client may change it (R-OPT-8)."""

    client_id: int
    rebrand_locked: bool
    mime_type: str | None = None
    width: int = 0
    height: int = 0
    image: bytes = b""
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ContentPage:
    """A content item's page (what a Recent Places entry opens)."""

    id: int
    client_name: str
    title: str
    content_type: str
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ContentRow:
    id: int
    title: str
    content_type: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """Something done inside the client, by the client's users or by agency staff."""

    at: datetime
    who: str
    action: str
    kind: str
    title: str
    content_item_id: int | None


@dataclass(frozen=True, slots=True)
class InstanceDashboard:
    """The client's own dashboard, seen after switching into it (R-CMC-5)."""

    client_id: int
    name: str
    as_of: datetime | None
    contacts_added_30d: int
    emails_sent_30d: int
    emails_opened_30d: int
    sender_status: str
    utilization_score: int
    users: tuple[ClientUserRow, ...]
    content: tuple[ContentRow, ...]
    activity: tuple[ActivityRow, ...]


@dataclass(frozen=True, slots=True)
class AgencyFacts:
    """What the agency dashboard adds to the console overview: the plan, its counted clients and the
    team, all agency-wide whoever looks (R-CAP-1: the plan counts every client, not the ones you see)."""

    plan_name: str
    max_clients: int
    max_team_members: int
    team_members: int
    counted_clients: int = 0
