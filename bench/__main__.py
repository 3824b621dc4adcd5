"""``make bench`` / ``python -m bench [NAME ...]``: run the benchmarks and print their figures.

Each ``bench/bench_*.py`` module has ``run(workdir: Path) -> None`` that prints its own lines.
Big databases are built once into ``bench/.work`` (ignored by git) and reused by later modules.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

import bench

WORKDIR = Path(__file__).with_name(".work")


def main(argv: list[str]) -> int:
    WORKDIR.mkdir(exist_ok=True)
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    wanted = [n if n.startswith("bench_") else f"bench_{n}" for n in argv] or names
    unknown = set(wanted) - set(names)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(names)}", file=sys.stderr)
        return 2
    print(f"console-tui benchmarks — {time.strftime('%Y-%m-%d %H:%M')} — python {sys.version.split()[0]}")
    for name in wanted:
        print(f"\n== {name[len('bench_'):]} ==", flush=True)
        importlib.import_module(f"bench.{name}").run(WORKDIR)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
