"""What several benchmarks share: the 10,000-client demo database, built once and reused.

``bench_demo`` builds it fresh (and times that); every other benchmark calls
:func:`ensure_demo_db`, which builds it only when the file is missing. The file name carries
the size, the seed and the schema revision, so a schema change never reuses a stale file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from console_tui.clock import FixedClock
from console_tui.data import migrate
from console_tui.data.demo.build import DemoSummary, build_demo
from console_tui.data.engine import Database

#: The benchmarks' fixed "now" and timezone (the tests use the same).
BENCH_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
BENCH_TZ = ZoneInfo("Europe/London")
#: The demo's Administrator (the login the console acts as in benchmarks).
BENCH_LOGIN = "admin"


def bench_clock() -> FixedClock:
    return FixedClock(BENCH_NOW, tz=BENCH_TZ)


def demo_path(workdir: Path, clients: int = 10_000, days: int = 90, seed: int = 1) -> Path:
    return workdir / f"demo-{clients}x{days}-seed{seed}-rev{migrate.HEAD}.db"


def build_demo_file(path: Path, *, clients: int, days: int, seed: int,
                    progress: Callable[[str, int, int], None] | None = None) -> DemoSummary:
    """Build the demo into ``path`` (replacing it) via a temporary file, so that an interrupted
    build never leaves a half-built database behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    database = Database(f"sqlite:///{partial}")
    try:
        summary = build_demo(database, bench_clock(), clients=clients, days=days, seed=seed,
                             admin_login=BENCH_LOGIN, progress=progress)
    finally:
        database.dispose()  # the last connection out checkpoints and removes the -wal file
    for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    os.replace(partial, path)
    return summary


#: Where prebuilt demo databases are kept (any schema revision); a missing one is copied from here and upgraded.
PREBUILT = Path(os.environ.get("CONSOLE_TUI_BENCHDB", "/work/benchdb"))


def _upgrade_prebuilt(path: Path, clients: int, days: int, seed: int) -> bool:
    """Copy the newest prebuilt database of that size from :data:`PREBUILT` that is not newer than
    this schema to ``path`` and upgrade it (minutes saved over a build); False when there is none."""
    import shutil

    found = sorted(found for found in PREBUILT.glob(f"demo-{clients}x{days}-seed{seed}-rev*.db")
                   if found.stem.rsplit("-rev", 1)[1] <= migrate.HEAD) if PREBUILT.is_dir() else []
    if not found:
        return False
    partial = path.with_name(path.name + ".partial")
    print(f"(copying {found[-1].name} and upgrading it to revision {migrate.HEAD} …)", flush=True)
    shutil.copyfile(found[-1], partial)
    database = Database(f"sqlite:///{partial}")
    try:
        migrate.upgrade(database)
    finally:
        database.dispose()
    os.replace(partial, path)
    return True


def ensure_demo_db(workdir: Path, clients: int = 10_000, days: int = 90, seed: int = 1) -> str:
    """A sqlite URL of the demo database of that size in ``workdir``; upgraded from a prebuilt copy
    (:data:`PREBUILT`) or built, only if missing."""
    path = demo_path(workdir, clients, days, seed)
    if not path.exists() and not _upgrade_prebuilt(path, clients, days, seed):
        print(f"(building the {clients:,}-client demo database {path.name} …)", flush=True)
        build_demo_file(path, clients=clients, days=days, seed=seed)
    return f"sqlite:///{path}"
