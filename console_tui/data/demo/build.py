"""Demo data: a realistic agency built from a seed and a clock.

:func:`build_demo` fills an empty database with an agency on a plan ladder, its team of every
role (the given login is an Administrator, so ``make run`` opens straight into the console),
clients, leads and prospects with built-in and custom statuses, client users, ``days`` days of
raw events ending today with a weekly rhythm and a few troubled senders, content and recent
places, add-on services, email jobs, billing charges, team calls and avatars; then it runs the
nightly rollup so the console has figures. The same seed and clock give the same rows.

Speed: rows are tuples sent by :class:`~console_tui.data.demo.write.BulkWriter` (``executemany``
on SQLite with ``synchronous=OFF`` for the build, ``COPY`` on PostgreSQL). Everything — the rows,
the nightly rollup and, for ``replace``, emptying the tables first — is ONE transaction, so an
interrupted build leaves the database exactly as it was (empty, or the old agency).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Connection, inspect, literal, select, text
from sqlalchemy.orm import Session

from console_tui.clock import Clock, local_today
from console_tui.data import migrate
from console_tui.data import schema as s
from console_tui.data.demo import activity, extras, people, templates, views
from console_tui.data.demo.names import AGENCY_NAME, PLAN_NAMES
from console_tui.data.demo.write import BulkWriter, Record, stamper
from console_tui.data.engine import Database, sqlite_driver
from console_tui.data.rollup import rollup_in
from console_tui.domain.allowances import SERVICE_CATALOGUE
from console_tui.domain.capacity import Plan, default_counts, plan_ladder
from console_tui.domain.utilization import DEFAULT_ACTIVITIES, SECTIONS, utilization_score

Progress = Callable[[str, int, int], None]
DEFAULT_TEAM_CALL_URL = "https://meet.example.com/{room}"
STATUSES = (("Active", True), ("Suspended", True), ("Inactive", True),
            ("Onboarding", False), ("Seasonal pause", False), ("Key account", False))
CAPACITY_USED = 0.92  # the chosen plan is this full, past the 90 % warning (R-CAP-2)
CHOSEN_RUNG = 1  # the agency sits on the ladder's second rung: one below, three above
EVENT_CHUNK = 100_000
EVENT_COLUMNS = ("external_id", "client_id", "type", "occurred_at", "quantity", "actor", "title", "content_type")
CLIENT_COLUMNS = ("id", "name", "kind", "status_id", "created_at", "street", "city", "state", "postal_code",
                  "country", "website", "phone", "license_term", "license_start", "billing_contact",
                  "billing_email", "tax_rate", "region", "margin_protection", "direct_support", "ebs_enabled",
                  "rebrand_locked", "uses_crm_pipeline", "has_api_key", "uses_shopping_cart", "uses_google_ads",
                  "uses_custom_branding", "deleted_at", "version")


class DemoRefused(RuntimeError):
    """The database already holds data; the message says what to do."""


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`build_demo` wrote."""

    agency_name: str
    plan_name: str
    admin_login: str
    clients: int  # client records of every kind
    counted_clients: int  # kind client, not Suspended/Inactive/removed (R-CAP-1)
    plan_capacity: int
    leads: int
    prospects: int
    agency_users: int
    client_users: int
    events: int
    rows: tuple[tuple[str, int], ...]  # rows written per table, in insert order
    rolled_up: bool

    def rows_in(self, table: str) -> int:
        return dict(self.rows).get(table, 0)


def database_state(db: Database) -> Literal["empty", "agency", "data"]:
    """``agency`` when an agency exists, ``data`` when other rows do, else ``empty``."""
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if "agency" in tables and connection.execute(select(s.Agency.id).limit(1)).first():
            return "agency"
        for table in s.Base.metadata.sorted_tables:
            if table.name in tables and connection.execute(select(literal(1)).select_from(table).limit(1)).first():
                return "data"
    return "empty"


def agency_name(db: Database) -> str | None:
    """The agency's name as stored, or ``None`` when there is no agency row."""
    with db.read() as session:
        return session.scalar(select(s.Agency.name).order_by(s.Agency.id).limit(1))


def reset_database(db: Database) -> None:
    """Drop every table (down the migrations, then anything left) and build the schema again."""
    if migrate.current_revision(db) is not None:
        migrate.downgrade(db, "base")
    s.Base.metadata.drop_all(db.engine)
    if db.is_sqlite:  # give the dropped tables' pages back to the file system
        with db.engine.connect() as connection:
            sqlite_driver(connection).execute("VACUUM")
    migrate.upgrade(db)


PlanRow = tuple[int, int, str, int, int, int, int, int, int, Decimal, int, int]  # in PLAN_COLUMNS order


