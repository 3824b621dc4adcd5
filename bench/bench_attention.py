"""The attention queue at 10,000 clients: the load (the rules' inputs, from the database) and the
queue itself (every rule over every client, then the sort), timed apart.

Target (R-ATT-1): the queue computes in ≤ 300 ms. Anchor, measured in the same run: a bare list
comprehension testing one fact on each row; the ratio says how far the queue is from it whatever
the machine's load. The load is printed with its largest part, this cycle's email counts.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import BENCH_LOGIN, BENCH_NOW, BENCH_TZ, ensure_demo_db
from console_tui.data.engine import Database
from console_tui.data.queries.admin import cycle_counts_in
from console_tui.data.queries.attention import attention_inputs
from console_tui.domain.attention import Thresholds, attention_queue
from console_tui.domain.cycles import cycle_for

RUNS, LOADS = 21, 5


def _times(work: Callable[[], object], runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    times.sort()
    return times[0], statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def _ms(figures: tuple[float, float, float]) -> str:
    best, median, p95 = figures
    return f"best {best * 1000:6.1f} ms  median {median * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms"


def run(workdir: Path) -> None:
    db = Database(ensure_demo_db(workdir))
    today, t = BENCH_NOW.astimezone(BENCH_TZ).date(), Thresholds()
    inputs = attention_inputs(db, BENCH_LOGIN, today, BENCH_TZ, t)
    load = _times(lambda: attention_inputs(db, BENCH_LOGIN, today, BENCH_TZ, t), LOADS)
    print(f"  load (attention_inputs, Administrator, {len(inputs.clients):,} clients)  {_ms(load)}")

    def counts() -> object:
        with db.read() as session:
            return cycle_counts_in(session, cycle_for(today), BENCH_TZ)
    print(f"    of which this cycle's email counts (cycle_counts_in)   {_ms(_times(counts, LOADS))}")
    db.dispose()
    rows = inputs.clients
    anchor = _times(lambda: [row for row in rows if row.facts.sent == 0], RUNS)
    print(f"  anchor: bare comprehension, one fact per row                 {_ms(anchor)}")
    queue = _times(lambda: attention_queue(rows, today, t, inputs.agency), RUNS)
    found = attention_queue(rows, today, t, inputs.agency)
    print(f"  queue (9 rules x {len(rows):,} clients + sort): {len(found):,} rows  {_ms(queue)}  "
          f"({queue[1] / anchor[1]:.0f}x anchor; target ≤ 300 ms)")
