"""Terminal sizes from 20x5 to 300x100, and a resize storm during a refresh.

With Pilot on the seeded agency (tests/ui/seed.py, "Northwind Partners", eight clients):

* the console opens at sizes from 20x5 to 300x100, odd ones included, and says something
  sensible at each: the agency in the management bar, the status line and the client under
  the cursor — no crash, no garbage;
* at the smallest and the largest size the main screens open and name themselves: client
  detail, Manage Clients, a client's options menu, help — and the kiosk at every size;
* a storm of 100 random resizes (seeded) while the console reloads (``r``, held open by a
  gate until mid-storm) and while the in-console nightly rollup runs and its reload lands:
  afterwards the app is alive, the list shows the right clients, the cursor is on a valid
  client (the same one for ``r``) and nothing was logged at ERROR.

The text a person would see is read from the screen's compositor (what Textual paints).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from sqlalchemy import update

from console_tui.app.background import scheduler_factory
from console_tui.clock import local_today
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.history import record_days
from console_tui.data.schema import Client
from console_tui.kiosk.app import KioskApp
from console_tui.kiosk.figure import BigFigure
from console_tui.screens.console.client_detail import ClientDetailScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.dialogs.help import HelpScreen
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.services.console import Services
from tests.ui.conftest import make_ui_app, press, settle, ui_db_url  # noqa: F401 - fixtures
from tests.ui.seed import CLIENTS

SMALLEST, LARGEST = (20, 5), (300, 100)
SIZES = [SMALLEST, (21, 6), (40, 10), (79, 23), (80, 24), (120, 40), (299, 99), LARGEST]
AGENCY = "Northwind"  # "Northwind Partners", clipped to "Northwind Partner" at 20 columns
NAMES = sorted(name for name, *_ in CLIENTS)
STORM_RESIZES = 100
STORM_SEED = 20261120


def screen_text(app) -> str:  # noqa: ANN001
    """Every line Textual paints for the current screen (a modal shows over the one below)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]


async def wait_for(pilot, condition, what: str, timeout: float = 30.0) -> None:  # noqa: ANN001
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, f"{what}: not within {timeout} s"
        await pilot.pause(0.02)


def random_sizes(count: int) -> list[tuple[int, int]]:
    rng = random.Random(STORM_SEED)
    return [(rng.randint(SMALLEST[0], LARGEST[0]), rng.randint(SMALLEST[1], LARGEST[1])) for _ in range(count)]


# --- every size --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_console_is_readable_at_every_size(make_ui_app, caplog, size):
    app = make_ui_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen) and app.size == size
        text = screen_text(app)
        lines = text.splitlines()
        assert len(lines) == size[1] and all(len(line) == size[0] for line in lines)
        assert f"◆ {AGENCY}" in lines[0]  # the management bar, always on the first line
        assert lines[1].startswith(" 8 clients")  # the status line under it
        current = app.console_screen.clients.current
        assert current is not None and current.name == NAMES[0]
        assert f"▌ {NAMES[0][:8]}" in text  # the card under the cursor: its name line, clipped
        await press(pilot, "end")
        assert app.console_screen.clients.current.name == NAMES[-1]
        # scrolled into view name first, even where the list is shorter than one card
        assert f"▌ {NAMES[-1][:8]}" in screen_text(app)
    assert not no_errors_logged(caplog)


@pytest.mark.parametrize("size", [SMALLEST, LARGEST], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_main_screens_open_at_the_smallest_and_largest_size(make_ui_app, caplog, size):
    app = make_ui_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, ClientDetailScreen)
        assert screen_text(app).startswith(" Client detail")
        if size == LARGEST:
            assert f"Client detail · {NAMES[0]}" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)

        await press(pilot, "m")
        assert isinstance(app.screen, ManageClientsScreen)
        assert screen_text(app).startswith(" Manage Clients")
        await press(pilot, "enter")  # the options menu of the first client
        assert type(app.screen).__name__ == "ClientOptionsScreen"
        assert screen_text(app).startswith(" Client options")
        if size == LARGEST:
            assert f"Client options · {NAMES[0]}" in screen_text(app)
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, ConsoleScreen)

        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Keys" in text and "Console" in text  # the screen's own keys come first
        if size == LARGEST:
            assert "Switch into client" in text and "Client detail" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert f"◆ {AGENCY}" in screen_text(app)
        assert app.is_running
    assert not no_errors_logged(caplog)


