"""The audit log (R-ACC-5): newest first, filters, before and after as data — and every change made
on the administration screens shows up in it."""

from __future__ import annotations

from sqlalchemy import update

from console_tui.data.commands.options import add_client_manager
from console_tui.data.schema import Client
from console_tui.screens.admin.agency_users import AgencyUsersScreen
from console_tui.screens.admin.audit_log import AuditLogScreen
from console_tui.screens.admin.email_limits import EmailLimitsScreen
from console_tui.screens.admin.my_account import MyAccountScreen
from tests.ui.admin.conftest import WIDE, open_screen, press, settle, shown_rows, status, type_text
from tests.ui.test_hostile_names import assert_clean_output

HOSTILE = "[@click=app.quit]x[/] \x1b[2Jbad"


def actions(app) -> list[str]:  # noqa: ANN001
    return [row[2] for row in shown_rows(app, "#audit")]


def detail(app) -> list[tuple[str, ...]]:  # noqa: ANN001
    return shown_rows(app, "#audit-detail")


async def test_r_acc_5_newest_first_with_before_and_after(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AuditLogScreen())
        assert status(app) == "2 entries, newest first"
        assert shown_rows(app, "#audit")[0][:4] == ("20 Nov 2026 06:30", "admin", "Client Manager added",
                                                    "Evergreen Accounting")
        assert detail(app) == [("managers", "(nothing)", "sam"), ("added", "—", "sam")]
        assert str(app.screen.query_one("#audit-head").render()) == (
            "#2 · 20 Nov 2026 06:30 · admin · Client Manager added · client Evergreen Accounting (#5)")
        await press(pilot, "down")
        assert detail(app) == [("email limit · Acme Widgets (#1)", "none", "70000"),
                               ("email limit · Blue Harbor Dental (#2)", "none", "3000")]


async def test_r_acc_5_filter_by_user_client_and_action(make_admin_app, admin_db, clock):
    add_client_manager(admin_db, clock, "admin", 6, "carla")
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AuditLogScreen())
        assert actions(app) == ["Client Manager added", "Client Manager added", "Email limits changed"]
        await press(pilot, "slash")
        await type_text(pilot, "fjord")
        await press(pilot, "enter")
        assert [row[3] for row in shown_rows(app, "#audit")] == ["Fjord Coffee Roasters"]
        screen.query_one("#filter-client").value = "#5"
        await pilot.pause(0.5)  # the client filter applies after a pause in typing
        await settle(pilot)
        assert [row[3] for row in shown_rows(app, "#audit")] == ["Evergreen Accounting"]
        screen.query_one("#filter-client").value = ""
        screen.query_one("#filter-action").value = "set_email_limits"
        await settle(pilot)
        assert actions(app) == ["Email limits changed"]
        screen.query_one("#filter-action").clear()
        screen.query_one("#filter-user").value = "sam"
        await settle(pilot)
        assert actions(app) == [] and "No change matches these filters." in screen.query_one("#audit").empty


async def test_r_acc_5_opened_for_one_client(make_admin_app, admin_db, clock):
    add_client_manager(admin_db, clock, "admin", 6, "carla")
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AuditLogScreen(client_id=6))
        assert [row[3] for row in shown_rows(app, "#audit")] == ["Fjord Coffee Roasters"]


async def test_r_acc_5_values_are_data_never_markup(make_admin_app, admin_db, clock):
    with admin_db.write() as session:
        session.execute(update(Client).where(Client.id == 6).values(name=HOSTILE))
    add_client_manager(admin_db, clock, "admin", 6, "carla")
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AuditLogScreen())
        assert shown_rows(app, "#audit")[0][3] == "[@click=app.quit]x[/] bad"
        assert "[@click=app.quit]x[/] bad" in str(app.screen.query_one("#audit-head").render())
        assert_clean_output(app)


async def test_r_acc_5_every_change_made_on_these_screens_is_in_the_audit_log(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        limits = await open_screen(pilot, EmailLimitsScreen())  # 1. email limits
        limits.table.cursor = 2
        await press(pilot, "5", "0", "0", "enter", "ctrl+s", "y")
        await press(pilot, "escape")
        await open_screen(pilot, MyAccountScreen())  # 2. the plan
        await press(pilot, "down", "c", "y", "escape")
        users = await open_screen(pilot, AgencyUsersScreen())  # 3. a user, access granted and revoked
        await press(pilot, "a")
        await type_text(pilot, "dana")
        await press(pilot, "tab")
        await type_text(pilot, "Dana Dev")
        await press(pilot, "tab")
        await type_text(pilot, "dana@northwind.example")
        app.screen.query_one("#add-role").value = "Sales Manager"
        await press(pilot, "ctrl+s")
        assert users.selected_login == "dana"
        await press(pilot, "g")
        await type_text(pilot, "acme")
        await press(pilot, "enter", "y")
        await press(pilot, "x", "x", "y")
        await press(pilot, "escape")
        await open_screen(pilot, AuditLogScreen())
        assert actions(app) == ["Client Manager removed", "Client Manager added", "Agency user added", "Plan changed",
                                "Email limits changed", "Client Manager added", "Email limits changed"]
        rows = shown_rows(app, "#audit")
        assert rows[0][3] == "Acme Widgets" and rows[4][3] == "Cedar & Pine Realty"
        assert all(row[1] == "admin" for row in rows)
        await press(pilot, "down", "down", "down")
        assert ("plan", "Growth", "Growth x2") in detail(app)
        await press(pilot, "down")
        assert detail(app) == [("email limit · Cedar & Pine Realty (#3)", "none", "500")]
