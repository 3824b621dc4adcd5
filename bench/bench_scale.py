"""The console at 10,000 and 50,000 clients, next to stock Textual measured in the same run.

Per demo database (10k clients x 90 days, 50k x 60):

* process start → first frame showing client rows, under a pseudo-terminal at 120x40 (median of
  :data:`RUNS`), and the resident memory once the load has settled (median of the same runs);
* search keystroke → repaint settled, p95: typed a key at a time, and typed in bursts (several keys
  sent without waiting, as they arrive over SSH), timed from the latest key of each burst;
* cursor move (j/k) → repaint settled, p95 and max.

Anchors, same run: a bare Textual app's first paint (exits on mount), and a stock ``DataTable``
with as many rows: its first rows under the same pty, and its cursor p95.

The interactions run the real app headless in a child process (one per figure set, so one size's
frozen garbage never weighs on the next): "settled" is the last paint, encoded as terminal output,
after which nothing painted for 40 ms.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import psutil

from bench.common import BENCH_LOGIN, bench_clock, ensure_demo_db
from bench.terminal import read_quiet, read_until, spawn, stop

SIZE = (120, 40)
RUNS = 5
SIZES = ((10_000, 90), (50_000, 60))
#: ``BENCH_SCALE_CLIENTS=50000`` measures only the sizes named (comma-separated client counts).
ONLY = {int(n) for n in os.environ.get("BENCH_SCALE_CLIENTS", "").replace("_", "").split(",") if n.strip()}
QUIET = 0.040
FIRST_PAINT = 2.0  # seconds to wait for a key's first paint
BARE_APP = "from textual.app import App\nclass Bare(App):\n    def on_mount(self):\n        self.exit()\nBare().run()\n"
QUERIES = ["brightwave", "acme", "coffee", "law group", "dental", "zq", "north", "studio gmbh", "ltd", "fjrod"]
BURST = 3  # keys per burst
DATATABLE_APP = """\
import sys
from textual.app import App
from textual.widgets import DataTable

