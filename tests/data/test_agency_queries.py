"""The administration screens' read side (console_tui.data.queries.agency): Email Limits (R-EL-3),
Client Usage (R-CU-1), Billing Overview (R-BL-1, R-BL-4), My Account (R-CAP-1..3), agency users
and access (R-ACC-2), the audit log (R-ACC-5), and who may read them (R-ACC-4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, update

from console_tui.data.commands.limits import set_email_limits
from console_tui.data.commands.options import add_client_manager
from console_tui.data.commands.plan import change_plan
from console_tui.data.engine import Database
from console_tui.data.queries import agency as aq
from console_tui.data.queries.audit_text import changes_of, summary
from console_tui.data.schema import Agency, BillingCharge, Client, ClientUsageMonth
from console_tui.data.views.agency import AuditFilter
from console_tui.domain.errors import PermissionDenied
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.data.command_helpers import ROLE_LOGINS, seed
from tests.factories import make_client

TODAY = FIXED_NOW.astimezone(TEST_TZ).date()  # 20 Nov 2026: the November cycle is open
SEP, OCT, NOV = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)


def agency_with_records(db: Database) -> dict[str, int]:
    """Bloom Florists (counted, from seed) plus one record of every kind and status that matters."""
    bloom = seed(db, max_clients=10).client_id
    with db.write() as session:
        ids = {"Bloom Florists": bloom}
        for name, kind, status in (("Cedar Books", "client", "Onboarding"), ("Delta Lead", "lead", "Active"),
                                   ("Echo Prospect", "prospect", "Active"), ("Fern Suspended", "client", "Suspended"),
                                   ("Gale Inactive", "client", "Inactive"), ("Hill Removed", "client", "Active")):
            ids[name] = make_client(session, name, kind=kind, status=status).id
        session.get(Client, ids["Hill Removed"]).deleted_at = FIXED_NOW - timedelta(days=3)
    return ids


# --- who may read (R-ACC-4) ----------------------------------------------------------------------


@pytest.mark.parametrize("login", [login for login in ROLE_LOGINS if login != "admin"])
def test_r_acc_4_every_screen_refuses_other_roles_naming_the_role(db: Database, clock, login) -> None:
    agency_with_records(db)
    role = ROLE_LOGINS[login]
    reads = {
        "Email Limits": lambda: aq.email_limits_page(db, login, TODAY, TEST_TZ),
        "Client Usage": lambda: aq.usage_page(db, login, TODAY, TEST_TZ),
        "Billing": lambda: aq.billing_page(db, login, TODAY, TEST_TZ),
        "Agency Users": lambda: aq.users_page(db, login),
        "Audit Log": lambda: aq.audit_page(db, login),
    }
    for label, read in reads.items():
        with pytest.raises(PermissionDenied) as caught:
            read()
        assert str(caught.value) == (f"{label} was refused: it needs the Administrator role; your role is {role}. "
                                     "Ask an Administrator to do it or to change your access.")


# --- Email Limits (R-EL-3) -----------------------------------------------------------------------


def test_r_el_3_limits_page_carries_the_plans_email_terms_and_possible_overage(db: Database, clock) -> None:
    ids = agency_with_records(db)
    set_email_limits(db, clock, "admin", {ids["Bloom Florists"]: "25000"})
    page = aq.email_limits_page(db, "admin", TODAY, TEST_TZ)
    assert (page.cycle.label, page.included_emails, page.overage_per_1000_cents) == ("2026-11", 10_000, 150)
    assert "Hill Removed" not in [row.name for row in page.rows]
    bloom = next(row for row in page.rows if row.name == "Bloom Florists")
    assert (bloom.limit, bloom.overage.emails_over, bloom.overage.cost_cents) == (25_000, 15_000, 2_250)


# --- Client Usage (R-CU-1) -----------------------------------------------------------------------


def add_usage(db: Database, client_id: int, month: date, sent: int) -> None:
    with db.write() as session:
        session.add(ClientUsageMonth(client_id=client_id, month=month, emails_sent=sent, contacts_added=sent // 10,
                                     page_impressions=sent * 2))


def test_r_cu_1_only_closed_months_are_offered_and_every_client_has_a_row(db: Database, clock) -> None:
    ids = agency_with_records(db)
    for month, sent in ((SEP, 100), (OCT, 200), (NOV, 999)):  # November has not ended: never offered
        add_usage(db, ids["Bloom Florists"], month, sent)
    add_usage(db, ids["Hill Removed"], OCT, 50)
    with db.write() as session:  # a client created after October: no October row
        make_client(session, "Newcomer").created_at = datetime(2026, 11, 2, tzinfo=UTC)
    page = aq.usage_page(db, "admin", TODAY, TEST_TZ)
    assert page.months == (SEP, OCT) and page.month is not None and page.month.start == OCT
    assert (page.previous, page.next, page.open_cycle.start) == (SEP, None, NOV)
    rows = {row.name: (row.emails_sent, row.contacts_added, row.page_impressions) for row in page.rows}
    assert rows["Bloom Florists"] == (200, 20, 400) and rows["Cedar Books"] == (0, 0, 0)
    assert "Hill Removed" not in rows and "Newcomer" not in rows
    september = aq.usage_page(db, "admin", TODAY, TEST_TZ, SEP)
    assert (september.month.start, september.previous, september.next) == (SEP, None, OCT)
    assert aq.usage_page(db, "admin", TODAY, TEST_TZ, NOV).month.start == OCT  # asked for the open month


def test_r_cu_1_no_closed_month_yet(db: Database, clock) -> None:
    agency_with_records(db)
    page = aq.usage_page(db, "admin", TODAY, TEST_TZ)
    assert (page.month, page.months, page.rows, page.previous, page.next) == (None, (), (), None, None)


# --- Billing Overview (R-BL-1, R-BL-4) -----------------------------------------------------------


def charge(client_id: int, cycle: date, **figures: object) -> BillingCharge:
    values = dict(in_pack=False, provisional=False, license_cents=3000, product_cents=0, overage_cents=0,
                  services_cents=0, agency_services_cents=0, tax_cents=0)
    values.update(figures)
    total = sum(int(values[k]) for k in ("license_cents", "product_cents", "overage_cents", "services_cents",
                                         "agency_services_cents", "tax_cents"))
    return BillingCharge(client_id=client_id, cycle=cycle, total_cents=total, **values)


def test_r_bl_4_a_cycles_rows_totals_and_license_counts(db: Database, clock) -> None:
    ids = agency_with_records(db)
    with db.write() as session:
        session.add_all([
            charge(ids["Bloom Florists"], OCT, in_pack=True, license_cents=2000, product_cents=2900,
                   overage_cents=150, services_cents=300, tax_cents=535),
            charge(ids["Cedar Books"], OCT, provisional=True, agency_services_cents=5000),
            charge(ids["Hill Removed"], OCT),
            charge(ids["Fern Suspended"], OCT, license_cents=0),
            charge(ids["Bloom Florists"], NOV, in_pack=True, license_cents=2000),
        ])
    page = aq.billing_page(db, "admin", TODAY, TEST_TZ)
    assert page.cycle.start == NOV and page.in_progress and (page.previous, page.next) == (OCT, None)
    october = aq.billing_page(db, "admin", TODAY, TEST_TZ, OCT)
    assert not october.in_progress and october.in_pack_licenses == 5
    rows = {row.name: row for row in october.rows}
    assert list(rows) == ["Bloom Florists", "Cedar Books", "Fern Suspended", "Hill Removed"]
    assert rows["Bloom Florists"].product_overages_cents == 3350 and rows["Hill Removed"].removed
    t = october.totals
    assert (t.in_pack, t.additional, t.provisional) == (1, 2, 1)
    assert (t.license_cents, t.product_overages_cents, t.agency_services_cents, t.tax_cents) == (8000, 3350, 5000, 535)
    assert t.total_cents == sum(row.total_cents for row in october.rows) == 16885


def test_r_bl_4_nothing_billed_yet(db: Database, clock) -> None:
    seed(db)
    with db.write() as session:  # only leads: nobody to bill, and no charges stored
        session.execute(update(Client).values(kind="lead"))
    page = aq.billing_page(db, "admin", TODAY, TEST_TZ)
    assert (page.cycle, page.rows, page.totals.total_cents) == (None, (), 0)


def test_r_bl_4_the_cycle_in_progress_is_computed_now(db: Database, clock) -> None:
    """Charges so far: every client billed in the open cycle, a client added today too, with the
    plan's in-pack licenses as they are now (nothing stored for November)."""
    agency_with_records(db)
    with db.write() as session:
        make_client(session, "Added Today").created_at = FIXED_NOW
    page = aq.billing_page(db, "admin", TODAY, TEST_TZ)
    assert page.cycle.start == NOV and page.in_progress
    rows = {row.name: row for row in page.rows}
    assert list(rows) == ["Added Today", "Bloom Florists", "Cedar Books", "Fern Suspended", "Gale Inactive",
                          "Hill Removed"]  # kind client, removed this cycle included; no lead or prospect
    assert rows["Added Today"].license_cents > 0 and rows["Fern Suspended"].license_cents == 0
    assert rows["Hill Removed"].removed and page.totals.provisional == 6  # no configuration set yet


