"""Direct Support default and Client Rebrand lock (R-OPT-6, R-DS-1, R-OPT-8)."""

from __future__ import annotations

#: Tag shown on clients with Direct Support on (R-MC-2).
DIRECT_SUPPORT_TAG = "Direct Support"


def direct_support_default(agency_uses_billing_platform: bool) -> bool:
    """Direct Support for a new client (R-OPT-6, R-DS-1).

    On when the agency does **not** use the billing platform, off when it does.
    """
    return not agency_uses_billing_platform


def client_may_upload_logo(rebrand_locked: bool) -> bool:
    """A client may upload its own logo only while Client Rebrand is unlocked (R-OPT-8)."""
    return not rebrand_locked