@asynccontextmanager
async def kiosk_shown(url: str, clock, size: tuple[int, int], page: str) -> AsyncIterator[KioskApp]:  # noqa: ANN001
    """The kiosk showing only ``page`` at ``size``, once loaded and painted."""
    database = Database(url)
    app = KioskApp(Services(database, "admin", clock), Settings(database_url=url), clock, seconds=3600,
                   pages=(page,))
    try:
        async with app.run_test(size=size) as pilot:
            await wait_for(pilot, lambda: app.overview is not None, "the kiosk loading")
            await pilot.pause()
            yield app
    finally:
        database.dispose()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_kiosk_is_readable_at_every_size(ui_db_url, clock, caplog, size):
    async with kiosk_shown(ui_db_url, clock, size, "clients") as app:
        lines = screen_text(app).splitlines()
        assert len(lines) == size[1]
        assert f"◆ {AGENCY}" in lines[0]
        assert lines[1].startswith(" 8 clients")
        assert NAMES[0][:8] in "\n".join(lines)  # the client shown, large
        if size[1] >= 24:
            assert "Contacts added (30 d)" in "\n".join(lines)
    assert not no_errors_logged(caplog)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_kiosk_agency_page_is_whole_from_80x24_up(ui_db_url, clock, caplog, size):
    """Every figure's label and number on screen, none cut; Digits wherever they fit (all six from 80x24),
    and the movers list under them (the history's last two days: the movers since the day before)."""
    database = Database(ui_db_url)
    with database.write() as session:
        last = local_today(clock) - timedelta(days=1)
        record_days(session, clock.tz, last - timedelta(days=1), last)
    database.dispose()
    async with kiosk_shown(ui_db_url, clock, size, "agency") as app:
        shown = screen_text(app)
        assert len(shown.splitlines()) == size[1] and f"◆ {AGENCY}" in shown.splitlines()[0]
        if size >= (80, 24):
            figures = list(app.query(BigFigure))
            assert all(figure.label in shown for figure in figures)
            assert all(figure.large for figure in figures)
            assert all(figure.note in shown for figure in figures if figure.query_one(".note").display)
            first = app.agency.movers[0]
            assert "Top movers since" in shown and f"{first.name} · " in shown
    assert not no_errors_logged(caplog)


# --- resize storms -------------------------------------------------------------------------------------------


class GatedServices(Services):
    """Services whose full overview waits while ``gate`` is closed (the reload stays in flight)."""

    def __init__(self, inner: Services, gate: threading.Event) -> None:
        super().__init__(inner.db, inner.login, inner.clock)
        self.gate = gate
        self.waiting = threading.Event()

    def overview(self, **kwargs):  # noqa: ANN003, ANN201
        if not self.gate.is_set():
            self.waiting.set()
            assert self.gate.wait(60), "the test never opened the gate"
        return super().overview(**kwargs)


async def test_a_resize_storm_during_a_reload(make_ui_app, ui_db_url, caplog):
    app = make_ui_app()
    gate = threading.Event()
    gate.set()
    app.services = GatedServices(app.services, gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        console = app.console_screen
        await press(pilot, "j", "j")
        kept = console.clients.current
        assert kept.name == NAMES[2]
        database = Database(ui_db_url)
        with database.write() as session:  # the reload must bring this in
            session.execute(update(Client).where(Client.name == "Acme Widgets").values(name="Zeta Widgets"))
        database.dispose()

        gate.clear()
        await pilot.press("r")
        await wait_for(pilot, app.services.waiting.is_set, "the reload reaching the database")
        assert console.status.has_class("-loading")
        landed_after = None
        for n, (width, height) in enumerate(random_sizes(STORM_RESIZES), start=1):
            if n == STORM_RESIZES // 2:
                gate.set()  # the reload's figures land in the middle of the storm
            await pilot.resize_terminal(width, height)
            assert app.is_running
            if landed_after is None and not console.status.has_class("-loading"):
                landed_after = n
        assert landed_after is not None and STORM_RESIZES // 2 <= landed_after < STORM_RESIZES, landed_after
        await pilot.resize_terminal(80, 24)
        await settle(pilot)

        assert app.is_running and app.size == (80, 24)
        assert [c.name for c in console.clients.clients] == sorted([*NAMES[1:], "Zeta Widgets"])
        assert console.clients.shown_count == len(NAMES)
        assert console.clients.current is not None and console.clients.current.id == kept.id
        assert not console.status.has_class("-loading") and not console.status.has_class("-error")
        text = screen_text(app)
        assert f"◆ {AGENCY}" in text and "8 clients" in text and kept.name in text
    assert not no_errors_logged(caplog)


async def test_a_resize_storm_during_the_nightly_refresh(make_ui_app, clock, caplog):
    app = make_ui_app()
    app.jobs.factory = scheduler_factory(app.services.db, clock, app.settings)  # as launch does
    async with app.run_test(size=(120, 40)) as pilot:
        console = app.console_screen
        # The scheduler starts after the first frame with client rows; its catch-up run closes
        # 19 Nov and the console reloads with "as of" now. The storm starts before all that and
        # goes on (at least STORM_RESIZES resizes) until the refreshed figures are on screen.
        refreshed = lambda: console.overview is not None and console.overview.as_of == clock.now()  # noqa: E731
        sizes = random_sizes(STORM_RESIZES * 5)
        resized, landed_after = 0, None
        assert not refreshed()
        started = time.monotonic()
        while resized < STORM_RESIZES or landed_after is None:
            assert time.monotonic() - started < 90, "the nightly refresh never arrived during the storm"
            await pilot.resize_terminal(*sizes[resized % len(sizes)])
            resized += 1
            assert app.is_running
            if landed_after is None and refreshed():
                landed_after = resized
        await pilot.resize_terminal(120, 40)
        await settle(pilot)

        assert app.is_running and app.jobs.scheduler is not None
        assert [c.name for c in console.clients.clients] == NAMES
        current = console.clients.current
        assert current is not None and 0 <= console.clients.cursor < console.clients.shown_count
        assert current.name in NAMES
        status = str(console.status.render())
        assert "8 clients" in status and "metrics as of 20 Nov 2026 09:00" in status
        assert f"◆ {AGENCY}" in screen_text(app)
    assert not no_errors_logged(caplog)
