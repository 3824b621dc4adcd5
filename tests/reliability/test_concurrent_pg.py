"""Two consoles and a worker on one PostgreSQL database at once (R-NM-3, R-NM-4, R-ACC-5).

Like two staff over SSH and the ``console-tui worker``: two :class:`ConsoleApp` instances, each
with its own :class:`Services` and :class:`Database` (so its own connection pool), run under
Pilot in one event loop, each in its own task. Meanwhile a worker process runs two nightly
runners that close the days as the worker does (``run_nightly``, and now and then ``refresh``),
racing each other, and two "CRM feeds" that insert raw events in overlapping transactions (a
process, not threads, as in a deployment; Pilot also judges "idle" by this process's CPU time).
The consoles edit the same client (one save lands, the other is refused with the stale-version
sentence and leaves nothing behind) and different clients (both land). Afterwards: one audit
row per landed change, no lost update, every rolled-up figure equal to the raw events summed
from scratch, one ``job_run`` row per day, and both consoles still answering keys.

``test_an_event_committed_after_a_later_one_is_still_rolled_up`` pins the bug the concurrent
test found: PostgreSQL hands out event ids when an INSERT runs but shows the row only at COMMIT,
so a rollup that resumed after ``max(id)`` skipped, for good, an event whose lower id committed
later.

PostgreSQL only: without ``CONSOLE_TUI_TEST_PG_URL`` these skip loudly (fail under
``CONSOLE_TUI_REQUIRE_PG=1``), exactly like the shared ``db`` fixture.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import random
import threading
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, insert, select, text

from console_tui.app.application import ConsoleApp, make_app
from console_tui.clock import FixedClock
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.rollup import METRIC_COLUMNS, METRIC_OF_EVENT, WINDOW_DAYS
from console_tui.data.schema import AuditEntry, Client, ClientSnapshot, DailyMetric, Event, JobRun, RecentPlace
from console_tui.jobs.nightly import DayOutcome, refresh, run_nightly
from console_tui.screens.client.account_settings import AccountSettingsScreen
from console_tui.screens.client.edit_forms import ProfileEditForm
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.dialogs.help import HelpScreen
from console_tui.services.console import Services
from tests.conftest import FIXED_NOW, TEST_TZ, _require_pg, empty_all
from tests.ui import seed
from tests.ui.conftest import count, press, settle

pytestmark = pytest.mark.postgres

CONFLICT = "Saving the company profile was refused: someone else changed it after you opened it"
ROUNDS = 3  # each round: both consoles save the same client, then each saves its own client
WORKER_DAYS = 6  # the runners close Nov 19 .. Nov 25 (the first run closes yesterday only)
STEP_S = 0.6  # the runners' shared calendar moves on a day every STEP_S seconds
#: how long each feed keeps its transaction open after inserting: a slow chunk and a quick one, so
#: that ids often commit out of order (the quick feed's higher id first)
FEED_PAUSE_S = (0.08, 0.0)
FEED_BATCHES = 300  # per feed, each on a day of its own
WAIT_S = 20.0


# --- fixtures and helpers ----------------------------------------------------------------------------


@pytest.fixture
def pg_agency(request: pytest.FixtureRequest) -> Iterator[tuple[str, dict[str, int]]]:
    """The UI seed in this session's private PostgreSQL schema, with its hand-written daily figures
    removed: every figure from here on must come from raw events through the rollup."""
    _require_pg(request.node.nodeid)
    url = request.getfixturevalue("pg_migrated")
    database = Database(url)
    empty_all(database)
    ids = seed.seed(database)
    with database.write() as session:
        session.execute(delete(DailyMetric))
    database.dispose()
    yield url, ids


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=TEST_TZ).astimezone(UTC)


def event_row(external_id: str, client_id: int, day: date, kind: str, quantity: int, minute: int = 0) -> dict:
    return {"external_id": external_id, "client_id": client_id, "type": kind,
            "occurred_at": noon(day) + timedelta(minutes=minute), "quantity": quantity}


def from_scratch(database: Database) -> dict[tuple[int, date], dict[str, int]]:
    """Every (client, local day)'s figures summed straight from the raw events, in Python."""
    sums: dict[tuple[int, date], dict[str, int]] = defaultdict(lambda: dict.fromkeys(METRIC_COLUMNS, 0))
    with database.read() as session:
        for client_id, kind, at, quantity in session.execute(
                select(Event.client_id, Event.type, Event.occurred_at, Event.quantity)):
            sums[client_id, at.astimezone(TEST_TZ).date()][METRIC_OF_EVENT[kind]] += quantity
    return dict(sums)


