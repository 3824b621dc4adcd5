"""Rollup throughput: our rollup vs a hand-written sqlite3 GROUP BY + upsert.

For 1M and 10M events over 90 days and 2,000 clients on file-backed SQLite: the full rollup,
the same aggregation written by hand with the sqlite3 module (same data, same day bounds),
their ratio (target >= 0.5), and the incremental run after one more day of events (it must cost
about one day, not all history). Then the same on PostgreSQL when CONSOLE_TUI_BENCH_PG_URL is set.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

from console_tui.clock import FixedClock
from console_tui.data import migrate
from console_tui.data.engine import Database
from console_tui.data.rollup import METRIC_OF_EVENT, rollup
from console_tui.data.schema import Agency, Client, ClientStatus, Plan

CLIENTS = 2_000
DAYS = 90
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
TYPES = list(METRIC_OF_EVENT)


def _events(count: int, first_id: int, start: datetime, days: int, seed: int):
    rng = random.Random(seed)
    span = days * 86_400
    for n in range(first_id, first_id + count):
        at = start + timedelta(seconds=rng.randrange(span))
        yield (n, f"b{n}", rng.randrange(1, CLIENTS + 1), TYPES[n % len(TYPES)],
               at.strftime("%Y-%m-%d %H:%M:%S.000000"), rng.randrange(1, 50))


def _client_rows() -> list[dict[str, object]]:
    return [{"id": i, "name": f"c{i}", "status_id": 1, "created_at": NOW} for i in range(1, CLIENTS + 1)]


def _schema(path: Path) -> Database:
    path.unlink(missing_ok=True)
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    with db.write() as session:
        plan = Plan(rank=1, name="Bench", max_clients=CLIENTS, max_team_members=1, storage_gb=1, in_pack_licenses=0,
                    in_pack_price_cents=0, additional_client_price_cents=0, annual_discount_pct=0, included_emails=0,
                    overage_per_1000_cents=0)
        session.add(Agency(name="Bench", plan=plan, created_at=NOW))
        session.add(ClientStatus(id=1, name="Active", builtin=True))
        session.flush()
        session.execute(insert(Client), _client_rows())
    return db


def _load(path: Path, rows) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    connection.executemany(
        "INSERT INTO event (id, external_id, client_id, type, occurred_at, quantity) VALUES (?,?,?,?,?,?)", rows)
    connection.commit()
    connection.close()


def hand_written(path: Path) -> float:
    """The baseline: one GROUP BY over local (UTC) days and one upsert, by hand."""
    sums = ", ".join(f"SUM(CASE WHEN type = '{kind}' THEN quantity ELSE 0 END)" for kind in TYPES)
    columns = ", ".join(METRIC_OF_EVENT.values())
    updates = ", ".join(f"{c} = excluded.{c}" for c in METRIC_OF_EVENT.values())
    connection = sqlite3.connect(path)
    started = time.perf_counter()
    connection.execute(
        f"INSERT INTO daily_metric (client_id, day, {columns}) "
        f"SELECT client_id, date(occurred_at), {sums} FROM event WHERE true GROUP BY client_id, date(occurred_at) "
        f"ON CONFLICT (client_id, day) DO UPDATE SET {updates}")
    connection.commit()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def one_size(workdir: Path, events: int) -> None:
    base = workdir / f"rollup-{events}.db"
    if not base.exists():
        print(f"  building {events:,} events (not timed) …", flush=True)
        _schema(base).dispose()
        _load(base, _events(events, 1, NOW - timedelta(days=DAYS + 1), DAYS, seed=events))
    ours_path, theirs_path = workdir / "rollup-ours.db", workdir / "rollup-theirs.db"
    for target in (ours_path, theirs_path):
        shutil.copy(base, target)
    clock = FixedClock(NOW, tz=ZoneInfo("UTC"))
    db = Database(f"sqlite:///{ours_path}")
    started = time.perf_counter()
    result = rollup(db, clock)
    ours = time.perf_counter() - started
    theirs = hand_written(theirs_path)
    print(f"  {events:>10,} events  ours {ours:7.2f} s ({events / ours:>9,.0f} ev/s)   "
          f"hand-written sqlite3 {theirs:7.2f} s ({events / theirs:>9,.0f} ev/s)   ratio {theirs / ours:.2f}"
          f"   ({len(result.days)} days)")
    day_events = events // DAYS
    _load(ours_path, _events(day_events, events + 1, NOW - timedelta(hours=20), 1, seed=1))
    started = time.perf_counter()
    incremental = rollup(db, clock)
    took = time.perf_counter() - started
    print(f"  incremental: +{day_events:,} events (one day) -> {took:.2f} s, {len(incremental.days)} day(s) "
          f"recomputed ({took / ours:.1%} of the full run)")
    db.dispose()
    for target in (ours_path, theirs_path):
        target.unlink(missing_ok=True)


def postgres(url: str, events: int) -> None:
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(db)
    with db.write() as session:
        plan = Plan(rank=1, name="Bench", max_clients=CLIENTS, max_team_members=1, storage_gb=1, in_pack_licenses=0,
                    in_pack_price_cents=0, additional_client_price_cents=0, annual_discount_pct=0, included_emails=0,
                    overage_per_1000_cents=0)
        session.add(Agency(name="Bench", plan=plan, created_at=NOW))
        session.add(ClientStatus(id=1, name="Active", builtin=True))
        session.flush()
        session.execute(insert(Client), _client_rows())
    raw = db.engine.raw_connection()
    with raw.cursor() as cursor, cursor.copy(
        "COPY event (id, external_id, client_id, type, occurred_at, quantity) FROM STDIN") as copy:
        for row in _events(events, 1, NOW - timedelta(days=DAYS + 1), DAYS, seed=events):
            copy.write_row((*row[:4], row[4] + "+00", row[5]))
    raw.commit()
    raw.close()
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    clock = FixedClock(NOW, tz=ZoneInfo("UTC"))
    started = time.perf_counter()
    rollup(db, clock)
    ours = time.perf_counter() - started
    print(f"  PostgreSQL {events:,} events: ours {ours:.2f} s ({events / ours:,.0f} ev/s)")
    db.dispose()


def run(workdir: Path) -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_ROLLUP_SIZES", "1000000,10000000").split(",")]
    for events in sizes:
        one_size(workdir, events)
    url = os.environ.get("CONSOLE_TUI_BENCH_PG_URL")
    if url:
        postgres(url, sizes[0])
    else:
        print("  PostgreSQL: skipped (set CONSOLE_TUI_BENCH_PG_URL to a scratch database)")
