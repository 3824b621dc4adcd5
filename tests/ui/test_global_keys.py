"""The key table says what each key opens: the routes are read from its rows, one ``open`` action
opens any of them, and the agency's administration screens have global keys, palette entries and
the help screen's first lines on the screen they are pressed on."""

from __future__ import annotations

import pytest

from console_tui.app.application import ConsoleApp
from console_tui.screens.console import routes
from console_tui.screens.console.client_detail import ClientDetailScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.console.palette import KeyCommandsProvider
from console_tui.screens.dialogs.help import HelpScreen
from console_tui.screens.manage.page_menu import PAGE_ITEMS
from console_tui.ui import keys
from tests.ui.conftest import press, settle

#: The administration screens that must be reachable by a global key (and the palette).
ADMIN = {
    "app.audit": "AuditLogScreen",
    "app.limits": "EmailLimitsScreen",
    "app.billing": "AgencyBillingScreen",
    "app.account": "MyAccountScreen",
    "app.users": "AgencyUsersScreen",
    "app.templates": "TemplatesScreen",
}


def notes(app: ConsoleApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_routes_are_the_key_tables_rows():
    """A screen is one module and one key row: the rows name the screens, the routes are read from
    them, and the console has one generic action instead of one method per screen."""
    console = keys.routes("console")
    assert set(routes.ROUTES) == set(console) and set(routes.AGENCY_ROUTES) == set(keys.routes("app"))
    for key_id, key in console.items():
        assert key.action == f"open('{key_id}')"
        assert routes.ROUTES[key_id] == (f"console_tui.screens.{key.screen}", key.needs)
    own = {name for name in dir(ConsoleScreen) if name.startswith("action_")}
    assert not own & {f"action_{key.id.partition('.')[2]}" for key in console.values()}
    assert {item.path for item in PAGE_ITEMS} <= {path for path, _ in routes.AGENCY_ROUTES.values()}


def test_administration_keys_are_global_and_collide_with_nothing():
    rows = keys.routes("app")
    for key_id in ADMIN:
        assert rows[key_id].screen.endswith(f":{ADMIN[key_id]}") and rows[key_id].palette
    taken: dict[str, str] = {}
    for key in keys.KEYS:
        if key.bind and key.scope != "app":
            for name in key.keys.split(","):
                taken[name] = key.id
    for key_id in ADMIN:
        for name in rows[key_id].keys.split(","):
            assert name not in taken, f"{key_id} ({name}) is also {taken.get(name)}"


@pytest.mark.parametrize("key_id", sorted(ADMIN))
async def test_a_global_key_opens_its_administration_screen(make_ui_app, key_id):
    app = make_ui_app()
    key = keys.routes("app")[key_id]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "d")  # from a screen above the console, too
        await press(pilot, key.keys)
        await settle(pilot)
        assert type(app.screen).__name__ == ADMIN[key_id]
        assert len(app.screen_stack) == 3  # over the screen in front, so esc goes back one step
        await press(pilot, "escape")
        assert isinstance(app.screen, ClientDetailScreen)


async def test_a_role_that_may_not_is_refused_with_the_role_needed(make_ui_app):
    app = make_ui_app(login="sam")  # a Salesperson
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key_id in ("app.audit", "app.users", "app.limits"):
            await press(pilot, keys.routes("app")[key_id].keys)
            await settle(pilot)
            assert isinstance(app.screen, ConsoleScreen)
            assert "Administrator" in notes(app)[-1]
            assert app._notifications and list(app._notifications)[-1].title == "Not allowed"


async def test_the_palette_lists_and_opens_the_administration_screens(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = KeyCommandsProvider(app.screen)
        commands = {description: action for description, action, _shown in provider._commands()}
        for key_id in ADMIN:
            assert keys.routes("app")[key_id].description in commands
        provider._run(commands["Audit log"])
        await settle(pilot)
        assert type(app.screen).__name__ == "AuditLogScreen"


def headings(app: ConsoleApp) -> list[str]:
    text = str(app.screen.query_one("Static").render())
    return [line for line in text.splitlines() if line and not line.startswith(" ")]


async def test_help_shows_the_screen_in_front_first_then_the_global_keys(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert headings(app)[:6] == ["Console", "Picking clients to compare", "Selecting clients (bulk changes)",
                                     "Every list", "Moving in lists", "Everywhere"]
        await press(pilot, "escape", "m")
        await settle(pilot)
        await press(pilot, "question_mark")
        assert headings(app)[:5] == ["Manage Clients", "Selecting clients (bulk changes)", "Every list",
                                     "Other screens", "Moving in lists"]
        assert headings(app)[5] == "Everywhere"
        await press(pilot, "escape", "escape", "L")
        await settle(pilot)
        await press(pilot, "question_mark")
        assert headings(app)[0] == "Audit log"
        assert "Everywhere" in headings(app)[:5]