# --- My Account (R-CAP-1..3) ---------------------------------------------------------------------


def test_r_cap_1_what_is_not_counted_and_why(db: Database, clock) -> None:
    agency_with_records(db)
    page = aq.account_page(db, "admin")
    assert page.usage.counted_clients == 2  # Bloom Florists and Cedar Books (a custom status counts)
    reasons = {row.name: row.reason for row in page.not_counted}
    assert reasons == {"Delta Lead": "Leads are never counted", "Echo Prospect": "Prospects are never counted",
                       "Fern Suspended": "Suspended clients are not counted",
                       "Gale Inactive": "Inactive clients are not counted",
                       "Hill Removed": "Removed companies are not counted"}
    assert page.not_counted_by_reason == (("lead", 1), ("prospect", 1), ("Inactive", 1), ("Suspended", 1),
                                          ("removed", 1))
    assert page.refusal is None and page.usage.warning is None


@pytest.mark.parametrize("login", ["sp", "jr"])
def test_r_acc_3_every_role_reads_my_account_but_only_its_own_clients_by_name(db: Database, clock, login) -> None:
    ids = agency_with_records(db)
    add_client_manager(db, clock, "admin", ids["Delta Lead"], login)
    page = aq.account_page(db, login)
    assert page.usage.counted_clients == 2 and page.limited
    assert [row.name for row in page.not_counted] == ["Delta Lead"]  # the one of theirs not counted
    assert sum(n for _, n in page.not_counted_by_reason) == 5  # the agency's figures, all of them
    assert page.plan_change_refusal == (f"Changing the plan was refused: it needs the Administrator role; your role "
                                        f"is {ROLE_LOGINS[login]}. Ask an Administrator to do it or to change your "
                                        "access.")
    admin = aq.account_page(db, "admin")
    assert admin.plan_change_refusal is None and not admin.limited and len(admin.not_counted) == 5