class Table(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Name", "Kind", "Status", "Users", "Sent", "Opened", "Score")
        table.add_rows((f"Client {i:05}", "Agency", "Active", str(i % 40), f"{i * 37 % 9000:,}",
                        f"{i * 11 % 3000:,}", f"{i % 100}%") for i in range(int(sys.argv[1])))
        table.focus()

if __name__ == "__main__":
    Table().run()
"""


# --- from outside: first rows and memory under a pty ----------------------------------------------

def time_bare() -> float:
    started = time.perf_counter()
    process, leader = spawn([sys.executable, "-c", BARE_APP], SIZE)
    read_until(leader, process, None)
    elapsed = time.perf_counter() - started
    stop(process, leader)
    return elapsed


def settled_rss(process: subprocess.Popen[bytes], leader: int, limit: float = 20.0) -> float:
    """Resident MB once it has stopped growing (the full load with Recent Places done), reading
    the terminal meanwhile so the app never waits on a full pty."""
    info, last, deadline = psutil.Process(process.pid), 0.0, time.monotonic() + limit
    while time.monotonic() < deadline:
        read_quiet(leader, quiet=0.5, timeout=1.0)
        rss = float(info.memory_info().rss) / 2**20
        if abs(rss - last) < 1.0:
            return rss
        last = rss
    return last


def first_rows(argv: list[str], marker: bytes, *, memory: bool = False) -> tuple[float, float]:
    """Seconds from start to ``marker`` on the terminal; with ``memory``, the settled RSS too."""
    started = time.perf_counter()
    process, leader = spawn(argv, SIZE)
    try:
        read_until(leader, process, marker, timeout=60)
        elapsed = time.perf_counter() - started
        return elapsed, settled_rss(process, leader) if memory else 0.0
    finally:
        stop(process, leader)


def console_argv(url: str) -> list[str]:
    # --no-scheduler: the in-console nightly job would catch up (and write) the shared bench database.
    return [sys.executable, "-m", "console_tui", "--db", url, "--user", BENCH_LOGIN, "--no-scheduler"]


def first_row_marker(url: str) -> bytes:
    """The first client's name as it is painted (bold, alone in its segment)."""
    from console_tui.data.engine import Database
    from console_tui.display import safe
    from console_tui.services.console import Services

    database = Database(url)
    try:
        first = Services(database, BENCH_LOGIN, bench_clock()).first_overview().clients[0]
    finally:
        database.dispose()
    return safe(first.name)[:20].encode()


# --- from inside: keystroke → repaint settled --------------------------------------------------------

def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(v for v in values if v == v)  # a key that painted nothing (nan) is left out
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


class Paints:
    """Records when the app paints (what the driver would write, encoded), and times keys to the
    settled repaint."""

    def __init__(self, app: Any) -> None:  # noqa: ANN401 - any Textual app
        from rich.console import Console

        self.app = app
        self.times: list[float] = []
        self.terminal = Console(force_terminal=True, color_system="truecolor", legacy_windows=False, width=SIZE[0])
        app._display = self._display

    def _display(self, _screen: object, update: Any) -> None:  # noqa: ANN401
        if update is not None and hasattr(update, "render_segments"):
            update.render_segments(self.terminal)
        self.times.append(time.perf_counter())

    async def keys(self, *keys: str) -> float:
        """Send ``keys`` at once (as one read from the terminal) → ms from the latest to the last paint."""
        from textual import events

        self.times.clear()
        for key in keys:
            event = events.Key(key, key if len(key) == 1 else " " if key == "space" else None)
            event.set_sender(self.app)
            self.app._driver.send_message(event)
        sent = time.perf_counter()
        while not self.times and time.perf_counter() - sent < FIRST_PAINT:  # the loop may be busy a while
            await asyncio.sleep(0.0005)
        quiet_since, seen = time.perf_counter(), len(self.times)
        while time.perf_counter() - quiet_since < QUIET:
            await asyncio.sleep(0.0005)
            if len(self.times) != seen:
                seen, quiet_since = len(self.times), time.perf_counter()
        return (self.times[-1] - sent) * 1000 if self.times else float("nan")


def keyname(ch: str) -> str:
    return "space" if ch == " " else ch


@asynccontextmanager
async def loaded_console(url: str) -> AsyncIterator[tuple[Any, Any]]:
    """The real console on ``url`` at :data:`SIZE`, in-process, once every client is loaded: (app, pilot)."""
    from console_tui.app.application import make_app
    from console_tui.config import Settings
    from console_tui.data.engine import Database
    from console_tui.services.console import Services

    clock = bench_clock()
    database = Database(url)
    app = make_app(Services(database, BENCH_LOGIN, clock), Settings(database_url=url), clock, cursor_blink=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            while not app.console_screen.complete:
                await asyncio.sleep(0.05)
            await app.workers.wait_for_complete()
            await pilot.pause()
            yield app, pilot
    finally:
        database.dispose()


async def console_interactions(url: str) -> dict[str, list[float]]:
    async with loaded_console(url) as (app, _pilot):
        paints = Paints(app)
        await paints.keys("slash")
        typed: list[float] = []
        while len(typed) < 200:
            for query in QUERIES:
                typed += [await paints.keys(keyname(ch)) for ch in query]
                typed += [await paints.keys("backspace") for _ in query]
        bursts: list[float] = []
        for query in QUERIES * 2:
            keys = [keyname(ch) for ch in query]
            bursts += [await paints.keys(*keys[i:i + BURST]) for i in range(0, len(keys), BURST)]
            bursts += [await paints.keys(*["backspace"] * BURST) for _ in range(0, len(keys), BURST)]
        await paints.keys("escape")
        moves = [await paints.keys("j" if i % 10 < 7 else "k") for i in range(200)]
    return {"typed": typed[:200], "bursts": bursts, "moves": moves}


async def datatable_interactions(rows: int) -> dict[str, list[float]]:
    namespace: dict[str, Any] = {"__name__": "datatable"}
    exec(DATATABLE_APP, namespace)  # noqa: S102 - our own anchor app
    sys.argv[1:] = [str(rows)]
    app = namespace["Table"]()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        paints = Paints(app)
        moves = [await paints.keys("down" if i % 10 < 7 else "up") for i in range(200)]
    return {"moves": moves}


def interactions(what: str, arg: str) -> dict[str, list[float]]:
    """The interaction timings, measured in a fresh child process."""
    out = subprocess.run([sys.executable, "-m", "bench.bench_scale", what, arg], capture_output=True,
                         text=True, check=True, cwd=Path(__file__).parent.parent)
    timings: dict[str, list[float]] = json.loads(out.stdout.strip().splitlines()[-1])
    return timings


# --- the report ---------------------------------------------------------------------------------------

def measure(workdir: Path, clients: int, days: int, bare: float) -> dict[str, float]:
    url = ensure_demo_db(workdir, clients, days)
    marker = first_row_marker(url)
    runs = [first_rows(console_argv(url), marker, memory=True) for _ in range(RUNS)]
    table = [first_rows([sys.executable, "-c", DATATABLE_APP, str(clients)], b"Client 00000")[0]
             for _ in range(RUNS)]
    console, anchor = interactions("console", url), interactions("datatable", str(clients))
    return {
        "first": statistics.median(t for t, _ in runs), "rss": statistics.median(r for _, r in runs),
        "bare": bare, "table_first": statistics.median(table),
        "typed": percentile(console["typed"], 95), "bursts": percentile(console["bursts"], 95),
        "move": percentile(console["moves"], 95), "move_max": percentile(console["moves"], 100),
        "table_move": percentile(anchor["moves"], 95), "table_move_max": percentile(anchor["moves"], 100),
    }


def report(clients: int, f: dict[str, float], line: Callable[[str], None] = print) -> None:
    big = clients >= 50_000
    line(f"-- {clients:,} clients --")
    line(f"first frame with client rows  {f['first'] * 1000:6.0f} ms   bare app {f['bare'] * 1000:4.0f} ms "
         f"({f['first'] / f['bare']:.1f}x)   DataTable {f['table_first'] * 1000:5.0f} ms   "
         + ("goal <= 1500 ms" if big else "goal <= 3x bare"))
    line(f"search, key by key, p95       {f['typed']:6.1f} ms" + ("   goal <= 50 ms" if big else ""))
    line(f"search, bursts of {BURST}, p95      {f['bursts']:6.1f} ms   (from the latest key)"
         + ("   goal <= 50 ms" if big else ""))
    line(f"cursor move p95 / max         {f['move']:6.1f} / {f['move_max']:.0f} ms   DataTable "
         f"{f['table_move']:.1f} / {f['table_move_max']:.0f} ms" + ("   goal <= 33 / 100 ms" if big else ""))
    line(f"resident memory after load    {f['rss']:6.0f} MB" + ("   goal <= 200 MB" if big else ""))


def run(workdir: Path) -> None:
    bare = statistics.median(time_bare() for _ in range(RUNS))
    print(f"pty {SIZE[0]}x{SIZE[1]}; first rows and memory: median of {RUNS} starts; p95 over 200 keys", flush=True)
    for clients, days in SIZES:
        if ONLY and clients not in ONLY:
            continue
        report(clients, measure(workdir, clients, days, bare))
        sys.stdout.flush()


if __name__ == "__main__":  # the child process of :func:`interactions`
    kind, arg = sys.argv[1], sys.argv[2]
    timings = asyncio.run(console_interactions(arg) if kind == "console" else datatable_interactions(int(arg)))
    print(json.dumps(timings))
