"""The console cards' attention marks (R-ATT-4): a client with open reasons shows how many, with its
worst severity's glyph; a client without shows nothing; a snooze on the ``!`` screen takes one off
once the console is back in front. The snapshots with the marks are in test_snapshots.py."""

from __future__ import annotations

import re

from textual.widgets import Input

from console_tui.domain.attention import AttentionRow, Mark, Severity
from console_tui.screens.console.attention import AttentionScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.widgets.client_list import ClientList
from console_tui.widgets.table_view import TableView
from tests.ui.conftest import press, settle
from tests.ui.test_attention_screen import NARROW, WIDE

#: A mark at the end of a card's line or column: ``!! 2``, ``! 2`` or ``· 2``.
MARK = re.compile(r"(?<=  )(?:!!|!|·) \d+(?= │| *$)")


def card_marks(clients: ClientList, client_id: int) -> list[str]:
    """The marks painted at the end of ``client_id``'s card lines."""
    lines = clients._card(clients._index_of(client_id, -1))
    return [found.group() for line in lines if (found := MARK.search(line.text))]


async def queue(pilot) -> tuple[AttentionScreen, tuple[AttentionRow, ...]]:  # noqa: ANN001
    await press(pilot, "exclamation_mark")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AttentionScreen) and screen.loaded
    return screen, screen.rows


async def test_r_att_4_each_card_shows_its_open_reasons_and_a_snoozed_one_drops_out(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        console = app.console_screen
        assert isinstance(console, ConsoleScreen)
        screen, rows = await queue(pilot)
        needing = {row.id: row for row in rows if row.id is not None}
        quiet = [c.id for c in console.clients.clients if c.id not in needing]
        assert needing and quiet
        several = next(row for row in needing.values() if len(row.reasons) >= 2)
        await press(pilot, "escape")
        for client_id, row in needing.items():
            assert card_marks(console.clients, client_id) == [Mark(len(row.reasons), row.severity).text]
        for client_id in quiet:
            assert card_marks(console.clients, client_id) == []
        # snooze the row's most urgent reason on the ! screen: back on the console, one reason fewer
        screen, rows = await queue(pilot)
        screen.query_one("#attention", TableView).move_to(rows.index(several))
        await press(pilot, "z")
        app.screen.query_one("#note", Input).focus()
        await press(pilot, "enter")
        await settle(pilot)
        left = next(row for row in screen.rows if row.id == several.id)
        assert len(left.reasons) == len(several.reasons) - 1
        await press(pilot, "escape")
        await settle(pilot)
        assert app.screen is console
        assert card_marks(console.clients, several.id) == [Mark(len(left.reasons), left.severity).text]


async def test_r_att_4_the_mark_leaves_the_name_line_as_it_was_and_is_left_out_without_room(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        clients = app.console_screen.clients
        assert isinstance(clients, ClientList)
        painter, theme, client = clients.painter, clients._theme(False), clients.clients[0]
        mark = Mark(3, Severity.CRITICAL)
        for width, line in ((clients.line_width, 1), (119, 2)):  # 80 columns: Actions; wide: the last login
            plain, marked = painter.paint(client, width, theme), painter.paint(client, width, theme, mark)
            assert marked[0].text == plain[0].text  # the name line is not cut any further
            assert [y for y, (a, b) in enumerate(zip(plain, marked, strict=True)) if a.text != b.text] == [line]
            assert "  !! 3" in marked[line].text and marked[line].text.replace("!! 3", "    ") == plain[line].text
        assert [s.text for s in painter.paint(client, 40, theme, mark)] == [s.text for s in painter.paint(
            client, 40, theme)]  # no room: no mark
