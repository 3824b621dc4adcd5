"""Demo build time: 10,000 clients x 90 days into file-backed SQLite, from nothing.

Prints the total, the time of each stage, the rows per table and the file size. The database
it builds stays in the work directory as the shared 10k database (bench/common.py) that the
other benchmarks reuse. ``BENCH_DEMO_CLIENTS`` / ``BENCH_DEMO_DAYS`` change the size.
"""

from __future__ import annotations

import os
import time
from itertools import pairwise
from pathlib import Path

from bench.common import build_demo_file, demo_path

CLIENTS = int(os.environ.get("BENCH_DEMO_CLIENTS", "10000"))
DAYS = int(os.environ.get("BENCH_DEMO_DAYS", "90"))
SEED = 1
TARGET_S = 120.0


def run(workdir: Path) -> None:
    path = demo_path(workdir, CLIENTS, DAYS, SEED)
    stages: dict[str, float] = {}
    started = time.perf_counter()

    def progress(stage: str, _done: int, _total: int) -> None:
        stages.setdefault(stage, time.perf_counter())

    summary = build_demo_file(path, clients=CLIENTS, days=DAYS, seed=SEED, progress=progress)
    total = time.perf_counter() - started
    marks = sorted(stages.items(), key=lambda item: item[1]) + [("end", started + total)]
    print(f"demo build, {CLIENTS:,} clients x {DAYS} days (seed {SEED}), file-backed SQLite: "
          f"{total:.1f} s (target: well under {TARGET_S:.0f} s) — {'OK' if total < TARGET_S else 'TOO SLOW'}")
    print("  schema, planning the agency".ljust(36) + f"{marks[0][1] - started:7.1f} s")
    for (stage, at), (_next, until) in pairwise(marks):
        print(f"  {stage}".ljust(36) + f"{until - at:7.1f} s")
    print(f"  {summary.events / total:,.0f} events per second overall; file {path.stat().st_size / 2**20:,.0f} MiB")
    print(f"  agency {summary.agency_name!r} on plan {summary.plan_name}: {summary.counted_clients:,} counted "
          f"clients of {summary.plan_capacity:,}; {summary.leads:,} leads, {summary.prospects:,} prospects")
    for table, rows in summary.rows:
        print(f"    {table:<24}{rows:>12,}")
    print(f"  kept as the shared database: {path.name}")
