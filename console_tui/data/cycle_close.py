"""Closing a billing cycle (R-BL-5): what was billed, written once, the night after the cycle ends.

The charges of a past cycle cannot be computed again later: the database keeps the clients, the
plan, the tax rates, the add-on quantities and the statuses only as they are now. So the night the
cycle's last day is closed, every client's charges for it are computed from the data as it is then
(:func:`~console_tui.data.queries.billing.billed_in`) and written to ``billing_charge``, replacing
the rows that only carried the cycle's Agency Services fees, with one ``billing_cycle`` row holding
the agency's totals. A cycle closed stays as billed: closing it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from console_tui.data.queries.billing import billed_in
from console_tui.data.schema import BillingCharge, BillingCycle
from console_tui.domain.billing import Charges, totals
from console_tui.domain.cycles import Cycle


def charge_values(cycle: date, c: Charges) -> dict[str, Any]:
    """One ``billing_charge`` row of ``cycle`` (Direct Support is the row's product fee, R-BL-3)."""
    return {"client_id": c.client_id, "cycle": cycle, "in_pack": c.in_pack, "provisional": c.provisional,
            "license_cents": c.license_cents, "product_cents": c.direct_support_cents,
            "overage_cents": c.email_overage_cents, "services_cents": c.addons_cents,
            "agency_services_cents": c.agency_services_cents, "tax_cents": c.tax_cents,
            "total_cents": c.total_cents}


def cycle_values(cycle: date, closed_at: datetime, charges: Sequence[Charges]) -> dict[str, Any]:
    """The ``billing_cycle`` row of ``cycle``: how many clients were billed and the agency's totals."""
    t = totals(charges)
    return {"cycle": cycle, "closed_at": closed_at, "clients": len(charges), "license_cents": t.license_cents,
            "product_overages_cents": t.product_overages_cents, "agency_services_cents": t.agency_services_cents,
            "tax_cents": t.tax_cents, "total_cents": t.total_cents}


def close_cycle_in(session: Session, cycle: Cycle, tz: tzinfo, now: datetime) -> bool:
    """Write ``cycle``'s charges and its ``billing_cycle`` row in ``session``; False when it was closed already."""
    if session.get(BillingCycle, cycle.start) is not None:
        return False
    charges, _clients = billed_in(session, cycle, tz)
    session.execute(delete(BillingCharge).where(BillingCharge.cycle == cycle.start))
    if charges:
        session.execute(insert(BillingCharge), [charge_values(cycle.start, c) for c in charges])
    session.execute(insert(BillingCycle), [cycle_values(cycle.start, now, charges)])
    return True
