"""Bulk changes at 10,000 clients (R-BULK): the dry run and the run, on a scratch copy of the demo.

Targets: the dry run of 10,000 clients in ≤ 3 s, the run in ≤ 15 s on SQLite. Anchor, in the same
run: the floor of the same writes — one Core ``UPDATE client`` and one ``INSERT audit_log`` per
client, executed many at once in one transaction and rolled back — so the ratios say how far the
rules, permissions and per-client checks put the bulk change above the bare writes, whatever the
machine's load. The selection (the filter's facts for every client) is timed apart.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from sqlalchemy import bindparam, insert, update

from bench.common import BENCH_LOGIN, BENCH_TZ, bench_clock, ensure_demo_db
from console_tui.data.commands import bulk
from console_tui.data.engine import Database
from console_tui.data.queries.bulk import select_clients
from console_tui.data.schema import AuditEntry, Client
from console_tui.domain.bulk import parse_action

ACTIONS = (("set-limit", "4000"), ("direct-support", "on"), ("ebs", "on"))
REPEATS = 3


def _anchor(db: Database, ids: list[int]) -> float:
    started = time.perf_counter()
    with db.engine.connect() as connection, connection.begin() as transaction:
        table = Client.__table__
        connection.execute(update(table).where(table.c.id == bindparam("cid")).values(email_limit=4000),
                           [{"cid": cid} for cid in ids])
        connection.execute(insert(AuditEntry.__table__), [
            {"at": bench_clock().now(), "actor": BENCH_LOGIN, "action": "set_email_limits", "client_id": cid,
             "before": {"email_limits": {str(cid): None}}, "after": {"email_limits": {str(cid): 4000}}}
            for cid in ids])
        transaction.rollback()
    return time.perf_counter() - started


def run(workdir: Path) -> None:
    source = Path(ensure_demo_db(workdir).removeprefix("sqlite:///"))
    scratch = workdir / "bulk-scratch.db"
    for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(source, scratch)
    db, clock = Database(f"sqlite:///{scratch}"), bench_clock()
    rules = bulk.BulkRules(BENCH_TZ)
    try:
        started = time.perf_counter()
        clients = select_clients(db, BENCH_LOGIN, None, clock.now().astimezone(BENCH_TZ).date(), BENCH_TZ)
        print(f"  selection (the filter's facts, {len(clients):,} clients)      {time.perf_counter() - started:6.2f} s")
        ids = [cid for cid, _name in clients]
        anchor = min(_anchor(db, ids) for _ in range(REPEATS))
        print(f"  anchor: bare Core UPDATE + INSERT x {len(ids):,}, rolled back   {anchor:6.2f} s")
        for words in ACTIONS:
            action = parse_action(words)
            times = []
            for _ in range(REPEATS):
                started = time.perf_counter()
                plan = bulk.dry_run(db, clock, BENCH_LOGIN, clients, action, rules)
                times.append(time.perf_counter() - started)
            dry = min(times)
            print(f"  dry run  {str(action):<18} {plan.totals}")
            print(f"           best {dry:6.2f} s  worst {max(times):6.2f} s  ({dry / anchor:4.1f}x anchor; "
                  f"target ≤ 3 s)")
            started = time.perf_counter()
            result = bulk.run(db, clock, BENCH_LOGIN, plan, rules)
            took = time.perf_counter() - started
            print(f"  run      {str(action):<18} batch {result.batch}: {result.totals}")
            print(f"           {took:6.2f} s  ({took / anchor:4.1f}x anchor; target ≤ 15 s)")
    finally:
        db.dispose()
        for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
            leftover.unlink(missing_ok=True)