def _plans(counted: int, team: int, clients: int) -> list[PlanRow]:
    """The five-rung ladder (R-CAP-3), sized so the agency fills ~92 % of its rung."""
    step = 2**CHOSEN_RUNG  # sizes are multiples of it, so the rungs below the chosen one halve exactly
    capacity = _up_to(max(counted + 1, int(counted / CAPACITY_USED)), step)
    seats = _up_to(max(10, -(-team * 4 // 3)), step)
    storage = _up_to(max(10, clients // 2), step)
    base = Plan(PLAN_NAMES[0], clients=capacity // step, team_members=seats // step, storage_gb=storage // step)
    rows: list[PlanRow] = []
    for rank, plan in enumerate(plan_ladder(base, steps=len(PLAN_NAMES))):
        rows.append((rank + 1, rank + 1, PLAN_NAMES[rank], plan.clients, plan.team_members,
                     plan.storage_gb, plan.clients // 2, (3_000, 2_500, 2_200, 1_900, 1_600)[rank],
                     (5_000, 4_500, 4_000, 3_500, 3_000)[rank], Decimal("10.00"),
                     (5_000, 10_000, 10_000, 15_000, 20_000)[rank], 150))
    return rows


def _up_to(n: int, step: int) -> int:
    """``n`` rounded up to a multiple of ``step``."""
    return -(-n // step) * step


PLAN_COLUMNS = ("id", "rank", "name", "max_clients", "max_team_members", "storage_gb", "in_pack_licenses",
                "in_pack_price_cents", "additional_client_price_cents", "annual_discount_pct", "included_emails",
                "overage_per_1000_cents")


def _client_row(spec: people.ClientSpec, status_ids: dict[str, int]) -> Record:
    a, c, o = spec.address, spec.config, spec.options
    return (spec.id, spec.name, spec.kind, status_ids[spec.status], spec.created, a["street"], a["city"], a["state"],
            a["postal_code"], a["country"], a["website"], a["phone"], c["license_term"], c["license_start"],
            c["billing_contact"], c["billing_email"], c["tax_rate"], c["region"], c["margin_protection"],
            o["direct_support"], o["ebs_enabled"], o["rebrand_locked"], o["uses_crm_pipeline"], o["has_api_key"],
            o["uses_shopping_cart"], o["uses_google_ads"], o["uses_custom_branding"], spec.deleted, 1)


def _write_setup(w: BulkWriter, rng: random.Random, now: datetime, team: list[people.AgencyUserSpec],
                 specs: list[people.ClientSpec]) -> tuple[dict[str, object], int]:
    """Plans, agency, statuses, utilization catalogue, services, team, clients, access."""
    counted = sum(spec.counted for spec in specs)
    plans = _plans(counted, len(team), len(specs))
    w.insert(s.Plan.__table__, PLAN_COLUMNS, plans)
    agency_done = [(i, now - timedelta(days=rng.randint(1, 900))) for i in range(len(DEFAULT_ACTIVITIES))
                   if rng.random() < 0.8]
    score = utilization_score(DEFAULT_ACTIVITIES, [DEFAULT_ACTIVITIES[i].key for i, _ in agency_done])
    storage_mb = int(plans[CHOSEN_RUNG][5] * 1024 * (0.55 + 0.2 * rng.random()))
    w.insert(s.Agency.__table__, ("id", "name", "plan_id", "uses_billing_platform", "storage_used_mb",
                                  "utilization_score", "created_at", "version"),
             [(1, AGENCY_NAME, CHOSEN_RUNG + 1, False, storage_mb, score, now - timedelta(days=1_200), 1)])
    w.insert(s.ClientStatus.__table__, ("id", "name", "builtin", "counts"),
             [(i, name, builtin, default_counts(name)) for i, (name, builtin) in enumerate(STATUSES, start=1)])
    w.insert(s.UtilizationSection.__table__, ("id", "name", "position"),
             [(i, name, i) for i, name in enumerate(SECTIONS, start=1)])
    w.insert(s.UtilizationActivity.__table__, ("id", "section_id", "key", "name", "weight"),
             [(i, SECTIONS.index(a.section) + 1, a.key, a.key.replace("_", " ").capitalize(), a.weight)
              for i, a in enumerate(DEFAULT_ACTIVITIES, start=1)])
    w.insert(s.AddonService.__table__, ("id", "key", "name", "unit", "unit_price_cents"),
             [(i, x.key, x.name, x.unit, x.unit_price_cents) for i, x in enumerate(SERVICE_CATALOGUE, start=1)])
    w.insert(s.AgencyUser.__table__, ("id", "login", "full_name", "email", "role", "active", "created_at", "version"),
             [(u.id, u.login, u.full_name, u.email, u.role, u.active, u.created, 1) for u in team])
    status_ids = {name: i for i, (name, _) in enumerate(STATUSES, start=1)}
    w.insert(s.Client.__table__, CLIENT_COLUMNS, [_client_row(spec, status_ids) for spec in specs])
    joined = {u.id: u.created for u in team}
    w.insert(s.ClientAccess.__table__, ("agency_user_id", "client_id", "granted_at"),
             [(m, spec.id, max(spec.created, joined[m]) + timedelta(hours=rng.randint(1, 72)))
              for spec in specs for m in spec.managers])
    completions: list[tuple[int | None, int, datetime]] = [(None, i + 1, when) for i, when in agency_done]
    completions += [(spec.id, i + 1, when) for spec in specs for i, when in spec.completions]
    w.insert(s.UtilizationCompletion.__table__, ("id", "client_id", "activity_id", "completed_at"),
             [(n, *row) for n, row in enumerate(completions, start=1)])
    return dict(zip(PLAN_COLUMNS, plans[CHOSEN_RUNG], strict=True)), counted


def _write_activity(w: BulkWriter, rng: random.Random, win: activity.Window, specs: list[people.ClientSpec],
                    progress: Progress | None) -> activity.Rows:
    """Per client: content, events (flushed in chunks), users, places, services, jobs, limits."""
    stamp = stamper(w.is_sqlite, win.starts[0] - 86_400, win.now_epoch + 86_400)
    rows, ids = activity.Rows(), {"place": 0, "job": 0}
    pending: list[activity.EventRow] = []
    numbered = next_content = 0
    event_table = s.Event.__table__

    def flush() -> None:
        nonlocal numbered
        names = [f"demo-{n:09d}" for n in range(numbered + 1, numbered + len(pending) + 1)]
        w.insert_raw(event_table, EVENT_COLUMNS, [
            (name, e[0], e[1], stamp(e[2]), e[3], e[4], e[5], e[6]) for name, e in zip(names, pending, strict=True)])
        numbered += len(pending)
        pending.clear()

    with w.indexes_deferred(event_table):
        for done, spec in enumerate(specs, start=1):
            content = activity.content_items(spec, win, rng, next_content + 1)
            next_content += len(content)
            sent, last_login, sends = activity.client_activity(spec, win, rng, pending, content)
            activity.client_rows(spec, win, rng, rows, ids, content, last_login, sends, sent)
            if len(pending) >= EVENT_CHUNK:
                flush()
            if progress and (done % 100 == 0 or done == len(specs)):
                progress("clients and events", done, len(specs))
        flush()
    if rows.services and all(active <= allowance for _c, _s, allowance, active in rows.services):
        client_id, service_id, allowance, _active = rows.services[0]
        rows.services[0] = (client_id, service_id, allowance, allowance + 1)  # one over its allowance (R-OPT-4)
    w.insert(s.ClientUser.__table__, ("id", "client_id", "full_name", "email", "role", "blocked", "created_at",
                                      "last_login_at", "version"), [(*row, 1) for row in rows.client_users])
    w.insert(s.ContentItem.__table__, ("id", "client_id", "title", "content_type", "body", "created_at",
                                       "updated_at"), rows.content)
    w.insert(s.RecentPlace.__table__, ("id", "client_id", "agency_user_id", "content_item_id", "kind", "title",
                                       "action", "occurred_at"), rows.places)
    w.insert(s.ClientService.__table__, ("client_id", "service_id", "allowance", "active_quantity", "version"),
             [(*row, 1) for row in rows.services])
    w.insert(s.EmailJob.__table__, ("id", "client_id", "name", "recipients", "status", "scheduled_for",
                                    "sent_at"), rows.jobs)
    w.update(s.Client.__table__, "email_limit", rows.limits)
    return rows


def _begin(connection: Connection, is_sqlite: bool, fast: bool) -> None:
    if is_sqlite:
        raw = sqlite_driver(connection)
        raw.execute("PRAGMA synchronous=OFF" if fast else "PRAGMA synchronous=NORMAL")
        raw.execute("PRAGMA cache_size=-131072" if fast else "PRAGMA cache_size=-2000")


def _wipe(connection: Connection, is_sqlite: bool) -> None:
    """Empty every table inside the build's transaction (a rollback brings every row back)."""
    tables = s.Base.metadata.sorted_tables
    if is_sqlite:
        for table in reversed(tables):
            connection.execute(text(f'DELETE FROM "{table.name}"'))
    else:  # TRUNCATE is transactional on PostgreSQL; it keeps every other writer out until COMMIT
        connection.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables) + " RESTART IDENTITY"))


def _lock_events(connection: Connection, is_sqlite: bool) -> None:
    """PostgreSQL: no other writer may add events while the build's rollup reads their last id."""
    if not is_sqlite:
        connection.execute(text("LOCK TABLE event IN EXCLUSIVE MODE"))


def build_demo(db: Database, clock: Clock, *, clients: int, days: int, seed: int, admin_login: str,
               progress: Progress | None = None, team_call_url_template: str = DEFAULT_TEAM_CALL_URL,
               replace: bool = False, audit: Mapping[str, Any] | None = None) -> DemoSummary:
    """Build the demo agency into an empty database; :class:`DemoRefused` if it holds data.

    ``replace``: empty every table first, in the same transaction (the caller has checked that
    the acting user may). ``audit``: write one audit row ``rebuild_database`` by ``admin_login``
    with these values as ``before`` (what was there).
    """
    if clients < 1 or days < 1:
        raise ValueError("a demo needs at least 1 client and 1 day")
    migrate.ensure_schema(db)
    if not replace and database_state(db) != "empty":
        raise DemoRefused("the database already holds data; use --force to rebuild it (everything in it is lost)")
    rng = random.Random(seed)
    now = clock.now()
    win = activity.Window(days, now, clock.tz)
    team = people.agency_users(rng, clients, admin_login, now)
    specs = people.clients(rng, clients, now, win.today)
    people.client_managers(rng, specs, team)
    if progress:
        progress("agency and clients", 0, 1)
    with db.engine.connect() as connection:
        connection.execution_options(sqlite_immediate=True)
        _begin(connection, db.is_sqlite, fast=True)
        try:
            with connection.begin():
                if replace:
                    _wipe(connection, db.is_sqlite)
                _lock_events(connection, db.is_sqlite)
                writer = BulkWriter(connection)
                plan, counted = _write_setup(writer, rng, now, team, specs)
                if progress:
                    progress("agency and clients", 1, 1)
                rows = _write_activity(writer, rng, win, specs, progress)
                charges, closed = extras.billing_rows(specs, plan, win.today, now, rows.sent, rows.services,
                                                      random.Random(seed * 7_919 + 12))
                writer.insert(s.BillingCharge.__table__, (
                    "client_id", "cycle", "in_pack", "provisional", "license_cents", "product_cents", "overage_cents",
                    "services_cents", "agency_services_cents", "tax_cents", "total_cents"), charges)
                writer.insert(s.BillingCycle.__table__, tuple(closed[0]), [tuple(c.values()) for c in closed])
                writer.insert(s.TeamCall.__table__, ("id", "client_id", "started_by_id", "started_at", "url",
                                                     "participant_ids"),
                              extras.team_calls(rng, specs, now, team_call_url_template))
                writer.insert(s.Avatar.__table__, ("client_id", "mime_type", "width", "height", "image", "updated_at"),
                              extras.avatars(rng, specs, now))
                writer.insert(s.SavedView.__table__, views.COLUMNS, views.shared_views(team[0].id, now))
                writer.insert(s.ClientTemplate.__table__, templates.COLUMNS, templates.demo_templates(team[0].id, now))
                if audit is not None:
                    writer.insert(s.AuditEntry.__table__, ("at", "agency_user_id", "actor", "action", "before",
                                                           "after"),
                                  [(now, team[0].id, admin_login, "rebuild_database", dict(audit),
                                    {"clients": clients, "days": days, "seed": seed})])
                writer.fix_sequences(s.Base.metadata.sorted_tables)
                rolled_up = _rollup(connection, clock, progress, days)
        finally:
            _begin(connection, db.is_sqlite, fast=False)
            if db.is_sqlite:
                sqlite_driver(connection).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    kinds = [spec.kind for spec in specs]
    return DemoSummary(
        agency_name=AGENCY_NAME, plan_name=str(plan["name"]), admin_login=admin_login, clients=len(specs),
        counted_clients=counted, plan_capacity=int(plan["max_clients"]),  # type: ignore[call-overload]
        leads=kinds.count("lead"), prospects=kinds.count("prospect"), agency_users=len(team),
        client_users=writer.counts.get("client_user", 0), events=writer.counts.get("event", 0),
        rows=tuple(writer.counts.items()), rolled_up=rolled_up,
    )


def _rollup(connection: Connection, clock: Clock, progress: Progress | None, days: int) -> bool:
    """Run the nightly rollup inside the build's transaction so the console has figures (R-CMC-4), with
    the history of every day generated (R-HIST-1), so changes and trends show at once."""
    report = (lambda _stage, done, total: progress("nightly rollup", done, total)) if progress else None
    today = local_today(clock)
    with Session(bind=connection) as session:  # joins the build's transaction; never commits it
        rollup_in(session, clock.tz, clock.now(), today - timedelta(days=1), progress=report, events_locked=True,
                  recompute_from=today - timedelta(days=max(days - 1, 1)))
        session.flush()
    return True
