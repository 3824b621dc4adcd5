"""`console-tui templates list|add|show|remove` and `clients add --template` (R-TPL-1, R-TPL-2): one line
per result or refusal, `show` prints the file `add --file` reads, edits by replacing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.queries.templates import client_template
from console_tui.domain.templates import EmailLimit, Setup
from tests.data.command_helpers import GOOD_FORM, audit_count, seed

FILE = """email_limit = 10000
managers = ["cm"]
license_term = "annual"
rebrand_lock = true

[services]
sms_credits = 500
"""


def invoke(db: Database, *args: str):  # noqa: ANN201
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def test_r_tpl_1_templates_add_show_list_replace_remove(sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db
    seed(db)
    path = tmp_path / "starter.toml"
    path.write_text(FILE, encoding="utf-8")
    added = invoke(db, "--user", "admin", "templates", "add", "Annual starter", "--file", str(path))
    assert (added.exit_code, added.stdout) == (0, "added template Annual starter\n")
    shown = invoke(db, "--user", "admin", "templates", "show", "annual starter")
    assert shown.stdout == '# console-tui client template "Annual starter"\n' + FILE
    from_client = invoke(db, "--user", "admin", "templates", "add", "Like Bloom", "--from-client", "bloom florists")
    assert from_client.stdout == "added template Like Bloom\n"
    listed = invoke(db, "--user", "admin", "templates", "list").stdout.splitlines()
    assert listed[0].split() == ["TEMPLATE", "SAVED", "BY", "UPDATED", "SETS"]
    assert listed[1].startswith("Annual starter  admin")
    assert listed[1].endswith("limit 10,000 · 1 service · 1 manager · annual · rebrand locked")
    assert listed[2].startswith("Like Bloom")
    path.write_text("email_limit = \"none\"\n", encoding="utf-8")
    taken = invoke(db, "--user", "admin", "templates", "add", "ANNUAL STARTER", "--file", str(path))
    assert taken.exit_code == 1 and "already exists" in taken.stderr and taken.stderr.count("\n") == 1
    replaced = invoke(db, "--user", "admin", "templates", "add", "Annual starter", "--file", str(path), "--replace")
    assert replaced.stdout == "replaced template Annual starter\n"
    assert client_template(db, "admin", "Annual starter").setup == Setup(email_limit=EmailLimit(None))
    assert invoke(db, "--user", "admin", "templates", "remove", "like bloom").stdout == "removed template Like Bloom\n"
    unknown = invoke(db, "--user", "admin", "templates", "remove", "Like Bloom")
    assert unknown.exit_code == 2 and "no template 'Like Bloom'" in unknown.stderr


def test_r_tpl_1_bad_input_is_one_line_and_saves_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db
    seed(db)
    before = audit_count(db)
    path = tmp_path / "bad.toml"
    path.write_text('email_limit = -3\nebs = "yes"\n', encoding="utf-8")
    bad = invoke(db, "--user", "admin", "templates", "add", "Bad", "--file", str(path))
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    assert "Email limit (email_limit) cannot be negative" in bad.stderr
    assert "EBS (ebs) must be true or false" in bad.stderr
    both = invoke(db, "--user", "admin", "templates", "add", "Bad", "--file", str(path), "--from-client", "1")
    assert both.exit_code == 2 and "one of them" in both.stderr
    nobody = invoke(db, "--user", "admin", "templates", "add", "Bad", "--from-client", "Nobody Ltd")
    assert nobody.exit_code == 2 and "no client is called 'Nobody Ltd'" in nobody.stderr
    denied = invoke(db, "--user", "cm", "templates", "list")
    assert denied.exit_code == 1 and "Client templates was refused" in denied.stderr
    assert audit_count(db) == before


def test_r_tpl_2_clients_add_template_starts_the_client_from_it(sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db
    seed(db)
    path = tmp_path / "starter.toml"
    path.write_text(FILE, encoding="utf-8")
    invoke(db, "--user", "admin", "templates", "add", "Starter", "--file", str(path))
    form = GOOD_FORM
    added = invoke(db, "--user", "admin", "clients", "add", "--name", form.full_name, "--email", form.email,
                   "--company", form.company_name, "--street", form.street, "--city", form.city, "--state", form.state,
                   "--postal-code", form.postal_code, "--country", form.country, "--phone", form.phone,
                   "--template", "starter")
    assert added.exit_code == 0, added.stderr
    lines = added.stdout.splitlines()
    assert lines[0].startswith("added client ")
    assert lines[1] == ("from template Starter: Allowance sms_credits: none → 500; Email limit: none → 10,000; "
                        "Client manager cm: not a manager → manager; License term: not set → annual; "
                        "Rebrand lock: unlocked → locked")
    missing = invoke(db, "--user", "admin", "clients", "add", "--name", form.full_name, "--email", form.email,
                     "--company", "Other Ltd", "--street", form.street, "--city", form.city, "--state", form.state,
                     "--postal-code", form.postal_code, "--country", form.country, "--phone", form.phone,
                     "--template", "Nope")
    assert missing.exit_code == 2 and "no template 'Nope'" in missing.stderr
