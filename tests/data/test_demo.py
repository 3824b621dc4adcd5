"""Demo data (`console-tui demo`): deterministic, rich enough for every screen, on both backends."""

from __future__ import annotations

import gc
import io
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from console_tui.cli.main import main
from console_tui.clock import FixedClock, local_today
from console_tui.data import schema as s
from console_tui.data.demo.build import DemoRefused, build_demo, database_state, reset_database
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, client_summaries
from console_tui.domain.capacity import is_counted
from console_tui.domain.cycles import next_renewal
from console_tui.domain.errors import ValidationError
from console_tui.domain.forms import ProfileForm, validate_profile
from console_tui.domain.roles import Role
from console_tui.domain.sender import SenderWindow, sender_status
from console_tui.domain.utilization import SECTIONS

TROUBLED = {"At Risk", "Unhealthy", "Limited"}


def dump(database: Database) -> dict[str, list[tuple]]:
    """Every table's rows, ordered by primary key."""
    tables = {}
    with database.engine.connect() as connection:
        for table in s.Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            tables[table.name] = [tuple(row) for row in connection.execute(select(table).order_by(*order))]
    return tables


def build(path: Path, clock: FixedClock, seed: int, clients: int = 25, days: int = 20) -> dict[str, list[tuple]]:
    database = Database(f"sqlite:///{path}")
    try:
        build_demo(database, clock, clients=clients, days=days, seed=seed, admin_login="ops")
        return dump(database)
    finally:
        database.dispose()


# --- determinism -------------------------------------------------------------------------------


def test_same_seed_and_clock_give_identical_rows_in_every_table(tmp_path: Path, clock: FixedClock) -> None:
    first = build(tmp_path / "a.db", clock, seed=11)
    second = build(tmp_path / "b.db", clock, seed=11)
    assert first.keys() == second.keys() == set(s.Base.metadata.tables)
    for table in first:
        assert first[table] == second[table], f"table {table} differs between two builds with one seed"
    assert sum(len(rows) for rows in first.values()) > 1_000


def test_another_seed_gives_another_agency(tmp_path: Path, clock: FixedClock) -> None:
    first = build(tmp_path / "a.db", clock, seed=11)
    other = build(tmp_path / "b.db", clock, seed=12)
    for table in ("client", "client_user", "event", "recent_place", "email_job", "billing_charge"):
        assert first[table] != other[table], table


def test_the_demo_reads_time_only_from_the_clock() -> None:
    sources = Path(__file__).parents[2].joinpath("console_tui", "data").glob("demo*.py")
    for source in sources:
        code = source.read_text()
        for forbidden in ("datetime.now(", "date.today(", "time.time(", "utcnow("):
            assert forbidden not in code, f"{source.name} calls {forbidden}"


def test_demo_modules_load_without_textual() -> None:
    code = "import sys, console_tui.data.demo.build, console_tui.cli.main; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- on SQLite and PostgreSQL ------------------------------------------------------------------------


