"""PostgreSQL enforcing the permission matrix, tested by connecting as real per-user roles (tests/pg_agency.py)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import psycopg
import pytest
from sqlalchemy import text

from console_tui.clock import FixedClock
from console_tui.data.engine import Database
from console_tui.data.pgaccess import ddl, roles
from console_tui.data.pgaccess.surface import AUDIT_TABLE, READ_ONLY, WRITES, all_tables, client_keys
from console_tui.domain.cycles import cycle_for
from console_tui.domain.permissions import POLICIES, check
from console_tui.domain.roles import Role
from console_tui.jobs import nightly
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.pg_agency import ROLE_BY_SHORT, Agency, agency  # noqa: F401 - the module's fixture

pytestmark = pytest.mark.postgres


def _one(connection: psycopg.Connection, sql: str, *args: object) -> object:
    row = connection.execute(sql, args).fetchone()  # type: ignore[arg-type]
    return None if row is None else row[0]


def test_a_salesperson_sees_only_its_clients_and_an_administrator_all(agency: Agency) -> None:
    with agency.connect(agency.logins["sp"]) as sp, agency.connect(agency.logins["admin"]) as admin:
        assert [r[0] for r in sp.execute("SELECT id FROM client")] == [agency.mine]
        assert [r[0] for r in sp.execute("SELECT DISTINCT client_id FROM client_access")] == [agency.mine]
        assert sorted(r[0] for r in admin.execute("SELECT id FROM client")) == sorted([agency.mine, agency.theirs])


def test_the_owner_single_password_mode_sees_and_changes_everything(agency: Agency) -> None:
    with agency.db.engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM client")).scalar() == 2
        assert connection.execute(text("UPDATE agency SET name = name")).rowcount == 1


def test_a_salesperson_cannot_update_a_client_it_does_not_manage(agency: Agency) -> None:
    with agency.connect(agency.logins["sp"]) as sp:
        assert sp.execute("UPDATE client SET name = 'Hijacked' WHERE id = %s", (agency.theirs,)).rowcount == 0
        # its own client's profile it may change (Settings: every role), but not what needs another role
        assert sp.execute("UPDATE client SET city = 'Leeds' WHERE id = %s", (agency.mine,)).rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Direct Support"):
            sp.execute("UPDATE client SET direct_support = true WHERE id = %s", (agency.mine,))
    with agency.db.engine.connect() as connection:
        name = connection.execute(text("SELECT name FROM client WHERE id = :i"), {"i": agency.theirs}).scalar()
    assert name == "Theirs"


def test_a_salesperson_cannot_change_its_own_role_another_user_or_the_plan(agency: Agency) -> None:
    sp_login = agency.logins["sp"]
    with agency.connect(sp_login) as sp:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may change only briefing_seen_on"):
            sp.execute("UPDATE agency_user SET role = 'Administrator' WHERE login = %s", (sp_login,))
        assert sp.execute("UPDATE agency_user SET active = false WHERE login <> %s", (sp_login,)).rowcount == 0
        assert sp.execute("UPDATE agency SET plan_id = plan_id").rowcount == 0
        assert sp.execute("DELETE FROM agency_user").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sp.execute("UPDATE plan SET max_clients = 100000")
    with agency.db.engine.connect() as connection:
        assert connection.execute(text("SELECT role FROM agency_user WHERE login = :l"), {"l": sp_login}).scalar() \
            == Role.SALESPERSON.value


@pytest.mark.parametrize("who", ["sp", "admin", "worker"])
def test_no_role_but_the_owner_may_update_delete_or_truncate_the_audit_log(agency: Agency, who: str) -> None:
    role = agency.worker if who == "worker" else agency.logins[who]
    with agency.connect(role) as connection:
        for sql in ("UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(sql)


def test_an_audit_rows_who_is_the_connected_role_not_what_the_client_says(agency: Agency) -> None:
    sp_login = agency.logins["sp"]
    with agency.connect(sp_login) as sp:
        sp.execute("INSERT INTO audit_log (at, agency_user_id, actor, action, client_id) "
                   "VALUES (now(), NULL, %s, 'forged', %s)", (agency.logins["admin"], agency.mine))
    with agency.db.engine.connect() as connection:
        actor, user_id = connection.execute(text(
            "SELECT actor, agency_user_id FROM audit_log WHERE action = 'forged'")).one()
        expected = connection.execute(text("SELECT id FROM agency_user WHERE login = :l"), {"l": sp_login}).scalar()
    assert (actor, user_id) == (sp_login, expected)


def test_a_bulk_batchs_who_is_the_connected_role_too(agency: Agency) -> None:
    admin = agency.logins["admin"]
    with agency.connect(admin) as connection:
        connection.execute("INSERT INTO bulk_batch (agency_user_id, actor, at, action, args, all_or_nothing) "
                           "VALUES (NULL, 'someone else', now(), 'forged', '[]', false)")
    with agency.db.engine.connect() as connection:
        assert connection.execute(text("SELECT actor FROM bulk_batch WHERE action = 'forged'")).scalar() == admin


def test_a_deactivated_users_role_cannot_log_in(agency: Agency) -> None:
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        agency.connect(agency.deactivated)


def test_a_login_with_quotes_and_spaces_gets_its_own_role(agency: Agency) -> None:
    with agency.connect(agency.quoted) as connection:
        assert _one(connection, "SELECT current_user") == agency.quoted
        assert list(connection.execute("SELECT id FROM client")) == []  # manages no client


def test_the_worker_writes_what_the_rollup_writes_and_nothing_else(agency: Agency) -> None:
    with agency.connect(agency.worker) as worker:
        assert _one(worker, "SELECT count(*) FROM client") == 2
        worker.execute("INSERT INTO rollup_state (job, last_event_id) VALUES ('t', 0)")
        assert worker.execute("UPDATE client SET ebs_enabled = true").rowcount == 2
        for sql in ("UPDATE client SET name = 'x'", "UPDATE agency_user SET role = 'Administrator'",
                    "DELETE FROM client"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                worker.execute(sql)


def test_roles_show_lists_every_user_with_its_state(agency: Agency) -> None:
    rows, _group = roles.show(agency.db, agency.group)
    states = {row.login: row.state for row in rows}
    assert states[agency.logins["sp"]] == "login"
    assert states[agency.deactivated] == "nologin"
    assert states[agency.quoted] == "login"


def test_the_database_decides_as_the_matrix_for_every_role_and_action(agency: Agency) -> None:
    """console_tui_allows (what every policy asks) against domain/permissions.check, everywhere."""
    differ = []
    with agency.db.engine.connect() as connection:
        for short, role in ROLE_BY_SHORT.items():
            for action in POLICIES:
                for client, manages in ((agency.mine, short != "admin"), (agency.theirs, False)):
                    said = connection.execute(text("SELECT console_tui_allows(:l, ARRAY[:a], :c)"),
                                              {"l": agency.logins[short], "a": action.value, "c": client}).scalar()
                    if said != check(role, action, is_client_manager=manages).allowed:
                        differ.append((role.value, action.value, client))
    assert differ == []


def test_the_policies_in_the_database_are_the_generated_ones(agency: Agency) -> None:
    """Every secured table has exactly the generated policies, each naming the actions of WRITES."""
    with agency.db.engine.connect() as connection:
        found = connection.execute(text(
            "SELECT tablename, policyname, coalesce(with_check, qual) FROM pg_policies "
            "WHERE schemaname = :s AND policyname <> 'ctui_worker'"), {"s": agency.schema}).all()
    generated = ddl.policies()
    assert {(t, p) for t, p, _ in found} == {(t, p) for t, made in generated.items() for p in made}
    assert set(client_keys()) <= set(generated)  # every table keyed by client is under row-level security
    for table, policy, expression in found:
        op = policy.removeprefix(ddl.PREFIX).upper()
        if op in WRITES.get(table, {}):
            assert set(re.findall(r"'(\w+)'::text", expression)) == {a.value for a in WRITES[table][op]}, (table, op)


def close_as_worker(agency: Agency, day: date) -> str:
    """The nightly run of ``day`` connected as the worker role: its outcome."""
    worker = Database(agency.url_as(agency.worker))
    try:
        return nightly.close_day(worker, FixedClock(FIXED_NOW, TEST_TZ), day).status
    finally:
        worker.dispose()


def test_the_nightly_rollup_runs_as_the_worker_role(agency: Agency) -> None:
    day = FIXED_NOW.date() - timedelta(days=1)
    with agency.db.engine.begin() as connection:
        connection.execute(text("INSERT INTO event (external_id, client_id, type, occurred_at, quantity) "
                                "VALUES ('w1', :c, 'email_sent', :at, 7)"),
                           {"c": agency.mine, "at": datetime.combine(day, time(12), TEST_TZ)})
    assert close_as_worker(agency, day) == "done"
    with agency.db.engine.connect() as connection:
        sent = connection.execute(text("SELECT emails_sent FROM daily_metric WHERE client_id = :c AND day = :d"),
                                  {"c": agency.mine, "d": day}).scalar()
    assert sent == 7


def test_every_table_says_which_actions_write_it_or_that_none_does() -> None:
    """A new table gets its row in surface.WRITES (or READ_ONLY): else per-user roles could not write it."""
    assert sorted(all_tables()) == sorted({*WRITES, *READ_ONLY, AUDIT_TABLE})


def test_a_company_manager_adding_a_client_user_keeps_the_clients_user_figures(agency: Agency) -> None:
    """The figures are the database's to keep (an owner's trigger): a role that may add a client user
    may not write ``client.user_count`` itself, yet the count follows its insert."""
    with agency.connect(agency.logins["cm"]) as cm:
        before = _one(cm, "SELECT user_count FROM client WHERE id = %s", agency.mine)
        cm.execute("INSERT INTO client_user (client_id, full_name, email, role, blocked, created_at,"
                   " last_login_at, version) VALUES (%s, 'New Person', 'new@mine.example', 'User', false, now(),"
                   " now(), 1)", (agency.mine,))
        assert _one(cm, "SELECT user_count FROM client WHERE id = %s", agency.mine) == before + 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cm.execute("UPDATE client SET user_count = 99 WHERE id = %s", (agency.mine,))


def test_the_worker_closes_a_billing_cycle_the_night_of_its_last_day(agency: Agency) -> None:
    """R-BL-5 in per-user mode: the worker writes the cycle's charges and its row, nothing refused."""
    last = cycle_for(FIXED_NOW.date()).start - timedelta(days=1)
    assert close_as_worker(agency, last) == "done"
    with agency.db.engine.connect() as connection:
        closed = connection.execute(text("SELECT clients FROM billing_cycle WHERE cycle = :c"),
                                    {"c": cycle_for(last).start}).scalar()
        billed = connection.execute(text("SELECT count(*) FROM billing_charge WHERE cycle = :c"),
                                    {"c": cycle_for(last).start}).scalar()
    assert closed == billed == 2
