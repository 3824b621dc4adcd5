"""`console-tui views list|add|remove|export|import` (R-VIEW-1, R-VIEW-2): one line per result or
refusal, a filter mistake with its caret and exit 2, stored text printed cleaned, imports all or none."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.queries.saved_views import saved_views
from tests.data.command_helpers import audit_count, seed


def invoke(db: Database, *args: str):  # noqa: ANN201
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def test_r_view_2_views_add_list_remove(sqlite_db: Database) -> None:
    db = sqlite_db
    seed(db)
    added = invoke(db, "--user", "admin", "views", "add", "Senders at risk", "--where", "Sender>=At-Risk",
                   "--sort", "sent:desc", "--shared")
    assert (added.exit_code, added.stdout) == (0, "added shared view Senders at risk\n")
    assert invoke(db, "--user", "jr", "views", "add", "Mine", "--where", "login:none").exit_code == 0
    listed = invoke(db, "--user", "jr", "views", "list")
    assert listed.stdout.splitlines() == [
        "VIEW             SHARED  OWNER         SORT       FILTER",
        "Mine             no      jr            name       login:none",
        "Senders at risk  yes     admin         sent:desc  sender>=at-risk",
    ]
    denied = invoke(db, "--user", "jr", "views", "remove", "senders at risk")
    assert denied.exit_code == 1 and "Administrator" in denied.stderr and denied.stderr.count("\n") == 1
    assert invoke(db, "--user", "jr", "views", "remove", "mine").stdout == "removed view Mine\n"
    assert invoke(db, "--user", "cm", "views", "list").stdout.splitlines()[1].startswith("Senders at risk")
    unknown = invoke(db, "--user", "cm", "views", "remove", "Nope")
    assert unknown.exit_code == 2 and "no view 'Nope'" in unknown.stderr


def test_r_view_1_a_filter_mistake_is_shown_with_a_caret_and_exits_2(sqlite_db: Database) -> None:
    db = sqlite_db
    seed(db)
    bad = invoke(db, "--user", "jr", "views", "add", "Risky", "--where", "bloom sendr:healthy")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.splitlines() == [
        "console-tui: the view 'Risky': the filter cannot be read (clients list --where-help lists the fields):",
        "bloom sendr:healthy",
        "      ^^^^^",
        "unknown field 'sendr' — did you mean 'sender'?",
    ]
    sort = invoke(db, "--user", "jr", "views", "add", "Risky", "--where", "x", "--sort", "colour")
    assert sort.exit_code == 2 and "must be one of name, users, login, sent" in sort.stderr
    assert sort.stderr.count("\n") == 1 and audit_count(db) == 0


def test_r_view_1_hostile_names_are_printed_cleaned(sqlite_db: Database) -> None:
    db = sqlite_db
    seed(db)
    added = invoke(db, "--user", "jr", "views", "add", "[b]x[/b]\x1b]8;;http://evil\x07 \x1b[31mred", "--where", "y")
    assert added.stdout == "added private view [b]x[/b] red\n"
    assert "\x1b" not in invoke(db, "--user", "jr", "views", "list").stdout


def test_r_view_2_export_then_import_round_trips_all_or_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db
    seed(db)
    invoke(db, "--user", "admin", "views", "add", "Team", "--where", 'tag:"EBS Active"', "--shared")
    invoke(db, "--user", "jr", "views", "add", 'Say "hi"', "--where", "util<25", "--sort", "login:desc")
    exported = invoke(db, "--user", "jr", "views", "export")
    assert exported.exit_code == 0 and '[[view]]\nname = "Say \\"hi\\""\n' in exported.stdout
    file = tmp_path / "views.toml"
    written = invoke(db, "--user", "jr", "views", "export", "--file", str(file))
    assert written.stdout == f"wrote 2 views to {file}\n" and file.read_text() == exported.stdout
    before = audit_count(db)
    refused = invoke(db, "--user", "jr", "views", "import", str(file))  # the shared one needs an Administrator
    assert refused.exit_code == 1 and "Administrator" in refused.stderr and audit_count(db) == before
    assert [(v.name, v.sort_text) for v in saved_views(db, "jr")] == [('Say "hi"', "login:desc"), ("Team", "name")]
    clash = invoke(db, "--user", "admin", "views", "import", str(file))  # jr's private view has that name
    assert clash.exit_code == 1 and 'a view called Say "hi" already exists and is not yours' in clash.stderr
    invoke(db, "--user", "jr", "views", "remove", 'say "hi"')
    done = invoke(db, "--user", "admin", "views", "import", str(file))
    assert (done.exit_code, done.stdout) == (0, "imported 2 views: added 1, replaced 1\n")
    mine = {v.name: v for v in saved_views(db, "admin")}
    assert (mine['Say "hi"'].filter, mine['Say "hi"'].sort_text) == ("util<25", "login:desc")


def test_r_view_1_a_bad_views_file_names_the_view_and_the_problem(sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db
    seed(db)
    file = tmp_path / "views.toml"
    file.write_text('[[view]]\nname = "Good"\nfilter = "x"\n[[view]]\nname = "Bad"\nfilter = "util:150"\n')
    bad = invoke(db, "--user", "jr", "views", "import", str(file))
    assert bad.exit_code == 2
    assert bad.stderr.startswith(f"console-tui: {file}: the view 'Bad': the filter cannot be read")
    assert "'150' is out of range: util is 0 to 100" in bad.stderr
    file.write_text('[[view]]\nname = "Good"\n')
    missing = invoke(db, "--user", "jr", "views", "import", str(file))
    assert missing.exit_code == 2 and "The view 'Good''s filter is missing" in missing.stderr
    assert missing.stderr.count("\n") == 1
    file.write_bytes(b"\xff\xfe")
    assert "not UTF-8" in invoke(db, "--user", "jr", "views", "import", str(file)).stderr
    gone = invoke(db, "--user", "jr", "views", "import", str(tmp_path / "nope.toml"))
    assert gone.exit_code == 2 and "no such file" in gone.stderr
    assert saved_views(db, "jr") == () and audit_count(db) == 0
