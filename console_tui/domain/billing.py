"""Per-client charges for a billing cycle (R-BL-1, R-BL-2, R-BL-3, R-BL-4).

Decisions where DOMAIN.md is silent, marked **[decision]**:

* R-BL-1 in-pack licenses go to the oldest **counted** clients (R-CAP-1) by created date, client
  id breaking ties; the rest pay the additional-client rate. Records that are not counted
  (suspended, inactive, leads, prospects) pay no license fee. **[decision]** The annual discount
  is a percentage of the license fee, applied after choosing the rate, rounded half up to a cent.
* R-BL-2 **[decision]** Each client carries the pricing in force when its price was agreed
  (``agreed_pricing``; ``None`` = current pricing). With margin protection **on**, license price
  increases pass through: the client pays the higher of the agreed and the current rate. With it
  **off**, the client keeps the agreed rate and the agency absorbs increases.
* R-BL-3 lines: License; Product and Overages = email overage (per started 1,000 emails over the
  included emails, see :mod:`limits`) + add-on services on their **active** amount (R-OPT-4) +
  **[decision]** the Direct Support fee when it is on (a paid platform add-on); Agency Services
  (the agency's own fees, given); Tax = client's tax rate on the sum of those, half up;
  Total. **[decision]** With no tax rate yet, tax is 0 and the row is provisional anyway.
* R-BL-3/R-MC-3 a configuration-incomplete client's charges are ``provisional``.
* R-BL-4 (pure part) :func:`totals` adds up a cycle's rows and counts the provisional ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from console_tui.domain.allowances import Service, addon_charge_cents
from console_tui.domain.capacity import is_counted
from console_tui.domain.configuration import Term
from console_tui.domain.limits import email_overage_cents

#: The Direct Support add-on's fee per cycle, in cents (R-OPT-6, R-BL-3) **[decision]**: one
#: platform price, the same for every agency.
DIRECT_SUPPORT_CENTS = 2_900


@dataclass(frozen=True)
class Pricing:
    """License and usage prices of the agency's plan, per cycle, in cents (R-BL-1, R-EL-3)."""

    in_pack_license_cents: int
    additional_license_cents: int
    annual_discount_pct: Decimal = Decimal(0)
    included_emails: int = 0
    overage_per_1000_cents: int = 0
    direct_support_cents: int = 0

    def license_rate(self, in_pack: bool) -> int:
        """The per-client license rate for an in-pack or an additional client (R-BL-1)."""
        return self.in_pack_license_cents if in_pack else self.additional_license_cents


@dataclass(frozen=True)
class AddonUse:
    """An add-on service with its active amount this cycle (R-OPT-4)."""

    service: Service
    active: int


@dataclass(frozen=True)
class BillableClient:
    """A client's billing inputs for one cycle (R-BL-1, R-BL-3)."""

    client_id: int
    created_on: date
    kind: str = "client"
    status_counts: bool = True  # its status counts toward the plan (R-CAP-1)
    term: Term | None = None
    tax_rate: Decimal | None = None
    margin_protection: bool = False
    config_complete: bool = False
    emails_sent: int = 0
    addons: tuple[AddonUse, ...] = ()
    direct_support: bool = False
    agency_services_cents: int = 0
    agreed_pricing: Pricing | None = None

    @property
    def counted(self) -> bool:
        """Whether this client counts toward the plan and pays a license (R-CAP-1, R-BL-1)."""
        return is_counted(self.kind, self.status_counts)


@dataclass(frozen=True)
class Charges:
    """One client's charges for a cycle (R-BL-3)."""

    client_id: int
    license_cents: int
    email_overage_cents: int
    addons_cents: int
    direct_support_cents: int
    agency_services_cents: int
    tax_cents: int
    provisional: bool
    in_pack: bool

    @property
    def product_overages_cents(self) -> int:
        """Product and Overages: email overage + add-ons + Direct Support (R-BL-3)."""
        return self.email_overage_cents + self.addons_cents + self.direct_support_cents

    @property
    def subtotal_cents(self) -> int:
        """Everything before tax (R-BL-3)."""
        return self.license_cents + self.product_overages_cents + self.agency_services_cents

    @property
    def total_cents(self) -> int:
        """Subtotal plus tax (R-BL-3)."""
        return self.subtotal_cents + self.tax_cents


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def in_pack_assignment(clients: Sequence[BillableClient], in_pack_count: int) -> set[int]:
    """Ids of the clients given in-pack licenses: the oldest counted ones (R-BL-1)."""
    counted = sorted(
        (client for client in clients if client.counted),
        key=lambda client: (client.created_on, client.client_id),
    )
    return {client.client_id for client in counted[: max(0, in_pack_count)]}


def license_cents(client: BillableClient, pricing: Pricing, *, in_pack: bool) -> int:
    """The license fee: rate by in-pack, margin protection, annual discount (R-BL-1, R-BL-2)."""
    if not client.counted:
        return 0
    current = pricing.license_rate(in_pack)
    agreed = (client.agreed_pricing or pricing).license_rate(in_pack)
    rate = max(current, agreed) if client.margin_protection else agreed
    if client.term == Term.ANNUAL:
        return _half_up(Decimal(rate) * (100 - pricing.annual_discount_pct) / 100)
    return rate


def charges(client: BillableClient, pricing: Pricing, *, in_pack: bool) -> Charges:
    """A client's cycle charges: license, product & overages, agency services, tax (R-BL-3)."""
    in_pack = in_pack and client.counted
    lic = license_cents(client, pricing, in_pack=in_pack)
    overage = email_overage_cents(
        client.emails_sent, pricing.included_emails, pricing.overage_per_1000_cents
    )
    addons = sum(addon_charge_cents(use.service, use.active) for use in client.addons)
    support = pricing.direct_support_cents if client.direct_support else 0
    subtotal = lic + overage + addons + support + client.agency_services_cents
    tax = 0 if client.tax_rate is None else _half_up(Decimal(subtotal) * client.tax_rate / 100)
    return Charges(
        client_id=client.client_id,
        license_cents=lic,
        email_overage_cents=overage,
        addons_cents=addons,
        direct_support_cents=support,
        agency_services_cents=client.agency_services_cents,
        tax_cents=tax,
        provisional=not client.config_complete,
        in_pack=in_pack,
    )


def cycle_charges(
    clients: Sequence[BillableClient], pricing: Pricing, in_pack_count: int
) -> tuple[Charges, ...]:
    """Every client's charges for one cycle, in the order given (R-BL-1, R-BL-3, R-BL-4)."""
    in_pack = in_pack_assignment(clients, in_pack_count)
    return tuple(
        charges(client, pricing, in_pack=client.client_id in in_pack) for client in clients
    )


@dataclass(frozen=True)
class Totals:
    """The Billing Overview's totals row (R-BL-4)."""

    license_cents: int
    product_overages_cents: int
    agency_services_cents: int
    tax_cents: int
    total_cents: int
    provisional_rows: int


def totals(rows: Iterable[Charges]) -> Totals:
    """Add up a cycle's charges and count the provisional rows (R-BL-4)."""
    rows = list(rows)
    return Totals(
        license_cents=sum(row.license_cents for row in rows),
        product_overages_cents=sum(row.product_overages_cents for row in rows),
        agency_services_cents=sum(row.agency_services_cents for row in rows),
        tax_cents=sum(row.tax_cents for row in rows),
        total_cents=sum(row.total_cents for row in rows),
        provisional_rows=sum(1 for row in rows if row.provisional),
    )