def rolled_up(database: Database) -> dict[tuple[int, date], dict[str, int]]:
    with database.read() as session:
        return {(row.client_id, row.day): {c: getattr(row, c) for c in METRIC_COLUMNS}
                for row in session.scalars(select(DailyMetric))}


# --- the pinned bug: an id that commits after a higher one ------------------------------------------


def test_an_event_committed_after_a_later_one_is_still_rolled_up(pg_agency):
    url, ids = pg_agency
    client_id = ids["Acme Widgets"]
    worker, feed, watcher = Database(url), Database(url), Database(url)
    clock = FixedClock(FIXED_NOW, tz=TEST_TZ)
    slow_day, fast_day = date(2026, 10, 1), date(2026, 10, 2)
    try:
        assert [o.status for o in run_nightly(worker, clock)] == ["done"]
        slow = feed.engine.connect()
        slow.begin()  # a feed inserts and has not committed yet: its event gets the lower id
        slow.execute(insert(Event), [event_row("slow", client_id, slow_day, "email_sent", 7)])
        with feed.write() as session:  # another feed inserts after it and commits first
            session.execute(insert(Event), [event_row("fast", client_id, fast_day, "email_sent", 11)])
        with feed.read() as session:
            assert session.scalar(select(func.count()).select_from(Event)) == 1  # "slow" is not visible

        clock.advance(timedelta(days=1))
        outcomes: list[DayOutcome] = []
        rollup = threading.Thread(target=lambda: outcomes.extend(run_nightly(worker, clock)))
        rollup.start()
        deadline = time.monotonic() + WAIT_S
        while rollup.is_alive():  # the rollup either runs ahead of the slow feed, or waits for it
            with watcher.read() as session:
                if session.scalar(text("SELECT count(*) FROM pg_locks WHERE NOT granted "
                                       "AND relation = 'event'::regclass")):
                    break
            assert time.monotonic() < deadline, "the rollup neither finished nor waited for the feed"
            time.sleep(0.02)
        slow.commit()
        slow.close()
        rollup.join(WAIT_S)
        assert not rollup.is_alive() and [o.status for o in outcomes] == ["done"]

        clock.advance(timedelta(days=1))  # the next night rolls up whatever is new
        assert [o.status for o in run_nightly(worker, clock)] == ["done"]
        metrics = rolled_up(worker)
        assert metrics.get((client_id, fast_day), {}).get("emails_sent") == 11
        assert metrics.get((client_id, slow_day), {}).get("emails_sent") == 7, "the slow feed's event was skipped"
        assert metrics == from_scratch(worker)
    finally:
        for database in (worker, feed, watcher):
            database.dispose()


# --- the background: a worker process with two nightly runners and two feeds -------------------------


class Background:
    """What the worker and the CRM feeds do while the consoles are in use, in a process of its own
    (as in a deployment; it also keeps Pilot's "is the process idle?" wait about the consoles only).
    """

    def __init__(self, url: str, client_ids: list[int]) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a process with threads and a loop
        self.ready, self.stop, self.results = context.Event(), context.Event(), context.Queue()
        self.process = context.Process(target=_background_main, name="worker",
                                       args=(url, client_ids, self.ready, self.stop, self.results))
        self.nightly: list[tuple[date, str]] = []  # run_nightly's outcomes, both runners
        self.refreshes = self.inserted = 0
        self.errors: list[str] = []

    def start(self) -> Background:
        self.process.start()
        assert self.ready.wait(WAIT_S), "the worker process did not start"
        return self

    def finish(self) -> None:
        self.stop.set()
        try:
            self.nightly, self.refreshes, self.inserted, self.errors = self.results.get(timeout=WAIT_S * 2)
        finally:
            self.process.join(WAIT_S)
            if self.process.is_alive():
                self.process.kill()
        assert self.process.exitcode == 0, f"the worker process ended with {self.process.exitcode}"


