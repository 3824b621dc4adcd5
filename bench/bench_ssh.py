"""What each key costs on a slow link: the bytes the console writes to its terminal per action.

The real console runs under a pseudo-terminal at 120x40, TERM=xterm-256color and no COLORTERM
(256 colours, as over most SSH links), on the 10,000-client demo database. After the first frame
and a quiet screen, each action is sent and the terminal read until it has been quiet for 150 ms;
each is repeated and the median reported, with the rows it rewrote and what it costs at
1 Mbit/s with 50 ms latency (bytes * 8 / 1e6 s + 0.05 s). A stock Textual ``DataTable`` of 10,000
rows with a row cursor (a row per client with the figures a card shows, across the width), under
the same terminal, in the same run, is the anchor (goal: a cursor move <= 2x its bytes).

``python -m bench.bench_ssh --dump`` also writes what one ``j`` wrote, row by row, to
``bench/.work/ssh-j.txt`` (which rows, how many bytes each).
"""

from __future__ import annotations

import re
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import BENCH_LOGIN, ensure_demo_db
from bench.terminal import read_quiet, read_until, spawn, stop

SIZE = (120, 40)
REPEATS = 7
QUIET = 0.15
LINK_BPS = 1e6
LATENCY = 0.05
DOWN, UP, PAGE_DOWN, ESCAPE = b"\x1b[B", b"\x1b[A", b"\x1b[6~", b"\x1b"
QUERIES = ("acme", "north", "studio", "dental", "coffee", "brightwave", "law")
MOVE_TO = re.compile(rb"\x1b\[(\d+);(\d+)H")
DATATABLE_APP = """\
from textual.app import App
from textual.widgets import DataTable

KINDS, STATUSES = ("client", "prospect", "lead"), ("Active", "Onboarding", "Suspended")
SENDERS, LEVELS = ("Healthy", "At Risk", "New", "Limited"), ("Dragon", "Tiger", "Rabbit", "Grasshopper")


class Table(App):
    def compose(self):
        yield DataTable(cursor_type="row")

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Name", "Kind", "Status", "Users", "Last login", "Sent", "Opened", "Rate",
                          "Sender", "Score", "Level")
        table.add_rows((f"Client {i:05} Studio GmbH", KINDS[i % 3], STATUSES[i % 3], str(i % 40),
                        f"{i % 28 + 1} days ago", f"{i * 37 % 9000:,}", f"{i * 11 % 3000:,}",
                        f"{i % 40}.{i % 10}%", SENDERS[i % 4], f"{i % 100}%", LEVELS[i % 4])
                       for i in range(10_000))
        table.focus()

Table().run()
"""


@dataclass
class Figures:
    """Bytes written per repeat of each action, and the rows each rewrote."""

    written: dict[str, list[bytes]] = field(default_factory=dict)

    def add(self, action: str, data: bytes) -> None:
        self.written.setdefault(action, []).append(data)

    def bytes(self, action: str) -> float:
        return statistics.median(len(data) for data in self.written[action])

    def rows(self, action: str) -> float:
        return statistics.median(len(rows_written(data)) for data in self.written[action])


def rows_written(data: bytes) -> dict[int, int]:
    """Bytes written per screen row (1-based), from one cursor positioning to the next; a row the
    cursor is only put on (where the terminal's cursor rests afterwards) is not counted."""
    rows: dict[int, int] = {}
    marks = list(MOVE_TO.finditer(data))
    ends = [mark.start() for mark in marks[1:]] + ([len(data)] if marks else [])
    for mark, end in zip(marks, ends, strict=True):
        if end > mark.end():
            row = int(mark.group(1))
            rows[row] = rows.get(row, 0) + end - mark.start()
    return rows


def press(leader: int, keys: bytes, quiet: float = QUIET) -> bytes:
    import os

    os.write(leader, keys)
    return read_quiet(leader, quiet)


