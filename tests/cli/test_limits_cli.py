"""`console-tui limits set CLIENT_ID VALUE` (R-EL-1)."""

from __future__ import annotations

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.schema import Client
from tests.data.command_helpers import seed


def invoke(db: Database, *args: str):
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def limit(db: Database, client_id: int) -> int | None:
    with db.read() as session:
        return session.get(Client, client_id).email_limit


def test_r_el_1_limits_set_a_number_then_unlimited(sqlite_db: Database) -> None:
    client_id = seed(sqlite_db).client_id
    result = invoke(sqlite_db, "--user", "admin", "limits", "set", str(client_id), "5000")
    assert result.exit_code == 0, result.output
    assert "email limit 5,000 emails a billing cycle (was unlimited)" in result.stdout
    assert limit(sqlite_db, client_id) == 5000
    for word in ("none", "", "NONE"):
        again = invoke(sqlite_db, "--user", "admin", "limits", "set", str(client_id), word)
        assert again.exit_code == 0
    assert limit(sqlite_db, client_id) is None and "Nothing changed" in again.stdout


def test_r_el_1_limits_set_refuses_bad_values_and_unknown_clients(sqlite_db: Database) -> None:
    client_id = seed(sqlite_db).client_id
    for value, problem in (("-1", "cannot be negative"), ("1,000", "has separators"), ("ten", "whole number")):
        result = invoke(sqlite_db, "--user", "admin", "limits", "set", str(client_id), value)
        assert result.exit_code == 2 and problem in result.stderr and "Bloom Florists" in result.stderr
    missing = invoke(sqlite_db, "--user", "admin", "limits", "set", "999999", "10")
    assert missing.exit_code == 2 and "there is no client 999999" in missing.stderr
    not_an_id = invoke(sqlite_db, "--user", "admin", "limits", "set", "bloom", "10")
    assert not_an_id.exit_code == 2
    assert limit(sqlite_db, client_id) is None


def test_r_acc_4_limits_set_is_for_administrators(sqlite_db: Database) -> None:
    client_id = seed(sqlite_db).client_id
    result = invoke(sqlite_db, "--user", "mm", "limits", "set", str(client_id), "10")
    assert result.exit_code == 1 and "Email Limits was refused" in result.stderr
