"""The console's and Manage Clients' search lines speak the filter language: plain words are the name
search as before; field terms keep the clients the filter holds for, in the list's order; a line that
cannot be read keeps the last result and shows the mistake with carets; ``?`` as a word opens the
fields' help. Typed a key at a time and in one burst (seeded clients: tests/ui/seed.py)."""

from __future__ import annotations

from console_tui.screens.dialogs.filter_help import FilterHelp
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from tests.ui.admin.test_typed_ahead import burst
from tests.ui.conftest import press, settle

AT_RISK = ["Blue Harbor Dental"]
WORST = ["Cedar & Pine Realty", "Evergreen Accounting"]


def shown(app) -> list[str]:  # noqa: ANN001
    return [client.name for client in app.console_screen.clients.shown]


def status_text(screen) -> str:  # noqa: ANN001
    return str(screen.status.render())


def trouble(screen) -> str:  # noqa: ANN001
    """The caret lines the list paints over its top lines, as painted ("" while there are none)."""
    results = screen.search_results
    if not results.cover_text:
        return ""
    painted = [results.render_line(y).text for y in range(results.cover_text.count("\n") + 1)]
    assert all(len(line) == results.scrollable_content_region.width for line in painted)
    return "\n".join(line[1:].rstrip() for line in painted)


async def test_a_field_filter_typed_a_key_at_a_time_shows_the_clients_it_holds_for(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        for key in "sender:at-risk":
            await pilot.press(key)
            await settle(pilot)
        assert shown(app) == AT_RISK
        assert app.console_screen.clients.current.name == "Blue Harbor Dental"
        assert "1 of 8 clients match" in status_text(app.console_screen)


async def test_the_list_keeps_its_result_while_a_further_fields_name_is_typed(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        for key in "sender>=at-risk util<50":
            await pilot.press(key)
            await settle(pilot)
            if app.console_screen.search.value in ("sender>=at-risk u", "sender>=at-risk util"):
                assert shown(app) == [*AT_RISK, *WORST]  # not emptied by "u" as a name word
                assert f"{len(AT_RISK) + len(WORST)} of 8 clients match “sender>=at-risk”" in status_text(
                    app.console_screen)
        typed = shown(app)
        app.console_screen.search.value = ""
        await settle(pilot)
        app.console_screen.search.value = "sender>=at-risk util<50"  # the same line, given whole
        await settle(pilot)
        assert typed == shown(app) and 0 < len(typed) < len(AT_RISK) + len(WORST)


async def test_a_field_filter_in_one_burst_with_a_name_word_keeps_the_lists_order(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await burst(pilot, "slash", *"sender>=unhealthy")
        assert shown(app) == WORST
        await burst(pilot, *[" ", *"cedar"])  # a name word inside a filter: the filter's own name rule
        assert shown(app) == ["Cedar & Pine Realty"]
        await press(pilot, "escape")
        assert len(shown(app)) == 8


async def test_a_line_that_cannot_be_read_keeps_the_last_result_and_shows_where(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await burst(pilot, "slash", *"util<25")
        assert shown(app) == ["Delta Yoga Studio", "Granite Law Group"]
        await burst(pilot, *" sendr:new")
        assert shown(app) == ["Delta Yoga Studio", "Granite Law Group"]  # the last good result
        text = status_text(app.console_screen)
        assert trouble(app.console_screen) == (
            "util<25 sendr:new\n        ^^^^^\nunknown field 'sendr' — did you mean 'sender'?")
        assert "cannot be read" in text
        painted = [app.console_screen.clients.render_line(y).text for y in range(3, 12)]
        assert "Places" in painted[0] and any("Granite Law Group" in line for line in painted)  # below them
        await burst(pilot, *["backspace"] * len("sendr:new"), *"sender:new")
        assert app.console_screen.search.value == "util<25 sender:new"
        assert shown(app) == ["Delta Yoga Studio", "Granite Law Group"]
        assert trouble(app.console_screen) == ""
        assert "2 of 8 clients match" in status_text(app.console_screen)


async def test_plain_words_are_the_name_search_and_never_load_the_facts(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await burst(pilot, "slash", *"harbor")
        assert shown(app) == ["Blue Harbor Dental", "Harbor Lights Bakery"]
        assert app.console_screen.facts is None


async def test_hostile_lines_are_shown_as_data_and_nothing_breaks(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        console = app.console_screen
        for line in ('[@click=app.quit]x[/] sender:"[b]', "\x1b[2J tag:\x9b31m", "util:" + "9" * 10_000,
                     "sender:" + "x" * 10_000, "[red]" * 2_000):
            console.search.value = line
            await settle(pilot)
            assert app.is_running and app.screen is console, line[:20]
            text = status_text(console) + trouble(console)
            assert "\x1b" not in text and "\x9b" not in text
        console.search.value = "sender:at-risk"
        await settle(pilot)
        assert shown(app) == AT_RISK


async def test_question_mark_as_a_word_opens_the_fields_help_and_elsewhere_is_typed(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "question_mark")
        assert isinstance(app.screen, FilterHelp)
        assert app.console_screen.search.value == ""
        await press(pilot, "escape")
        await press(pilot, *"why", "question_mark")  # inside a word: typed
        assert app.console_screen.search.value == "why?"
        await press(pilot, "space", "question_mark")
        assert isinstance(app.screen, FilterHelp)
        await press(pilot, "escape", "escape")  # closes the help, then clears the line
        await press(pilot, "question_mark")  # outside the search line: the app's help
        assert type(app.screen).__name__ == "HelpScreen"


async def test_manage_clients_search_line_speaks_the_filter_language(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        screen = app.screen
        assert isinstance(screen, ManageClientsScreen)
        await burst(pilot, "slash", *"sender>=unhealthy")
        assert [row.name for row in screen.shown] == WORST
        await burst(pilot, *" kind:lead|x")
        assert [row.name for row in screen.shown] == WORST
        assert "unknown kind 'x'" in trouble(screen)
        await burst(pilot, "backspace", "backspace")
        assert [row.name for row in screen.shown] == []
        await burst(pilot, *["backspace"] * len("lead"), *"client")
        assert [row.name for row in screen.shown] == WORST
        await press(pilot, "escape")
        await burst(pilot, "slash", *"harbor")  # plain words: the name search as before
        assert [row.name for row in screen.shown] == ["Blue Harbor Dental", "Harbor Lights Bakery"]
        await burst(pilot, *" ?")
        assert isinstance(app.screen, FilterHelp)
