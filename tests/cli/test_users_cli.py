"""`console-tui users add|list` (R-ACC-1): exit 0 done, 1 refused, 2 bad input or unknown user."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.engine import Database
from tests.data.command_helpers import seed


def invoke(url: str, *args: str):
    return CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)


def test_r_acc_1_first_user_on_a_new_database_then_more_then_list(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"  # no schema yet: users add creates it
    first = invoke(url, "--user", "root", "users", "add", "boss", "--name", "The Boss", "--email",
                   "boss@agency.example.com", "--role", "administrator")
    assert first.exit_code == 0, first.output
    assert "added agency user boss as Administrator (the first user of this console)" in first.stdout
    second = invoke(url, "--user", "boss", "users", "add", "sal", "--name", "Sal Es", "--email",
                    "sal@agency.example.com", "--role", "Jr. Salesperson")
    assert second.exit_code == 0 and "as Jr. Salesperson" in second.stdout
    listed = invoke(url, "--user", "sal", "users", "list", "--format", "json")
    assert listed.exit_code == 0
    assert [(row["login"], row["role"]) for row in json.loads(listed.stdout)] == [
        ("boss", "Administrator"), ("sal", "Jr. Salesperson")]
    table = invoke(url, "--user", "sal", "users", "list")
    assert "boss" in table.stdout and "Sal Es <sal@agency.example.com>" in table.stdout
    Database(url).dispose()


def test_r_acc_1_bad_fields_are_each_named_and_nothing_is_added(sqlite_db: Database) -> None:
    seed(sqlite_db)
    result = invoke(sqlite_db.url, "--user", "admin", "users", "add", "two words", "--name", "", "--email", "x",
                    "--role", "Boss")
    assert result.exit_code == 2
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    for label in ("Login", "Full name is required", "Email is not a valid email", "Role must be one of"):
        assert label in result.stderr
    listed = invoke(sqlite_db.url, "--user", "admin", "users", "list", "--format", "json")
    assert len(json.loads(listed.stdout)) == 6


def test_r_acc_4_only_administrators_add_users(sqlite_db: Database) -> None:
    seed(sqlite_db)
    result = invoke(sqlite_db.url, "--user", "cm", "users", "add", "x1", "--name", "X One", "--email",
                    "x1@agency.example.com", "--role", "Salesperson")
    assert result.exit_code == 1
    assert "needs the Administrator role; your role is Company Manager" in result.stderr


def test_unknown_user_is_told_how_to_add_one(sqlite_db: Database) -> None:
    seed(sqlite_db)
    result = invoke(sqlite_db.url, "--user", "nobody", "users", "list")
    assert result.exit_code == 2
    assert "not an agency user" in result.stderr and "console-tui users add nobody" in result.stderr


def test_r_acc_1_users_deactivate_and_activate_with_exit_codes(db: Database) -> None:
    seed(db)
    done = invoke(db.url, "--user", "admin", "users", "deactivate", "sp")
    assert done.exit_code == 0 and done.stdout == "deactivated agency user sp\n"
    locked_out = invoke(db.url, "--user", "sp", "users", "list")
    assert locked_out.exit_code == 2 and len(locked_out.stderr.splitlines()) == 1
    assert "deactivated" in locked_out.stderr and "console-tui users activate sp" in locked_out.stderr
    assert "users add" not in locked_out.stderr
    again = invoke(db.url, "--user", "admin", "users", "deactivate", "sp")
    assert again.exit_code == 1 and "sp is already deactivated" in again.stderr
    refused = invoke(db.url, "--user", "cm", "users", "activate", "sp")
    assert refused.exit_code == 1 and "needs the Administrator role" in refused.stderr
    last = invoke(db.url, "--user", "admin", "users", "deactivate", "admin")
    assert last.exit_code == 1 and "admin is the last active Administrator" in last.stderr
    unknown = invoke(db.url, "--user", "admin", "users", "activate", "nobody")
    assert unknown.exit_code == 2 and "there is no agency user nobody" in unknown.stderr
    back = invoke(db.url, "--user", "admin", "users", "activate", "sp")
    assert back.exit_code == 0 and back.stdout == "reactivated agency user sp\n"
    assert invoke(db.url, "--user", "sp", "users", "list").exit_code == 0
    for result in (done, locked_out, again, refused, last, unknown, back):
        assert "Traceback" not in result.output


def test_r_acc_1_users_role_and_reactivate_with_exit_codes(db: Database) -> None:
    seed(db)
    done = invoke(db.url, "--user", "admin", "users", "role", "sp", "sales manager")
    assert done.exit_code == 0 and done.stdout == "agency user sp is now Sales Manager (was Salesperson)\n"
    listed = invoke(db.url, "--user", "admin", "users", "list", "--format", "json")
    assert {row["login"]: row["role"] for row in json.loads(listed.stdout)}["sp"] == "Sales Manager"
    bad = invoke(db.url, "--user", "admin", "users", "role", "sp", "[b]Boss\x1b[31m")
    assert bad.exit_code == 2 and len(bad.stderr.splitlines()) == 1 and "Role must be one of" in bad.stderr
    assert "\x1b" not in bad.stderr
    refused = invoke(db.url, "--user", "cm", "users", "role", "sp", "Administrator")
    assert refused.exit_code == 1 and "needs the Administrator role" in refused.stderr
    last = invoke(db.url, "--user", "admin", "users", "role", "admin", "Salesperson")
    assert last.exit_code == 1 and "admin is the last active Administrator" in last.stderr
    unknown = invoke(db.url, "--user", "admin", "users", "role", "nobody", "Salesperson")
    assert unknown.exit_code == 2 and "there is no agency user nobody" in unknown.stderr
    off = invoke(db.url, "--user", "admin", "users", "deactivate", "sp")
    assert off.exit_code == 0
    assert invoke(db.url, "--user", "sp", "users", "list").exit_code == 2  # a deactivated user cannot log in
    back = invoke(db.url, "--user", "admin", "users", "reactivate", "sp")
    assert back.exit_code == 0 and back.stdout == "reactivated agency user sp\n"
    assert invoke(db.url, "--user", "sp", "users", "list").exit_code == 0
    for result in (done, bad, refused, last, unknown, off, back):
        assert "Traceback" not in result.output
