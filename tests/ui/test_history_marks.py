"""The console cards' day-over-day marks (R-HIST-2): ▲/▼ and the amount beside the figures that moved,
against yesterday or (``w``) 7 days ago, said on the status line; a sender status changed overnight
says what it was. The marks are never on the name line, which a cursor move repaints."""

from __future__ import annotations

import pytest

from console_tui.display import amount, move_text
from console_tui.screens.console.console import ConsoleScreen
from console_tui.widgets.card_changes import Against
from console_tui.widgets.client_list import ClientList
from tests.ui.conftest import press, settle
from tests.ui.test_snapshots import after

NARROW, WIDE = (80, 24), (120, 40)


def card_text(clients: ClientList, client_id: int) -> list[str]:
    return [line.text for line in clients._card(clients._index_of(client_id, -1))]


def test_r_hist_2_a_mark_says_the_direction_and_the_amount_in_words() -> None:
    assert move_text("emails_sent_30d", 40) == "▲40"
    assert move_text("emails_sent_30d", -12_345) == "▼12k"
    assert move_text("contacts_added_30d", 0) is None
    assert move_text("contacts_added_30d", None) is None
    assert move_text("open_rate", -0.0118) == "▼1.2"
    assert move_text("open_rate", 0.0001) is None  # under 0.05 points: not a move as shown
    assert amount(-2_500_000) == "2.5M"


async def test_r_hist_2_cards_show_the_changes_and_w_switches_to_7_days(make_ui_app, history_url) -> None:
    app = make_ui_app(url=history_url)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        console = app.console_screen
        assert isinstance(console, ConsoleScreen) and console.changes_page is not None
        page = console.changes_page
        acme = page.clients[1]
        assert "8 clients · ▲▼ vs yesterday (w: 7 days) · metrics" in str(console.status.render())
        text = card_text(console.clients, 1)
        assert f"sent {move_text('emails_sent_30d', acme.changes_1d['emails_sent_30d'])}" in text[1]
        assert "(was Healthy)" in card_text(console.clients, 2)[2]
        assert "29.9% ▲1.2" in card_text(console.clients, 2)[2]  # 28.7% the day before, 29.9% now
        await press(pilot, "w")
        assert console.against is Against.WEEK
        assert "▲▼ vs 7 days ago (w: yesterday)" in str(console.status.render())
        text = card_text(console.clients, 1)
        assert f"sent {move_text('emails_sent_30d', acme.changes_7d['emails_sent_30d'])}" in text[1]
        assert "(was" not in card_text(console.clients, 2)[2]  # an overnight change: against yesterday only


async def test_r_hist_2_no_history_no_marks_and_the_name_line_never_carries_them(make_ui_app, history_url) -> None:
    for url in (None, history_url):
        app = make_ui_app(url=url)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            console = app.console_screen
            assert isinstance(console, ConsoleScreen)
            lines = card_text(console.clients, 1)
            marked = [y for y, line in enumerate(lines) if "▲" in line or "▼" in line]
            if url is None:
                assert marked == [] and "▲▼" not in str(console.status.render())
            else:
                assert marked and 0 not in marked


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_cards_with_changes(snap_compare, make_ui_app, history_url, size):
    assert snap_compare(make_ui_app(url=history_url), terminal_size=size, run_before=after("j"))


def test_cards_with_changes_over_7_days(snap_compare, make_ui_app, history_url):
    assert snap_compare(make_ui_app(url=history_url), terminal_size=WIDE, run_before=after("w"))
