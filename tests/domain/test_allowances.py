"""Services and Allowances (R-OPT-4)."""

from __future__ import annotations

import pytest

from console_tui.domain.allowances import (
    SERVICE_CATALOGUE,
    addon_charge_cents,
    set_allowance,
)
from console_tui.domain.errors import ValidationError

DIALER = next(service for service in SERVICE_CATALOGUE if service.key == "sales_dialer")


def test_r_opt_4_catalogue_has_the_five_add_ons_and_no_email() -> None:
    names = [service.name for service in SERVICE_CATALOGUE]
    assert names == [
        "Sales Dialer",
        "SMS credits",
        "Call Tracking",
        "Extra Landing Pages",
        "Additional Storage",
    ]
    assert all(service.unit_price_cents > 0 for service in SERVICE_CATALOGUE)
    assert not any("mail" in service.key for service in SERVICE_CATALOGUE)


def test_r_opt_4_lowering_below_active_keeps_billing_on_active_and_says_so() -> None:
    change = set_allowance(current_active=5, new_allowance=3, service=DIALER)
    assert (change.allowance, change.active, change.billed_quantity) == (3, 5, 5)
    assert change.note is not None
    assert "Nothing is deactivated" in change.note
    assert "billing continues on the 5 seats active until services are removed" in change.note


def test_r_opt_4_raising_or_equal_has_no_note() -> None:
    assert set_allowance(5, 5).note is None
    assert set_allowance(5, 8).note is None
    assert set_allowance(5, "8").allowance == 8


@pytest.mark.parametrize("bad", [-1, "-1", "1.5", "", True])
def test_r_opt_4_allowance_must_be_whole_number(bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        set_allowance(0, bad)  # type: ignore[arg-type]
    assert "allowance" in caught.value.field_errors


def test_r_opt_4_charge_on_active_amount() -> None:
    assert addon_charge_cents(DIALER, 5) == 5 * DIALER.unit_price_cents
