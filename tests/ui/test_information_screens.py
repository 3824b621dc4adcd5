"""The Information keys (R-CMC-3 section 1), Recent Places, agency dashboard, Manage Clients,
and who may open them (R-ACC-2, R-ACC-3)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from console_tui.data.engine import Database
from console_tui.data.schema import ClientAccess
from console_tui.screens.console.console import ConsoleScreen
from tests.ui.conftest import notes, press, settle
from tests.ui.seed import NOW


@pytest.mark.parametrize(
    ("key", "screen_name", "table", "rows"),
    [
        ("u", "UserAccountsScreen", "#users", 4),
        ("s", "AccountSettingsScreen", "#profile", 20),
        ("b", "BillingOverviewScreen", "#charges", 12),
        ("t", "TeamCallScreen", "#calls", 1),
    ],
)
async def test_information_keys_open_their_screen_with_data(make_ui_app, key, screen_name, table, rows):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        assert type(app.screen).__name__ == screen_name
        assert not app.screen.status.has_class("-error")
        assert app.screen.query_one(table).row_count == rows
        assert "Acme Widgets" in str(app.screen.query_one("TitleBar").render())
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)


async def test_avatar_screen_shows_the_logo_as_a_picture(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        picture = app.screen.query_one("AvatarPicture")
        assert picture._rows and not picture._note
        assert "image/png, 32 × 32 pixels" in str(app.screen.query_one("#avatar-facts").render())


async def test_p_opens_a_recent_place_content_page(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        assert type(app.screen).__name__ == "PlacePicker"
        await press(pilot, "down", "enter")  # the company's first place: a content item
        assert type(app.screen).__name__ == "ContentPageScreen"
        assert "Spring Newsletter" in str(app.screen.query_one("#page-title").render())


async def test_agency_name_opens_the_agency_dashboard(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#agency")
        await settle(pilot)
        assert type(app.screen).__name__ == "AgencyDashboardScreen"
        facts = dict(app.screen.query_one("#facts")._rows)
        assert facts["Utilization score"] == "72% · Tiger"
        assert facts["Plan"] == "Growth: 4 of 10 counted clients (40%)"


async def test_r_cap_1_the_plan_figure_is_the_agencys_for_a_salesperson_too(make_ui_app):
    app = make_ui_app(login="sam")  # sees two clients; the plan counts all four counted ones
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#agency")
        await settle(pilot)
        facts = dict(app.screen.query_one("#facts")._rows)
        assert facts["Plan"] == "Growth: 4 of 10 counted clients (40%)"
        assert facts["Clients you can see"] == "2"


async def test_m_opens_manage_clients_for_an_administrator(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        assert type(app.screen).__name__ == "ManageClientsScreen"


async def test_r_acc_2_a_salesperson_sees_only_the_clients_they_manage(make_ui_app):
    app = make_ui_app(login="sam")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [c.name for c in app.console_screen.clients.clients] == ["Acme Widgets", "Blue Harbor Dental"]


@pytest.mark.parametrize(
    ("key", "needed"),
    [("b", "Billing needs the Administrator role"),
     ("u", "User Accounts needs the Administrator or Company Manager roles"),
     ("m", "Manage Clients needs the Administrator role")],
)
async def test_r_acc_3_refused_keys_name_the_role_needed(make_ui_app, key, needed):
    app = make_ui_app(login="sam")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        assert isinstance(app.screen, ConsoleScreen)
        assert needed in notes(app)[-1]


async def test_r_acc_3_a_company_manager_may_open_user_accounts(make_ui_app, ui_db_url):
    database = Database(ui_db_url)
    with database.write() as session:  # carla manages Acme
        session.add(ClientAccess(agency_user_id=3, client_id=1, granted_at=NOW))
    database.dispose()
    app = make_ui_app(login="carla")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "u")
        assert type(app.screen).__name__ == "UserAccountsScreen"
        assert app.screen.query_one("#users").row_count == 4


async def test_r_acc_3_switching_in_needs_client_manager_of_that_client(make_ui_app, ui_db_url):
    app = make_ui_app(login="sam")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        database = Database(ui_db_url)
        with database.write() as session:  # an Administrator removes sam from Acme meanwhile
            session.execute(delete(ClientAccess).where(ClientAccess.client_id == 1))
        database.dispose()
        await press(pilot, "enter")
        assert isinstance(app.screen, ConsoleScreen) and app.inside is None
        assert "needs the Administrator role, or any other role as a Client Manager of this client" in notes(app)[-1]
