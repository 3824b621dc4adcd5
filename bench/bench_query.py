"""The read side at 10,000 clients: the console's per-client summary query.

Prints the best and median of several runs of ``client_summaries`` (the four sections'
figures for every client an Administrator may access) without and with Recent Places, and the
same for a Salesperson who manages a subset. Target: the summary under 50 ms.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from sqlalchemy import select

from bench.common import BENCH_LOGIN, ensure_demo_db
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, client_summaries
from console_tui.data.schema import AgencyUser

RUNS = 7


def _time(db: Database, login: str, with_places: bool) -> tuple[float, float, float, int]:
    """Best and median seconds, best CPU seconds of this process (steadier on a shared machine), clients."""
    times, cpu, count = [], [], 0
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        with db.read() as session:
            count = len(client_summaries(session, acting_user(session, login), with_places=with_places))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(times), statistics.median(times), min(cpu), count


def run(workdir: Path) -> None:
    db = Database(ensure_demo_db(workdir))
    with db.read() as session:
        salesperson = session.scalar(select(AgencyUser.login).where(AgencyUser.role == "Salesperson"))
    for who, login in (("Administrator", BENCH_LOGIN), ("Salesperson", salesperson)):
        for with_places in (False, True):
            best, median, cpu, count = _time(db, login, with_places)
            label = "summary + Recent Places" if with_places else "summary (four sections' figures)"
            print(f"  {who:13s} {label:34s} {count:>6,} clients  "
                  f"best {best * 1000:6.1f} ms  median {median * 1000:6.1f} ms  (cpu best {cpu * 1000:6.1f} ms)")
    db.dispose()
