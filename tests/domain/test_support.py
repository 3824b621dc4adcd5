"""Direct Support default (R-OPT-6, R-DS-1) and Client Rebrand (R-OPT-8)."""

from __future__ import annotations

from console_tui.domain.support import (
    client_may_upload_logo,
    direct_support_default,
)


def test_r_ds_1_on_when_agency_does_not_use_billing_platform() -> None:
    assert direct_support_default(agency_uses_billing_platform=False) is True


def test_r_opt_6_off_when_agency_uses_billing_platform() -> None:
    assert direct_support_default(agency_uses_billing_platform=True) is False


def test_r_opt_8_only_an_unlocked_client_may_upload_its_logo() -> None:
    assert not client_may_upload_logo(rebrand_locked=True)
    assert client_may_upload_logo(rebrand_locked=False)
