"""Billing (R-BL-1, R-BL-2, R-BL-3, R-BL-4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from console_tui.domain.allowances import SERVICE_CATALOGUE
from console_tui.domain.billing import (
    AddonUse,
    BillableClient,
    Pricing,
    charges,
    cycle_charges,
    in_pack_assignment,
    license_cents,
    totals,
)
from console_tui.domain.configuration import Term

SERVICES = {service.key: service for service in SERVICE_CATALOGUE}
PRICING = Pricing(
    in_pack_license_cents=5_000,
    additional_license_cents=8_000,
    annual_discount_pct=Decimal("10"),
    included_emails=10_000,
    overage_per_1000_cents=150,
    direct_support_cents=2_000,
)


def client(cid: int, created: date = date(2024, 1, 1), **kw: object) -> BillableClient:
    return BillableClient(cid, created, **kw)  # type: ignore[arg-type]


def test_r_bl_1_in_pack_goes_to_the_oldest_counted_clients() -> None:
    clients = [
        client(1, date(2024, 5, 1)),
        client(2, date(2023, 1, 1), status_counts=False),  # older, but not counted
        client(3, date(2024, 2, 1)),
        client(4, date(2022, 1, 1), kind="lead"),
        client(5, date(2024, 3, 1), status_counts=True),  # a custom status that counts
    ]
    assert in_pack_assignment(clients, 2) == {3, 5}
    assert in_pack_assignment(clients, 10) == {1, 3, 5}
    assert in_pack_assignment(clients, 0) == set()


def test_r_bl_1_id_breaks_ties_on_the_same_created_date() -> None:
    clients = [client(9), client(4), client(7)]
    assert in_pack_assignment(clients, 2) == {4, 7}


def test_r_bl_1_rates_and_annual_discount() -> None:
    assert license_cents(client(1), PRICING, in_pack=True) == 5_000
    assert license_cents(client(1), PRICING, in_pack=False) == 8_000
    assert license_cents(client(1, term=Term.ANNUAL), PRICING, in_pack=False) == 7_200
    assert license_cents(client(1, status_counts=False), PRICING, in_pack=True) == 0


def test_r_bl_1_annual_discount_rounds_half_up() -> None:
    pricing = Pricing(5_005, 5_005, annual_discount_pct=Decimal("10"))
    assert license_cents(client(1, term=Term.ANNUAL), pricing, in_pack=True) == 4_505  # 4504.5


def test_r_bl_2_margin_protection_passes_price_increases_through() -> None:
    old = Pricing(4_000, 7_000)
    protected = client(1, margin_protection=True, agreed_pricing=old)
    unprotected = client(2, margin_protection=False, agreed_pricing=old)
    assert license_cents(protected, PRICING, in_pack=True) == 5_000
    assert license_cents(unprotected, PRICING, in_pack=True) == 4_000
    cheaper = Pricing(3_000, 6_000)
    assert license_cents(protected, cheaper, in_pack=True) == 4_000


def test_r_bl_3_charge_lines_tax_and_total() -> None:
    c = client(
        1,
        term=Term.MONTHLY,
        tax_rate=Decimal("8.25"),
        config_complete=True,
        emails_sent=12_345,
        addons=(
            AddonUse(SERVICES["sales_dialer"], 2),
            AddonUse(SERVICES["storage_gb"], 10),
        ),
        direct_support=True,
        agency_services_cents=10_000,
    )
    row = charges(c, PRICING, in_pack=False)
    assert row.license_cents == 8_000
    assert row.email_overage_cents == 3 * 150  # 2,345 over -> 3 started thousands
    assert row.addons_cents == 2 * 2_500 + 10 * 50
    assert row.direct_support_cents == 2_000
    assert row.product_overages_cents == 450 + 5_500 + 2_000
    assert row.agency_services_cents == 10_000
    assert row.subtotal_cents == 25_950
    assert row.tax_cents == 2_141  # 2140.875 -> 2141
    assert row.total_cents == 28_091
    assert not row.provisional


def test_r_bl_3_add_ons_billed_on_active_amount() -> None:
    row = charges(
        client(1, addons=(AddonUse(SERVICES["call_tracking"], 4),)), PRICING, in_pack=True
    )
    assert row.addons_cents == 4 * 300


def test_r_bl_3_incomplete_configuration_is_provisional() -> None:
    row = charges(client(1), PRICING, in_pack=True)
    assert row.provisional and row.tax_cents == 0


def test_r_bl_4_cycle_totals_and_provisional_rows() -> None:
    clients = [
        client(1, date(2024, 1, 1), tax_rate=Decimal("10"), config_complete=True),
        client(2, date(2024, 2, 1), tax_rate=Decimal("0"), config_complete=True),
        client(3, date(2024, 3, 1)),
    ]
    rows = cycle_charges(clients, PRICING, in_pack_count=1)
    assert [row.in_pack for row in rows] == [True, False, False]
    assert [row.total_cents for row in rows] == [5_500, 8_000, 8_000]
    t = totals(rows)
    assert (t.license_cents, t.tax_cents, t.total_cents, t.provisional_rows) == (
        21_000,
        500,
        21_500,
        1,
    )
