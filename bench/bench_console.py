"""The console on the 10,000-client demo database.

(a) process start → first frame showing client rows with their metrics, under a pseudo-terminal,
    next to a bare Textual app that exits on mount (ratio; target ≤ 2.5×);
(b) search keystroke → repaint, p50/p95 over 200 keystrokes (target p95 ≤ 50 ms);
(c) cursor movement → repaint, p95 (target ≤ 33 ms);
(d) resident memory after load (target ≤ 150 MB).

(b) and (c) run the real app headless in this process; "repaint" is the moment the screen's
compositor has rendered the update and it has been encoded as terminal output.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

import psutil

from bench.common import BENCH_LOGIN, bench_clock, ensure_demo_db
from bench.terminal import read_until, spawn, stop

SIZE = (120, 40)
RUNS = 5
BARE_APP = "from textual.app import App\nclass Bare(App):\n    def on_mount(self):\n        self.exit()\nBare().run()\n"
QUERIES = ["brightwave", "acme", "coffee", "law group", "dental", "zq", "north", "studio gmbh", "ltd", "fjrod"]


def time_bare() -> float:
    started = time.perf_counter()
    process, leader = spawn([sys.executable, "-c", BARE_APP], SIZE)
    read_until(leader, process, None)
    elapsed = time.perf_counter() - started
    stop(process, leader)
    return elapsed


def time_console(url: str, marker: bytes) -> tuple[float, float]:
    """Seconds to the first frame with client rows and metrics, and the RSS (MB) once loaded."""
    started = time.perf_counter()
    # --no-scheduler: the in-console nightly job would catch up (and write) the shared bench database.
    process, leader = spawn([sys.executable, "-m", "console_tui", "--db", url, "--user", BENCH_LOGIN,
                             "--no-scheduler"], SIZE)
    read_until(leader, process, marker)
    elapsed = time.perf_counter() - started
    time.sleep(1.0)  # let the load finish settling (index, first paints)
    rss = psutil.Process(process.pid).memory_info().rss / 2**20
    stop(process, leader)
    return elapsed, rss


def first_row_marker(url: str) -> bytes:
    """The first client's name as it is painted (bold, alone in its segment)."""
    from console_tui.data.engine import Database
    from console_tui.display import safe
    from console_tui.services.console import Services

    database = Database(url)
    try:
        first = Services(database, BENCH_LOGIN, bench_clock()).overview().clients[0]
    finally:
        database.dispose()
    return safe(first.name)[:20].encode()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


async def interaction_times(url: str) -> tuple[list[float], list[float]]:
    """Keystroke → repaint times (ms) for 200 search keystrokes and 200 cursor moves."""
    from rich.console import Console

    from console_tui.app.application import make_app
    from console_tui.config import Settings
    from console_tui.data.engine import Database
    from console_tui.services.console import Services

    clock = bench_clock()
    database = Database(url)
    app = make_app(Services(database, BENCH_LOGIN, clock), Settings(database_url=url), clock, cursor_blink=False)
    terminal = Console(force_terminal=True, color_system="truecolor", legacy_windows=False, width=SIZE[0])
    painted: list[float] = []

    def display(screen, update) -> None:  # noqa: ANN001 - what the driver would write, encoded
        if update is not None and hasattr(update, "render_segments"):
            update.render_segments(terminal)
        painted.append(time.perf_counter())

    async def timed(pilot, key: str) -> float:  # noqa: ANN001
        """From the key press to the last paint it caused (no paint for 40 ms: done)."""
        painted.clear()
        started = time.perf_counter()
        await pilot.press(key)
        quiet_since = time.perf_counter()
        seen = 0
        while time.perf_counter() - quiet_since < 0.040:
            await asyncio.sleep(0.0005)
            if len(painted) != seen:
                seen, quiet_since = len(painted), time.perf_counter()
        return (painted[-1] - started) * 1000 if painted else float("nan")

    async with app.run_test(size=SIZE) as pilot:
        app._display = display  # type: ignore[method-assign]
        while app.console_screen.overview is None:
            await asyncio.sleep(0.05)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash")
        search: list[float] = []
        while len(search) < 200:
            for query in QUERIES:
                for ch in query:
                    search.append(await timed(pilot, "space" if ch == " " else ch))
                for _ch in query:
                    search.append(await timed(pilot, "backspace"))
        await pilot.press("escape")
        await pilot.pause()
        moves = [await timed(pilot, "j" if i % 10 < 7 else "k") for i in range(200)]
    database.dispose()
    return search[:200], moves


def run(workdir: Path) -> None:
    url = ensure_demo_db(workdir)
    marker = first_row_marker(url)
    bare = statistics.median(time_bare() for _ in range(RUNS))
    console_runs = [time_console(url, marker) for _ in range(RUNS)]
    first = statistics.median(t for t, _ in console_runs)
    rss = statistics.median(r for _, r in console_runs)
    print(f"(a) first frame with client rows: {first * 1000:7.0f} ms (median of {RUNS}, pty {SIZE[0]}x{SIZE[1]})")
    print(f"    bare Textual app, exit on mount: {bare * 1000:7.0f} ms   ratio {first / bare:4.2f}x  (target <= 2.5x)")
    search, moves = asyncio.run(interaction_times(url))
    print(f"(b) search keystroke -> repaint: p50 {percentile(search, 50):5.1f} ms  p95 {percentile(search, 95):5.1f} ms"
          f"  over {len(search)} keystrokes  (target p95 <= 50 ms)")
    print(f"(c) cursor move -> repaint:      p50 {percentile(moves, 50):5.1f} ms  p95 {percentile(moves, 95):5.1f} ms"
          f"  over {len(moves)} moves  (target p95 <= 33 ms)")
    print(f"(d) resident memory after load:  {rss:5.0f} MB  (target <= 150 MB)")