def measure_console(url: str, marker: bytes) -> Figures:
    figures = Figures()
    process, leader = spawn([sys.executable, "-m", "console_tui", "--db", url, "--user", BENCH_LOGIN,
                             "--no-scheduler"], SIZE, truecolor=False)
    try:
        read_until(leader, process, marker)
        read_quiet(leader, 2.0, timeout=30)  # the full load (Recent Places) and its repaint
        _moves(leader, figures, (b"j", b"k"), (DOWN, UP))
        for _ in range(REPEATS):
            figures.add("page down", press(leader, PAGE_DOWN))
        press(leader, b"\x1b[H")  # home: back to the top
        for query in QUERIES[:REPEATS]:
            figures.add("/ (into search)", press(leader, b"/"))
            for i, letter in enumerate(query.encode()):
                figures.add("first letter" if i == 0 else "next letters", press(leader, bytes([letter])))
            figures.add("esc (clear search)", press(leader, ESCAPE))
        for _ in range(REPEATS):
            figures.add("d (open detail)", press(leader, b"d", quiet=0.6))
            figures.add("esc (back to list)", press(leader, ESCAPE, quiet=0.6))
    finally:
        stop(process, leader)
    return figures


def measure_datatable() -> Figures:
    figures = Figures()
    process, leader = spawn([sys.executable, "-c", DATATABLE_APP], SIZE, truecolor=False)
    try:
        read_until(leader, process, b"Client 00000 Studio")
        read_quiet(leader, 1.0)
        _moves(leader, figures, (DOWN, UP))
        for _ in range(REPEATS):
            figures.add("page down", press(leader, PAGE_DOWN))
    finally:
        stop(process, leader)
    return figures


def _moves(leader: int, figures: Figures, *pairs: tuple[bytes, bytes]) -> None:
    """A cursor move down, measured, then back up (so none of them scrolls the list)."""
    names = {b"j": "j (cursor down)", DOWN: "down (cursor down)"}
    for down, up in pairs:
        for _ in range(REPEATS):
            figures.add(names[down], press(leader, down))
            press(leader, up)


def cost_ms(size: float) -> float:
    return (size * 8 / LINK_BPS + LATENCY) * 1000


def report(console: Figures, table: Figures, print_: Callable[[str], None] = print) -> None:
    print_(f"pty {SIZE[0]}x{SIZE[1]}, TERM=xterm-256color, 256 colours; median of {REPEATS}; "
           f"cost at {LINK_BPS / 1e6:g} Mbit/s + {LATENCY * 1000:.0f} ms latency")
    print_(f"  {'action':<26}{'bytes':>9}{'rows':>6}{'cost':>10}")
    for name, figures in (("console", console), ("DataTable 10k", table)):
        print_(f" {name}")
        for action in figures.written:
            size = figures.bytes(action)
            print_(f"  {action:<26}{size:>9,.0f}{figures.rows(action):>6.0f}{cost_ms(size):>8.0f} ms")
    ratio = console.bytes("j (cursor down)") / table.bytes("down (cursor down)")
    print_(f" cursor move, console / DataTable: {ratio:.2f}x  (goal <= 2x)")


def dump(console: Figures, path: Path) -> None:
    data = console.written["j (cursor down)"][0]
    lines = [f"one j: {len(data):,} bytes; bytes per screen row (1-based):"]
    lines += [f"  row {row:>2}: {size:>6,}" for row, size in sorted(rows_written(data).items())]
    lines += ["", repr(data)]
    path.write_text("\n".join(lines) + "\n")
    print(f"(wrote {path})")


def run(workdir: Path) -> None:
    from bench.bench_scale import first_row_marker

    url = ensure_demo_db(workdir)
    console = measure_console(url, first_row_marker(url))
    table = measure_datatable()
    if "--dump" in sys.argv:
        dump(console, workdir / "ssh-j.txt")
    report(console, table)


if __name__ == "__main__":
    work = Path(__file__).with_name(".work")
    work.mkdir(exist_ok=True)
    run(work)
