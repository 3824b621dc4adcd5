"""One person's own rows, guarded by PostgreSQL in per-user mode (surface.OWN_ROWS, OWN_COLUMNS):
private saved views and snoozes are seen and changed by their owner only, a shared view is added by
a role that may share, and everyone marks the morning briefing seen on their own row and nothing else."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from sqlalchemy import text

from console_tui.clock import FixedClock
from console_tui.data.commands.briefing import claim_briefing_day
from console_tui.data.commands.saved_views import add_view
from console_tui.data.engine import Database
from console_tui.domain.errors import RuleRefused
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.pg_agency import ROLE_BY_SHORT, Agency, agency  # noqa: F401 - the module's fixture

pytestmark = pytest.mark.postgres
_VIEW = ("INSERT INTO saved_view (owner_id, name, filter, sort, descending, shared, created_at) "
         "VALUES ((SELECT id FROM agency_user WHERE login = %s), %s, '', 'name', false, %s, now())")


def _user_id(agency: Agency, login: str) -> int:
    with agency.db.engine.connect() as connection:
        return int(connection.execute(text("SELECT id FROM agency_user WHERE login = :l"), {"l": login}).scalar())


@pytest.mark.parametrize("short", list(ROLE_BY_SHORT))
def test_each_role_marks_its_own_briefing_seen_once_a_day(agency: Agency, short: str) -> None:
    login = agency.logins[short]
    db = Database(agency.url_as(login))
    try:
        assert claim_briefing_day(db, login, date(2026, 11, 23)) is True
        assert claim_briefing_day(db, login, date(2026, 11, 23)) is False  # seen today: not shown again
    finally:
        db.dispose()
    with agency.db.engine.connect() as connection:
        seen = connection.execute(text("SELECT briefing_seen_on FROM agency_user WHERE login = :l"), {"l": login})
        assert seen.scalar() == date(2026, 11, 23)


@pytest.mark.parametrize("short", [short for short in ROLE_BY_SHORT if short != "admin"])
def test_a_role_may_change_nothing_else_of_its_own_row_nor_anyone_elses_briefing(agency: Agency, short: str) -> None:
    login = agency.logins[short]
    with agency.connect(login) as connection:
        for column, value in (("role", "Administrator"), ("active", False), ("full_name", "Someone Else"),
                              ("login", "renamed")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may change only briefing_seen_on"):
                connection.execute(f"UPDATE agency_user SET {column} = %s WHERE login = %s", (value, login))
        changed = connection.execute("UPDATE agency_user SET briefing_seen_on = '2030-01-01' WHERE login <> %s",
                                     (login,))
        assert changed.rowcount == 0
    with agency.db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM agency_user WHERE briefing_seen_on = '2030-01-01'"
                                       " OR role = 'Administrator' AND login = :l"), {"l": login}).scalar() == 0


def test_an_administrator_still_changes_other_users(agency: Agency) -> None:
    with agency.connect(agency.logins["admin"]) as admin:
        assert admin.execute("UPDATE agency_user SET full_name = full_name || '' WHERE login = %s",
                             (agency.logins["sp"],)).rowcount == 1


def test_another_users_private_view_is_invisible_and_unchangeable(agency: Agency) -> None:
    sp, sm = agency.logins["sp"], agency.logins["sm"]
    with agency.connect(sp) as owner:
        owner.execute(_VIEW, (sp, f"{sp} mine", False))
        assert owner.execute("SELECT count(*) FROM saved_view WHERE name = %s", (f"{sp} mine",)).fetchone()[0] == 1
    for other in (sm, agency.logins["admin"]):  # an Administrator does not see a private view either
        with agency.connect(other) as connection:
            assert connection.execute("SELECT count(*) FROM saved_view WHERE name = %s",
                                      (f"{sp} mine",)).fetchone()[0] == 0
            assert connection.execute("UPDATE saved_view SET filter = 'x' WHERE name = %s",
                                      (f"{sp} mine",)).rowcount == 0
            assert connection.execute("DELETE FROM saved_view WHERE name = %s", (f"{sp} mine",)).rowcount == 0
    with agency.connect(sm) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(_VIEW, (sp, f"{sm} planted on {sp}", False))  # a view in someone else's name
    with agency.db.engine.connect() as connection:
        assert connection.execute(text("SELECT filter FROM saved_view WHERE name = :n"),
                                  {"n": f"{sp} mine"}).scalar() == ""


def test_only_a_role_that_may_share_adds_or_changes_a_shared_view(agency: Agency) -> None:
    sp, admin = agency.logins["sp"], agency.logins["admin"]
    with agency.connect(sp) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(_VIEW, (sp, f"{sp} shared", True))
        connection.execute(_VIEW, (sp, f"{sp} private", False))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # its own view made shared
            connection.execute("UPDATE saved_view SET shared = true WHERE name = %s", (f"{sp} private",))
    with agency.connect(admin) as connection:
        connection.execute(_VIEW, (admin, f"{admin} shared", True))
    with agency.connect(sp) as connection:
        assert connection.execute("SELECT count(*) FROM saved_view WHERE name = %s",
                                  (f"{admin} shared",)).fetchone()[0] == 1  # everyone sees a shared view
        assert connection.execute("DELETE FROM saved_view WHERE name = %s", (f"{admin} shared",)).rowcount == 0
        assert connection.execute("UPDATE saved_view SET filter = 'x' WHERE name = %s",
                                  (f"{admin} shared",)).rowcount == 0


def test_another_users_snooze_is_invisible_and_unchangeable(agency: Agency) -> None:
    sp, sm = agency.logins["sp"], agency.logins["sm"]
    insert = ("INSERT INTO attention_snooze (agency_user_id, client_id, code, until, note, severity, created_at) "
              "VALUES (%s, %s, %s, '2030-01-01', '', 'warning', now())")
    with agency.connect(sp) as owner:
        owner.execute(insert, (_user_id(agency, sp), agency.mine, "own"))
    with agency.connect(sm) as other:
        assert other.execute("SELECT count(*) FROM attention_snooze WHERE code = 'own'").fetchone()[0] == 0
        assert other.execute("UPDATE attention_snooze SET until = '2031-01-01' WHERE code = 'own'").rowcount == 0
        assert other.execute("DELETE FROM attention_snooze WHERE code = 'own'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            other.execute(insert, (_user_id(agency, sp), agency.mine, "planted"))
    with agency.db.engine.connect() as connection:
        assert connection.execute(text("SELECT until FROM attention_snooze WHERE code = 'own'")).scalar() \
            == date(2030, 1, 1)


def test_a_name_taken_by_someone_elses_private_view_is_refused_in_the_console_s_words(agency: Agency) -> None:
    """The name is unique over every view, seen or not: the same refusal as in the single-password mode."""
    sp, sm = agency.logins["sp"], agency.logins["sm"]
    clock = FixedClock(FIXED_NOW, TEST_TZ)
    for login in (sp, sm):
        db = Database(agency.url_as(login))
        try:
            if login == sp:
                add_view(db, clock, sp, "Taken", "login:none")
            else:
                with pytest.raises(RuleRefused, match="a view called Taken already exists"):
                    add_view(db, clock, sm, "Taken", "login:none")
        finally:
            db.dispose()


def test_the_permission_functions_answer_a_role_only_about_itself(agency: Agency) -> None:
    """They run as the owner: asked about another login, they would say which clients it manages,
    hidden ones included. A role asking about someone else learns nothing; about itself, all it needs."""
    cm, sp = agency.logins["cm"], agency.logins["sp"]
    with agency.db.engine.begin() as connection:  # cm also manages Theirs, which sp may not see
        connection.execute(text("INSERT INTO client_access (agency_user_id, client_id, granted_at) "
                                "VALUES (:u, :c, now())"), {"u": _user_id(agency, cm), "c": agency.theirs})
    try:
        with agency.connect(sp) as connection:
            about_cm = [r[0] for r in connection.execute("SELECT console_tui_managed(%s, ARRAY['view_client'])",
                                                         (cm,))]
            assert about_cm == []
            assert connection.execute("SELECT console_tui_allows(%s, ARRAY['view_client'], %s)",
                                      (cm, agency.theirs)).fetchone()[0] is False
            assert connection.execute("SELECT console_tui_everywhere(%s, ARRAY['manage_agency_users'])",
                                      (agency.logins["admin"],)).fetchone()[0] is False
            assert [r[0] for r in connection.execute("SELECT console_tui_managed(%s, ARRAY['view_client'])",
                                                     (sp,))] == [agency.mine]
        with agency.connect(cm) as connection:
            assert sorted(r[0] for r in connection.execute("SELECT id FROM client")) == \
                sorted([agency.mine, agency.theirs])
    finally:
        with agency.db.engine.begin() as connection:
            connection.execute(text("DELETE FROM client_access WHERE client_id = :c"), {"c": agency.theirs})
