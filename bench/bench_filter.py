"""The filter language at 10,000 clients: parse + compile once, then the predicate over every row.

Loads the facts of the demo's 10,000 clients once (and prints how long the facts query takes),
then for a few typical filters prints the best, median and p95 of parse + compile + filter over
every row. Anchor, measured in the same run: the cheapest filter there can be, a bare list
comprehension testing one substring on each row; the ratio says how far each filter is from it
whatever the machine's load. Target: every filter well under 50 ms.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import BENCH_LOGIN, BENCH_NOW, BENCH_TZ, ensure_demo_db
from console_tui.data.engine import Database
from console_tui.data.queries.client_facts import client_facts
from console_tui.domain.filters import ClientFacts, compile_filter, parse_filter

RUNS = 41
FILTERS = (
    "grove",
    "sender>=at-risk",
    'sender:at-risk|unhealthy -tag:"EBS Active" login>30d',
    "util<25 level:grasshopper|rabbit sent>1000 open<20",
    "renews<30 term:annual config:incomplete usage>=90 manager:me",
    "feature:crm|api -feature:ads kind:client status:active users:1..5 contacts>10",
)


def _times(work: Callable[[], object]) -> tuple[float, float, float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    times.sort()
    return times[0], statistics.median(times), times[int(len(times) * 0.95)]


def _filter(rows: tuple[ClientFacts, ...], text: str) -> Callable[[], int]:
    def work() -> int:
        keep = compile_filter(parse_filter(text), me=BENCH_LOGIN)
        return sum(1 for row in rows if keep(row))
    return work


def run(workdir: Path) -> None:
    db = Database(ensure_demo_db(workdir))
    started = time.perf_counter()
    rows = client_facts(db, BENCH_LOGIN, BENCH_NOW.astimezone(BENCH_TZ).date(), BENCH_TZ)
    print(f"  facts query (client_facts, Administrator): {len(rows):,} rows in "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")
    db.dispose()
    anchor = _times(lambda: [row for row in rows if "grove" in row.name_key])
    print(f"  anchor: bare comprehension, one substring   best {anchor[0] * 1000:5.2f} ms  "
          f"median {anchor[1] * 1000:5.2f} ms  p95 {anchor[2] * 1000:5.2f} ms")
    for text in FILTERS:
        best, median, p95 = _times(_filter(rows, text))
        matched = _filter(rows, text)()
        print(f"  {text[:58]:58s} {matched:>6,} match  best {best * 1000:5.2f} ms  median {median * 1000:5.2f} ms  "
              f"p95 {p95 * 1000:5.2f} ms  ({median / anchor[1]:.1f}x anchor)")
