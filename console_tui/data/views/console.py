"""What the read side returns: plain immutable values, never ORM objects.

Widgets receive these and nothing else, so they never touch a session. The two the console holds
one of per client and per recent place (tens of thousands) are named tuples, built straight from
the cursor's rows: a frozen dataclass costs five times as much to build, for the same attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple


class PlaceRef(NamedTuple):
    """One entry of Recent Places (R-CMC-3 section 3)."""

    id: int
    title: str
    kind: str  # info | user | content
    action: str  # created | edited
    at: datetime
    content_item_id: int | None


@dataclass(frozen=True, slots=True)
class Features:
    """The six feature flags of the Utilization section (R-CMC-3 section 4)."""

    crm_pipeline: bool
    api_access: bool
    shopping_cart: bool
    google_ads: bool
    custom_branding: bool
    direct_support: bool

    def items(self) -> tuple[tuple[str, bool], ...]:
        return (
            ("CRM pipeline", self.crm_pipeline),
            ("API access", self.api_access),
            ("Shopping cart", self.shopping_cart),
            ("Google Ads", self.google_ads),
            ("Custom branding", self.custom_branding),
            ("Direct Support", self.direct_support),
        )

    @classmethod
    def of(cls, *flags: bool) -> Features:
        """The shared instance for these six flags (64 possible; 10,000 clients share them)."""
        return FEATURES_BY_BITS[sum(1 << bit for bit, flag in enumerate(flags) if flag)]


#: The 64 instances, by their flags as bits (bit 0 the first flag, ``crm_pipeline``, … bit 5 the sixth):
#: a query can sum the flags into one number and pick the shared instance by it.
FEATURES_BY_BITS: tuple[Features, ...] = tuple(
    Features(*(bool(bits >> bit & 1) for bit in range(6))) for bits in range(64)
)


class ClientSummary(NamedTuple):
    """One client as the console shows it: the four sections of R-CMC-3."""

    id: int
    name: str
    kind: str
    status: str
    # Information
    user_count: int
    last_login: datetime | None
    has_avatar: bool
    # Actions (last 30 days), from the nightly rollup (R-CMC-4)
    contacts_added_30d: int
    contacts_series_text: str
    emails_sent_30d: int
    emails_opened_30d: int
    sender_status: str
    # Utilization
    utilization_score: int
    features: Features
    # Recent Places
    your_places: tuple[PlaceRef, ...] = ()
    company_places: tuple[PlaceRef, ...] = ()

    @property
    def contacts_series(self) -> tuple[int, ...]:
        """The 30 daily counts of contacts added, oldest first (parsed on demand)."""
        text = self.contacts_series_text
        return tuple(int(part) for part in text.split(",")) if text else ()

    @property
    def open_rate(self) -> float | None:
        """Opened ÷ sent; ``None`` (shown as "—") when nothing was sent (R-CMC-3)."""
        if self.emails_sent_30d <= 0:
            return None
        return self.emails_opened_30d / self.emails_sent_30d


@dataclass(frozen=True, slots=True)
class ConsoleOverview:
    """Everything the console's first screen needs, in one value."""

    agency_name: str
    agency_utilization: int
    user_login: str
    user_role: str
    as_of: datetime | None
    clients: tuple[ClientSummary, ...] = field(default_factory=tuple)
    #: how many clients the user may access, when ``clients`` holds only the first of them by name
    client_count: int | None = None

    @property
    def partial(self) -> bool:
        """Only the first clients (a first screenful): the rest are still to load."""
        return self.client_count is not None and self.client_count > len(self.clients)

    @property
    def total(self) -> int:
        """How many clients the user may access."""
        return len(self.clients) if self.client_count is None else self.client_count
