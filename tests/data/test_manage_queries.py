"""Manage Clients' read side (console_tui.data.queries.manage), on SQLite and PostgreSQL.

The list (R-MC-2) in a fixed number of queries whatever the number of clients; the options menu
per role (R-OPT-1, R-ACC-3); and what each option screen reads (R-OPT-3..9, R-SUP-2).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, update

from console_tui.data.engine import Database
from console_tui.data.queries import manage as mq
from console_tui.data.schema import (
    AddonService,
    Client,
    ClientAccess,
    ClientService,
    ClientUser,
    DailyMetric,
    Event,
    RollupState,
    SenderStatusChange,
)
from console_tui.domain.errors import NotFound, PermissionDenied
from console_tui.domain.permissions import Action
from tests.data.command_helpers import ROLE_LOGINS, seed, set_sender
from tests.factories import make_client

TODAY = date(2026, 11, 20)  # the fixed clock's local day
ADMIN_ONLY = "needs the Administrator role"


def write(db: Database, change) -> None:  # noqa: ANN001
    with db.write() as session:
        change(session)


def rows_by_name(db: Database) -> dict[str, mq.ManageRow]:
    listing = mq.manage_list(db, "admin", TODAY, UTC)
    return {row.name: row for row in listing.rows}


# --- the list (R-MC-2) ----------------------------------------------------------------------------


def test_r_mc_2_rows_carry_tags_users_last_login_and_sent_this_cycle(db: Database) -> None:
    ids = seed(db, license_term="annual", license_start=date(2025, 12, 10), billing_contact="Flo",
               billing_email="billing@bloom.example.com", tax_rate=Decimal("20"), direct_support=True)
    login = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)

    def figures(session) -> None:  # noqa: ANN001
        session.execute(update(ClientUser).where(ClientUser.id == ids.client_user_id).values(last_login_at=login))
        session.execute(update(ClientUser).where(ClientUser.id == ids.other_user_id).values(blocked=True))
        session.add_all([DailyMetric(client_id=ids.client_id, day=date(2026, 11, d), emails_sent=100) for d in (1, 18)])
        session.add(DailyMetric(client_id=ids.client_id, day=date(2026, 10, 31), emails_sent=999))  # last cycle
        session.add(RollupState(job="nightly", last_event_id=0, last_day=date(2026, 11, 18), as_of=login))
        session.add(Event(external_id="e1", client_id=ids.client_id, type="email_sent", quantity=7,
                          occurred_at=datetime(2026, 11, 19, 12, 0, tzinfo=UTC)))  # after the rollup: raw events

    write(db, figures)
    set_sender(db, ids.client_id, "At Risk", date(2026, 9, 1))
    row = rows_by_name(db)["Bloom Florists"]
    # renewal 2026-12-10: in the last 30 days before it, so Pre-renewal (R-OPT-9)
    assert row.tags == ("EBS Active", "Annual", "Pre-renewal", "Direct Support", "At Risk")
    assert (row.user_count, row.last_login, row.sent_this_cycle) == (1, login, 207)
    assert (row.kind, row.status, row.term, row.sender_status, row.counted) == (
        "client", "Active", "annual", "At Risk", True)


def test_r_mc_2_leads_prospects_custom_statuses_and_removed_companies(db: Database) -> None:
    seed(db)

    def more(session) -> None:  # noqa: ANN001
        make_client(session, "Lead Co", kind="lead")
        make_client(session, "Prospect Co", kind="prospect", status="On hold")
        make_client(session, "Gone Co", deleted_at=datetime(2026, 11, 1, tzinfo=UTC))
        make_client(session, "Sleepy Co", status="Suspended")

    write(db, more)
    rows = rows_by_name(db)
    assert rows["Bloom Florists"].tags == ("EBS Active", "Config incomplete")
    assert rows["Prospect Co"].tags == ("EBS Active", "Config incomplete", "On hold")
    assert rows["Gone Co"].removed_at == datetime(2026, 11, 1, tzinfo=UTC) and not rows["Gone Co"].counted
    assert [name for name, row in rows.items() if row.counted] == ["Bloom Florists"]  # R-CAP-1
    assert list(rows) == sorted(rows, key=str.casefold)


def test_the_list_needs_the_same_few_queries_for_any_number_of_clients(db: Database) -> None:
    seed(db)

    def count_queries() -> int:
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, …)
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            mq.manage_list(db, "admin", TODAY, UTC)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    few = count_queries()
    write(db, lambda s: [make_client(s, f"Client {n:03d}") for n in range(60)])
    assert count_queries() == few <= 12


@pytest.mark.parametrize("login", [login for login in ROLE_LOGINS if login != "admin"])
def test_r_acc_3_only_administrators_may_list_manage_clients(db: Database, login: str) -> None:
    seed(db)
    with pytest.raises(PermissionDenied) as refused:
        mq.manage_list(db, login, TODAY, UTC)
    assert f"Manage Clients was refused: it needs the Administrator role; your role is {ROLE_LOGINS[login]}" in str(
        refused.value)


# --- the options menu (R-OPT-1, R-ACC-3) -------------------------------------------------------------


@pytest.mark.parametrize(("login", "enabled"), [
    ("admin", 9), ("cm", 2), ("mm", 2), ("sm", 1), ("sp", 1), ("jr", 1)])
def test_r_opt_1_the_menu_per_role(db: Database, login: str, enabled: int) -> None:
    ids = seed(db)  # every non-admin manages the client; no term and Healthy for long: no rule refuses
    set_sender(db, ids.client_id, "Healthy", date(2026, 8, 1))
    menu = mq.client_options(db, login, ids.client_id, TODAY)
    assert [item.label for item in menu.items][0] == "Switch to Manage"
    assert sum(item.enabled for item in menu.items) == enabled
    assert all(ADMIN_ONLY in item.reason or "Company Manager" in item.reason
               for item in menu.items if not item.enabled)
    assert menu.is_client_manager is (login != "admin")


def test_r_opt_1_items_a_rule_refuses_today_are_disabled_with_why_and_when(db: Database) -> None:
    """Remove Company outside the pre-renewal window (R-OPT-9) and Email Suppression while EBS may
    not be turned off (R-SUP-2) are disabled with the guards' own reasons and opening dates."""
    ids = seed(db, license_term="annual", license_start=date(2026, 2, 1))
    set_sender(db, ids.client_id, "Healthy", date(2026, 11, 10))
    items = {item.label: item for item in mq.client_options(db, "admin", ids.client_id, TODAY).items}
    remove, ebs = items["Remove Company"], items["Email Suppression"]
    assert (remove.enabled, remove.opens_on) == (False, date(2027, 1, 2))
    assert remove.reason.endswith("only in the last 30 days before renewal, from 2027-01-02")
    assert (ebs.enabled, ebs.opens_on) == (False, date(2027, 1, 9))
    assert ebs.reason.startswith("EBS is on and cannot be turned off now: the client became Healthy on 2026-11-10")
    assert sum(item.enabled for item in items.values()) == 7
    wider = mq.client_options(db, "admin", ids.client_id, TODAY, window_days=80, wait_days=10)  # the settings
    assert all(item.enabled for item in wider.items)
    write(db, lambda s: s.execute(update(Client).values(ebs_enabled=False)))  # turning EBS on: always allowed
    assert all(item.enabled for item in mq.client_options(db, "cm", ids.client_id, TODAY).items
               if item.label == "Email Suppression")


