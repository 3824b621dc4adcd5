"""Every search line over a list (the console's, Manage Clients', the pickers'): after each change of
the query the cursor is on the best match; ``enter`` in the line opens what the cursor is on;
``down`` goes into the list. Typed a key at a time, and typed in one burst."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.screens.options.menu import ClientOptionsScreen
from console_tui.widgets.client_list import ClientList
from tests.conftest import copy_database
from tests.ui import seed
from tests.ui.admin.test_typed_ahead import burst
from tests.ui.conftest import _seeded_template, press, settle

#: Names alike at the start: "Alvarez" first selects the catering company, which still matches
#: "Alvarez Law" loosely (fuzzy) when the query gets longer.
ALIKE = [*(name for name, *_ in seed.CLIENTS), "Alvarez & Garcia Catering", "Alvarez Law Offices",
         "Alvarado Landscaping"]


@pytest.fixture(scope="session")
def alike_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    return _seeded_template(tmp_path_factory.mktemp("alike"), sqlite_template, names=ALIKE)


@pytest.fixture
def alike_url(tmp_path: Path, alike_template: Path) -> str:
    return copy_database(alike_template, tmp_path / "alike.db")


async def test_console_search_typed_a_key_at_a_time_lands_in_the_client_typed(make_ui_app, alike_url):
    app = make_ui_app(url=alike_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        for key in "Alvarez Law":
            await pilot.press(key)
            await settle(pilot)
            shown = app.console_screen.clients
            assert shown.cursor == 0, key  # the best match, after every key
        assert app.console_screen.clients.current.name == "Alvarez Law Offices"
        await press(pilot, "enter", "enter")
        assert app.inside is not None and app.inside.name == "Alvarez Law Offices"


async def test_console_search_in_one_burst_and_down_into_the_list(make_ui_app, alike_url):
    app = make_ui_app(url=alike_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await burst(pilot, "slash", *"alvarez", "down", "down", "enter")
        assert isinstance(app.focused, ClientList) or app.inside is not None
        assert app.inside is not None and app.inside.name == "Alvarez Law Offices"


async def test_manage_clients_search_opens_the_best_match(make_ui_app, alike_url):
    app = make_ui_app(url=alike_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        assert isinstance(app.screen, ManageClientsScreen)
        await press(pilot, "slash")
        for key in "Alvarez L":
            await pilot.press(key)
            await settle(pilot)
            assert app.screen.table.cursor == 0, key
        await press(pilot, "enter")
        assert isinstance(app.screen, ClientOptionsScreen)
        assert app.screen.client_name == "Alvarez Law Offices"


MANY = [*ALIKE, *(f"Zephyr Client {n:02d}" for n in range(40))]


@pytest.fixture
def many_url(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> str:
    template = _seeded_template(tmp_path_factory.mktemp("many"), sqlite_template, names=MANY)
    return copy_database(template, tmp_path / "many.db")


async def test_sorting_keeps_the_cursor_on_its_client_in_view(make_ui_app, many_url):
    app = make_ui_app(url=many_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        screen = app.screen
        assert isinstance(screen, ManageClientsScreen)
        await press(pilot, "end", "up", "up", "up")  # a Zephyr client with no users, never sent
        chosen = screen.current.name
        for _ in range(8):  # users, last login, sent, name, twice
            await press(pilot, "s")
            table = screen.table
            assert screen.current.name == chosen
            assert table.scroll_y <= table.cursor < table.scroll_y + table.size.height - 1, screen.sort
        await press(pilot, "S")
        assert screen.current.name == chosen
        assert table.scroll_y <= table.cursor < table.scroll_y + table.size.height - 1


async def test_the_client_managers_picker_has_a_search_line(make_ui_app, ui_db_url):
    from console_tui.screens.dialogs.admin_dialogs import StaffPicker
    from tests.ui.manage.test_option_screens import open_option

    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Fjord Coffee Roasters", "4")
        await press(pilot, "a")
        picker = app.screen
        assert isinstance(picker, StaffPicker)
        assert [e.login for e in picker.shown] == ["carla", "sam"]
        for key in "sam":
            await pilot.press(key)
            await settle(pilot)
        assert [e.login for e in picker.shown] == ["sam"]
        await press(pilot, "enter", "y")
        assert [m.login for m in screen.view.managers] == ["sam"]


async def into_console_search(pilot) -> list[str]:  # noqa: ANN001
    """Once loaded, into the console's search line: the queries its filter searches for from now on."""
    await settle(pilot)
    await press(pilot, "slash")
    index = pilot.app.console_screen.index
    searched: list[str] = []
    search = index.search
    index.search = lambda query: searched.append(query) or search(query)
    return searched


def shown_names(app) -> list[str]:  # noqa: ANN001
    clients = app.console_screen.clients
    return [clients.clients[p].name for p in clients._shown]


async def test_a_burst_of_keys_filters_once_for_the_value_after_the_last_key(make_ui_app, alike_url):
    app = make_ui_app(url=alike_url)
    async with app.run_test(size=(80, 24)) as pilot:
        searched = await into_console_search(pilot)
        await burst(pilot, *"alvarez", "backspace", "z", " ", "l")
        assert searched == ["alvarez l"]
        assert shown_names(app)[0] == "Alvarez Law Offices"
        assert app.console_screen.clients.cursor == 0


async def test_a_typed_key_paints_once_with_its_results(make_ui_app, alike_url):
    """The line's own repaint and the list's reach the screen in one frame, even when filtering takes
    longer than a frame (as at 50,000 clients): one frame per key, not the character and then the list."""
    app = make_ui_app(url=alike_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await into_console_search(pilot)
        index = app.console_screen.index
        search = index.search
        index.search = lambda query: time.sleep(0.03) or search(query)
        frames: list[list[int]] = []  # per frame: the screen rows it rewrote
        display = app._display

        def recording(screen, update) -> None:  # noqa: ANN001
            if update is not None:
                frames.append(sorted({y for y, *_ in getattr(update, "spans", [])}))
            display(screen, update)

        app._display = recording
        for key in [*"alv", "backspace"]:
            frames.clear()
            await press(pilot, key)
            assert len(frames) == 1, (key, frames)


async def test_keys_typed_one_at_a_time_filter_after_each(make_ui_app, alike_url):
    app = make_ui_app(url=alike_url)
    async with app.run_test(size=(80, 24)) as pilot:
        searched = await into_console_search(pilot)
        await press(pilot, *"alv", "backspace")
        assert searched == ["a", "al", "alv", "al"]


async def test_a_search_cleared_by_the_screen_filters_at_once(make_ui_app, alike_url):
    app = make_ui_app(url=alike_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await into_console_search(pilot)
        await burst(pilot, *"alvarez")
        assert len(shown_names(app)) < len(ALIKE)
        app.console_screen.action_clear_or_back()
        assert len(shown_names(app)) == len(ALIKE)  # before any message is handled
