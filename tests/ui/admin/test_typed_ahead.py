"""Keys typed ahead (a burst over SSH, a paste of keystrokes) land where the person meant them: a
field's characters in that field, ``tab`` moving on before the next key is handled, in order.

``pilot.press`` waits for the app to be idle after each key, so it never sends a burst; :func:`burst`
queues every key at once, as a terminal read of several keys does.
"""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from console_tui.screens.admin.agency_users import AgencyUsersScreen
from console_tui.screens.dialogs.add_user_dialog import AddUserDialog
from tests.ui.admin.conftest import WIDE, open_screen, press, settle

NAMED = {"tab": None, "shift+tab": None, "enter": "\r", "down": None, "escape": "\x1b", "@": "@", ".": "."}
KEY_NAMES = {"@": "at", ".": "full_stop", " ": "space", "&": "ampersand"}


async def burst(pilot: Pilot, *keys: str) -> None:
    """Queue all ``keys`` before the app handles any of them, then let it catch up."""
    for key in keys:
        name = KEY_NAMES.get(key, key)
        char = key if len(key) == 1 else NAMED.get(key)
        event = events.Key(name, char)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
    await settle(pilot)


async def test_a_burst_with_tabs_fills_each_field_of_add_user(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, AddUserDialog)
        await burst(pilot, "z", "e", "d", "tab", "Z", "e", "d", "tab", *"zed@x.example")
        assert dialog.form() == {"login": "zed", "full_name": "Zed", "email": "zed@x.example", "role": ""}
        await burst(pilot, "shift+tab", "shift+tab", "X", "tab", "!")  # a field tabbed into is selected whole
        assert dialog.form() == {"login": "X", "full_name": "!", "email": "zed@x.example", "role": ""}


async def test_enter_in_a_burst_moves_on_before_the_next_key(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "a")
        dialog = app.screen
        await burst(pilot, "z", "e", "d", "enter", "Z", "e", "d", "enter", *"zed@x.example")
        assert dialog.form() == {"login": "zed", "full_name": "Zed", "email": "zed@x.example", "role": ""}
