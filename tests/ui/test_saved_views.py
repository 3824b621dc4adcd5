"""``v`` in the console and in Manage Clients (R-VIEW-2): the picker lists the views you see; enter
puts the view's filter in the search line, applies its sort and shows its name in the bar until the
search line is changed."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from console_tui.data.commands.saved_views import add_view
from console_tui.data.engine import Database
from console_tui.screens.dialogs.view_picker import EMPTY, ViewPicker
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.widgets.management_bar import ManagementBar
from console_tui.widgets.title_bar import TitleBar
from tests.ui.conftest import press, settle

WIDE, NARROW = (120, 40), (80, 24)


@pytest.fixture
def with_views(ui_db_url: str, clock) -> None:  # noqa: ANN001
    database = Database(ui_db_url)
    add_view(database, clock, "admin", "Big senders", "", "sent:desc", shared=True)
    add_view(database, clock, "admin", "Risky [b]senders[/b]", 'sender>=at-risk -tag:"EBS Active"')
    add_view(database, clock, "sam", "Sam's own", "util<25")  # another user's private view: not listed
    database.dispose()


def bar_view(app) -> str:  # noqa: ANN001
    bar = app.console_screen.query_one(ManagementBar)
    return str(bar.query_one("#view", Static).render()) if bar.has_class("-view") else ""


async def test_r_view_2_v_applies_a_view_in_the_console(make_ui_app, with_views) -> None:  # noqa: ANN001
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        console = app.console_screen
        by_name = [c.name for c in console.clients.clients]
        await press(pilot, "v")
        assert isinstance(app.screen, ViewPicker)
        assert [view.name for view in app.screen.views] == ["Big senders", "Risky [b]senders[/b]"]
        assert app.screen.query_one(OptionList).option_count == 2
        await press(pilot, "enter")
        assert app.screen is console and bar_view(app) == "▸ Big senders"
        assert console.search.value == ""
        sent = [c.emails_sent_30d for c in console.clients.clients]
        assert sent == sorted(sent, reverse=True) and sent != [c.emails_sent_30d for c in sorted(
            console.clients.clients, key=lambda c: c.name.casefold())]
        await press(pilot, "v", "down", "enter")
        assert console.search.value == 'sender>=at-risk -tag:"EBS Active"'
        assert bar_view(app) == "▸ Risky [b]senders[/b]"  # the name as typed, never markup
        assert [c.name for c in console.clients.clients] == by_name  # sorted by name again
        await press(pilot, "v")
        assert app.screen.query_one(OptionList).highlighted == 1  # the view in force
        await press(pilot, "escape")
        assert app.screen is console and bar_view(app) == "▸ Risky [b]senders[/b]"
        await press(pilot, "slash", "x")
        assert bar_view(app) == ""  # the line changed: no longer the view


async def test_r_view_2_clearing_the_search_line_ends_the_views_sort(make_ui_app, with_views) -> None:  # noqa: ANN001
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        console = app.console_screen
        by_name = [c.name for c in console.clients.clients]
        await press(pilot, "v", "enter", "slash", "a")
        assert bar_view(app) == "" and console.order == ("sent", True)  # refining keeps the order
        await press(pilot, "backspace")
        assert console.order is None and [c.name for c in console.clients.clients] == by_name


async def test_r_view_2_v_applies_a_view_in_manage_clients(make_ui_app, with_views) -> None:  # noqa: ANN001
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        manage = app.screen
        assert isinstance(manage, ManageClientsScreen)
        await press(pilot, "v", "enter")
        assert (manage.sort, manage.reverse) == ("sent", False)  # most sent first: the table's own order
        sent = [row.sent_this_cycle for row in manage.shown]
        assert sent == sorted(sent, reverse=True)
        title = str(manage.query_one(TitleBar).render())
        assert title.startswith("Manage Clients · Northwind Partners · ▸ Big senders")
        assert str(manage.query_one("#manage-filters", Static).render()).endswith("sort: sent this cycle")
        await press(pilot, "v", "down", "enter")
        assert manage.search.value == 'sender>=at-risk -tag:"EBS Active"' and manage.sort == "name"
        assert "· ▸ Risky [b]senders[/b] ·" in str(manage.query_one(TitleBar).render())
        await press(pilot, "escape")  # clears the search line
        assert manage.search.value == "" and manage.view is None
        assert "▸" not in str(manage.query_one(TitleBar).render())


async def test_r_view_2_the_picker_says_how_to_add_a_view_when_there_is_none(make_ui_app) -> None:  # noqa: ANN001
    app = make_ui_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "v")
        assert str(app.screen.query_one("#views-state", Static).render()) == EMPTY
        await press(pilot, "enter", "escape")
        assert app.screen is app.console_screen and bar_view(app) == ""


def _open_picker():  # noqa: ANN202
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, "v")
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_the_view_picker(snap_compare, make_ui_app, with_views, size) -> None:  # noqa: ANN001
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=_open_picker())