def _background_main(url: str, client_ids: list[int], ready, stop, results) -> None:  # noqa: ANN001
    """The worker process: two runners racing for each day, two feeds overlapping; reports back."""
    started: list[float] = []  # when a runner closed the first day: the shared calendar starts then
    nightly: list[tuple[date, str]] = []
    counts = {"refreshes": 0, "inserted": 0}
    errors: list[str] = []
    lock = threading.Lock()

    def calendar_day() -> int:
        """Days after FIXED_NOW on the runners' shared calendar (both runners race for each day). It
        starts once the first day is closed, so a slow start on a busy machine cannot skip that day
        (a first run closes yesterday only)."""
        if not started:
            return 0
        return min(int((time.monotonic() - started[0]) / STEP_S), WORKER_DAYS)

    def runner(n: int) -> None:
        database = Database(url)  # each runner is a worker of its own: its own pool
        try:
            loops = 0
            while not stop.is_set() or calendar_day() < WORKER_DAYS:
                clock = FixedClock(FIXED_NOW + timedelta(days=calendar_day()), tz=TEST_TZ)
                outcomes = run_nightly(database, clock)
                loops += 1
                refreshed = refresh(database, clock) if loops % 2 == n else None  # as `console-tui refresh`
                with lock:
                    nightly.extend((o.day, o.status) for o in outcomes)
                    if not started and any(o.status == "done" for o in outcomes):
                        started.append(time.monotonic())
                    if refreshed is not None:
                        assert refreshed.status == "done", refreshed
                        counts["refreshes"] += 1
                time.sleep(0.05)
            last = run_nightly(database, FixedClock(FIXED_NOW + timedelta(days=WORKER_DAYS), tz=TEST_TZ))
            with lock:
                nightly.extend((o.day, o.status) for o in last)
        finally:
            database.dispose()

    def feed(n: int) -> None:
        """Batches of events, each batch on a day of its own (so a skipped event cannot be hidden by
        a later recomputation of its day): newest days first, inside the snapshot window."""
        database = Database(url)
        rng = random.Random(n)
        kinds = list(METRIC_OF_EVENT)
        last_day = (FIXED_NOW + timedelta(days=WORKER_DAYS - 1)).astimezone(TEST_TZ).date()
        try:
            batch = 0
            while not stop.is_set() and batch < FEED_BATCHES:
                day = last_day - timedelta(days=2 * batch + n)
                rows = [event_row(f"feed{n}-{batch}-{k}", rng.choice(client_ids), day, rng.choice(kinds),
                                  rng.randint(1, 50), minute=k) for k in range(rng.randint(3, 12))]
                with database.write() as session:
                    session.execute(insert(Event), rows)
                    time.sleep(FEED_PAUSE_S[n])
                with lock:
                    counts["inserted"] += len(rows)
                batch += 1
                time.sleep(rng.uniform(0.01, 0.06))
        finally:
            database.dispose()

    def guard(target, n: int) -> None:  # noqa: ANN001
        try:
            target(n)
        except BaseException:  # reported to the test, never swallowed
            with lock:
                errors.append(traceback.format_exc())

    threads = [threading.Thread(target=guard, args=(job, n)) for job in (runner, feed) for n in range(2)]
    for thread in threads:
        thread.start()
    ready.set()
    for thread in threads:
        thread.join()
    results.put((nightly, counts["refreshes"], counts["inserted"], errors))


# --- the consoles ------------------------------------------------------------------------------------


def console_on(url: str, login: str, clock: FixedClock) -> tuple[ConsoleApp, Database]:
    database = Database(url)  # like a console over SSH: its own pool of at most 3 connections
    settings = Settings(database_url=url, partner_portal_url="https://partners.example.com/portal")
    return make_app(Services(database, login, clock), settings, clock, cursor_blink=False), database


async def wait_until(pilot, condition, what: str, timeout: float = WAIT_S) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        await pilot.pause(0.05)


async def to_console(pilot) -> ConsoleScreen:  # noqa: ANN001
    for _ in range(4):
        if isinstance(pilot.app.screen, ConsoleScreen):
            break
        await press(pilot, "escape")
    assert isinstance(pilot.app.screen, ConsoleScreen)
    return pilot.app.screen


async def open_profile(pilot, client_id: int) -> ProfileEditForm:  # noqa: ANN001
    """From the console, by keyboard: walk to the client, Settings (s), edit (e)."""
    console = await to_console(pilot)
    await wait_until(pilot, lambda: console.clients.current is not None, "clients shown")
    order = [c.id for c in console.clients.clients]
    for _ in range(len(order) * 2):
        current = console.clients.current.id
        if current == client_id:
            break
        await press(pilot, "j" if order.index(client_id) > order.index(current) else "k")
    assert console.clients.current.id == client_id
    await press(pilot, "s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, AccountSettingsScreen)
                     and pilot.app.screen.profile is not None, "the Settings screen loaded")
    await press(pilot, "e")
    form = pilot.app.screen
    assert isinstance(form, ProfileEditForm) and form.client_id == client_id
    return form


