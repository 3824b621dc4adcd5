"""Figures never go stale between screens: a change on one screen reloads every open screen under it
(the one DataChanged signal), each screen says when its figures are from, and ``r`` starts afresh."""

from __future__ import annotations

from sqlalchemy import select, update

from console_tui.data.schema import Client, ClientStatus, Plan
from console_tui.screens.admin.agency_billing import AgencyBillingScreen
from console_tui.screens.admin.my_account import MyAccountScreen
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from tests.ui.admin.conftest import WIDE, notice, open_screen, press, settle
from tests.ui.seed import NOW


def capacity_line(screen) -> str:  # noqa: ANN001
    line = screen.query_one("CapacityLine")
    return str(line.render()) if line.display else ""


def summary(screen) -> str:  # noqa: ANN001
    return str(screen.query_one("#billing-summary").render())


def title(screen) -> str:  # noqa: ANN001
    return str(screen.query_one("TitleBar").render())


async def test_an_upgrade_on_my_account_refreshes_billing_and_manage_clients_underneath(make_admin_app, admin_db):
    with admin_db.write() as session:  # the plan full (10 of 10); the next plan includes more in-pack licenses
        active = session.scalar(select(ClientStatus.id).where(ClientStatus.name == "Active"))
        session.add_all(Client(name=f"New Client {n}", status_id=active, created_at=NOW) for n in range(6))
        session.execute(update(Plan).where(Plan.name == "Growth").values(in_pack_licenses=3))
        session.execute(update(Plan).where(Plan.name == "Growth x2").values(in_pack_licenses=12))
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        manage = await open_screen(pilot, ManageClientsScreen(app.console_screen.overview))
        assert capacity_line(manage).startswith("⚠ All 10 clients of the plan are used")
        billing = await open_screen(pilot, AgencyBillingScreen())
        assert "(the plan includes 3)" in summary(billing)
        await open_screen(pilot, MyAccountScreen())
        await press(pilot, "down", "c", "y")
        assert notice(app).startswith("The plan is now Growth x2")
        await press(pilot, "escape")
        assert app.screen is billing
        # the clients added today are in the charges so far, and the in-pack count follows the new plan
        assert "12 clients · licenses: 10 in-pack (the plan includes 12)" in summary(billing), summary(billing)
        await press(pilot, "escape")
        assert app.screen is manage and capacity_line(manage) == ""


async def test_every_screen_says_when_its_figures_are_from(make_admin_app, clock):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await open_screen(pilot, AgencyBillingScreen())
        stamp = f"as of {clock.now().astimezone(clock.tz):%H:%M}"
        assert title(screen).endswith(stamp), title(screen)
        manage = await open_screen(pilot, ManageClientsScreen(app.console_screen.overview))
        assert title(manage).endswith(stamp), title(manage)


async def test_r_clears_an_old_refusal_on_my_account(make_admin_app):
    app = make_admin_app(login="sam")  # not an Administrator: plan changes are refused
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, MyAccountScreen())
        await press(pilot, "c")
        assert "Administrator" in notice(app)
        await press(pilot, "r")
        assert notice(app) == ""
