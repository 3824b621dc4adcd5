"""Pilot tests for the console's key paths (R-CMC-1..5)."""

from __future__ import annotations

from sqlalchemy import update

from console_tui.data.engine import Database
from console_tui.data.schema import Client, RollupState
from console_tui.screens.console.client_detail import ClientDetailScreen
from console_tui.screens.console.client_instance import ClientInstanceScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.dialogs.help import HelpScreen
from console_tui.widgets.client_list import ClientList
from tests.ui.conftest import notes, press, settle
from tests.ui.seed import AS_OF, CLIENTS

NAMES = sorted(name for name, *_ in CLIENTS)


def current_name(app) -> str:  # noqa: ANN001
    client = app.console_screen.clients.current
    return client.name if client else ""



async def test_r_cmc_1_console_lists_every_client_for_an_administrator(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        assert [c.name for c in app.console_screen.clients.clients] == NAMES
        assert current_name(app) == NAMES[0]
        assert isinstance(app.focused, ClientList)


async def test_r_cmc_4_status_line_says_as_of_when(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = str(app.console_screen.status.render())
        assert "8 clients" in status and "metrics as of 20 Nov 2026 02:05" in status


async def test_moving_between_clients(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        assert current_name(app) == NAMES[1]
        await press(pilot, "down", "down")
        assert current_name(app) == NAMES[3]
        await press(pilot, "k", "up")
        assert current_name(app) == NAMES[1]
        await press(pilot, "end")
        assert current_name(app) == NAMES[-1]
        await press(pilot, "home")
        assert current_name(app) == NAMES[0]
        await press(pilot, "pagedown")
        assert current_name(app) == NAMES[3]  # 18 lines of 6-line cards: three per page
        await press(pilot, "pageup")
        assert current_name(app) == NAMES[0]
        await press(pilot, "k")
        assert current_name(app) == NAMES[0]  # stays at the top


async def test_cursor_keeps_the_focused_card_on_screen(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clients = app.console_screen.clients
        await press(pilot, "end")
        top = clients.cursor * clients.card_height
        assert clients.scroll_y <= top and top + clients.card_height <= clients.scroll_y + clients.size.height


async def test_search_filters_as_you_type(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert app.focused is app.console_screen.search
        await press(pilot, *"HARBOR")
        shown = app.console_screen.clients
        assert shown.shown_count == 2
        assert current_name(app) == "Blue Harbor Dental"
        assert "2 of 8 clients match" in str(app.console_screen.status.render())
        await press(pilot, "down")
        assert isinstance(app.focused, ClientList)
        assert current_name(app) == "Blue Harbor Dental"
        await press(pilot, "j")
        assert current_name(app) == "Harbor Lights Bakery"


async def test_search_treats_wildcards_and_quotes_literally(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        index = app.console_screen.index
        assert index.search("%") == ()
        assert index.search("_") == ()
        assert index.search("'") == ()
        assert index.search("\\") == ()
        assert [index.names[i] for i in index.search("cedar & pine")] == ["Cedar & Pine Realty"]


async def test_search_is_fuzzy_when_few_names_contain_the_text(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"fjrod coffee")
        assert current_name(app) == "Fjord Coffee Roasters"


async def test_escape_clears_the_search(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"acme")
        assert app.console_screen.clients.shown_count == 1
        await press(pilot, "escape")
        assert app.console_screen.search.value == ""
        assert app.console_screen.clients.shown_count == 8
        assert current_name(app) == "Acme Widgets"  # the cursor stays on the client it was on
        assert isinstance(app.focused, ClientList)


async def test_r_cmc_5_enter_switches_in_and_the_console_refuses_until_return(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "enter")
        assert isinstance(app.screen, ClientInstanceScreen)
        assert app.inside is not None and app.inside.name == NAMES[1]
        title = str(app.screen.query_one("TitleBar").render())
        assert NAMES[1] in title and "ctrl+r" in title
        for key in ("c", "m", "g", "escape"):
            await press(pilot, key)
            assert isinstance(app.screen, ClientInstanceScreen)
            assert "Press ctrl+r to return to the agency" in notes(app)[-1]
        app.jump_to(app.console_screen.clients.clients[0].id)  # the palette's jump, refused too
        assert isinstance(app.screen, ClientInstanceScreen)
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, ConsoleScreen) and app.inside is None
        assert current_name(app) == NAMES[1]


async def test_client_instance_shows_the_clients_own_dashboard(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = app.screen
        assert screen.query_one("#users").row_count == 4  # Acme: four users in the seed, one blocked
        assert screen.query_one("#content").row_count == 2
        await press(pilot, "enter")  # opens the focused content item
        assert type(app.screen).__name__ == "ContentPageScreen"
        await press(pilot, "escape")
        assert isinstance(app.screen, ClientInstanceScreen)


async def test_detail_opens_with_charts_and_toggles_30_90_days(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        screen = app.screen
        assert isinstance(screen, ClientDetailScreen)
        assert screen.detail is not None and len(screen.detail.days) == 90
        assert screen.days == 30
        await press(pilot, "space")
        assert screen.days == 90 and "Last 90 days" in str(screen.status.render())
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)


async def test_palette_jumps_to_a_client_by_fuzzy_name(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await press(pilot, *"granit law")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        assert current_name(app) == "Granite Law Group"


async def test_help_lists_every_key(make_ui_app):
    from console_tui.ui.keys import KEYS

    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        for key in KEYS:
            if key.help:  # the rest are said by another row of their scope ("1-9 Open the item …")
                assert key.description in text
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)


async def test_help_scrolls_at_80x24_to_the_last_row(make_ui_app):
    """The one key table (Manage Clients and the administration screens included) is longer than
    24 lines: the help box scrolls, and its last line is reachable from the keyboard."""
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        scroll = app.screen.query_one("VerticalScroll")
        assert scroll.max_scroll_y > 0 and scroll.has_focus
        text = str(app.screen.query_one("Static").render())
        for heading in ("Manage Clients", "Client options", "Email Limits", "Audit log", "Dialogs and menus"):
            assert f"\n{heading}\n" in text
        await press(pilot, "end")
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_q_quits(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_r_reloads_and_keeps_the_cursor(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j")
        kept = app.console_screen.clients.current
        database = Database(ui_db_url)
        with database.write() as session:
            session.execute(update(Client).where(Client.name == "Acme Widgets").values(name="Zeta Widgets"))
        database.dispose()
        await press(pilot, "r")
        names = [c.name for c in app.console_screen.clients.clients]
        assert names[-1] == "Zeta Widgets"
        assert app.console_screen.clients.current.id == kept.id


async def test_r_cmc_4_a_newer_nightly_run_reloads_by_itself(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        database = Database(ui_db_url)
        with database.write() as session:
            session.execute(update(RollupState).values(as_of=AS_OF.replace(day=21)))
        database.dispose()
        console = app.console_screen
        console._probe(app.services)  # what the re-armed one-shot timer does
        await settle(pilot)
        assert console.overview.as_of.day == 21
        assert "as of 21 Nov 2026" in str(console.status.render())


async def test_a_failed_load_is_one_line_not_a_traceback(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        database = Database(ui_db_url)
        with database.write() as session:
            session.execute(update(Client).values(kind="client"))
        database.engine.dispose()
        with database.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE client_snapshot")
        database.dispose()
        await press(pilot, "r")
        status = app.console_screen.status
        text = str(status.render())
        assert status.has_class("-error")
        assert text.startswith("Could not load:") and "\n" not in text and "Traceback" not in text
        assert "[SQL:" not in text and "client_snapshot" not in text  # the driver's text stays in the log
        assert app.console_screen.clients.shown_count == 8  # the last good data stays


async def test_a_long_search_scrolls_inside_the_search_box(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *("x" * 60))
        await settle(pilot)
        search = app.console_screen.search
        assert search.value == "x" * 60
        assert search.scroll_x > 0  # the cursor stays in view
        assert app.console_screen.clients.shown_count == 0
        assert "0 of 8 clients match" in str(app.console_screen.status.render())
        assert "No client matches" in app.console_screen.clients.render_line(1).text
