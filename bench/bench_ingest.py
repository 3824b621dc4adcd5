"""Ingest throughput: 1,000,000 JSON Lines events, next to a plain ``sqlite3`` executemany.

(a) ``ingest_file`` on a file-backed SQLite database at the head revision with a few hundred
clients: streaming read, JSON parsing, validation, cleaning, UTC conversion, chunked upsert.
(b) the floor: the same rows, already parsed into storage-ready tuples, inserted with one
``executemany`` in one transaction into an identical fresh database (same schema and indexes,
same PRAGMAs as the console's engine — WAL, synchronous=NORMAL, foreign keys on — and the same
page cache as the ingest's connection).
The ratio (a)/(b) is the figure to watch (aim: at least 0.3). (c) loads the same file again:
every line a duplicate.

``python -m bench ingest``; ``BENCH_INGEST_EVENTS=200000`` for a quicker run,
``BENCH_INGEST_REPEAT=3`` for steadier figures on a busy machine (the best run of each counts).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from console_tui.data import migrate
from console_tui.data.engine import Database
from console_tui.data.ingest.load import SQLITE_CACHE_KIB, ingest_file
from console_tui.data.ingest.parse import COLUMNS, sqlite_time

EVENTS = int(os.environ.get("BENCH_INGEST_EVENTS", "1000000"))
REPEAT = int(os.environ.get("BENCH_INGEST_REPEAT", "2"))
CLIENTS = 300
SEED = 2026
TYPES = (
    ("page_impression", 30), ("email_sent", 25), ("email_opened", 15), ("contact_added", 10), ("client_login", 6),
    ("email_bounced", 3), ("unsubscribed", 2), ("spam_complaint", 1), ("content_created", 3), ("content_edited", 4),
    ("email_job_scheduled", 1),
)
OFFSETS = (
    UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30)),
)
START = datetime(2026, 8, 1, tzinfo=UTC)


def _events(count: int):
    """Deterministic event records, as dicts (the file) — the same ones feed the floor's tuples."""
    rng = random.Random(SEED)
    kinds = [k for k, _ in TYPES]
    weights = [w for _, w in TYPES]
    for n, kind in enumerate(rng.choices(kinds, weights, k=count)):
        at = (START + timedelta(seconds=rng.randrange(90 * 86400))).astimezone(rng.choice(OFFSETS))
        record = {"id": f"crm-{n:09d}", "client_id": rng.randrange(1, CLIENTS + 1), "type": kind,
                  "occurred_at": at.isoformat()}
        if kind.startswith("email") or kind == "contact_added":
            record["quantity"] = rng.randrange(1, 500)
        if kind.startswith("content"):
            record.update(actor=f"user{rng.randrange(50)}@client.example", title=f"Landing page {n % 997}",
                          content_type="landing_page")
        yield record


def _write_file(path: Path, count: int) -> None:
    marker = path.with_suffix(".ok")
    if path.exists() and marker.exists() and marker.read_text() == f"{count} {SEED}":
        return
    with path.open("w", encoding="utf-8") as out:
        for record in _events(count):
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
    marker.write_text(f"{count} {SEED}")


def _template(path: Path) -> None:
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    database = Database(f"sqlite:///{path}")
    migrate.upgrade(database)
    database.dispose()
    now = datetime(2026, 1, 1).isoformat(" ", "microseconds")
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO client_status (id, name, builtin) VALUES (1, 'Active', 1)")
        connection.executemany(
            "INSERT INTO client (id, name, kind, status_id, created_at, street, city, state, postal_code, country,"
            " phone, margin_protection, direct_support, ebs_enabled, rebrand_locked, uses_crm_pipeline, has_api_key,"
            " uses_shopping_cart, uses_google_ads, uses_custom_branding, version)"
            " VALUES (?, ?, 'client', 1, ?, '', '', '', '', '', '', 0, 0, 1, 0, 0, 0, 0, 0, 0, 1)",
            [(i, f"Client {i}", now) for i in range(1, CLIENTS + 1)],
        )
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()


def _fresh(template: Path, path: Path) -> Path:
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    shutil.copy(template, path)
    return path


def _floor(path: Path, rows: list[tuple]) -> float:
    placeholders = ", ".join("?" for _ in COLUMNS)
    started = time.perf_counter()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    connection.execute("BEGIN")
    connection.executemany(f"INSERT INTO event ({', '.join(COLUMNS)}) VALUES ({placeholders})", rows)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    stored = connection.execute("SELECT count(*) FROM event").fetchone()[0]
    connection.close()
    assert stored == len(rows), (stored, len(rows))
    return elapsed


def run(workdir: Path) -> None:
    work = workdir / "ingest"
    work.mkdir(parents=True, exist_ok=True)
    source = work / f"events_{EVENTS}.jsonl"
    started = time.perf_counter()
    _write_file(source, EVENTS)
    template = work / "template.db"
    _template(template)
    rows = [
        (r["id"], r["client_id"], r["type"], sqlite_time(datetime.fromisoformat(r["occurred_at"])),
         r.get("quantity", 1), r.get("actor"), r.get("title"), r.get("content_type"))
        for r in _events(EVENTS)
    ]
    print(f"input: {EVENTS:,} events, {source.stat().st_size / 1e6:,.0f} MB jsonl, {CLIENTS} clients "
          f"(prepared in {time.perf_counter() - started:.1f} s); best of {REPEAT}, runs interleaved")

    ours: list[float] = []
    floors: list[float] = []
    for _ in range(REPEAT):  # interleaved, so a busy neighbour slows both sides alike
        database = Database(f"sqlite:///{_fresh(template, work / 'ingest.db')}")
        summary = ingest_file(database, source)
        assert summary.inserted == EVENTS and summary.rejected == 0, summary
        ours.append(summary.elapsed_s)
        floors.append(_floor(_fresh(template, work / "floor.db"), rows))
        if len(ours) < REPEAT:
            database.dispose()
    del rows
    a, b = min(ours), min(floors)
    print(f"(a) ingest_file:            {a:6.2f} s  {EVENTS / a:>10,.0f} events/s   (runs: {_runs(ours)})")
    print(f"(b) sqlite3 executemany:    {b:6.2f} s  {EVENTS / b:>10,.0f} events/s   (runs: {_runs(floors)})")
    print(f"ratio (a)/(b): {b / a:.2f}  (aim >= 0.30)")

    again = ingest_file(database, source)
    assert again.inserted == 0 and again.duplicates == EVENTS, again
    print(f"(c) same file again:        {again.elapsed_s:6.2f} s  {again.events_per_s:>10,.0f} events/s   "
          f"({again.duplicates:,} duplicates, 0 inserted)")
    database.dispose()
    for scratch in ("ingest.db", "floor.db"):  # 200 MB each; the input file is kept for the next run
        for leftover in work.glob(scratch + "*"):
            leftover.unlink()


def _runs(seconds: list[float]) -> str:
    return ", ".join(f"{s:.1f} s" for s in seconds)
