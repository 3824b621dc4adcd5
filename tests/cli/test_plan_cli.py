"""`console-tui plan show|change` (R-CAP-2, R-CAP-3)."""

from __future__ import annotations

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.schema import Agency
from tests.data.command_helpers import seed
from tests.data.test_commands_clients import fill


def invoke(db: Database, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["--db", db.url, *args], input=input, catch_exceptions=False)


def plan_name(db: Database) -> str:
    with db.read() as session:
        return session.query(Agency).one().plan.name


def test_r_cap_2_plan_show_prints_usage_warning_and_ladder(sqlite_db: Database) -> None:
    seed(sqlite_db, max_clients=10)
    fill(sqlite_db, 8)
    result = invoke(sqlite_db, "--user", "jr", "plan", "show")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["plan", "Starter", "(rank", "1)"]
    assert "9 of 10 (90 %) counted" in result.stdout and "team members  6 of 10 (60 %)" in result.stdout
    assert "warning: 90 % of the plan's clients are used" in result.stdout
    assert any(line.startswith(" *  1  Starter") for line in lines) and any("2  Growth" in line for line in lines)


def test_r_cap_3_plan_change_with_yes_or_after_confirmation(sqlite_db: Database) -> None:
    seed(sqlite_db, max_clients=10)
    declined = invoke(sqlite_db, "--user", "admin", "plan", "change", "2", input="n\n")
    assert declined.exit_code == 1 and "not changed" in declined.stderr and plan_name(sqlite_db) == "Starter"
    confirmed = invoke(sqlite_db, "--user", "admin", "plan", "change", "growth", input="y\n")
    assert confirmed.exit_code == 0 and "plan changed up from Starter to Growth" in confirmed.stdout
    down = invoke(sqlite_db, "--user", "admin", "plan", "change", "Starter", "--yes")
    assert down.exit_code == 0 and plan_name(sqlite_db) == "Starter"


def test_r_cap_3_plan_change_refusals(sqlite_db: Database) -> None:
    seed(sqlite_db, max_clients=10)
    invoke(sqlite_db, "--user", "admin", "plan", "change", "2", "--yes")
    fill(sqlite_db, 10)
    down = invoke(sqlite_db, "--user", "admin", "plan", "change", "1", "--yes")
    assert down.exit_code == 1 and "11 counted clients (it allows 10)" in down.stderr
    unknown = invoke(sqlite_db, "--user", "admin", "plan", "change", "Platinum", "--yes")
    assert unknown.exit_code == 2 and "1 Starter or 2 Growth" in unknown.stderr
    not_admin = invoke(sqlite_db, "--user", "cm", "plan", "change", "1")  # refused before any question
    assert not_admin.exit_code == 1 and "Changing the plan was refused" in not_admin.stderr
    assert "[y/N]" not in not_admin.output and plan_name(sqlite_db) == "Growth"


def test_r_wi_3_plan_change_dry_run_prints_the_what_if_and_changes_nothing(sqlite_db: Database) -> None:
    seed(sqlite_db, max_clients=10)
    fill(sqlite_db, 8)
    dry = invoke(sqlite_db, "--user", "admin", "plan", "change", "growth", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "[y/N]" not in dry.output and "Starter → Growth:" in dry.stdout
    assert "Clients: 9 of 10 (90 %) → 9 of 20 (45 %)." in dry.stdout
    assert "Next cycle (" in dry.stdout
    assert "Dry run: the plan would change up from Starter to Growth (20 clients); nothing was changed." in dry.stdout
    assert plan_name(sqlite_db) == "Starter"


def test_r_wi_3_plan_change_dry_run_of_a_refused_change_says_why(sqlite_db: Database) -> None:
    seed(sqlite_db, max_clients=10)
    invoke(sqlite_db, "--user", "admin", "plan", "change", "2", "--yes")
    fill(sqlite_db, 10)
    dry = invoke(sqlite_db, "--user", "admin", "plan", "change", "1", "--dry-run")
    assert dry.exit_code == 1 and "11 counted clients (it allows 10)" in dry.stderr
    assert "Clients: 11 of 20 (55 %) → 11 of 10 (110 %)." in dry.stdout and "Dry run:" not in dry.stdout
    assert plan_name(sqlite_db) == "Growth"
    not_admin = invoke(sqlite_db, "--user", "cm", "plan", "change", "2", "--dry-run")
    assert not_admin.exit_code == 1 and "Changing the plan was refused" in not_admin.stderr


def test_r_wi_3_plan_change_shows_the_what_if_before_asking(sqlite_db: Database) -> None:
    seed(sqlite_db, max_clients=10)
    declined = invoke(sqlite_db, "--user", "admin", "plan", "change", "2", input="n\n")
    assert declined.exit_code == 1 and plan_name(sqlite_db) == "Starter"
    assert declined.stdout.index("Clients:") < declined.stdout.index("[y/N]")
