"""History (R-HIST): the nightly run of one more day with 400 days of history for 10,000 clients (4 M rows)
against today's incremental run (no history), and the briefing and the per-client changes on that history.

Targets: the nightly run with history ≤ 1.5 × today's; the briefing for 10,000 clients ≤ 300 ms; the
console's first client rows no later with the history than without it.

The 10,000-client demo comes from /work/benchdb (never modified: copied into ``bench/.work`` and upgraded
there) or is built by bench/common.py. One more day of events (yesterday's, a day later) is added to
the copy; the history copy then gets 400 days: the real history of the demo's last day, repeated for
the 399 days before it. Each run starts from a fresh copy of those files, so every run closes the same
day on the same data. "Today's" run is the same code with the history's writes switched off.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

from sqlalchemy import text

from bench.common import BENCH_LOGIN, BENCH_NOW, BENCH_TZ, ensure_demo_db
from console_tui.clock import FixedClock
from console_tui.data import history, migrate
from console_tui.data.engine import Database
from console_tui.data.queries.history import briefing, client_changes
from console_tui.jobs.nightly import close_day

PREBUILT = Path("/work/benchdb/demo-10000x90-seed1-rev0004.db")
HISTORY_DAYS = 400
REPEATS = int(os.environ.get("BENCH_HISTORY_REPEATS", "3"))
CLOSED = BENCH_NOW.astimezone(BENCH_TZ).date()  # the demo closed the day before; the run closes this one
NEXT_MORNING = FixedClock(BENCH_NOW + timedelta(days=1), tz=BENCH_TZ)


def _anchor() -> float:
    """A fixed CPU task, timed in the same run: how busy the machine is now."""
    started = time.perf_counter()
    sum(i * i for i in range(3_000_000))
    return time.perf_counter() - started


def _base(workdir: Path) -> Path:
    """The 10k demo at head with one more day of events, not yet rolled up."""
    path = workdir / f"history-base-rev{migrate.HEAD}.db"
    if path.exists():
        return path
    source = PREBUILT if PREBUILT.exists() else Path(ensure_demo_db(workdir).removeprefix("sqlite:///"))
    print(f"  (copying {source.name} and adding one more day of events …)", flush=True)
    partial = path.with_name(path.name + ".partial")
    shutil.copy(source, partial)
    db = Database(f"sqlite:///{partial}")
    migrate.upgrade(db)
    day = CLOSED - timedelta(days=1)
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO event (external_id, client_id, type, occurred_at, quantity, actor, title, content_type) "
            "SELECT 'next-' || external_id, client_id, type, datetime(occurred_at, '+1 day'), quantity, actor, title, "
            "content_type FROM event WHERE occurred_at >= :start AND occurred_at < :end"),
            {"start": f"{day} 00:00:00", "end": f"{day + timedelta(days=1)} 00:00:00"})
    db.dispose()
    os.replace(partial, path)
    return path


def _with_history(workdir: Path, base: Path) -> Path:
    """``base`` with 400 days of history for every client: the last closed day's, repeated back."""
    path = workdir / f"history-{HISTORY_DAYS}d-rev{migrate.HEAD}.db"
    if path.exists():
        return path
    print(f"  (building {HISTORY_DAYS} days of history …)", flush=True)
    partial = path.with_name(path.name + ".partial")
    shutil.copy(base, partial)
    db = Database(f"sqlite:///{partial}")
    last = CLOSED - timedelta(days=1)
    with db.write() as session:
        history.record_days(session, BENCH_TZ, last, last)
    with db.engine.begin() as connection:
        connection.execute(text(
            "WITH RECURSIVE back(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM back WHERE n < :days) "
            "INSERT INTO client_history SELECT h.client_id, date(h.day, '-' || back.n || ' days'), "
            "h.contacts_added_30d + back.n % 7, h.emails_sent_30d + back.n % 11, h.emails_opened_30d, h.open_rate_bp, "
            "h.sender_status, h.utilization_score, h.section_scores, h.users, h.last_login_day "
            "FROM client_history h CROSS JOIN back WHERE h.day = :last ORDER BY 2, 1"),
            {"days": HISTORY_DAYS - 1, "last": last.isoformat()})
        connection.execute(text("ANALYZE"))
        rows = connection.execute(text("SELECT count(*) FROM client_history")).scalar()
    db.dispose()
    os.replace(partial, path)
    print(f"  ({rows:,} history rows)", flush=True)
    return path


