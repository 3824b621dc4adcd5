"""Focus is unmistakable: the focused field, dropdown, button, list row and client card, in the
default theme and in ``ansi-dark`` (the theme of 16-colour terminals). Each PNG was looked at before it was accepted."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from console_tui.screens.admin.agency_users import AgencyUsersScreen
from console_tui.screens.admin.audit_log import AuditLogScreen
from tests.ui.conftest import press, settle

NARROW = (80, 24)
THEMES = pytest.mark.parametrize("theme", ["textual-dark", "ansi-dark"])


def scene(theme: str, opener, *keys: str):  # noqa: ANN001, ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        pilot.app.theme = theme
        await settle(pilot)
        await opener(pilot)
        await press(pilot, *keys)
        await settle(pilot)

    return run_before


async def users(pilot) -> None:  # noqa: ANN001
    pilot.app.push_screen(AgencyUsersScreen())
    await settle(pilot)


async def audit_with_the_dropdown_focused(pilot) -> None:  # noqa: ANN001
    pilot.app.push_screen(AuditLogScreen())
    await settle(pilot)
    pilot.app.screen.set_focus(pilot.app.screen.query_one("#filter-user", Select))


async def nothing(pilot) -> None:  # noqa: ANN001
    return None


@THEMES
def test_focused_text_field(snap_compare, make_ui_app, theme):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=scene(theme, users, "a", *"dana", "tab"))


@THEMES
def test_focused_button(snap_compare, make_ui_app, theme):
    keys = ("a", *"dana", "tab", "tab", "tab", "tab")  # login, full name, email, role → Add user
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=scene(theme, users, *keys))


@THEMES
def test_focused_dropdown(snap_compare, make_ui_app, theme):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=scene(theme, audit_with_the_dropdown_focused))


@THEMES
def test_focused_list_row(snap_compare, make_ui_app, theme):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=scene(theme, nothing, "m", "j"))


@pytest.mark.parametrize("theme", ["ansi-dark", "textual-light"])
def test_the_client_card_under_the_cursor(snap_compare, make_ui_app, theme):
    """Its name line is highlighted and its marker runs down the card; its other lines stay plain."""
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=scene(theme, nothing, "j"))