def test_r_acc_2_a_non_manager_gets_no_menu(db: Database) -> None:
    ids = seed(db)
    write(db, lambda s: s.query(ClientAccess).filter_by(client_id=ids.client_id).delete())
    with pytest.raises(PermissionDenied):
        mq.client_options(db, "sp", ids.client_id, TODAY)


def test_r_opt_9_a_removed_companys_menu_is_all_disabled(db: Database) -> None:
    ids = seed(db)
    write(db, lambda s: s.execute(update(Client).values(deleted_at=datetime(2026, 11, 2, 8, tzinfo=UTC))))
    menu = mq.client_options(db, "admin", ids.client_id, TODAY)
    assert {(item.enabled, item.reason) for item in menu.items} == {
        (False, "the company was removed on 2026-11-02")}
    with pytest.raises(NotFound):
        mq.configuration(db, "admin", ids.client_id)


# --- the option screens ---------------------------------------------------------------------------


def test_r_opt_3_configuration_with_region_and_missing_fields(db: Database) -> None:
    ids = seed(db, license_term="monthly", license_start=date(2026, 1, 1))
    view = mq.configuration(db, "admin", ids.client_id)
    assert (view.country, view.region, view.term) == ("GB", "Other", "monthly")
    assert view.missing == ("billing_contact", "billing_email", "tax_rate")
    with pytest.raises(PermissionDenied):
        mq.configuration(db, "cm", ids.client_id)


