"""Per-user mode's cost: the console's reload (``Services.overview``) under row-level security.

On PostgreSQL (``CONSOLE_TUI_BENCH_PG_URL``, else ``CONSOLE_TUI_TEST_PG_URL``; skipped without one), in
the schema ``bench_pg_roles`` (a 5,000-client, 14-day demo, built once): an Administrator and a
Salesperson, each connected as the owner (the single-password mode, which bypasses the policies: the
anchor) and as their own role (per-user mode). Prints best and median of several reloads and the
per-user / single-password ratio. Two uniquely named roles are made for the run and dropped after.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from sqlalchemy import URL, text
from sqlalchemy.engine import make_url

from bench.common import BENCH_LOGIN, bench_clock
from console_tui.data.demo.build import build_demo
from console_tui.data.engine import Database
from console_tui.data.pgaccess import ddl
from console_tui.services.console import Services

SCHEMA = "bench_pg_roles"
RUNS = 7
PASSWORD = "bench-per-user"


def _median_best(db: Database, login: str) -> tuple[float, float, int]:
    services, times, count = Services(db, login, bench_clock()), [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        count = len(services.overview().clients)
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), count


def _owner(url: str) -> Database:
    return Database(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{SCHEMA}")


def _as(url: str, role: str) -> Database:
    parsed = make_url(url)
    return Database(URL.create("postgresql", role, PASSWORD, parsed.host, parsed.port, parsed.database,
                               {"options": f"-csearch_path={SCHEMA}"}).render_as_string(hide_password=False))


def _setup(owner: Database, tag: str) -> tuple[str, str, list[str]]:
    """Two agency users named for this run (an Administrator; a Salesperson managing what a demo
    Salesperson manages), their roles with a password, a group with the generated grants."""
    admin, sales, group, worker = f"{tag}_admin", f"{tag}_sp", f"{tag}_users", f"{tag}_worker"
    with owner.engine.begin() as c:
        if c.execute(text("SELECT count(*) FROM agency")).scalar() == 0:
            print("building the 5,000-client demo in schema bench_pg_roles (once) …", flush=True)
            c.commit()
            build_demo(owner, bench_clock(), clients=5000, days=14, seed=1, admin_login=BENCH_LOGIN)
    with owner.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE"))  # fresh statistics: a plan from none would time the planner's guess
    with owner.engine.begin() as c:
        sp_id = c.execute(text("SELECT id FROM agency_user WHERE role = 'Salesperson' ORDER BY id LIMIT 1")
                          ).scalar()
        for login, role in ((admin, "Administrator"), (sales, "Salesperson")):
            c.execute(text("INSERT INTO agency_user (login, full_name, email, role, active, created_at, version) "
                           "VALUES (:l, 'Bench', 'bench@agency.example.com', :r, true, now(), 1)"),
                      {"l": login, "r": role})
        c.execute(text("INSERT INTO client_access (agency_user_id, client_id, granted_at) "
                       "SELECT u.id, a.client_id, now() FROM client_access a, agency_user u "
                       "WHERE a.agency_user_id = :sp AND u.login = :l"), {"sp": sp_id, "l": sales})
        ddl.run(c, [f"CREATE ROLE {ddl.ident(group)} NOLOGIN", f"CREATE ROLE {ddl.ident(worker)} NOLOGIN",
                    *(f"CREATE ROLE {ddl.ident(r)} LOGIN PASSWORD '{PASSWORD}' IN ROLE {ddl.ident(group)}"
                      for r in (admin, sales)),
                    *ddl.grant_statements(SCHEMA, group, worker)])
    return admin, sales, [admin, sales, worker, group]


def _teardown(owner: Database, tag: str, roles: list[str]) -> None:
    with owner.engine.begin() as c:
        c.execute(text("DELETE FROM agency_user WHERE login LIKE :t"), {"t": f"{tag}%"})
        ddl.run(c, [f"DROP POLICY IF EXISTS ctui_worker ON {ddl.ident(t)}" for t in ddl.secured_tables()])
        ddl.run(c, [f"REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA} FROM {ddl.ident(r)}" for r in roles[2:]])
        ddl.run(c, [f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {SCHEMA} FROM {ddl.ident(r)}" for r in roles[2:]])
        ddl.run(c, [f"REVOKE ALL ON SCHEMA {SCHEMA} FROM {ddl.ident(r)}" for r in roles[2:]])
        ddl.run(c, [f"DROP ROLE {ddl.ident(r)}" for r in roles])


def run(workdir: Path) -> None:
    url = os.environ.get("CONSOLE_TUI_BENCH_PG_URL") or os.environ.get("CONSOLE_TUI_TEST_PG_URL")
    if not url:
        print("skipped: set CONSOLE_TUI_BENCH_PG_URL (or CONSOLE_TUI_TEST_PG_URL) to a PostgreSQL database")
        return
    admin_db = Database(url)
    with admin_db.engine.begin() as c:
        c.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{SCHEMA}"'))
    admin_db.dispose()
    owner = _owner(url)
    from console_tui.data import migrate

    migrate.ensure_schema(owner, upgrade_shared=True)
    tag = f"bench_{os.getpid()}"
    admin, sales, roles = _setup(owner, tag)
    try:
        for who, login in (("Administrator", admin), ("Salesperson", sales)):
            single = _median_best(owner, login)
            per_user_db = _as(url, login)
            per_user = _median_best(per_user_db, login)
            per_user_db.dispose()
            print(f"{who:<13} reload of {single[2]:>5} clients: single-password best {single[0] * 1000:6.1f} ms "
                  f"median {single[1] * 1000:6.1f} ms | per-user best {per_user[0] * 1000:6.1f} ms "
                  f"median {per_user[1] * 1000:6.1f} ms | ratio {per_user[1] / single[1]:.2f}"
                  + ("" if per_user[2] == single[2] else f" (per-user saw {per_user[2]}!)"))
    finally:
        _teardown(owner, tag, roles)
        owner.dispose()
