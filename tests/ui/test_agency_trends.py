"""The agency dashboard's trends from the history (R-HIST-1): sends and the open rate day by day, and
the spread of sender statuses and utilization levels then and now."""

from __future__ import annotations

import pytest

from console_tui.screens.admin.agency_dashboard import AgencyDashboardScreen
from console_tui.widgets.table_view import TableView
from tests.ui.conftest import press, settle
from tests.ui.test_snapshots import after

NARROW, WIDE = (80, 24), (120, 40)


def rows(app) -> dict[str, str]:  # noqa: ANN001
    table = app.screen.query_one("#facts", TableView)
    return {str(row[0]): str(row[1]) for row in table._rows}


async def test_r_hist_1_the_dashboard_shows_the_last_30_days(make_ui_app, history_url) -> None:
    app = make_ui_app(url=history_url)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        await settle(pilot)
        assert isinstance(app.screen, AgencyDashboardScreen)
        shown = rows(app)
        assert shown["Trends, 30 days"] == "21 Oct → 19 Nov"
        assert shown["· sender statuses"] == "New 2, Healthy 5 ▼1, At Risk 1 ▲1"  # Blue Harbor Dental went At Risk
        assert "Dragon 1" in shown["· utilization levels"]
        trend = app.services.agency_trend(30)
        first, last = trend.days[0].emails_sent_30d, trend.days[-1].emails_sent_30d
        arrow = "▲" if last > first else "▼"
        assert shown["· sends (30-day total)"].endswith(f" {last:,} ({arrow}{abs(last - first):,} since 21 Oct)")


async def test_without_history_the_dashboard_says_so(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        await settle(pilot)
        assert rows(app)["Trends"].startswith("no history yet")


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_agency_dashboard_with_trends(snap_compare, make_ui_app, history_url, size):
    assert snap_compare(make_ui_app(url=history_url), terminal_size=size, run_before=after("g"))