async def save(pilot, form: ProfileEditForm) -> bool:  # noqa: ANN001
    """ctrl+s; True if the change landed (back on Settings), False if the form stayed open."""
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: pilot.app.screen is not form or not form.saving, "the save finished")
    await settle(pilot)
    return pilot.app.screen is not form


class Console:
    """One member of staff: their app, and what they saw happen."""

    def __init__(self, name: str, login: str, url: str, clock: FixedClock) -> None:
        self.name, self.login = name, login
        self.app, self.database = console_on(url, login, clock)
        self.landed: list[tuple[int, str]] = []  # (client id, street) saved
        self.refused: list[tuple[int, str, str]] = []  # (client id, street, status line)
        self.final_shared_street = ""  # the shared client's street as this console shows it at the end


async def session(me: Console, barrier: asyncio.Barrier, shared: int, own: int) -> None:
    """Each round: both save ``shared`` at once (one lands); then each saves ``own`` (both land)."""
    async with me.app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for round_ in range(ROUNDS):
            for client_id, tag in ((shared, "shared"), (own, "own")):
                form = await open_profile(pilot, client_id)
                street = f"{round_ + 1} {me.name} {tag.title()} Street"
                form.fields["street"].value = street
                await barrier.wait()  # both forms are open, loaded at the same version
                if await save(pilot, form):
                    assert isinstance(me.app.screen, AccountSettingsScreen)
                    me.landed.append((client_id, street))
                else:
                    line = form.query_one("#form-status")
                    assert line.has_class("-error")  # shown as an error, on the form still open
                    status = str(line.render())
                    me.refused.append((client_id, street, status))
                    assert form.fields["street"].value == street  # what was typed is kept
                    await press(pilot, "escape")  # give up this change
                await barrier.wait()
        # still answering keys after all that: reload, move, help, a fresh look at the shared client
        console = await to_console(pilot)
        await press(pilot, "r")
        await wait_until(pilot, lambda: not console.status.has_class("-error") and console.clients.shown_count
                         == (len(seed.CLIENTS) if me.login == "admin" else 2), "reloaded")
        # the worker's last rollup reached this console by itself (its "as of" poll), nothing is down
        worker_as_of = FIXED_NOW + timedelta(days=WORKER_DAYS)
        await wait_until(pilot, lambda: console.overview is not None and console.overview.as_of == worker_as_of,
                         "the worker's figures shown")
        assert me.app.health.available
        before = console.clients.current.id
        await press(pilot, "k" if before == console.clients.clients[-1].id else "j")
        assert console.clients.current.id != before
        await press(pilot, "question_mark")
        assert isinstance(me.app.screen, HelpScreen)
        await press(pilot, "escape")
        form = await open_profile(pilot, shared)
        me.final_shared_street = form.fields["street"].value  # what this console now shows
        await press(pilot, "escape", "escape")
        assert isinstance(me.app.screen, ConsoleScreen)


