"""UI fixtures: a seeded SQLite database, a fixed clock and ``make_app`` as the CLI uses it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from textual.pilot import Pilot
from textual.worker import Worker, WorkerCancelled

from console_tui.app.application import ConsoleApp, make_app
from console_tui.clock import FixedClock
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.history import record_days
from console_tui.data.schema import (
    AgencyUser,
    ClientHistory,
    UtilizationActivity,
    UtilizationCompletion,
    UtilizationSection,
)
from console_tui.domain.utilization import DEFAULT_ACTIVITIES, SECTIONS
from console_tui.screens.base import ACT_GROUP
from console_tui.services.console import Services
from console_tui.widgets.notice import Notice
from tests.conftest import FIXED_NOW, TEST_TZ, copy_database
from tests.ui import seed

AppFactory = Callable[..., ConsoleApp]


def _seeded_template(directory: Path, sqlite_template: Path, names: list[str] | None = None) -> Path:
    path = directory / "seeded.db"
    shutil.copy(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    seed.seed(database, names=names)
    database.dispose()
    return path


@pytest.fixture(scope="session")
def ui_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The seeded agency (tests/ui/seed.py), built once per test session."""
    return _seeded_template(tmp_path_factory.mktemp("ui"), sqlite_template)


@pytest.fixture(scope="session")
def hostile_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The seeded agency with its clients renamed to seed.HOSTILE, built once per test session."""
    return _seeded_template(tmp_path_factory.mktemp("hostile"), sqlite_template, names=seed.HOSTILE)


@pytest.fixture(scope="session")
def history_template(tmp_path_factory: pytest.TempPathFactory, ui_template: Path) -> Path:
    """The seeded agency with 90 days of history through the day before the fixed clock's day,
    recomputed from its daily figures as ``refresh --since`` does (the cards' marks, the briefing)."""
    path = tmp_path_factory.mktemp("history") / "history.db"
    shutil.copy(ui_template, path)
    database = Database(f"sqlite:///{path}")
    last = FIXED_NOW.astimezone(TEST_TZ).date() - timedelta(days=1)
    with database.write() as session:
        record_days(session, TEST_TZ, last - timedelta(days=89), last)
        # Blue Harbor Dental is At Risk (as its card says), was Healthy with a lower open rate the day
        # before: a status changed overnight
        history = update(ClientHistory).where(ClientHistory.client_id == 2)
        session.execute(history.where(ClientHistory.day == last).values(sender_status="At Risk"))
        session.execute(history.where(ClientHistory.day == last - timedelta(days=1))
                        .values(sender_status="Healthy", open_rate_bp=2870))
        # Acme Widgets' utilization sections (the seed has no catalogue): climbing over the 90 days
        session.add_all(UtilizationSection(id=i, name=name, position=i) for i, name in enumerate(SECTIONS, 1))
        session.flush()
        # the default activities, and Acme has done every other one (the first of each pair)
        session.add_all(UtilizationActivity(id=n, section_id=SECTIONS.index(a.section) + 1, key=a.key,
                                            name=a.key.replace("_", " ").capitalize(), weight=a.weight)
                        for n, a in enumerate(DEFAULT_ACTIVITIES, 1))
        session.add_all(UtilizationCompletion(client_id=1, activity_id=n, completed_at=FIXED_NOW)
                        for n in range(1, len(DEFAULT_ACTIVITIES) + 1, 2))
        acme = update(ClientHistory).where(ClientHistory.client_id == 1)
        for back in range(90):
            scores = ",".join(f"{i}:{max(0, min(100, (i * 9) % 101 - back // (i % 3 + 2)))}" for i in range(1, 12))
            session.execute(acme.where(ClientHistory.day == last - timedelta(days=back))
                            .values(section_scores=scores, utilization_score=max(0, 93 - back // 3)))
        # everyone has seen today's morning briefing: the tests of the briefing clear it (briefing_unseen)
        session.execute(update(AgencyUser).values(briefing_seen_on=last + timedelta(days=1)))
    database.dispose()
    return path


@pytest.fixture
def history_url(tmp_path: Path, history_template: Path) -> str:
    """A fresh copy of the seeded agency with its history (:func:`history_template`)."""
    return copy_database(history_template, tmp_path / "history.db")


@pytest.fixture
def ui_db_url(tmp_path: Path, ui_template: Path) -> str:
    """A fresh copy of the seeded agency (tests/ui/seed.py)."""
    return copy_database(ui_template, tmp_path / "ui.db")


@pytest.fixture
def hostile_url(tmp_path: Path, hostile_template: Path) -> str:
    """The seeded agency with its clients renamed to seed.HOSTILE (markup, escapes, bidi, wide)."""
    return copy_database(hostile_template, tmp_path / "hostile.db")


@pytest.fixture
def make_ui_app(ui_db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[AppFactory]:
    """Build the app on the seeded database: ``make_ui_app(login="sam", url=other_url, warn_pct=90)``.
    Exports (``ctrl+e``) go to ``tmp_path / "exports"`` unless ``export_dir`` says otherwise."""
    opened: list[Database] = []

    def build(login: str = "admin", url: str | None = None, warn_pct: int = 90,
              export_dir: Path | None = None) -> ConsoleApp:
        database = Database(url or ui_db_url)
        opened.append(database)
        settings = Settings(database_url=url or ui_db_url, partner_portal_url="https://partners.example.com/portal",
                            capacity_warning_pct=warn_pct, export_dir=export_dir or tmp_path / "exports")
        return make_app(Services(database, login, clock), settings, clock, cursor_blink=False)

    yield build
    for database in opened:
        database.dispose()


#: Async worker groups that wait on a modal's answer (``push_screen_wait``): they finish only once the
#: modal is answered, so :func:`settle` does not wait for them — nor for any other async worker while
#: a modal pushed that way is open.
WAITING_ON_A_DIALOG = frozenset({ACT_GROUP})
#: The most rounds :func:`settle` waits (a round: the running thread workers finish, then one pause).
SETTLE_ROUNDS = 20


def count(url: str, stmt) -> int:  # noqa: ANN001
    """One scalar (a count) read from the database at ``url`` on a connection of its own."""
    database = Database(url)
    try:
        with database.read() as session:
            return session.scalar(stmt)
    finally:
        database.dispose()


def awaiting_a_dialog(app) -> bool:  # noqa: ANN001
    """True while a screen pushed with ``push_screen_wait`` is open (an async worker awaits its answer)."""
    return any(callback.future is not None and not callback.future.done()
               for screen in app.screen_stack for callback in screen._result_callbacks)


def busy(app) -> tuple[list[Worker], bool]:  # noqa: ANN001
    """(The thread workers still to finish, whether anything else is still going on: an async worker
    that is not waiting on a modal, or a message not yet handled)."""
    dialog = awaiting_a_dialog(app)
    threads, tasks = [], False
    for worker in app.workers:
        if worker.is_finished or worker.group in WAITING_ON_A_DIALOG:
            continue
        if worker._thread_worker:
            threads.append(worker)
        elif not dialog:
            tasks = True
    # Messages not handled yet, callbacks queued for the next turn of a node's loop, and callbacks
    # waiting for the screen's next refresh (``call_after_refresh``: a scroll to the end, a focus).
    pending = any(node.message_queue_size or node._next_callbacks for node in (app, *app._registry))
    return threads, tasks or pending or bool(app.screen._callbacks)


async def settle(pilot: Pilot) -> None:
    """Wait while something runs: thread workers not finished, async workers not waiting on a
    modal, messages not yet handled (a finished load posts its result; a save then starts a reload).
    Workers waiting on a confirmation modal finish when it is answered: they are not waited for.
    One pause always comes first (what a mount or a refresh scheduled starts then); after it, returns
    as soon as nothing runs; gives up after :data:`SETTLE_ROUNDS` rounds."""
    await pilot.pause()
    for _ in range(SETTLE_ROUNDS):
        threads, other = busy(pilot.app)
        if not threads and not other:
            return
        if threads:
            try:
                await pilot.app.workers.wait_for_complete(threads)
            except WorkerCancelled:  # replaced by a newer one of its group (exclusive): nothing to wait for
                pass
        await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys, letting workers finish after each one."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def notes(app) -> list[str]:  # noqa: ANN001
    """What the console has said to the person, oldest first: its notifications, then the notice
    of the screen in front (where failures, refusals and cancellations are shown in full)."""
    said = [str(n.message) for n in app._notifications]
    for notice in app.screen.query(Notice):
        if notice.text:
            said.append(notice.text)
    return said
