"""Only Administrators may use the administration screens (R-ACC-3); a refusal names the role
needed and the user's own (R-ACC-4) — on screen, and again in the service layer for every change."""

from __future__ import annotations

import pytest

from console_tui.domain.errors import PermissionDenied
from console_tui.screens.admin.agency_billing import AgencyBillingScreen
from console_tui.screens.admin.agency_users import AgencyUsersScreen
from console_tui.screens.admin.audit_log import AuditLogScreen
from console_tui.screens.admin.client_usage import ClientUsageScreen
from console_tui.screens.admin.email_limits import EmailLimitsScreen
from console_tui.screens.admin.my_account import MyAccountScreen
from tests.ui.admin.conftest import WIDE, notice, open_screen, press, status

SCREENS = [
    (EmailLimitsScreen, "Email Limits", "#limits"),
    (ClientUsageScreen, "Client Usage", "#usage"),
    (AgencyBillingScreen, "Billing", "#billing"),
    (AgencyUsersScreen, "Agency Users", "#users"),
    (AuditLogScreen, "Audit Log", "#audit"),
]
ROLES = {"sam": "Salesperson", "carla": "Company Manager"}


def refusal(label: str, role: str) -> str:
    return (f"{label} was refused: it needs the Administrator role; your role is {role}. "
            "Ask an Administrator to do it or to change your access.")


@pytest.mark.parametrize(("screen_class", "label", "table"), SCREENS, ids=[s[1] for s in SCREENS])
@pytest.mark.parametrize("login", list(ROLES))
async def test_r_acc_4_non_administrators_are_refused_with_the_role_named(make_admin_app, screen_class, label,
                                                                          table, login):
    app = make_admin_app(login=login)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, screen_class())
        assert notice(app) == refusal(label, ROLES[login])
        assert status(app) == "Not shown: see why below"
        assert screen.query_one(table).row_count == 0
        await press(pilot, "r")  # trying again says the same
        assert notice(app) == refusal(label, ROLES[login])
        await press(pilot, "escape")
        assert app.screen is not screen


async def test_r_acc_3_my_account_is_for_everyone_but_the_plan_change_is_refused(make_admin_app, admin_db):
    app = make_admin_app(login="sam")
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, MyAccountScreen())
        assert status(app) == "Growth plan (2 of 4) · warns from 90 % · plan changes: Administrators"
        assert str(screen.query_one("#bar-clients").render()).endswith("4 of 10 counted (40 %)")
        assert screen.query_one("#not-counted").row_count == 0  # none of sam's clients is uncounted
        assert screen.query_one("#not-counted").empty == "None of the clients you may access is left out of the count."
        assert "Not counted: 4 (1 lead, 1 prospect, 1 Inactive and 1 Suspended). The list names only the " \
               "clients you may access." in str(screen.query_one("#counting").render())
        await press(pilot, "down", "c")
        assert app.screen is screen
        assert notice(app) == refusal("Changing the plan", "Salesperson")


def test_r_acc_4_every_change_is_refused_in_the_service_layer_too(make_admin_app, admin_ids):
    admin = make_admin_app(login="sam").admin
    changes = {
        "Email Limits": lambda: admin.save_email_limits({admin_ids["Acme Widgets"]: "1"}, {}),
        "Changing the plan": lambda: admin.change_plan(2, None),
        "Agency Users": lambda: admin.add_user(login="x", full_name="X Y", email="x@y.example", role="Salesperson"),
        "Client Managers": lambda: admin.grant_access("carla", admin_ids["Acme Widgets"]),
    }
    for label, change in changes.items():
        with pytest.raises(PermissionDenied) as caught:
            change()
        assert str(caught.value).startswith(f"{label} was refused: it needs the Administrator role; your role is "
                                            "Salesperson")
