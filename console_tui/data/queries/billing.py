"""The charges of the cycle in progress, computed now from the clients as they are (R-BL-1..4).

A closed cycle's charges are what was billed (the ``billing_charge`` rows). The cycle in progress
says "charges so far", so it is computed from the data as it is now with the billing rules
(:func:`~console_tui.domain.billing.cycle_charges`): a client added today is in it, a plan change
moves the in-pack licenses at once, a new tax rate or term shows at once. **[decision]** The agency's
own fees (Agency Services) are the one input the database keeps only on the billed rows: a client's
fee so far is the one on its row for this cycle, 0 for a client that has none yet.
"""

from __future__ import annotations

from datetime import tzinfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console_tui.data.queries.admin import agency_in, cycle_counts_in
from console_tui.data.rollup import day_bounds
from console_tui.data.schema import AddonService, BillingCharge, Client, ClientService, ClientStatus, Plan
from console_tui.data.views.agency import BillingRow
from console_tui.domain import capacity as cap
from console_tui.domain.allowances import Service
from console_tui.domain.billing import (
    DIRECT_SUPPORT_CENTS,
    AddonUse,
    BillableClient,
    Charges,
    Pricing,
    cycle_charges,
)
from console_tui.domain.configuration import Configuration, Term, is_complete
from console_tui.domain.cycles import Cycle


def pricing_in(session: Session) -> tuple[Pricing, int]:
    """The agency's plan as prices, and its in-pack licenses (R-BL-1, R-EL-3)."""
    return pricing_of(agency_in(session).plan)


def pricing_of(plan: Plan) -> tuple[Pricing, int]:
    """A plan's prices and its in-pack licenses (R-BL-1, R-EL-3)."""
    return (Pricing(plan.in_pack_price_cents, plan.additional_client_price_cents, plan.annual_discount_pct,
                    plan.included_emails, plan.overage_per_1000_cents, DIRECT_SUPPORT_CENTS),
            plan.in_pack_licenses)


def _addons(session: Session) -> dict[int, list[AddonUse]]:
    found: dict[int, list[AddonUse]] = {}
    for cid, key, name, unit, price, active in session.execute(
            select(ClientService.client_id, AddonService.key, AddonService.name, AddonService.unit,
                   AddonService.unit_price_cents, ClientService.active_quantity)
            .join(AddonService, AddonService.id == ClientService.service_id)):
        found.setdefault(cid, []).append(AddonUse(Service(key, name, unit, price), active))
    return found


#: What :func:`_billable` reads of a client.
BILLED_COLUMNS = (Client.id, Client.name, Client.created_at, Client.kind, Client.license_term, Client.license_start,
                  Client.billing_contact, Client.billing_email, Client.tax_rate, Client.margin_protection,
                  Client.direct_support)


def _billable(c: Client, counts: bool, emails_sent: int, addons: dict[int, list[AddonUse]],
              fees: dict[int, int]) -> BillableClient:
    term = Term(c.license_term) if c.license_term else None
    config = Configuration(term, c.license_start, c.billing_contact or "", c.billing_email or "", c.tax_rate,
                           c.margin_protection)
    return BillableClient(
        client_id=c.id, created_on=c.created_at.date(), kind=c.kind, status_counts=counts, term=term,
        tax_rate=c.tax_rate, margin_protection=c.margin_protection, config_complete=is_complete(config),
        emails_sent=emails_sent, addons=tuple(addons.get(c.id, ())), direct_support=c.direct_support,
        agency_services_cents=int(fees.get(c.id, 0)))


def _fees(session: Session, cycle: Cycle) -> dict[int, int]:
    return {cid: fee for cid, fee in session.execute(
        select(BillingCharge.client_id, BillingCharge.agency_services_cents).where(BillingCharge.cycle == cycle.start))}


def billed_in(session: Session, cycle: Cycle, tz: tzinfo) -> tuple[tuple[Charges, ...], dict[int, Client]]:
    """Every client billed in ``cycle`` (kind client, created by its end, not removed before its
    start), its charges computed now from the clients and the plan as they are (R-BL-1..3), and the
    clients by id."""
    pricing, in_pack_licenses = pricing_in(session)
    start, end = day_bounds(cycle.start, tz)[0], day_bounds(cycle.end, tz)[1]
    fees = _fees(session, cycle)
    sent = cycle_counts_in(session, cycle, tz)
    addons = _addons(session)
    clients = session.execute(
        select(Client, ClientStatus.counts).join(ClientStatus, ClientStatus.id == Client.status_id)
        .where(Client.kind == cap.COUNTED_KIND, Client.created_at < end,
               or_(Client.deleted_at.is_(None), Client.deleted_at >= start))).all()
    billable = [_billable(c, counts, sent.get(c.id, (0, 0))[0], addons, fees) for c, counts in clients]
    return cycle_charges(billable, pricing, in_pack_licenses), {c.id: c for c, _counts in clients}


def charges_so_far(session: Session, cycle: Cycle, tz: tzinfo) -> tuple[BillingRow, ...]:
    """Every client billed in ``cycle`` with its charges computed now (:func:`billed_in`); by name (R-BL-4)."""
    charges, by_id = billed_in(session, cycle, tz)
    rows = [BillingRow(ch.client_id, by_id[ch.client_id].name, by_id[ch.client_id].deleted_at is not None,
                       ch.in_pack, ch.provisional, ch.license_cents, ch.direct_support_cents,
                       ch.email_overage_cents, ch.addons_cents, ch.agency_services_cents, ch.tax_cents,
                       ch.total_cents)
            for ch in charges]
    return tuple(sorted(rows, key=lambda r: (r.name.lower(), r.client_id)))


def next_cycle_billables(session: Session, cycle: Cycle) -> tuple[tuple[BillableClient, ...], dict[int, str]]:
    """The clients the next cycle would bill, as they are set up now, and their names (R-WI-2):
    every live record of kind client, with no emails sent (the next cycle's usage is not known)
    and this ``cycle``'s Agency Services fee carried over."""
    fees = _fees(session, cycle)
    addons = _addons(session)
    clients = session.execute(  # the columns billing reads, not whole clients: 10,000 of them load in a blink
        select(*BILLED_COLUMNS, ClientStatus.counts).join(ClientStatus, ClientStatus.id == Client.status_id)
        .where(Client.kind == cap.COUNTED_KIND, Client.deleted_at.is_(None))
        .order_by(Client.created_at, Client.id)).all()
    return (tuple(_billable(c, c.counts, 0, addons, fees) for c in clients),  # type: ignore[arg-type]
            {c.id: c.name for c in clients})
