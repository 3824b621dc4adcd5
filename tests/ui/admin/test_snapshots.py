"""Snapshots of the administration screens at 80x24 and 120x40, and of their main states (fixed
clock, seeded data, no cursor blink). Each is pushed over the console as the page menu will.

Every SVG under ``__snapshots__`` was rendered to PNG and looked at before it was accepted.
Update with ``pytest tests/ui/admin/test_snapshots.py --snapshot-update`` — and look again.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from console_tui.data.schema import Client, ClientStatus
from console_tui.screens.admin.agency_billing import AgencyBillingScreen
from console_tui.screens.admin.agency_users import AgencyUsersScreen
from console_tui.screens.admin.audit_log import AuditLogScreen
from console_tui.screens.admin.billing_history import BillingHistoryScreen
from console_tui.screens.admin.client_usage import ClientUsageScreen
from console_tui.screens.admin.email_limits import EmailLimitsScreen
from console_tui.screens.admin.my_account import MyAccountScreen
from tests.ui.admin.conftest import NARROW, WIDE, press, settle
from tests.ui.seed import NOW

SCREENS = {
    "email_limits": EmailLimitsScreen,
    "client_usage": ClientUsageScreen,
    "billing": AgencyBillingScreen,
    "billing_history": BillingHistoryScreen,
    "my_account": MyAccountScreen,
    "agency_users": AgencyUsersScreen,
    "audit_log": AuditLogScreen,
}


def opened(screen_class, *keys: str):  # noqa: ANN001, ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        pilot.app.push_screen(screen_class())
        await settle(pilot)
        await press(pilot, *keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_80x24(snap_compare, make_admin_app, name):
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(SCREENS[name]))


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_120x40(snap_compare, make_admin_app, name):
    assert snap_compare(make_admin_app(), terminal_size=WIDE, run_before=opened(SCREENS[name], "down"))


def test_email_limits_edited_and_refused(snap_compare, make_admin_app):
    keys = ("down", "down", "8", "0", "0", "0", "0", "enter", "enter", "minus", "3", "enter", "ctrl+s")
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(EmailLimitsScreen, *keys))


def test_email_limits_editing_in_place(snap_compare, make_admin_app):
    keys = ("down", "down", "enter", "1", "full_stop", "5")
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(EmailLimitsScreen, *keys))


def test_email_limits_confirm(snap_compare, make_admin_app):
    keys = ("down", "down", "8", "0", "0", "0", "0", "enter", "ctrl+s")
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(EmailLimitsScreen, *keys))


def test_my_account_warning_from_the_setting(snap_compare, make_admin_app):
    assert snap_compare(make_admin_app(warn_pct=40), terminal_size=NARROW, run_before=opened(MyAccountScreen))


def test_my_account_full_with_the_refusal(snap_compare, make_admin_app, admin_db):
    with admin_db.write() as session:
        active = session.scalar(select(ClientStatus.id).where(ClientStatus.name == "Active"))
        session.add_all(Client(name=f"New Client {n}", status_id=active, created_at=NOW) for n in range(6))
    assert snap_compare(make_admin_app(), terminal_size=WIDE, run_before=opened(MyAccountScreen))


def test_my_account_downgrade_refused(snap_compare, make_admin_app):
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(MyAccountScreen, "up", "c", "y"))


def test_agency_users_add_form_refused(snap_compare, make_admin_app):
    keys = ("a", "tab", "D", "a", "n", "a", "tab", "x", "ctrl+s")
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(AgencyUsersScreen, *keys))


def test_agency_users_grant_picker(snap_compare, make_admin_app):
    keys = ("down", "g", "h", "a", "r")
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(AgencyUsersScreen, *keys))


def test_agency_users_role_choice(snap_compare, make_admin_app):
    keys = ("down", "down", "e")
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(AgencyUsersScreen, *keys))


def test_agency_users_deactivate_confirm(snap_compare, make_admin_app):
    keys = ("down", "down", "d")
    assert snap_compare(make_admin_app(), terminal_size=NARROW, run_before=opened(AgencyUsersScreen, *keys))


def test_non_administrator_refused(snap_compare, make_admin_app):
    assert snap_compare(make_admin_app(login="sam"), terminal_size=NARROW, run_before=opened(AgencyBillingScreen))


def test_my_account_for_a_salesperson(snap_compare, make_admin_app):
    assert snap_compare(make_admin_app(login="sam"), terminal_size=NARROW, run_before=opened(MyAccountScreen, "c"))


SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])


@SIZES
def test_email_limits_what_if_panel_r_wi_1(snap_compare, make_admin_app, size):
    """Blue Harbor Dental at 5,000: the cycle so far and the job the limit would block, under the table."""
    keys = ("down", "5", "0", "0", "0", "enter", "up")
    assert snap_compare(make_admin_app(), terminal_size=size, run_before=opened(EmailLimitsScreen, *keys))


@SIZES
def test_scheduled_jobs_r_wi_1(snap_compare, make_admin_app, size):
    """Blue Harbor Dental's scheduled email jobs, opened with e from Email Limits."""
    assert snap_compare(make_admin_app(), terminal_size=size, run_before=opened(EmailLimitsScreen, "down", "e"))


@SIZES
def test_plan_change_what_if_r_wi_3(snap_compare, make_admin_app, admin_db, size):
    """Growth → Growth x2 (more in-pack licenses, cheaper): capacity and the monthly cost before and after."""
    from sqlalchemy import update

    from console_tui.data.schema import Plan

    with admin_db.write() as session:
        session.execute(update(Plan).where(Plan.name == "Growth x2").values(in_pack_licenses=8,
                                                                            in_pack_price_cents=1_000))
    assert snap_compare(make_admin_app(), terminal_size=size, run_before=opened(MyAccountScreen, "down", "c"))