def test_demo_builds_and_rolls_up_on_both_backends(db: Database, clock: FixedClock) -> None:
    seen: list[tuple[str, int, int]] = []
    summary = build_demo(db, clock, clients=30, days=20, seed=5, admin_login="ops",
                         progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert summary.clients == 30 and summary.rolled_up
    assert summary.leads >= 1 and summary.prospects >= 1
    with db.read() as session:
        for table, written in summary.rows:
            assert session.scalar(select(func.count()).select_from(s.Base.metadata.tables[table])) == written, table
        assert session.scalar(select(func.count()).select_from(s.ClientSnapshot)) > 0
        statuses = set(session.scalars(select(s.ClientSnapshot.sender_status)))
        assert statuses & TROUBLED and "Healthy" in statuses and "New" in statuses
        assert session.scalar(select(func.count(func.distinct(s.Event.external_id)))) == summary.events
        # the sequences moved past the ids the demo chose: a new row gets a fresh id
        session.add(s.ClientStatus(name="Added later", builtin=False))
        session.flush()
    stages = [stage for stage, _, _ in seen]
    assert "clients and events" in stages and "nightly rollup" in stages
    assert ("clients and events", 30, 30) in seen


def test_a_database_with_data_is_refused_until_reset(db: Database, clock: FixedClock) -> None:
    build_demo(db, clock, clients=5, days=3, seed=1, admin_login="ops")
    assert database_state(db) == "agency"
    with pytest.raises(DemoRefused, match="--force"):
        build_demo(db, clock, clients=5, days=3, seed=1, admin_login="ops")


def test_reset_then_rebuild(sqlite_db: Database, clock: FixedClock) -> None:
    build_demo(sqlite_db, clock, clients=8, days=3, seed=1, admin_login="ops")
    reset_database(sqlite_db)
    assert database_state(sqlite_db) == "empty"
    summary = build_demo(sqlite_db, clock, clients=12, days=3, seed=2, admin_login="ops")
    with sqlite_db.read() as session:
        assert session.scalar(select(func.count()).select_from(s.Client)) == summary.clients == 12


# --- what the demo holds (the shared fixture) -------------------------------------------------------


def test_every_role_and_the_os_login_administrator(demo_db) -> None:  # noqa: ANN001
    with demo_db.db.read() as session:
        users = session.scalars(select(s.AgencyUser)).all()
        roles = Counter(user.role for user in users if user.active)
        assert set(roles) == {role.value for role in Role}
        me = session.scalars(select(s.AgencyUser).where(s.AgencyUser.login == demo_db.login)).one()
        assert me.role == "Administrator" and me.active
        managers = {row.agency_user_id for row in session.scalars(select(s.ClientAccess))}
        staff = {user.id for user in users if user.role != "Administrator" and user.active}
        assert staff <= managers  # every non-admin is Client Manager of something
        assert any(not user.active for user in users)


def test_statuses_kinds_and_plan_capacity(demo_db) -> None:  # noqa: ANN001
    with demo_db.db.read() as session:
        statuses = {st.name: st.builtin for st in session.scalars(select(s.ClientStatus))}
        assert {"Active", "Suspended", "Inactive"} <= {name for name, builtin in statuses.items() if builtin}
        assert {"Onboarding", "Seasonal pause"} <= {name for name, builtin in statuses.items() if not builtin}
        clients = session.scalars(select(s.Client)).all()
        assert {c.status.name for c in clients} == set(statuses)
        kinds = Counter(c.kind for c in clients)
        assert kinds["lead"] >= 1 and kinds["prospect"] >= 1 and 0.7 <= kinds["client"] / len(clients) <= 0.9
        counted = sum(is_counted(c.kind, c.status.counts) and c.deleted_at is None for c in clients)
        agency = session.scalars(select(s.Agency)).one()
        assert not agency.uses_billing_platform
        assert 0.9 <= counted / agency.plan.max_clients < 1  # past the 90 % warning, not full (R-CAP-2)
        plans = session.scalars(select(s.Plan).order_by(s.Plan.rank)).all()
        assert len(plans) == 5
        for lower, upper in zip(plans, plans[1:], strict=False):  # neighbouring pairs: one fewer than plans
            assert upper.max_clients == 2 * lower.max_clients and upper.storage_gb == 2 * lower.storage_gb
            assert upper.max_team_members == 2 * lower.max_team_members
        assert sum(c.deleted_at is not None for c in clients) >= 1


def test_company_profiles_and_configuration(demo_db) -> None:  # noqa: ANN001
    today = local_today(demo_db.clock)
    with demo_db.db.read() as session:
        clients = session.scalars(select(s.Client).where(s.Client.kind == "client")).all()
        assert len({c.country for c in clients}) >= 4
        assert all(c.street and c.city and c.postal_code and c.phone for c in clients)
        assert {c.license_term for c in clients} >= {"monthly", "annual"}
        incomplete = [c for c in clients if None in (c.license_term, c.license_start, c.billing_contact,
                                                     c.billing_email, c.tax_rate)]
        assert 1 <= len(incomplete) < len(clients) / 3
        assert any(c.direct_support for c in clients) and any(not c.direct_support for c in clients)
        assert any(c.rebrand_locked for c in clients) and any(c.email_limit is not None for c in clients)
        assert all(c.region in ("US", "EU", "AU/CA/NZ", "Other") for c in clients if c.region)
        assert any(next_renewal(c.license_start, "annual", today) - today <= timedelta(days=30)
                   for c in clients if c.license_term == "annual" and c.license_start)


def test_every_demo_company_profile_passes_the_forms_own_checks(demo_db) -> None:  # noqa: ANN001
    """The demo's addresses, phones and websites are ones the add-client form would accept (R-MC-1):
    states and provinces that exist, postal codes in the country's format."""
    with demo_db.db.read() as session:
        clients = session.scalars(select(s.Client)).all()
        profiles = [ProfileForm(c.name, c.street, c.city, c.state, c.postal_code, c.country, c.website or "",
                                c.phone) for c in clients]
    refused = []
    for profile in profiles:
        try:
            validate_profile(profile)
        except ValidationError as error:
            refused.append((profile.company_name, profile.country, error.field_errors))
    assert refused == []


def test_events_have_a_weekly_rhythm_and_stay_in_the_window(demo_db) -> None:  # noqa: ANN001
    now = demo_db.clock.now()
    first_day = local_today(demo_db.clock) - timedelta(days=34)
    with demo_db.db.read() as session:
        events = session.execute(select(s.Event.occurred_at, s.Event.type, s.Event.quantity)).all()
        assert len({e for e in session.scalars(select(s.Event.external_id))}) == len(events)
    tz = demo_db.clock.tz
    assert all(first_day <= at.astimezone(tz).date() and at <= now for at, _, _ in events)
    assert {kind for _, kind, _ in events} == {
        "contact_added", "email_sent", "email_opened", "email_bounced", "spam_complaint", "unsubscribed",
        "page_impression", "client_login", "content_created", "content_edited"}
    per_weekday = Counter(at.astimezone(tz).weekday() for at, _, _ in events)  # 5 of each in 35 days
    weekday, weekend = sum(per_weekday[d] for d in range(5)) / 5, (per_weekday[5] + per_weekday[6]) / 2
    assert weekday > 1.6 * weekend
    assert max(q for _, kind, q in events if kind == "email_sent") >= 500  # a campaign is one row


def _windows(session, clock: FixedClock) -> dict[int, SenderWindow]:  # noqa: ANN001
    """Each client's last 30 days of sending (through today), straight from the raw events."""
    since = datetime.combine(local_today(clock) - timedelta(days=30), time(0), tzinfo=clock.tz)
    totals: dict[int, Counter] = {}
    for cid, kind, quantity, at in session.execute(select(s.Event.client_id, s.Event.type, s.Event.quantity,
                                                          s.Event.occurred_at)):
        counter = totals.setdefault(cid, Counter())
        counter["ever" if kind == "email_sent" else "_"] += quantity
        if at >= since:
            counter[kind] += quantity
    return {cid: SenderWindow(c["email_sent"], c["email_bounced"], c["spam_complaint"], c["unsubscribed"], c["ever"],
                              c["email_opened"]) for cid, c in totals.items()}


def test_troubled_and_new_senders(demo_db) -> None:  # noqa: ANN001
    with demo_db.db.read() as session:
        windows = _windows(session, demo_db.clock)
        from_events = Counter(sender_status(window).value for window in windows.values())
        assert {"At Risk", "Unhealthy", "Limited", "Healthy", "New"} <= set(from_events)
        assert any(0 < w.sent_ever < 1_000 for w in windows.values())  # a new sender that has sent a little
        snapshots = dict(session.execute(select(s.ClientSnapshot.client_id, s.ClientSnapshot.sender_status)).all())
        assert TROUBLED <= set(snapshots.values())  # the rollup agrees (R-SS-2)
        ebs_off = session.scalars(select(s.Client.id).where(s.Client.ebs_enabled.is_(False))).all()
        assert ebs_off and all(snapshots.get(cid) not in ("Unhealthy", "Limited") for cid in ebs_off)
        for cid, window in windows.items():
            assert window.opened <= window.sent or window.sent == 0, cid


def test_r_bl_5_the_demo_bills_twelve_closed_cycles_and_the_one_in_progress(demo_db) -> None:  # noqa: ANN001
    """Each closed cycle's row adds up its clients' charges; cycles before the generated days have usage too."""
    with demo_db.db.read() as session:
        closed = session.scalars(select(s.BillingCycle).order_by(s.BillingCycle.cycle)).all()
        by_cycle: dict[object, list[s.BillingCharge]] = {}
        for charge in session.scalars(select(s.BillingCharge)):
            by_cycle.setdefault(charge.cycle, []).append(charge)
    assert len(closed) == 12 and len(by_cycle) == 13
    assert max(by_cycle) > closed[-1].cycle  # the cycle in progress is not closed
    for row in closed:
        charges = by_cycle[row.cycle]
        assert (row.clients, row.total_cents, row.agency_services_cents) == (
            len(charges), sum(c.total_cents for c in charges), sum(c.agency_services_cents for c in charges))
    assert sum(c.overage_cents for c in by_cycle[closed[0].cycle]) > 0  # a year back: before the generated days


def test_users_content_places_services_jobs_billing_calls_avatars(demo_db) -> None:  # noqa: ANN001
    from PIL import Image

    now = demo_db.clock.now()
    with demo_db.db.read() as session:
        per_client = Counter(session.scalars(select(s.ClientUser.client_id)))
        assert len(per_client) == demo_db.summary.clients and max(per_client.values()) <= 15
        assert session.scalar(select(func.count()).where(s.ClientUser.last_login_at.is_not(None))) > 0
        removed = session.scalars(select(s.Client.id).where(s.Client.deleted_at.is_not(None))).all()
        assert all(u.blocked for u in session.scalars(select(s.ClientUser).where(s.ClientUser.client_id.in_(removed))))
        me = acting_user(session, demo_db.login)
        places = session.scalars(select(s.RecentPlace)).all()
        assert any(p.agency_user_id == me.id for p in places)
        assert any(p.agency_user_id not in (None, me.id) for p in places)
        theirs = [p for p in places if p.agency_user_id is None]
        assert theirs and all(p.kind == "content" and p.content_item_id for p in theirs)
        assert session.scalar(select(func.count()).select_from(s.ContentItem)) > demo_db.summary.clients
        services = session.scalars(select(s.ClientService)).all()
        assert {row.service_id for row in services} == {1, 2, 3, 4, 5}
        assert any(row.active_quantity > row.allowance for row in services)  # R-OPT-4
        jobs = session.scalars(select(s.EmailJob)).all()
        assert {"sent", "scheduled"} <= {job.status for job in jobs}
        assert all(job.scheduled_for > now for job in jobs if job.status == "scheduled")
        charges = session.scalars(select(s.BillingCharge)).all()
        assert len({c.cycle for c in charges}) == 13 and any(c.provisional for c in charges)
        assert any(c.in_pack for c in charges) and any(not c.in_pack and c.license_cents for c in charges)
        assert all(c.total_cents == c.license_cents + c.product_cents + c.overage_cents + c.services_cents
                   + c.agency_services_cents + c.tax_cents for c in charges)
        calls = session.scalars(select(s.TeamCall)).all()
        assert calls and all(call.participant_ids["ids"] and call.url.startswith("https://") for call in calls)
        avatars = session.scalars(select(s.Avatar)).all()
        assert len(avatars) >= 3
        for avatar in avatars:
            image = Image.open(io.BytesIO(avatar.image))
            assert image.format == "PNG" and image.size == (avatar.width, avatar.height)
        completions = session.execute(select(s.UtilizationCompletion.client_id)).scalars().all()
        assert None in completions and len(set(completions)) > 10
        assert session.scalar(select(func.count()).select_from(s.UtilizationSection)) == len(SECTIONS) == 11
        assert session.scalars(select(s.Agency)).one().utilization_score > 0


def test_client_summaries_on_the_demo(demo_db) -> None:  # noqa: ANN001
    with demo_db.db.read() as session:
        admin = acting_user(session, demo_db.login)
        everyone = client_summaries(session, admin)
        live = session.scalar(select(func.count()).where(s.Client.deleted_at.is_(None)))
        assert len(everyone) == live
        assert any(c.emails_sent_30d > 0 and 0 < c.open_rate < 1 for c in everyone)
        assert all(len(c.contacts_series) == 30 for c in everyone)
        assert any(c.contacts_added_30d > 0 for c in everyone) and any(c.has_avatar for c in everyone)
        assert any(c.your_places for c in everyone) and any(c.company_places for c in everyone)
        assert {c.sender_status for c in everyone} & TROUBLED
        assert any(c.utilization_score > 0 for c in everyone)
        seller = session.scalars(select(s.AgencyUser).where(s.AgencyUser.role == "Salesperson",
                                                           s.AgencyUser.active)).first()
        allowed = set(session.scalars(select(s.ClientAccess.client_id)
                                      .where(s.ClientAccess.agency_user_id == seller.id)))
        mine = client_summaries(session, seller)
        assert mine and {c.id for c in mine} <= allowed and len(mine) < len(everyone)  # R-ACC-2


# --- the command ----------------------------------------------------------------------------------


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN201
    monkeypatch.setenv("CONSOLE_TUI_CONFIG", str(tmp_path / "no-config.toml"))
    for name in ("DATABASE_URL", "USER"):
        monkeypatch.delenv(f"CONSOLE_TUI_{name}", raising=False)
    runner = CliRunner()

    def invoke(*args: str):  # noqa: ANN202
        result = runner.invoke(main, list(args), catch_exceptions=False)
        # Let the invocation's engine go, as its process's exit would: a kept traceback holds its
        # frames, and so pooled connections that make a rebuild refuse ("another program has it open").
        if result.exception is not None:
            result.exception.__traceback__ = None
        result.exc_info = None
        gc.collect()
        return result

    return invoke


def _count(url: str, table: str) -> int:
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            return connection.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar_one()
    finally:
        database.dispose()


def test_cli_builds_refuses_skips_and_rebuilds(run, tmp_path: Path) -> None:  # noqa: ANN001
    url = f"sqlite:///{tmp_path / 'x.db'}"
    first = run("--db", url, "--user", "tester", "demo", "--clients", "20", "--days", "10", "--seed", "3")
    assert first.exit_code == 0, first.output
    assert "20 client records" in first.stdout and "'tester' is an Administrator" in first.stdout
    assert _count(url, "client") == 20
    names = _count(url, "event")

    again = run("--db", url, "--user", "tester", "demo", "--clients", "20", "--days", "10", "--seed", "3")
    assert again.exit_code == 2 and "already holds" in again.stderr and "--force" in again.stderr
    assert again.stdout == ""

    skipped = run("--db", url, "demo", "--if-missing")
    assert skipped.exit_code == 0 and skipped.output == ""
    assert _count(url, "client") == 20 and _count(url, "event") == names

    rebuilt = run("--db", url, "--user", "tester", "demo", "--clients", "30", "--days", "5", "--seed", "4", "--force",
                  "--yes")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert _count(url, "client") == 30


def test_cli_sub_command_db_wins_over_the_global_flag(run, tmp_path: Path) -> None:  # noqa: ANN001
    global_db, own_db = tmp_path / "global.db", tmp_path / "own.db"
    result = run("--db", f"sqlite:///{global_db}", "demo", "--db", f"sqlite:///{own_db}", "--clients", "5",
                 "--days", "2")
    assert result.exit_code == 0, result.output
    assert _count(f"sqlite:///{own_db}", "client") == 5 and not global_db.exists()


def test_cli_if_missing_builds_an_empty_database(run, tmp_path: Path) -> None:  # noqa: ANN001
    url = f"sqlite:///{tmp_path / 'console.db'}"  # a new file: only the default directory is ever made
    result = run("--db", url, "demo", "--if-missing", "--clients", "6", "--days", "3")
    assert result.exit_code == 0 and re.search(r"6 client records", result.stdout)


@pytest.mark.parametrize("args, message", [
    (("--force", "--if-missing"), "contradict"),
    (("--db", "mysql://x/y"), "must start with sqlite"),
    (("--clients", "0"), "--clients"),
])
def test_cli_refuses_bad_options(run, tmp_path: Path, args, message) -> None:  # noqa: ANN001
    result = run("--db", f"sqlite:///{tmp_path / 'x.db'}", "demo", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_r_view_2_the_demo_ships_three_shared_views_that_select_clients(demo_db) -> None:  # noqa: ANN001
    from console_tui.clock import local_today
    from console_tui.data.queries.client_facts import client_facts
    from console_tui.data.queries.saved_views import saved_views
    from console_tui.domain.filters import compile_filter, parse_filter

    views = saved_views(demo_db.db, demo_db.login)
    assert [(v.name, v.shared) for v in views] == [
        ("Never logged in", True), ("Renewals this month", True), ("Senders at risk", True)]
    clock = demo_db.clock
    facts = client_facts(demo_db.db, demo_db.login, local_today(clock), clock.tz)
    for view in views:
        keep = compile_filter(parse_filter(view.filter), me=demo_db.login)
        chosen = sum(1 for f in facts if keep(f))
        assert 0 < chosen < len(facts) / 2, (view.name, chosen, len(facts))  # a worklist, not everyone


def test_r_tpl_1_the_demo_ships_two_templates_a_new_client_can_start_from(demo_db) -> None:  # noqa: ANN001
    from console_tui.data.commands.clients import add_client
    from console_tui.data.queries.templates import client_templates
    from tests.data.command_helpers import GOOD_FORM

    rows = client_templates(demo_db.db, demo_db.login)
    assert [(row.name, row.owner) for row in rows] == [("Annual starter", demo_db.login),
                                                      ("Monthly trial", demo_db.login)]
    added = add_client(demo_db.db, demo_db.clock, demo_db.login, GOOD_FORM, template="Monthly trial")
    assert added.template is not None and [change.action for change in added.template.changes] == [
        "allowance", "allowance", "set-limit", "direct-support", "term", "rebrand"]  # the demo agency: DS on (R-DS-1)
