"""Client detail (``d``) with the history (R-HIST-1): the 11 utilization sections with each score and
its change over the window shown, the utilization total day by day, and 30 / 90 / 365 days with
``space``."""

from __future__ import annotations

import pytest

from console_tui.domain.utilization import SECTIONS
from console_tui.screens.console.client_detail import ClientDetailScreen, tick_count
from console_tui.widgets.table_view import TableView
from tests.ui.conftest import press, settle
from tests.ui.test_snapshots import after

NARROW, WIDE = (80, 24), (120, 40)


async def open_detail(app, pilot) -> ClientDetailScreen:  # noqa: ANN001
    """``d`` on the console's first client, once it is loaded; the detail, loaded."""
    await settle(pilot)
    await press(pilot, "d")
    await settle(pilot)
    assert isinstance(app.screen, ClientDetailScreen)
    return app.screen


async def test_r_hist_1_detail_shows_the_sections_and_space_cycles_30_90_365(make_ui_app, history_url) -> None:
    app = make_ui_app(url=history_url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_detail(app, pilot)
        assert screen.trend is not None
        rows = screen.section_rows()
        assert [row[0] for row in rows] == list(SECTIONS)
        now, then = screen.trend.sections[-1], screen.trend.sections[-30]
        assert rows[0][1] == f"{now['Landing Pages']}%"
        change = now["Landing Pages"] - then["Landing Pages"]
        assert rows[0][2] == (f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "")
        assert screen.query_one("#sections", TableView).row_count == 11
        assert "Last 30 days" in str(screen.status.render())
        for days in (90, 365, 30):
            await press(pilot, "space")
            assert screen.days == days and f"Last {days} days" in str(screen.status.render())


async def test_r_ut_1_detail_lists_the_section_under_the_cursor_done_and_not_yet(make_ui_app, history_url) -> None:
    app = make_ui_app(url=history_url)
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_detail(app, pilot)
        activities = screen.query_one("#activities", TableView)
        assert activities.display and activities.columns[0].title == "In Landing Pages"
        # Acme has done the first of each pair of the catalogue's activities (tests/ui/conftest.py)
        assert screen.activity_rows("Landing Pages") == [("Landing page published", "3", "done"),
                                                         ("Landing page ab test", "1", "not yet")]
        assert activities.row_count == 2
        screen.query_one("#sections", TableView).focus()
        await press(pilot, "down", "down")
        assert activities.columns[0].title == "In Automation"
        assert screen.activity_rows("Automation") == [("Workflow active", "4", "done"),
                                                      ("Drip campaign", "2", "not yet")]


async def test_without_history_the_detail_says_so(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_detail(app, pilot)
        assert screen.section_rows() == []
        assert screen.query_one("#sections", TableView).row_count == 0
        assert not screen.query_one("#activities", TableView).display


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_client_detail_with_sections(snap_compare, make_ui_app, history_url, size):
    assert snap_compare(make_ui_app(url=history_url), terminal_size=size, run_before=after("d"))


def test_a_chart_never_puts_two_y_labels_on_one_row() -> None:
    """Each tick needs its own row of the plot area (the height less 4); unchanged from 7 rows up."""
    for height in range(6, 60):
        assert tick_count(height) + 1 <= height - 4
    assert [tick_count(h) for h in (6, 7, 8, 12, 40)] == [1, 2, 2, 4, 4]
