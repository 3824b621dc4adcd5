"""`console-tui statuses list|add|rename|retire` (R-CAP-4): one line per result or refusal, exit codes as
refusals.py says, stored text printed cleaned."""

from __future__ import annotations

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.engine import Database
from tests.data.command_helpers import seed


def invoke(db: Database, *args: str):  # noqa: ANN201
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def test_r_cap_4_statuses_commands(db: Database) -> None:
    seed(db)
    added = invoke(db, "--user", "admin", "statuses", "add", "On hold", "--no-counts")
    assert (added.exit_code, added.stdout) == (0, "added status On hold: does not count toward the plan\n")
    assert invoke(db, "--user", "admin", "statuses", "rename", "on hold", "Paused").stdout == (
        "renamed status on hold to Paused\n")
    listed = invoke(db, "--user", "jr", "statuses", "list")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines() == [
        "STATUS     COUNTS  KIND      CLIENTS",
        "Active     yes     built-in  1",
        "Inactive   no      built-in  0",
        "Suspended  no      built-in  0",
        "Paused     no      custom    0",
    ]
    assert invoke(db, "--user", "admin", "statuses", "retire", "Paused").stdout == "retired status Paused\n"


def test_r_cap_4_statuses_refusals_are_one_line(db: Database) -> None:
    seed(db)
    missing = invoke(db, "--user", "admin", "statuses", "add", "Trial")
    assert missing.exit_code == 2 and "--counts or --no-counts" in missing.stderr
    in_use = invoke(db, "--user", "admin", "statuses", "retire", "Active")
    assert in_use.exit_code == 1 and in_use.stderr.count("\n") == 1 and "built-in" in in_use.stderr
    denied = invoke(db, "--user", "sp", "statuses", "add", "Trial", "--counts")
    assert denied.exit_code == 1 and "Administrator" in denied.stderr and denied.stdout == ""
    unknown = invoke(db, "--user", "admin", "statuses", "retire", "Nope")
    assert unknown.exit_code == 2 and "there is no status 'Nope'" in unknown.stderr
