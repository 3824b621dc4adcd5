"""The morning briefing (R-HIST-4) in the console: opened over the console the first time a person
opens it each day (remembered per user in the database), closed with esc or enter, and opened again
any time with ``W``. Without two days of history it does not open by itself."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, update

from console_tui.data.schema import AgencyUser
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.dialogs.briefing_panel import BriefingPanel
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.ui.conftest import press, settle
from tests.ui.test_error_boundary import Faults, assert_up_and_plain
from tests.ui.test_snapshots import after

NARROW, WIDE = (80, 24), (120, 40)


@pytest.fixture
def unseen_url(history_url: str) -> str:
    """The agency with history, its briefing not yet seen today by anyone."""
    engine = create_engine(history_url)
    with engine.begin() as connection:
        connection.execute(update(AgencyUser).values(briefing_seen_on=None))
    engine.dispose()
    return history_url


def seen_on(url: str, login: str):  # noqa: ANN201
    engine = create_engine(url)
    with engine.connect() as connection:
        day = connection.scalar(select(AgencyUser.briefing_seen_on).where(AgencyUser.login == login))
    engine.dispose()
    return day


def panel_text(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#briefing").render())


async def test_r_hist_4_the_briefing_opens_once_a_day_and_closes_with_esc_or_enter(make_ui_app, unseen_url) -> None:
    app = make_ui_app(url=unseen_url)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingPanel)
        text = panel_text(app)
        assert "What changed from 2026-11-18 to 2026-11-19" in text
        assert "Blue Harbor Dental: Healthy → At Risk" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)
        await press(pilot, "W")  # any time
        await settle(pilot)
        assert isinstance(app.screen, BriefingPanel)
        await press(pilot, "enter")
        assert isinstance(app.screen, ConsoleScreen)
    assert seen_on(unseen_url, "admin") == FIXED_NOW.astimezone(TEST_TZ).date()
    again = make_ui_app(url=unseen_url)  # the same person, the same day: not again
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ConsoleScreen)


async def test_r_hist_4_without_history_the_console_opens_without_it_and_w_says_so(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        await press(pilot, "W")
        await settle(pilot)
        assert isinstance(app.screen, BriefingPanel)
        assert "No history yet" in panel_text(app)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_the_morning_briefing(snap_compare, make_ui_app, unseen_url, size):
    assert snap_compare(make_ui_app(url=unseen_url), terminal_size=size, run_before=after())


async def test_w_on_a_failing_database_says_one_plain_line(make_ui_app, history_url) -> None:
    app = make_ui_app(url=history_url)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        faults = Faults(app)
        faults.mode = "all"
        await press(pilot, "W")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        assert_up_and_plain(app, "Morning briefing:")
