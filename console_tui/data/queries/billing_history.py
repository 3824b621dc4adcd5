"""The last 12 closed billing cycles (R-BL-5): one client's charges in each, and the agency's totals.

A closed cycle is one with a ``billing_cycle`` row (:mod:`console_tui.data.cycle_close`): its charges
are what was billed. The cycle in progress is not among them; Billing Overview computes it when shown.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.agency import _require
from console_tui.data.queries.client import _client
from console_tui.data.schema import BillingCharge, BillingCycle
from console_tui.data.views.agency import CycleTotals
from console_tui.data.views.client import ChargeRow
from console_tui.domain.permissions import Action

RECENT_CYCLES = 12


def _recent(session: Session, cycles: int) -> list[date]:
    return list(session.scalars(select(BillingCycle.cycle).order_by(BillingCycle.cycle.desc()).limit(cycles)))


def client_history(db: Database, login: str, client_id: int,
                   cycles: int = RECENT_CYCLES) -> tuple[str, tuple[ChargeRow, ...]]:
    """The client's name and its charges in each of the last ``cycles`` closed cycles it was billed in,
    newest first (R-BL-3, R-BL-5; Administrators)."""
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.BILLING)
        b = BillingCharge
        rows = session.execute(
            select(b.cycle, b.in_pack, b.provisional, b.license_cents, b.product_cents, b.overage_cents,
                   b.services_cents, b.agency_services_cents, b.tax_cents, b.total_cents)
            .where(b.client_id == client_id, b.cycle.in_(_recent(session, cycles)))
            .order_by(b.cycle.desc()))
        return client.name, tuple(ChargeRow(cycle, in_pack, provisional, *cents)
                                  for cycle, in_pack, provisional, *cents in rows)


def agency_history(db: Database, login: str, cycles: int = RECENT_CYCLES) -> tuple[CycleTotals, ...]:
    """The agency's totals in each of the last ``cycles`` closed cycles, newest first (R-BL-5; Administrators)."""
    with db.read() as session:
        _require(session, login, Action.BILLING)
        c = BillingCycle
        return tuple(CycleTotals(*row) for row in session.execute(
            select(c.cycle, c.clients, c.license_cents, c.product_overages_cents, c.agency_services_cents,
                   c.tax_cents, c.total_cents).order_by(c.cycle.desc()).limit(cycles)))
