"""`console-tui bulk` (R-BULK): the dry run first, a yes, the batch number; undo; list; bad input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.domain.bulk import BulkAction, BulkKind
from tests.data.bulk_helpers import bulk_agency, value_of
from tests.data.command_helpers import audit_count

LIMIT = BulkAction(BulkKind.SET_LIMIT, 0)


def invoke(db: Database, *args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["--db", db.url, "--user", "admin", *args], input=stdin, catch_exceptions=False)


def test_r_bulk_4_the_dry_run_is_printed_and_changes_nothing(sqlite_db: Database) -> None:
    ids = bulk_agency(sqlite_db)
    result = invoke(sqlite_db, "bulk", "--where", "name:alder|birch", "set-limit", "1000", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: set-limit 1000 — 2 to change, 0 no change, 0 refused, 0 conflicts" in result.stdout
    assert "500 → 1,000" in result.stdout and "none → 1,000" in result.stdout
    assert audit_count(sqlite_db) == 0 and value_of(sqlite_db, ids["Alder Annual"], LIMIT) == 500


def test_r_bulk_3_yes_runs_and_prints_the_batch_number_then_undo_sets_it_back(sqlite_db: Database) -> None:
    ids = bulk_agency(sqlite_db)
    ran = invoke(sqlite_db, "bulk", "--where", "name:alder|birch", "set-limit", "1000", "--yes")
    assert ran.exit_code == 0, ran.output
    assert "batch 1: 2 changed, 0 refused, 0 conflicts (undo: console-tui bulk undo 1)" in ran.stdout
    assert value_of(sqlite_db, ids["Birch Monthly"], LIMIT) == 1000
    listed = invoke(sqlite_db, "bulk", "list", "--format", "json")
    assert [(b["batch"], b["action"], b["changes"]) for b in json.loads(listed.stdout)] == [(1, "set-limit 1000", 2)]

    undo = invoke(sqlite_db, "bulk", "undo", "1", "--yes")
    assert undo.exit_code == 0, undo.output
    assert "1,000 → 500" in undo.stdout and "batch 2: 2 changed" in undo.stdout
    assert (value_of(sqlite_db, ids["Alder Annual"], LIMIT), value_of(sqlite_db, ids["Birch Monthly"], LIMIT)) == (
        500, None)
    assert "(undoes 1)" in invoke(sqlite_db, "bulk", "list").stdout


def test_r_bulk_4_it_asks_first_and_a_no_changes_nothing(sqlite_db: Database) -> None:
    ids = bulk_agency(sqlite_db)
    result = invoke(sqlite_db, "bulk", "--where", "name:alder", "rebrand", "lock", stdin="n\n")
    assert result.exit_code == 1 and "Make 1 changes (rebrand lock)?" in result.stderr
    assert "unlocked → locked" in result.stdout and "nothing was changed" in result.stderr
    assert value_of(sqlite_db, ids["Alder Annual"], BulkAction(BulkKind.REBRAND, True)) is False


def test_r_bulk_5_all_or_nothing_with_a_refusal_changes_nothing(sqlite_db: Database) -> None:
    ids = bulk_agency(sqlite_db)
    ebs = BulkAction(BulkKind.EBS, False)
    args = ("bulk", "--where", "name:alder|fir", "ebs", "off", "--yes")
    refused = invoke(sqlite_db, *args, "--all-or-nothing", "--format", "json")
    assert refused.exit_code == 1 and "1 clients would be refused" in refused.stderr
    assert json.loads(refused.stdout)["totals"] == {"change": 1, "no_change": 0, "refused": 1, "conflict": 0}
    assert value_of(sqlite_db, ids["Alder Annual"], ebs) is True and audit_count(sqlite_db) == 0
    each = invoke(sqlite_db, *args, "--format", "json")
    assert each.exit_code == 0 and json.loads(each.stdout)["batch"] == 1
    assert (value_of(sqlite_db, ids["Alder Annual"], ebs), value_of(sqlite_db, ids["Fir Inactive"], ebs)) == (
        False, True)


def test_r_bulk_1_bad_input_is_one_line_exit_2_and_nothing_applied(sqlite_db: Database) -> None:
    bulk_agency(sqlite_db)
    for args, says in (
        (("--where", "name:alder", "explode", "1"), "'explode' is not an action"),
        (("--where", "name:alder", "set-limit", "-3"), "email limit"),
        (("--where", "name:alder", "ebs"), "takes 1 argument"),
        (("--where", "sent>>3", "ebs", "on"), "the filter cannot be read"),
        (("undo", "99"), "there is no batch 99"),
        (("undo", "zero"), "is not a valid integer"),
    ):
        result = invoke(sqlite_db, "bulk", *args, "--yes")
        assert result.exit_code == 2, (args, result.output)
        assert says in result.stderr and "Traceback" not in result.output
    assert audit_count(sqlite_db) == 0 and "No batches yet." in invoke(sqlite_db, "bulk", "list").stdout


def test_r_tpl_2_bulk_template_applies_a_templates_parts_and_names_each(sqlite_db: Database, tmp_path) -> None:  # noqa: ANN001
    ids = bulk_agency(sqlite_db)
    path = tmp_path / "tidy.toml"
    path.write_text("email_limit = 700\nrebrand_lock = true\n", encoding="utf-8")
    saved = invoke(sqlite_db, "templates", "add", "Tidy", "--file", str(path))
    assert saved.exit_code == 0, saved.output
    ran = invoke(sqlite_db, "bulk", "--where", "name:alder", "template", "tidy", "--yes")
    assert ran.exit_code == 0, ran.output
    assert "Dry run: template Tidy — 2 to change" in ran.stdout
    assert "set-limit 700: 500 → 700" in ran.stdout and "rebrand lock: unlocked → locked" in ran.stdout
    assert value_of(sqlite_db, ids["Alder Annual"], LIMIT) == 700
    bad = invoke(sqlite_db, "bulk", "--where", "name:alder", "template")
    assert bad.exit_code == 2 and "takes the template's name" in bad.stderr
