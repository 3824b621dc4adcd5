"""The read side at 10,000 clients: the console's per-client summary query.

Prints the best and median of several runs of ``client_summaries`` (the four sections'
figures for every client an Administrator may access) without and with Recent Places, and the
same for a Salesperson who manages a subset. Target: the summary under 50 ms. The anchor, timed in
the same run, reads every client's id and name with plain ``sqlite3`` from the same file: on a busy
machine both figures slow down together, their ratio much less.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from bench.common import BENCH_LOGIN, ensure_demo_db
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, client_summaries
from console_tui.data.schema import AgencyUser

RUNS = 7


def _anchor(path: str) -> Callable[[], None]:
    """Plain ``sqlite3`` fetching every client's id and name from the same file."""
    connection = sqlite3.connect(path)
    return lambda: connection.execute("SELECT id, name FROM client").fetchall() and None


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


def run(workdir: Path) -> None:
    url = ensure_demo_db(workdir)
    db, anchor = Database(url), _anchor(url.removeprefix("sqlite:///"))
    with db.read() as session:
        salesperson = session.scalar(select(AgencyUser.login).where(AgencyUser.role == "Salesperson"))
    print("  anchor: plain sqlite3 fetching every client's id and name, timed before each run")
    for who, login in (("Administrator", BENCH_LOGIN), ("Salesperson", salesperson)):
        for with_places in (False, True):
            t = _time(db, login, with_places, anchor)
            label = "summary + Recent Places" if with_places else "summary (four sections' figures)"
            print(f"  {who:13s} {label:34s} {t['clients']:>6,} clients  best {t['best'] * 1000:6.1f} ms  "
                  f"median {t['median'] * 1000:6.1f} ms  (cpu best {t['cpu'] * 1000:6.1f} ms)  "
                  f"anchor best {t['anchor'] * 1000:5.1f} ms: {t['best'] / t['anchor']:4.1f}x")
    db.dispose()
