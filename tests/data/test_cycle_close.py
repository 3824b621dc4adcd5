"""Closing a billing cycle the night after it ends (R-BL-5), on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select, text

from console_tui.clock import FixedClock
from console_tui.data import migrate
from console_tui.data.engine import Database
from console_tui.data.schema import BillingCharge, BillingCycle, Client, Event, Plan
from console_tui.jobs.nightly import close_day
from tests.factories import make_agency, make_client

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)  # the morning after October's last day
UTC_ZONE = ZoneInfo("UTC")
OCTOBER = date(2026, 10, 1)


def seed(db: Database) -> int:
    """One configured client that sent 12,500 emails in October (2,500 over the plan's 10,000)."""
    with db.write() as session:
        make_agency(session)
        client = make_client(session, "Bloom Florists", license_term="monthly", license_start=date(2026, 1, 1),
                             billing_contact="Ann", billing_email="ann@bloom.example", tax_rate=Decimal("10"))
        session.add(Event(external_id="oct", client_id=client.id, type="email_sent",
                          occurred_at=datetime(2026, 10, 15, 12, tzinfo=UTC), quantity=12_500))
        # the agency's own fee for October, set before the cycle closed
        session.add(BillingCharge(client_id=client.id, cycle=OCTOBER, agency_services_cents=5_000))
        return client.id


def charges(db: Database) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(
            select(BillingCharge.cycle, BillingCharge.in_pack, BillingCharge.license_cents,
                   BillingCharge.overage_cents, BillingCharge.agency_services_cents, BillingCharge.tax_cents,
                   BillingCharge.total_cents).order_by(BillingCharge.cycle))]


def closed(db: Database) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(
            select(BillingCycle.cycle, BillingCycle.clients, BillingCycle.license_cents,
                   BillingCycle.product_overages_cents, BillingCycle.agency_services_cents, BillingCycle.tax_cents,
                   BillingCycle.total_cents))]


def test_r_bl_5_the_night_of_a_cycles_last_day_bills_it(db: Database) -> None:
    seed(db)
    clock = FixedClock(NOW, tz=UTC_ZONE)
    assert close_day(db, clock, date(2026, 10, 30)).status == "done"
    assert closed(db) == []  # not the cycle's last day
    assert close_day(db, clock, date(2026, 10, 31)).status == "done"
    # in-pack license 20.00 + 3 started blocks of overage at 1.50 + the fee 50.00 = 74.50, 10 % tax 7.45
    assert charges(db) == [(OCTOBER, True, 2_000, 450, 5_000, 745, 8_195)]
    assert closed(db) == [(OCTOBER, 1, 2_000, 450, 5_000, 745, 8_195)]


def test_r_bl_5_a_closed_cycle_stands_as_billed(db: Database) -> None:
    cid = seed(db)
    clock = FixedClock(NOW, tz=UTC_ZONE)
    close_day(db, clock, date(2026, 10, 31))
    billed = charges(db), closed(db)
    with db.write() as session:  # the price, the tax rate and the client change afterwards
        session.scalars(select(Plan)).one().in_pack_price_cents = 9_900
        session.get_one(Client, cid).tax_rate = Decimal("25")
    clock.advance(timedelta(days=1))
    assert close_day(db, clock, date(2026, 10, 31), force=True).status == "done"  # refresh --since
    assert (charges(db), closed(db)) == billed


def test_r_bl_5_a_cycle_older_than_the_one_just_ended_is_never_billed_late(db: Database) -> None:
    seed(db)
    december = FixedClock(NOW + timedelta(days=30), tz=UTC_ZONE)  # October ended a month ago, unclosed
    assert close_day(db, december, date(2026, 10, 31), force=True).status == "done"  # refresh --since
    assert closed(db) == []


def test_the_migration_marks_the_cycles_billed_before_it_closed(db: Database) -> None:
    """Every cycle with charges before the latest (the one in progress), whatever the machine's date."""
    with db.write() as session:
        make_agency(session)
        cid = make_client(session, "Bloom Florists").id
    in_progress = date(2000, 3, 1)
    migrate.downgrade(db, "0011")
    try:
        with db.engine.begin() as connection:
            for cycle, total in ((date(2000, 1, 1), 100), (date(2000, 2, 1), 250), (in_progress, 999)):
                connection.execute(text(
                    "INSERT INTO billing_charge (client_id, cycle, in_pack, provisional, license_cents, "
                    "product_cents, overage_cents, services_cents, agency_services_cents, tax_cents, total_cents) "
                    "VALUES (:c, :cycle, false, false, :t, 0, 0, 0, 0, 0, :t)"), {"c": cid, "cycle": cycle, "t": total})
    finally:
        migrate.upgrade(db)
    assert closed(db) == [(date(2000, 1, 1), 1, 100, 0, 0, 0, 100), (date(2000, 2, 1), 1, 250, 0, 0, 0, 250)]
