"""What a cursor move repaints: the bodies of the two cards involved and nothing else (over a slow
link every line repainted is written again), and how few segments a card line is."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate

from console_tui.widgets.client_card import CardTheme, Line
from console_tui.widgets.client_keys import ClientKeys
from tests.ui.conftest import press, settle


def record_updates(app) -> list[object]:  # noqa: ANN001
    """Collect what the app hands its driver to write to the terminal from now on."""
    updates: list[object] = []
    app._display = lambda _screen, update: updates.append(update)
    return updates


async def test_a_cursor_move_repaints_the_two_card_bodies_and_nothing_else(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        clients = app.console_screen.clients
        await press(pilot, "j")  # onto the second card (Acme Widgets → Blue Harbor Dental)
        updates = record_updates(app)
        await press(pilot, "j")  # onto the third: neither has an avatar, the keys line stays as it is
        assert updates and all(isinstance(update, ChopsUpdate) for update in updates), updates
        rows = {y for update in updates for y, _x1, _x2 in update.spans}
        top, height = clients.region.y, clients.card_height
        bodies = {top + card * height + line for card in (1, 2) for line in range(height - 1)}
        assert rows == bodies  # not the rules under them, not the rest of the list, not the keys line
        right = clients.region.x + clients.line_width
        assert all(x2 <= right for update in updates for _y, _x1, x2 in update.spans)  # not the scrollbar


async def test_the_keys_line_is_for_the_client_under_the_cursor(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = app.console_screen.query_one(ClientKeys)
        assert "a avatar ✓" in str(keys.render())  # Acme Widgets has one
        await press(pilot, "j")
        assert "a avatar –" in str(keys.render())
        assert str(keys.render()).startswith("u users  s settings  b billing  t team call")
        await press(pilot, "slash", *"zzzz")  # nothing matches: no client, no keys
        assert str(keys.render()) == ""


def test_a_card_line_is_one_segment_per_colour_run():
    """Spaces end the run before them instead of being segments of their own (each segment costs
    an escape sequence on the wire); a run never starts with a space, and only the start of a line
    is a gap of its own."""
    red, blue, background = Style(color="red"), Style(color="blue"), Style(bgcolor="black")
    theme = CardTheme(*(Style() for _ in range(13)), gap=background)
    strip = Line(16, theme).add("  ").add("ab", red).add("  cd", blue).add(" ef", blue).strip()
    assert list(strip) == [Segment("  ", background), Segment("ab  ", red), Segment("cd ef     ", blue)]


async def test_escape_on_the_list_with_no_search_repaints_nothing(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        updates = record_updates(app)
        await press(pilot, "escape")
        assert app.focused is app.console_screen.clients
        assert [update for update in updates if isinstance(update, ChopsUpdate) and update.spans] == []
