"""What a cursor move repaints: the name lines and the marker cells of the two cards involved and
nothing else (over a slow link every cell repainted is written again), and how few segments a card
line is."""

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


def cursor_spans(clients, cards: tuple[int, ...]) -> set[tuple[int, int, int]]:  # noqa: ANN001
    """The screen spans that show the cursor on ``cards``: each one's name line across the text's
    width and the marker cell (the first) of its other lines, neither the rule nor the scrollbar."""
    x, height = clients.region.x, clients.card_height
    spans = set()
    for card in cards:
        top = clients.region.y + card * height - clients.scroll_offset.y
        spans.add((top, x, x + clients.line_width))
        spans |= {(top + line, x, x + 1) for line in range(1, height - 1)}
    return spans


async def test_a_cursor_move_repaints_two_name_lines_and_the_marker_cells_and_nothing_else(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        clients = app.console_screen.clients
        await press(pilot, "j")  # onto the second card (Acme Widgets → Blue Harbor Dental)
        updates = record_updates(app)
        await press(pilot, "j")  # onto the third: neither has an avatar, the keys line stays as it is
        assert updates and all(isinstance(update, ChopsUpdate) for update in updates), updates
        spans = {span for update in updates for span in update.spans}
        assert spans == cursor_spans(clients, (1, 2))  # not the rest of the list, not the keys line


async def test_a_cursor_move_in_a_scrolled_stacked_list_repaints_where_the_cards_are_on_screen(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clients = app.console_screen.clients
        await press(pilot, *"jjjj")  # the list scrolls to keep the cursor's card in view
        assert clients.scroll_offset.y > 0 and clients.card_height == 6
        updates = record_updates(app)
        await press(pilot, "k")  # back to a card on screen: the list does not scroll
        assert clients.scroll_offset.y > 0
        spans = {span for update in updates for span in update.spans}
        assert {(y, x1, x2) for y, x1, x2 in spans if clients.region.contains(x1, y)} == cursor_spans(clients, (4, 3))


async def test_the_cursor_card_is_the_plain_card_but_its_name_line_and_marker_cells(make_ui_app):
    """The other lines keep the normal background: only their first cell changes with the cursor."""
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clients = app.console_screen.clients
        under = clients._card(0)
        await press(pilot, "j")
        plain = clients._card(0)
        assert under[0].text.startswith("▌") and under[0] != plain[0]
        assert list(under[0])[-1].style.bgcolor != list(plain[0])[-1].style.bgcolor  # highlighted line
        for with_cursor, without in zip(under[1:], plain[1:], strict=True):
            assert with_cursor.crop(1, with_cursor.cell_length) == without.crop(1, without.cell_length)
        assert [line.text[0] for line in under[1:-1]] == ["▌"] * 4
        assert [line.text[0] for line in plain] == [" "] * 5 + ["─"]


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
