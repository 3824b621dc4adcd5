"""The CLI in per-user mode: connected as an agency user's own role, that user acts (tests/pg_agency.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from console_tui.cli.main import main
from tests.pg_agency import ROLE_BY_SHORT, Agency, agency  # noqa: F401 - the module's fixture

pytestmark = pytest.mark.postgres


def invoke(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)


def _one_line(result: Result) -> str:
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    return result.stderr


def _refused_write(agency: Agency, short: str) -> tuple[str, ...]:
    """A change the role may not make: adding an agency user (Administrators only); for the Administrator,
    taking its own role away while it is the last one (a rule)."""
    login = agency.logins[short]
    if short == "admin":
        return "users", "role", login, "Salesperson"
    return ("users", "add", f"new_{login}", "--name", "New Person", "--email", "new@agency.example.com",
            "--role", "Salesperson")


@pytest.mark.parametrize("short", list(ROLE_BY_SHORT))
def test_each_role_reads_writes_and_is_refused_as_in_the_single_password_mode(agency: Agency, short: str) -> None:
    login = agency.logins[short]
    url = agency.url_as(login)
    listed = invoke(url, "clients", "list", "--format", "json")
    assert listed.exit_code == 0, listed.output
    names = sorted(row["name"] for row in json.loads(listed.stdout))
    assert names == (["Mine", "Theirs"] if short == "admin" else ["Mine"])
    saved = invoke(url, "views", "add", f"{login} own", "--where", "login:none")  # every role keeps its views
    assert saved.exit_code == 0, saved.output
    assert login in invoke(url, "views", "list").stdout
    refused = invoke(url, *_refused_write(agency, short))
    single = invoke(agency.owner_url(), "--user", login, *_refused_write(agency, short))
    assert (refused.exit_code, _one_line(refused)) == (single.exit_code, _one_line(single))  # the console's words
    if short == "admin":
        assert refused.exit_code == 1 and f"{login} is the last active Administrator" in refused.stderr
    else:  # the console's own refusal, before the database is asked
        assert refused.exit_code == 1 and "Agency Users was refused: it needs the Administrator role" in refused.stderr


def test_user_cannot_name_someone_else_when_connected_as_an_agency_login(agency: Agency) -> None:
    sp, admin = agency.logins["sp"], agency.logins["admin"]
    refused = invoke(agency.url_as(sp), "--user", admin, "clients", "list")
    assert refused.exit_code == 2
    assert f"you are connected to the database as the agency user {sp!r}" in _one_line(refused)
    same = invoke(agency.url_as(sp), "--user", sp, "clients", "list", "--format", "json")
    assert same.exit_code == 0 and len(json.loads(same.stdout)) == 1


def test_roles_sync_is_refused_to_anyone_but_the_owner(agency: Agency) -> None:
    refused = invoke(agency.url_as(agency.logins["admin"]), "db", "roles", "sync", "--group", agency.group)
    assert refused.exit_code == 1 and "must be run by the owner of the tables" in _one_line(refused)


def test_roles_show_and_sync_say_each_users_state(agency: Agency) -> None:
    owner = agency.owner_url()
    shown = invoke(owner, "db", "roles", "show", "--group", agency.group)
    assert shown.exit_code == 0, shown.output
    assert f"{agency.deactivated}\tSalesperson\tdeactivated\trole: nologin" in shown.stdout
    synced = invoke(owner, "db", "roles", "sync", "--group", agency.group, "--worker", agency.worker)
    assert synced.exit_code == 0, synced.output
    assert f"group {agency.group}, worker {agency.worker}: policies and grants regenerated" in synced.stdout


def test_roles_are_refused_on_sqlite(tmp_path) -> None:  # noqa: ANN001
    result = invoke(f"sqlite:///{tmp_path / 'x.db'}", "db", "roles", "show")
    assert result.exit_code == 3 and "only on PostgreSQL" in _one_line(result)


def test_adding_or_deactivating_a_user_keeps_its_database_role_in_step_or_says_what_to_run(agency: Agency) -> None:
    newcomer = f"{agency.group}_new"  # unique on the server; dropped with the agency's roles
    agency.made.append(newcomer)
    as_admin = invoke(agency.url_as(agency.logins["admin"]), "users", "add", newcomer, "--name", "New Comer",
                      "--email", "new@agency.example.com", "--role", "Salesperson")
    assert as_admin.exit_code == 0, as_admin.output
    assert f"run `console-tui db roles sync` as the database owner so that the database role of {newcomer!r}" \
        in as_admin.stdout  # an Administrator's own role may not create roles
    owner = agency.owner_url()
    assert f"database role {newcomer!r}: nologin" in invoke(owner, "--user", agency.logins["admin"], "users",
                                                             "deactivate", newcomer).stdout
    assert f"database role {newcomer!r}: login" in invoke(owner, "--user", agency.logins["admin"], "users",
                                                           "reactivate", newcomer).stdout
