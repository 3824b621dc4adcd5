"""The console's plan warning under the management bar (R-CAP-2) and its ``x`` key to a client's
options menu (R-OPT-1, R-ACC-3), refused while inside a client (R-CMC-5)."""

from __future__ import annotations

from sqlalchemy import update

from console_tui.data.engine import Database
from console_tui.data.schema import Plan
from console_tui.screens.console.client_instance import ClientInstanceScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.screens.options.menu import ClientOptionsScreen
from tests.ui.conftest import press, settle
from tests.ui.manage.conftest import notes, text_of

WARNING_40 = "⚠ 40 % of the plan's clients are used (4 of 10); 6 more can be added before the plan is full"


def line(app) -> str:  # noqa: ANN001
    widget = app.console_screen.query_one("CapacityLine")
    return str(widget.render()) if widget.display else ""


def set_max_clients(url: str, n: int) -> None:
    database = Database(url)
    with database.write() as session:
        session.execute(update(Plan).values(max_clients=n))
    database.dispose()


async def test_r_cap_2_no_warning_below_the_setting(make_ui_app):
    app = make_ui_app()  # 4 of 10 counted, warning from 90 %
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert line(app) == ""


async def test_r_cap_2_the_warning_shows_under_the_management_bar_from_the_setting(make_ui_app):
    app = make_ui_app(warn_pct=40)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert line(app) == WARNING_40
        capacity = app.console_screen.query_one("CapacityLine")
        bar = app.console_screen.query_one("ManagementBar")
        assert capacity.region.y == bar.region.bottom and capacity.region.height == 1


async def test_r_cap_2_at_80x24_the_warning_is_one_ellipsised_line(make_ui_app):
    app = make_ui_app(warn_pct=40)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        capacity = app.console_screen.query_one("CapacityLine")
        assert capacity.region.height == 1
        shown = text_of(capacity)
        assert shown.startswith("⚠ 40 % of the plan's clients are used") and shown.endswith("…")
        assert app.console_screen.clients.current is not None  # the list still shows its rows


async def test_r_cap_2_the_warning_follows_a_reload(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert line(app) == ""
        set_max_clients(ui_db_url, 4)  # a plan change made elsewhere: now full
        await press(pilot, "r")
        assert line(app).startswith("⚠ All 4 clients of the plan are used: upgrade the plan, or suspend or remove")


async def test_r_cap_2_the_warning_follows_a_status_change_made_in_manage_clients(make_ui_app):
    app = make_ui_app(warn_pct=40)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert line(app) == WARNING_40
        await press(pilot, "m")
        assert isinstance(app.screen, ManageClientsScreen)
        await press(pilot, "t", "down", "enter", "y")  # Acme Widgets: Active → Suspended (3 of 10 counted)
        assert notes(app)[-1] == "Acme Widgets is now Suspended: not counted toward the plan."
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert line(app) == ""
        acme = next(c for c in app.console_screen.overview.clients if c.name == "Acme Widgets")
        assert acme.status == "Suspended"  # the list was reloaded too


async def test_r_cap_2_the_warning_follows_a_plan_change(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        set_max_clients(ui_db_url, 4)  # as My Account's plan change would
        await press(pilot, "escape")  # back at the console: the warning is read again
        assert line(app).startswith("⚠ All 4 clients of the plan are used")


# --- x: the client's options menu -------------------------------------------------------------------


async def test_r_opt_1_x_opens_the_options_menu_of_the_client_under_the_cursor(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "x")
        screen = app.screen
        assert isinstance(screen, ClientOptionsScreen)
        assert screen.client_id == app.console_screen.clients.current.id
        assert screen.client_name == "Blue Harbor Dental"
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)


async def test_r_cmc_5_x_is_refused_inside_a_client(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ClientInstanceScreen)
        app.console_screen.action_open("console.options")  # as the key would, if it could be reached
        await settle(pilot)
        assert isinstance(app.screen, ClientInstanceScreen)
        assert notes(app)[-1] == ("You are inside Acme Widgets. Press ctrl+r to return to the agency before "
                                  "opening the console.")