def test_r_cap_2_r_cap_3_warning_from_the_setting_and_refusal_when_full(db: Database, clock) -> None:
    agency_with_records(db)
    assert aq.account_page(db, "admin", warn_pct=20).usage.warning.startswith("20 % of the plan's clients")
    assert aq.capacity_banner_text(db, "jr", warn_pct=20).startswith("20 % of the plan's clients")  # every role
    assert aq.capacity_banner_text(db, "jr") is None
    with db.write() as session:
        session.query(Agency).one().plan.max_clients = 2
    page = aq.account_page(db, "admin")
    assert page.usage.warning.startswith("All 2 clients of the plan are used")
    assert page.refusal is not None and "upgrade to the Growth plan (20 clients)" in page.refusal
    assert "or suspend or remove clients" in page.refusal


# --- agency users and access (R-ACC-2) -----------------------------------------------------------


def test_r_acc_2_users_with_their_roles_and_clients(db: Database, clock) -> None:
    ids = agency_with_records(db)
    add_client_manager(db, clock, "admin", ids["Cedar Books"], "sp")
    add_client_manager(db, clock, "admin", ids["Delta Lead"], "sp")
    page = aq.users_page(db, "admin")
    users = {user.login: user for user in page.users}
    assert [u.login for u in page.users] == sorted(ROLE_LOGINS)
    assert users["admin"].sees_all and users["admin"].clients == ()
    assert [c.name for c in users["sp"].clients] == ["Bloom Florists", "Cedar Books", "Delta Lead"]
    assert (users["sp"].role, page.live_clients) == ("Salesperson", 6)
    assert [c.name for c in aq.client_refs(db, "admin")][:2] == ["Bloom Florists", "Cedar Books"]


