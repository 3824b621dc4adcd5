"""Kiosk over days: the wall-screen app cycling through 10,000 clients, with an outage.

The kiosk (:class:`console_tui.kiosk.app.KioskApp`, configured as ``console-tui --kiosk`` is: 10 s per
page, the agency page between client pages, a reload every minute) runs headless on the 10,000-client
bench database. Time is
compressed: instead of waiting, the bench calls the kiosk's own ``advance`` (each one painted)
and, after every ``RELOAD_SECONDS / seconds`` advances (6: the ratio of real use), its own
``reload``, waiting for the 10,000 clients to arrive. So the run does what that many hours on
a wall would do, and prints the real-time equivalent.

Half-way, the database goes away: the kiosk's services point at a closed TCP port until the
kiosk has failed twice (it says "database unavailable", keeps the last figures and keeps
cycling), then back at the database; no reload is asked for from then on until the kiosk's
own retry timer has brought the figures back.

Every 10 % it prints resident memory and the widgets, workers and timers; at the end the memory
against the 10 % mark (after warm-up; target within 10 %) and whether the counts stayed flat.
``BENCH_KIOSK_ADVANCES`` sets the number of advances (default 2,000; 8,640 is a day).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path

from textual.widgets import Static

from bench.bench_soak import _counts
from bench.common import BENCH_LOGIN, bench_clock, ensure_demo_db
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.kiosk import app as kiosk
from console_tui.kiosk.app import KioskApp
from console_tui.services.console import Services

SIZE = (120, 40)
KIOSK_SECONDS = 10.0  # console-tui --kiosk-seconds, default
UNREACHABLE = "postgresql://kiosk@127.0.0.1:9/gone"  # nothing listens on the discard port
OUTAGE_FAILURES = 2
WAIT_S = 60.0


class CountingKiosk(KioskApp):
    """The kiosk, counting its finished loads (good and failed); nothing else changed."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.loads = self.failed_loads = 0

    def _loaded(self, *loaded) -> None:  # noqa: ANN002 - the overview, the queue, the agency page
        super()._loaded(*loaded)
        self.loads += 1

    def _failed(self) -> None:
        super()._failed()
        self.failed_loads += 1


def _reload_due(app: KioskApp) -> None:
    """What the kiosk's minute timer does when it fires: stop it (here: early) and reload."""
    if app._reload_timer is not None:
        app._reload_timer.stop()
    app.reload()


class _Tally(logging.Handler):
    """Counts the kiosk's log lines (a console-tui kiosk logs to a file, not to the wall)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.lines += 1


def _status(app: KioskApp) -> str:
    return str(app.query_one("#status", Static).render())


async def _until(pilot, condition, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"kiosk bench: {what} did not happen within {WAIT_S:.0f} s")
        await pilot.pause(0.01)


def _hours(seconds: float) -> str:
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours} h {rest // 60:02d} min"


async def _soak(url: str, advances: int) -> tuple[list[tuple[int, int, float, int, int, int]], str]:
    clock = bench_clock()
    services = Services(Database(url), BENCH_LOGIN, clock)
    broken = Services(Database(UNREACHABLE), BENCH_LOGIN, clock)
    app = CountingKiosk(services, Settings(database_url=url), clock, seconds=KIOSK_SECONDS)
    every = round(kiosk.RELOAD_SECONDS / KIOSK_SECONDS)
    rows: list[tuple[int, int, float, int, int, int]] = []
    outage_at = advances // 2
    outage = ""
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.loads == 1, "the first load")
        for n in range(1, advances + 1):
            app.advance()
            await pilot.pause(0)  # painted
            if n == outage_at:
                outage = f"outage at advance {n:,}: " + await _outage(app, pilot, services, broken)
            elif n % every == 0:  # the minute's reload
                loads = app.loads
                _reload_due(app)
                await _until(pilot, lambda before=loads: app.loads > before, "a reload")
            if n % (advances // 10) == 0:
                await _until(pilot, lambda: not app.workers, "an idle kiosk")  # count between loads
                rows.append((n, app.loads, *_counts(app)))
                _, loads, rss, widgets, workers, timers = rows[-1]
                print(f"  {n / advances:4.0%}  advance {n:>6,}  reloads {loads:>5,}  rss {rss:7.1f} MB  "
                      f"widgets {widgets:3}  workers {workers:2}  timers {timers:2}", flush=True)
        assert app.lists["clients"] and "read-only kiosk" in _status(app)
    services.close()
    broken.close()
    return rows, outage


async def _outage(app: CountingKiosk, pilot, services: Services, broken: Services) -> str:  # noqa: ANN001
    """The database goes away for the kiosk, which keeps cycling; then it comes back."""
    started = time.monotonic()
    shown = str(app.query_one("#name", Static).render())
    failed = app.failed_loads
    app.services = broken
    _reload_due(app)  # the minute's reload comes due while the database is away
    while app.failed_loads < failed + OUTAGE_FAILURES:  # the kiosk's own retry timer tries again
        app.advance()
        await pilot.pause(0.05)
        if time.monotonic() - started > WAIT_S:
            raise RuntimeError("kiosk bench: the kiosk did not retry during the outage")
    down = _status(app)
    assert down.startswith("database unavailable — showing data from") and shown
    app.services = services  # the database is back; nobody touches the kiosk
    back = time.monotonic()
    while app.failures or "read-only kiosk" not in _status(app):
        app.advance()
        await pilot.pause(0.05)
        if time.monotonic() - back > WAIT_S:
            raise RuntimeError("kiosk bench: the kiosk did not recover by itself")
    return (f"{app.failed_loads - failed} failed loads, status '{down}', kept cycling; "
            f"recovered by itself {time.monotonic() - back:.1f} s after the database came back")


def run(workdir: Path) -> None:
    advances = max(int(os.environ.get("BENCH_KIOSK_ADVANCES", "2000")), 10)
    url = ensure_demo_db(workdir)
    every = round(kiosk.RELOAD_SECONDS / KIOSK_SECONDS)
    print(f"  {advances:,} advances with a reload every {every} "
          f"({kiosk.RELOAD_SECONDS:.0f} s / {KIOSK_SECONDS:.0f} s): "
          f"{_hours(advances * KIOSK_SECONDS)} of a kiosk on the wall, compressed", flush=True)
    logger, tally = logging.getLogger("console_tui.kiosk.app"), _Tally()
    logger.addHandler(tally)
    logger.propagate = False
    started = time.perf_counter()
    try:
        rows, outage = asyncio.run(_soak(url, advances))
    finally:
        logger.removeHandler(tally)
        logger.propagate = True
    elapsed = time.perf_counter() - started
    print(f"  {outage} ({tally.lines} warnings logged)")
    base, last = rows[0], rows[-1]
    ratio = last[2] / base[2]
    flat = all(row[3:] == base[3:] for row in rows)
    print(f"  {last[0]:,} advances and {last[1]:,} reloads of 10k clients in {elapsed:.0f} s "
          f"(= {_hours(last[0] * KIOSK_SECONDS)} real time); memory {base[2]:.1f} MB after warm-up (10 %) -> "
          f"{last[2]:.1f} MB at the end: x{ratio:.3f} ({ratio - 1:+.1%}, target within ±10 %); "
          f"widgets/workers/timers flat: {'yes' if flat else 'NO'} ({'/'.join(map(str, base[3:]))})")
