"""The filter language at 10,000 clients: parse + compile once, then the predicate over every row.

Loads the facts of the demo's 10,000 clients once (and prints how long the facts query takes),
then for a few typical filters prints the best, median and p95 of parse + compile + filter over
every row. Anchor, measured in the same run: the cheapest filter there can be, a bare list
comprehension testing one substring on each row; the ratio says how far each filter is from it
whatever the machine's load. Target: every filter well under 50 ms.

Then the console itself at 10,000 clients (a child process, as ``bench_scale`` measures the search):
the search line is given a filter once so the facts load, then filters are typed a key at a time
and backspaced, and each keystroke is timed to the settled repaint (the lines in between are often
mistakes: those repaint the caret lines). Goal: p95 <= 50 ms. Anchors in the same run: plain name
words typed in the same console, and a stock Textual ``DataTable``'s cursor move over as many rows.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import BENCH_LOGIN, BENCH_NOW, BENCH_TZ, bench_clock, ensure_demo_db
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
#: Typed into the console's search line, a key at a time, then backspaced.
TYPED_FILTERS = ("sender>=at-risk util<25", "kind:client login>30d", "grove tag:ebs", "-feature:crm users:0",
                 "renews<30 term:annual")
TYPED_WORDS = ("grove", "acme", "law group", "dental")
KEYS = 200


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
    run_console(workdir)


async def console_typing(url: str) -> dict[str, list[float]]:
    """Keystroke → settled repaint (ms) in the console: filters, with the facts loaded, and plain words."""
    from bench.bench_scale import SIZE, Paints, keyname
    from console_tui.app.application import make_app
    from console_tui.config import Settings
    from console_tui.services.console import Services

    clock = bench_clock()
    database = Database(url)
    app = make_app(Services(database, BENCH_LOGIN, clock), Settings(database_url=url), clock, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        console = app.console_screen
        while not console.complete:
            await asyncio.sleep(0.05)
        await app.workers.wait_for_complete()
        console.search.value = "sender:new"  # the first field term: the facts load
        while console.facts is None:
            await asyncio.sleep(0.05)
        console.search.value = ""
        await app.workers.wait_for_complete()
        await pilot.pause()
        paints = Paints(app)
        await paints.keys("slash")
        timings: dict[str, list[float]] = {}
        for name, lines in (("filters", TYPED_FILTERS), ("words", TYPED_WORDS)):
            typed: list[float] = []
            while len(typed) < KEYS:
                for line in lines:
                    typed += [await paints.keys(keyname(ch)) for ch in line]
                    typed += [await paints.keys("backspace") for _ in line]
            timings[name] = typed[:KEYS]
    database.dispose()
    return timings


def _child(what: str, arg: str) -> dict[str, list[float]]:
    out = subprocess.run([sys.executable, "-m", "bench.bench_filter", what, arg], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent.parent)
    timings: dict[str, list[float]] = json.loads(out.stdout.strip().splitlines()[-1])
    return timings


def run_console(workdir: Path) -> None:
    from bench.bench_scale import percentile

    url = ensure_demo_db(workdir)
    console = _child("console", url)
    table = _child("datatable", "10000")
    filters, words = percentile(console["filters"], 95), percentile(console["words"], 95)
    anchor = percentile(table["moves"], 95)
    print(f"  console, 10,000 clients, facts loaded: a filter typed key by key, p95 {filters:5.1f} ms  goal <= 50 ms "
          f"({filters / anchor:.1f}x anchor)")
    print(f"  same console, plain name words key by key, p95 {words:5.1f} ms")
    print(f"  anchor: stock Textual DataTable, 10,000 rows, cursor move p95 {anchor:5.1f} ms")


if __name__ == "__main__":  # the child processes of :func:`run_console`
    from bench.bench_scale import datatable_interactions

    kind, arg = sys.argv[1], sys.argv[2]
    print(json.dumps(asyncio.run(console_typing(arg) if kind == "console" else datatable_interactions(int(arg)))))