async def test_two_consoles_and_a_worker_edit_and_roll_up_at_once(pg_agency, caplog):
    url, ids = pg_agency
    # an Administrator and a Salesperson (Client Manager of Acme and Blue Harbor): both may edit Acme
    shared, own_a, own_b = ids["Acme Widgets"], ids["Fjord Coffee Roasters"], ids["Blue Harbor Dental"]
    audits_before = count(url, select(func.count()).select_from(AuditEntry))
    places_before = count(url, select(func.count()).select_from(RecentPlace)
                          .where(RecentPlace.title == "Company profile"))
    consoles = [Console("Alpha", "admin", url, FixedClock(FIXED_NOW, tz=TEST_TZ)),
                Console("Bravo", "sam", url, FixedClock(FIXED_NOW, tz=TEST_TZ))]
    background = Background(url, list(ids.values())).start()
    caplog.set_level(logging.WARNING)
    try:
        barrier = asyncio.Barrier(2)
        await asyncio.wait_for(asyncio.gather(session(consoles[0], barrier, shared, own_a),
                                              session(consoles[1], barrier, shared, own_b)), 120)
    finally:
        background.finish()
        for console in consoles:
            console.database.dispose()
    assert not background.errors, "\n".join(background.errors)

    worker = Database(url)
    try:
        # --- the edits: one lands per shared round, the other is refused cleanly; own clients all land
        alpha, bravo = consoles
        for console in consoles:
            for _client, _street, status in console.refused:
                assert status.startswith(CONFLICT) and "Reload" in status, status
            assert all(client == shared for client, _s, _t in console.refused)
        shared_landed = [s for c in consoles for client, s in c.landed if client == shared]
        assert len(shared_landed) == ROUNDS  # one winner per round, never both, never neither
        assert len(alpha.refused) + len(bravo.refused) == ROUNDS
        for console, own in ((alpha, own_a), (bravo, own_b)):
            assert [c for c, _s in console.landed].count(own) == ROUNDS
        landed = [change for console in consoles for change in console.landed]

        with worker.read() as session_:
            streets = {client_id: street for client_id, street in session_.execute(select(Client.id, Client.street))}
            audits = session_.execute(
                select(AuditEntry.actor, AuditEntry.client_id, AuditEntry.after["street"].as_string())
                .where(AuditEntry.action == "update_company_profile")).all()
            total_audits = session_.scalar(select(func.count()).select_from(AuditEntry))
            places = session_.scalar(select(func.count()).select_from(RecentPlace)
                                     .where(RecentPlace.title == "Company profile"))
        # no lost update: the last landed street of each client is what the database holds
        last_by_round = {}
        for console in consoles:
            for client, street in console.landed:
                if client == shared:
                    last_by_round[int(street.split()[0])] = street
        assert streets[shared] == last_by_round[ROUNDS]
        assert streets[own_a] == f"{ROUNDS} Alpha Own Street" and streets[own_b] == f"{ROUNDS} Bravo Own Street"
        assert {c.final_shared_street for c in consoles} == {streets[shared]}  # both consoles see it
        # exactly one audit row per landed change, by who made it, and none for a refused one
        expected = Counter((c.login, client, street) for c in consoles for client, street in c.landed)
        assert Counter(audits) == expected
        refused_streets = {street for c in consoles for _client, street, _s in c.refused}
        assert not refused_streets & {street for _a, _c, street in audits}
        assert total_audits == audits_before + len(landed)  # the rollup audited nothing (no EBS re-enable)
        assert places == places_before + len(landed)  # a refused save left no Recent Place either

        # --- the nightly job: each day closed once though two runners raced for it
        closed = Counter(day for day, status in background.nightly if status == "done")
        days = [date(2026, 11, 19) + timedelta(days=n) for n in range(WORKER_DAYS + 1)]
        assert closed == dict.fromkeys(days, 1)
        assert {status for _day, status in background.nightly} <= {"done", "skipped"}
        with worker.read() as session_:
            runs = session_.execute(select(JobRun.job, JobRun.day, JobRun.status).order_by(JobRun.day)).all()
        assert runs == [("nightly", day, "done") for day in days]

        # --- the figures: the next night's incremental rollup gives what the raw events say
        assert background.inserted > 100 and background.refreshes > 0
        last_clock = FixedClock(FIXED_NOW + timedelta(days=WORKER_DAYS + 1), tz=TEST_TZ)
        assert [o.status for o in run_nightly(worker, last_clock)] == ["done"]
        truth = from_scratch(worker)
        assert sum(sum(v.values()) for v in truth.values()) > 0
        assert rolled_up(worker) == truth
        closed_day = days[-1] + timedelta(days=1)
        window = [closed_day - timedelta(days=n) for n in range(WINDOW_DAYS)]
        with worker.read() as session_:
            snapshots = {row.client_id: row for row in session_.scalars(select(ClientSnapshot))}
        for client_id in ids.values():
            in_window = [truth.get((client_id, day), {}) for day in window]
            assert snapshots[client_id].contacts_added_30d == sum(d.get("contacts_added", 0) for d in in_window)
            assert snapshots[client_id].emails_sent_30d == sum(d.get("emails_sent", 0) for d in in_window)
        # and a recomputation of every day from scratch changes nothing
        first_day = min(day for _c, day in truth)
        refresh(worker, last_clock, since=first_day)
        assert rolled_up(worker) == truth
    finally:
        worker.dispose()

    problems = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not problems, [r.getMessage() for r in problems]
