"""Soak: 1,000 refresh cycles of a running console on the 10,000-client database.

Every 100 cycles it prints resident memory and the number of widgets, workers and timers.
Target: memory at the end within 10 % of cycle 100, and the counts flat. ``BENCH_SOAK_CYCLES``
changes the number of cycles (default 1,000).
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from pathlib import Path

import psutil
from textual.timer import Timer

from bench.common import BENCH_LOGIN, bench_clock, ensure_demo_db
from console_tui.app.application import make_app
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.screens.console.console import ConsoleScreen
from console_tui.services.console import Services

SIZE = (120, 40)


def _timers() -> int:
    return sum(1 for obj in gc.get_objects() if isinstance(obj, Timer) and obj._active.is_set())


def _counts(app) -> tuple[float, int, int, int]:
    rss = psutil.Process().memory_info().rss / 2**20
    widgets = sum(1 for screen in app.screen_stack for _ in screen.walk_children(with_self=True))
    return rss, widgets, len(app.workers), _timers()


async def _soak(url: str, cycles: int) -> list[tuple[int, float, int, int, int]]:
    clock = bench_clock()
    services = Services(Database(url), BENCH_LOGIN, clock)
    app = make_app(services, Settings(database_url=url), clock, cursor_blink=False)
    rows = []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)
        while not screen.complete:
            await pilot.pause(0.05)
        for cycle in range(1, cycles + 1):
            screen.complete = False
            screen.action_reload()
            while not screen.complete:
                await pilot.pause(0.01)
            await pilot.press("j")  # the console stays in use while it refreshes
            if cycle % 100 == 0 or cycle == 1:
                rows.append((cycle, *_counts(app)))
                rss, widgets, workers, timers = rows[-1][1:]
                print(f"  cycle {cycle:>5}  rss {rss:7.1f} MB  widgets {widgets:4}  "
                      f"workers {workers:3}  timers {timers:3}", flush=True)
    services.close()
    return rows


def run(workdir: Path) -> None:
    cycles = int(os.environ.get("BENCH_SOAK_CYCLES", "1000"))
    url = ensure_demo_db(workdir)
    started = time.perf_counter()
    rows = asyncio.run(_soak(url, cycles))
    elapsed = time.perf_counter() - started
    base = next((row for row in rows if row[0] == 100), rows[0])
    last = rows[-1]
    growth = (last[1] - base[1]) / base[1]
    flat = all(row[2:] == base[2:] for row in rows if row[0] >= base[0])
    print(f"  {cycles} cycles in {elapsed:.0f} s; memory {base[1]:.1f} MB at cycle {base[0]} -> {last[1]:.1f} MB "
          f"at {last[0]} ({growth:+.1%}, target within ±10 %); counts flat: {'yes' if flat else 'NO'}")