def _close_one_day(source: Path, workdir: Path, *, with_history: bool) -> float:
    run = workdir / "history-run.db"
    for stale in (run, Path(f"{run}-wal"), Path(f"{run}-shm")):
        stale.unlink(missing_ok=True)
    shutil.copy(source, run)
    db = Database(f"sqlite:///{run}")
    with db.read() as session:  # open the file and warm the page cache of the schema, as a running job has
        session.execute(text("SELECT count(*) FROM client")).scalar()
    patches = [] if with_history else [mock.patch("console_tui.data.rollup.record_closed_day", lambda *_a: 0),
                                       mock.patch("console_tui.jobs.nightly.prune", lambda *_a: 0)]
    for patch in patches:
        patch.start()
    try:
        started = time.perf_counter()
        outcome = close_day(db, NEXT_MORNING, CLOSED, history_days=HISTORY_DAYS)
        took = time.perf_counter() - started
    finally:
        for patch in patches:
            patch.stop()
    assert outcome.status == "done", outcome
    db.dispose()
    run.unlink(missing_ok=True)
    return took


def _timed(call, repeats: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(workdir: Path) -> None:
    base = _base(workdir)
    full = _with_history(workdir, base)
    print(f"  anchor (a fixed CPU task): {_anchor() * 1000:.0f} ms")
    today, with_history = [], []
    for _ in range(REPEATS):
        today.append(_close_one_day(base, workdir, with_history=False))
        with_history.append(_close_one_day(full, workdir, with_history=True))
    t, h = statistics.median(today), statistics.median(with_history)
    print(f"  nightly run of one more day, 10,000 clients (median of {REPEATS}): today's {t:.2f} s; with "
          f"{HISTORY_DAYS} days of history (4 M rows, one day written, one pruned) {h:.2f} s — ratio {h / t:.2f} "
          f"(target ≤ 1.50) — {'OK' if h / t <= 1.5 else 'TOO SLOW'}")
    print(f"    runs: today's {', '.join(f'{x:.2f}' for x in today)} s; with history "
          f"{', '.join(f'{x:.2f}' for x in with_history)} s")
    db = Database(f"sqlite:///{full}")
    briefing(db, BENCH_LOGIN)  # first read: the file's pages into the cache
    took = _timed(lambda: briefing(db, BENCH_LOGIN), 5)
    print(f"  briefing, 10,000 clients (median of 5): {took * 1000:.0f} ms (target ≤ 300 ms) — "
          f"{'OK' if took <= 0.3 else 'TOO SLOW'}")
    took = _timed(lambda: client_changes(db, BENCH_LOGIN), 5)
    print(f"  changes_1d / changes_7d / sections for 10,000 clients (clients list, cards): {took * 1000:.0f} ms")
    db.dispose()
    _first_rows(base, full)
    print(f"  anchor again: {_anchor() * 1000:.0f} ms")


def _first_rows(base: Path, full: Path) -> None:
    """Start → the first client rows on the terminal, the console on the database without history and
    with 400 days of it, taken in turn (so both see the machine alike)."""
    from bench.bench_scale import console_argv, first_row_marker, first_rows

    urls = {"without": f"sqlite:///{base}", "with": f"sqlite:///{full}"}
    marker = first_row_marker(urls["without"])
    times: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(REPEATS + 2):
        for kind, url in urls.items():
            times[kind].append(first_rows(console_argv(url), marker)[0])
    without, with_history = statistics.median(times["without"]), statistics.median(times["with"])
    print(f"  console start → first client rows (median of {REPEATS + 2}): without history {without * 1000:.0f} ms, "
          f"with {HISTORY_DAYS} days {with_history * 1000:.0f} ms — ratio {with_history / without:.2f} "
          f"(target: no later, ≤ 1.0 give or take the noise)")
