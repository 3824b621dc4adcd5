"""The console while a bulk change of 10,000 clients runs (R-BULK-5): is a cursor move still a frame?

In-process, as ``bench_scale`` measures its keys: the real console on a scratch copy of the
10,000-client demo at 120x40, every client selected (``*``), the dry run computed, then the run
started the way ``enter`` on the dry run starts it (in a child process, waited for by a thread
worker on the console, its progress on the status line after each committed chunk). While it is in
flight, ``j``/``k`` are sent one at a time, each timed from the key to the first paint after the
list's cursor moved (the progress line's own paints are not counted as the key's). The run is
repeated (alternating two limits) until 200 moves were timed in flight. Anchors, in the same
process: the same moves with no run in flight, and a stock Textual ``DataTable`` of 10,000 rows
(bench_scale's). Goal: p95 ≤ 33 ms in flight.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path
from typing import Any

from bench.bench_scale import Paints, datatable_interactions, loaded_console, percentile
from bench.common import ensure_demo_db

MOVES = 200
FIRST_PAINT = 2.0


class CursorPaints(Paints):
    """Paints, and when the client list's cursor last moved: a key's time is to the first paint after."""

    moved = 0.0

    async def move(self, key: str) -> float:
        from textual import events

        self.times.clear()
        self.moved = 0.0
        event = events.Key(key, key)
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        sent = time.perf_counter()
        while time.perf_counter() - sent < FIRST_PAINT:
            if self.moved and any(t >= self.moved for t in self.times):
                return (next(t for t in self.times if t >= self.moved) - sent) * 1000
            await asyncio.sleep(0.0002)
        return float("nan")


async def console_moves(url: str) -> dict[str, list[float]]:
    from console_tui.screens.bulk.running import run_bulk
    from console_tui.widgets.client_list import ClientList

    async with loaded_console(url) as (app, pilot):
        console: Any = app.console_screen
        paints = CursorPaints(app)
        watch = ClientList.watch_cursor

        def watched(self: ClientList, old: int, new: int) -> None:
            watch(self, old, new)
            paints.moved = time.perf_counter()

        ClientList.watch_cursor = watched  # type: ignore[method-assign]
        idle = [await paints.move("j" if i % 10 < 7 else "k") for i in range(MOVES)]
        await pilot.press("asterisk")
        ids = console.selection.ids
        in_flight: list[float] = []
        runs: list[float] = []
        limits = ("4000", "none")
        while len(in_flight) < MOVES:
            words = ("set-limit", limits[len(runs) % 2])
            plan = await asyncio.to_thread(app.bulk.dry_run_words, ids, words)
            done = asyncio.Event()
            started = time.perf_counter()
            console.selection.add_all(ids)  # the last run's result cleared it

            def finished(_result: object, done: asyncio.Event = done) -> None:
                done.set()

            run_bulk(console, console.refuse, plan, False, finished)
            i = 0
            while not done.is_set() and len(in_flight) < MOVES:
                in_flight.append(await paints.move("j" if i % 10 < 7 else "k"))
                i += 1
            await done.wait()
            runs.append(time.perf_counter() - started)
        ClientList.watch_cursor = watch  # type: ignore[method-assign]
    return {"idle": idle, "in_flight": in_flight, "runs": runs, "clients": [float(len(ids))]}


def run(workdir: Path) -> None:
    source = Path(ensure_demo_db(workdir).removeprefix("sqlite:///"))
    scratch = workdir / "bulk-responsive.db"
    leftovers = (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    shutil.copyfile(source, scratch)
    try:
        found = asyncio.run(console_moves(f"sqlite:///{scratch}"))
        table = asyncio.run(datatable_interactions(10_000))["moves"]
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    runs = found["runs"]
    print(f"  {int(found['clients'][0]):,} clients selected; {len(runs)} runs, "
          f"{min(runs):.1f}-{max(runs):.1f} s each (set-limit, alternating)")
    for name, moves in (("in flight", found["in_flight"]), ("no run", found["idle"])):
        print(f"  cursor move, {name:<9} p95 {percentile(moves, 95):5.1f} ms  max {percentile(moves, 100):5.0f} ms"
              f"  ({len(moves)} moves)" + ("   goal p95 <= 33 ms" if name == "in flight" else ""))
    print(f"  anchor: DataTable 10k     p95 {percentile(table, 95):5.1f} ms  max {percentile(table, 100):5.0f} ms")
