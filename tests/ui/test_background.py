"""The nightly scheduler inside the console and logging.

* the scheduler starts after the first frame with client rows; a rollup it finishes makes the
  console reload its figures and its "as of" by itself (R-CMC-4);
* ``console-tui --no-scheduler`` (or ``run --no-scheduler``) leaves it out;
* logging goes to the rotating file, never to the terminal the console draws on.
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from console_tui.app.background import scheduler_factory
from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.schema import Event
from console_tui.logs import start_logging
from console_tui.services.console import Services
from tests.ui.conftest import settle

ACME = 1
EVENTS = 40  # contacts added to Acme on 19 Nov (local), rolled up by the console's scheduler


def add_events(url: str) -> None:
    database = Database(url)
    with database.write() as session:
        session.add_all(
            Event(external_id=f"t-{n}", client_id=ACME, type="contact_added",
                  occurred_at=datetime(2026, 11, 19, 12, 0, n, tzinfo=UTC))
            for n in range(EVENTS)
        )
    database.dispose()


async def wait_for(pilot, condition, timeout: float = 20.0) -> None:  # noqa: ANN001
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, f"not within {timeout} s"
        await pilot.pause(0.05)


@pytest.fixture
def quiet_logging(tmp_path) -> Iterator[object]:  # noqa: ANN001
    """Undo start_logging: our handlers off the root logger, hooks back as they were."""
    hook = threading.excepthook
    yield tmp_path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_console_tui", False):
            root.removeHandler(handler)
            handler.close()
    logging.captureWarnings(False)
    threading.excepthook = hook


async def test_a_finished_rollup_reloads_the_console_figures_and_as_of(make_ui_app, ui_db_url, clock):
    add_events(ui_db_url)
    app = make_ui_app()
    before = next(c for c in app.services.overview().clients if c.id == ACME)
    assert before.contacts_series[-1] == 7  # the seed's figure for 19 Nov, before the rollup
    app.jobs.factory = scheduler_factory(app.services.db, clock, app.settings)  # as launch does
    async with app.run_test(size=(120, 40)) as pilot:
        console = app.console_screen
        # the catch-up run of 19 Nov, started after the first frame with rows
        await wait_for(pilot, lambda: console.overview is not None and console.overview.as_of == clock.now())
        await settle(pilot)
        assert app.jobs.scheduler is not None and app.jobs.scheduler.running
        assert "metrics as of 20 Nov 2026 09:00" in str(console.status.render())
        assert "The nightly figures for 19 Nov are ready; reloading." in [str(n.message) for n in app._notifications]
        shown = next(c for c in console.overview.clients if c.id == ACME)
        fresh = next(c for c in Services(app.services.db, "admin", clock).overview().clients if c.id == ACME)
        assert shown == fresh and shown.contacts_added_30d == before.contacts_added_30d - 7 + EVENTS
        assert shown.contacts_series[-1] == EVENTS  # the card's sparkline ends with the new day
        scheduler = app.jobs.scheduler
    assert not scheduler.running  # stopped with the app


async def test_without_a_scheduler_nothing_runs_in_the_background(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.jobs.factory is None and app.jobs.scheduler is None


class Captured:
    return_code = 0  # as an app that was quit normally

    def __init__(self) -> None:
        self.kwargs: dict = {}

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204 - stands in for make_app
        self.kwargs = kwargs
        return self

    def run(self) -> None:
        pass


@pytest.mark.parametrize(("argv", "scheduled"), [
    ([], True), (["--no-scheduler"], False), (["--no-scheduler", "run"], False), (["run", "--no-scheduler"], False),
])
def test_no_scheduler_flag_leaves_the_scheduler_out(ui_db_url, monkeypatch, quiet_logging, argv, scheduled):
    captured = Captured()
    monkeypatch.setattr("console_tui.app.application.make_app", captured)
    monkeypatch.setattr("console_tui.logs.log_dir", lambda: quiet_logging)
    monkeypatch.setattr("console_tui.cli.main.has_terminal", lambda: True)
    result = CliRunner().invoke(main, ["--db", ui_db_url, "--user", "admin", *argv])
    assert result.exit_code == 0, result.output
    assert (captured.kwargs["scheduler"] is not None) is scheduled
    assert result.output == ""  # nothing on the terminal: the log file has it
    assert "console starting for admin" in (quiet_logging / "console-tui.log").read_text()


async def test_nothing_is_logged_to_the_terminal(make_ui_app, ui_db_url, clock, capfd, quiet_logging):
    settings = make_ui_app().settings
    path = start_logging(settings, quiet_logging)
    add_events(ui_db_url)
    app = make_ui_app()
    app.jobs.factory = scheduler_factory(app.services.db, clock, app.settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: app.console_screen.overview is not None
                       and app.console_screen.overview.as_of == clock.now())
        logging.getLogger("console_tui.somewhere").error("an error for the log file")
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("a warning for the log file", UserWarning, stacklevel=1)
        thread = threading.Thread(target=lambda: 1 / 0, name="a-failing-thread")
        thread.start()
        thread.join()
    out, err = capfd.readouterr()
    logged = path.read_text()
    for text in ("nightly 2026-11-19 closed", "nightly scheduler started", "an error for the log file",
                 "a warning for the log file", "uncaught exception in a-failing-thread", "ZeroDivisionError"):
        assert text in logged
        assert text not in out and text not in err
    assert "Traceback" not in out + err


async def test_the_scheduler_starts_only_after_the_first_frame_with_client_rows(make_ui_app, clock):
    from tests.ui.test_launch import SlowServices

    app = make_ui_app()
    gate = threading.Event()
    app.services = SlowServices(app.services, gate)
    built: list[object] = []
    app.jobs.factory = lambda **kwargs: built.append(kwargs) or FakeScheduler()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert app.console_screen.overview is None and not built  # still loading: nothing started
        gate.set()
        await settle(pilot)
        assert app.console_screen.clients.shown_count == 8 and len(built) == 1
        assert callable(built[0]["on_done"]) and app.jobs.scheduler.started


class FakeScheduler:
    started = False

    def start(self) -> None:
        self.started = True

    def shutdown(self, wait: bool = True) -> None:
        self.started = False
