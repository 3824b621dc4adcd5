"""Direct Support default (R-OPT-6, R-DS-1) and Client Rebrand (R-OPT-8)."""

from __future__ import annotations

from console_tui.domain.support import (
    client_may_upload_logo,
    direct_support_default,
    effective_logo,
)


def test_r_ds_1_on_when_agency_does_not_use_billing_platform() -> None:
    assert direct_support_default(agency_uses_billing_platform=False) is True


def test_r_opt_6_off_when_agency_uses_billing_platform() -> None:
    assert direct_support_default(agency_uses_billing_platform=True) is False


def test_r_opt_8_locked_rebrand_uses_agency_logo() -> None:
    assert effective_logo(True, "client.png", "agency.png") == "agency.png"
    assert not client_may_upload_logo(rebrand_locked=True)


def test_r_opt_8_unlocked_uses_client_logo_when_set() -> None:
    assert effective_logo(False, "client.png", "agency.png") == "client.png"
    assert effective_logo(False, None, "agency.png") == "agency.png"
    assert client_may_upload_logo(rebrand_locked=False)
