"""The read side at 10,000 clients: the console's per-client summary query.

Prints the best and median of several runs of ``client_summaries`` (the four sections'
figures for every client an Administrator may access) without and with Recent Places, and the
same for a Salesperson who manages a subset; then the same on PostgreSQL when
CONSOLE_TUI_BENCH_PG_URL names a scratch database (its public schema is rebuilt). Target: the summary
under 50 ms. The anchor, timed before each run, is the driver alone fetching every client's id and name
from the same database: on a busy machine both slow down together, their ratio much less.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, text

from bench.common import BENCH_LOGIN, bench_clock, ensure_demo_db
from console_tui.data.demo.build import build_demo
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, client_summaries
from console_tui.data.schema import AgencyUser

RUNS = 7
PG_DAYS = 3  # the summary reads no event history: a short demo is enough on PostgreSQL


def _anchor(db: Database) -> Callable[[], None]:
    """The driver alone (``sqlite3`` or ``psycopg``) fetching every client's id and name from the same database."""
    connection = db.engine.raw_connection()
    return lambda: connection.cursor().execute("SELECT id, name FROM client").fetchall() and None


def _time(db: Database, login: str, with_places: bool, anchor: Callable[[], None]) -> dict[str, float | int]:
    """Best and median seconds, best CPU seconds of this process (steadier on a shared machine), clients,
    and the anchor's best, timed just before each run (so both see the same load)."""
    times, cpu, anchors, count = [], [], [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        anchor()
        anchors.append(time.perf_counter() - started)
        started, started_cpu = time.perf_counter(), time.process_time()
        with db.read() as session:
            count = len(client_summaries(session, acting_user(session, login), with_places=with_places))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {"best": min(times), "median": statistics.median(times), "cpu": min(cpu), "clients": count,
            "anchor": min(anchors)}


def _report(db: Database, backend: str) -> None:
    with db.read() as session:
        salesperson = session.scalar(select(AgencyUser.login).where(AgencyUser.role == "Salesperson"))
    anchor = _anchor(db)
    print(f"  {backend}; anchor: the driver alone fetching every client's id and name, timed before each run")
    for who, login in (("Administrator", BENCH_LOGIN), ("Salesperson", salesperson)):
        for with_places in (False, True):
            t = _time(db, login, with_places, anchor)
            label = "summary + Recent Places" if with_places else "summary (four sections' figures)"
            print(f"  {who:13s} {label:34s} {t['clients']:>6,} clients  best {t['best'] * 1000:6.1f} ms  "
                  f"median {t['median'] * 1000:6.1f} ms  (cpu best {t['cpu'] * 1000:6.1f} ms)  "
                  f"anchor best {t['anchor'] * 1000:5.1f} ms: {t['best'] / t['anchor']:4.1f}x")


def _postgres(url: str) -> None:
    """The same on a scratch PostgreSQL database, rebuilt with the 10,000-client demo over a few days."""
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    print(f"  (building the 10,000-client demo over {PG_DAYS} days on PostgreSQL …)", flush=True)
    build_demo(db, bench_clock(), clients=10_000, days=PG_DAYS, seed=1, admin_login=BENCH_LOGIN)
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    _report(db, "PostgreSQL")
    db.dispose()


def run(workdir: Path) -> None:
    db = Database(ensure_demo_db(workdir))
    _report(db, "SQLite")
    db.dispose()
    url = os.environ.get("CONSOLE_TUI_BENCH_PG_URL")
    if url:
        _postgres(url)
    else:
        print("  PostgreSQL: skipped (set CONSOLE_TUI_BENCH_PG_URL to a scratch database)")