def test_r_opt_4_every_service_with_its_allowance_or_none(db: Database) -> None:
    ids = seed(db)  # the catalogue holds SMS credits

    def more(session) -> None:  # noqa: ANN001
        dialer = AddonService(key="sales_dialer", name="Sales Dialer", unit="seat", unit_price_cents=2500)
        session.add(dialer)
        session.flush()
        session.add(ClientService(client_id=ids.client_id, service_id=dialer.id, allowance=2, active_quantity=5))

    write(db, more)
    view = mq.services(db, "admin", ids.client_id)
    assert [(s.key, s.allowance, s.active, s.version) for s in view.services] == [
        ("sms_credits", None, 0, None), ("sales_dialer", 2, 5, 1)]


def test_r_opt_5_managers_and_who_could_be_one(db: Database) -> None:
    ids = seed(db)
    view = mq.managers(db, "admin", ids.client_id)
    assert {m.login for m in view.managers} == {"cm", "mm", "sm", "sp", "jr"}
    assert view.candidates == ()  # the Administrator is never a candidate (R-ACC-2)
    write(db, lambda s: s.query(ClientAccess).filter_by(client_id=ids.client_id).delete())
    view = mq.managers(db, "admin", ids.client_id)
    assert view.managers == () and {m.login for m in view.candidates} == {"cm", "mm", "sm", "sp", "jr"}


def test_r_opt_7_breakdown_windows_rates_and_history(db: Database) -> None:
    ids = seed(db)
    last = date(2026, 11, 19)

    def figures(session) -> None:  # noqa: ANN001
        for back in range(100):
            session.add(DailyMetric(client_id=ids.client_id, day=last - timedelta(days=back), emails_sent=1000,
                                    emails_opened=250, emails_bounced=20, spam_complaints=1, unsubscribes=5))
        session.add(RollupState(job="nightly", last_event_id=0, last_day=last,
                                as_of=datetime(2026, 11, 20, 2, tzinfo=UTC)))
        session.add_all([SenderStatusChange(client_id=ids.client_id, day=date(2026, 8, 1), old_status="New",
                                            new_status="Healthy"),
                         SenderStatusChange(client_id=ids.client_id, day=date(2026, 10, 1), old_status="Healthy",
                                            new_status="At Risk")])

    write(db, figures)
    view = mq.sender(db, "admin", ids.client_id, TODAY)
    assert [(w.days, w.sent, w.opened, w.first_day) for w in view.windows] == [
        (1, 1000, 250, last), (7, 7000, 1750, last - timedelta(days=6)),
        (30, 30000, 7500, last - timedelta(days=29)), (90, 90000, 22500, last - timedelta(days=89))]
    assert view.windows[2].rates.bounced == Decimal("0.02")
    assert view.bad_30d == ("spam", "bounces")
    assert [(s.day, s.new_status) for s in view.history] == [(date(2026, 10, 1), "At Risk"),
                                                             (date(2026, 8, 1), "Healthy")]


def test_r_sup_2_the_guard_for_turning_ebs_off_with_its_date(db: Database) -> None:
    ids = seed(db)
    set_sender(db, ids.client_id, "Healthy", TODAY - timedelta(days=59))
    view = mq.suppression(db, "mm", ids.client_id, TODAY)  # a Marketing Manager may (R-ACC-3)
    assert not view.off_guard.allowed and view.off_guard.opens_on == TODAY + timedelta(days=1)
    assert mq.suppression(db, "admin", ids.client_id, TODAY, wait_days=59).off_guard.allowed
    with pytest.raises(PermissionDenied):
        mq.suppression(db, "sp", ids.client_id, TODAY)


@pytest.mark.parametrize(("term", "start", "allowed", "opens"), [
    ("monthly", date(2026, 1, 5), True, None),
    (None, None, True, None),
    ("annual", date(2026, 2, 1), False, date(2027, 1, 2)),
    ("annual", date(2025, 12, 15), True, None),
    ("annual", None, False, None),
])
def test_r_opt_9_the_removal_guard(db: Database, term, start, allowed, opens) -> None:  # noqa: ANN001
    ids = seed(db, license_term=term, license_start=start)
    view = mq.removal(db, "admin", ids.client_id, TODAY)
    assert (view.guard.allowed, view.guard.opens_on, view.user_count) == (allowed, opens, 2)


def test_r_opt_6_r_opt_8_flags_with_the_version(db: Database) -> None:
    ids = seed(db, direct_support=True, rebrand_locked=True, uses_billing_platform=True)
    view = mq.flags(db, "admin", ids.client_id, Action.CLIENT_REBRAND)
    assert (view.direct_support, view.rebrand_locked, view.uses_billing_platform, view.has_own_logo,
            view.version) == (True, True, True, False, 1)
