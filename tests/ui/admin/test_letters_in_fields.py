"""Letters typed into a text field, a dropdown or a picker's search line are data there: no global or
screen key fires (``g`` agency dashboard, ``m`` Manage Clients, ``q`` quit, ``n`` older, …), and ``esc``
goes back one step."""

from __future__ import annotations

from textual.widgets import Select

from console_tui.screens.admin.agency_dashboard import AgencyDashboardScreen
from console_tui.screens.admin.audit_log import AuditLogScreen
from console_tui.screens.admin.email_limits import EmailLimitsScreen
from tests.ui.admin.conftest import WIDE, open_screen, press, settle
from tests.ui.admin.test_typed_ahead import burst


async def test_letters_typed_on_a_dropdown_open_nothing(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AuditLogScreen())
        screen.set_focus(screen.query_one("#filter-user", Select))
        await settle(pilot)
        await press(pilot, *"Wagner", "m", "o", "c", "q", "u", "d", "x", "1")
        assert app.screen is screen and app.is_running
        await burst(pilot, *"gmq")
        assert app.screen is screen and app.is_running
        await press(pilot, "escape")
        assert app.screen is app.console_screen


async def test_letters_typed_in_the_expanded_dropdown_open_nothing(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AuditLogScreen())
        screen.set_focus(screen.query_one("#filter-action", Select))
        await press(pilot, "enter", *"gmq")
        assert app.screen is screen and app.is_running


async def test_letters_in_a_find_line_are_typed(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        await press(pilot, "slash", *"gmu")
        assert app.screen is screen
        assert screen.query_one("#find").value == "gmu"


async def test_esc_goes_back_one_step_to_the_screen_a_key_was_pressed_on(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AuditLogScreen())
        await press(pilot, "g")
        assert isinstance(app.screen, AgencyDashboardScreen)
        await press(pilot, "escape")
        assert app.screen is screen
        await press(pilot, "g", "m", "g")  # open already, further down: back to it, not a second copy
        assert isinstance(app.screen, AgencyDashboardScreen)
        assert [type(s).__name__ for s in app.screen_stack] == [
            "ConsoleScreen", "AuditLogScreen", "AgencyDashboardScreen"]