# --- the audit log (R-ACC-5) ---------------------------------------------------------------------


def test_r_acc_5_newest_first_filters_and_pages(db: Database, clock) -> None:
    ids = agency_with_records(db)
    set_email_limits(db, clock, "admin", {ids["Bloom Florists"]: "500", ids["Cedar Books"]: "700"})
    clock.advance(timedelta(minutes=1))
    add_client_manager(db, clock, "admin", ids["Cedar Books"], "sp")
    clock.advance(timedelta(minutes=1))
    change_plan(db, clock, "admin", "Growth")
    page = aq.audit_page(db, "admin")
    assert [row.action for row in page.rows] == ["change_plan", "add_client_manager", "set_email_limits"]
    assert "sp" in page.actors and page.actions == ("add_client_manager", "change_plan", "set_email_limits")
    limits = page.rows[2].changes
    assert [(c.field, c.before, c.after) for c in limits] == [
        (f"email limit · Bloom Florists (#{ids['Bloom Florists']})", "none", "500"),
        (f"email limit · Cedar Books (#{ids['Cedar Books']})", "none", "700")]
    plan = page.rows[0]
    assert ("plan", "Starter", "Growth") in [(c.field, c.before, c.after) for c in plan.changes]
    by_client = aq.audit_page(db, "admin", AuditFilter(client="cedar"))
    assert [(r.action, r.client_name) for r in by_client.rows] == [("add_client_manager", "Cedar Books")]
    by_id = aq.audit_page(db, "admin", AuditFilter(client=f"#{ids['Cedar Books']}"))
    assert [r.action for r in by_id.rows] == ["add_client_manager"]
    assert aq.audit_page(db, "admin", AuditFilter(client="100%_")).rows == ()  # LIKE characters are literal
    assert [r.action for r in aq.audit_page(db, "admin", AuditFilter(action="change_plan")).rows] == ["change_plan"]
    assert aq.audit_page(db, "admin", AuditFilter(actor="sp")).rows == ()
    first = aq.audit_page(db, "admin", limit=2)
    assert first.more and len(first.rows) == 2
    rest = aq.audit_page(db, "admin", older_than=(first.rows[-1].at, first.rows[-1].id), limit=2)
    assert [r.action for r in rest.rows] == ["set_email_limits"] and not rest.more


def test_r_acc_5_before_and_after_become_plain_text_changes() -> None:
    changes = changes_of({"managers": ["a", "b"], "limit": None, "on": True},
                         {"managers": ["a"], "limit": 5, "on": False, "name": "[b]x[/b]", "map": {}})
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("managers", "a, b", "a"), ("limit", "none", "5"), ("on", "yes", "no"), ("name", "", "[b]x[/b]"),
        ("map", "", "(nothing)")]
    assert summary(changes) == "managers: a, b → a; limit: none → 5; +3 more"
    assert changes_of(None, None) == ()


# --- a few queries, never one per client ---------------------------------------------------------


def count_statements(db: Database, read) -> int:  # noqa: ANN001
    seen: list[str] = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        read()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def test_queries_do_not_grow_with_the_number_of_clients(db: Database, clock) -> None:
    ids = agency_with_records(db)
    reads = [
        lambda: aq.email_limits_page(db, "admin", TODAY, TEST_TZ), lambda: aq.usage_page(db, "admin", TODAY, TEST_TZ),
        lambda: aq.billing_page(db, "admin", TODAY, TEST_TZ), lambda: aq.account_page(db, "admin"),
        lambda: aq.users_page(db, "admin"), lambda: aq.audit_page(db, "admin"),
    ]

    def grow(n: int) -> None:
        with db.write() as session:
            for k in range(n):
                client = make_client(session, f"Extra {k:03d}", status="Suspended" if k % 3 else "Active")
                session.add(ClientUsageMonth(client_id=client.id, month=OCT, emails_sent=k))
                session.add(charge(client.id, OCT))
        set_email_limits(db, clock, "admin", {ids["Bloom Florists"]: str(n)})

    grow(3)
    small = [count_statements(db, read) for read in reads]
    grow(60)
    assert [count_statements(db, read) for read in reads] == small
