"""The attention queue on screen: ``!`` opens it, a reason's key and ``enter`` open what fixes it,
the palette lists it; snapshots at 80x24 and 120x40 (each looked at as PNG before it was accepted)."""

from __future__ import annotations

from console_tui.screens.console.attention import FIXES, AttentionScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.console.palette import KeyCommandsProvider
from console_tui.ui import keys
from console_tui.widgets.table_view import TableView
from tests.ui.conftest import notes, press, settle

WIDE, NARROW = (120, 40), (80, 24)


def after(*pressed: str):  # noqa: ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, *pressed)
        await settle(pilot)

    return run_before


def test_every_reasons_fix_is_a_key_table_row_that_opens_a_screen() -> None:
    from console_tui.domain import attention

    named = {value for name, value in vars(attention).items() if name.endswith("_FIX")}
    opening = set(keys.routes("attention")) | set(keys.routes("app"))
    assert len(named) == 8 and named <= opening


async def test_exclamation_mark_opens_the_queue_most_urgent_first(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "exclamation_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AttentionScreen) and screen.loaded
        severities = [row.severity for row in screen.rows]
        assert screen.rows and severities == sorted(severities)
        table = screen.query_one("#attention", TableView)
        assert table.display and table.row_count == len(screen.rows)
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)


async def at_a_client(pilot) -> tuple[AttentionScreen, int]:  # noqa: ANN001
    """The queue opened with ``!``, its cursor on the first client's row (not the agency's)."""
    await settle(pilot)
    await press(pilot, "exclamation_mark")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AttentionScreen)
    index = next(i for i, row in enumerate(screen.rows) if row.id is not None)
    screen.query_one("#attention", TableView).move_to(index)
    return screen, index


async def test_a_reasons_key_opens_its_screen_for_the_client_under_the_cursor(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, index = await at_a_client(pilot)
        row = screen.rows[index]
        await press(pilot, FIXES["attention.config"].keys)
        await settle(pilot)
        assert type(app.screen).__name__ == "ClientConfigurationScreen"
        assert (app.screen.client_id, app.screen.client_name) == (row.id, row.name)
        await press(pilot, "escape")
        assert app.screen is screen


async def test_enter_opens_what_fixes_the_rows_most_urgent_reason(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, index = await at_a_client(pilot)
        fix = min(screen.rows[index].reasons, key=lambda reason: reason.severity).fix
        await press(pilot, "enter")
        await settle(pilot)
        expected = (FIXES.get(fix) or keys.routes("app")[fix]).screen or ""
        assert type(app.screen).__name__ == expected.rpartition(":")[2]


async def test_a_salesperson_is_refused_a_fix_with_the_role_needed(make_ui_app) -> None:
    app = make_ui_app(login="sam")
    async with app.run_test(size=WIDE) as pilot:
        screen, _index = await at_a_client(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert app.screen is screen
        assert "Administrator" in str(screen.notice.render())


async def test_the_palette_lists_the_queue(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        provider = KeyCommandsProvider(app.screen)
        commands = {description: action for description, action, _shown in provider._commands()}
        provider._run(commands["Attention queue"])
        await settle(pilot)
        assert isinstance(app.screen, AttentionScreen)
        assert not [n for n in notes(app) if "Error" in n]


def test_attention_80x24(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("exclamation_mark"))


def test_attention_120x40(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=after("exclamation_mark", "down"))
