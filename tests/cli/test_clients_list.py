"""`console-tui clients list` prints the console's per-client summary."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.rollup import rollup
from console_tui.data.schema import ClientAccess, Event
from tests.conftest import FIXED_NOW
from tests.factories import T0, make_agency, make_client, make_user

HOSTILE = "[b]ACME[/b] \x1b[2J"


def seeded(db: Database, clock) -> None:
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        sales = make_user(session, "sal", role="Salesperson")
        bloom = make_client(session, "Bloom Florists")
        make_client(session, HOSTILE)
        make_client(session, "Zed Lead", kind="lead")
        session.add(ClientAccess(agency_user_id=sales.id, client_id=bloom.id, granted_at=T0))
        two_days_ago = FIXED_NOW - timedelta(days=2)
        session.add(Event(external_id="x1", client_id=bloom.id, type="email_sent", occurred_at=two_days_ago,
                          quantity=200))
        session.add(Event(external_id="x2", client_id=bloom.id, type="email_opened", occurred_at=two_days_ago,
                          quantity=50))
    rollup(db, clock)


def invoke(db: Database, *args: str):
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def test_json_lists_every_client_an_administrator_may_access(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "boss", "clients", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert set(rows) == {"Bloom Florists", "[b]ACME[/b] ", "Zed Lead"}  # stored text cleaned as on screen
    assert rows["Bloom Florists"]["emails_sent_30d"] == 200 and rows["Bloom Florists"]["open_rate"] == 0.25
    assert rows["Zed Lead"]["open_rate"] is None


def test_json_and_csv_carry_the_columns_a_script_needs(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "boss", "clients", "list", "--format", "json")
    bloom = next(row for row in json.loads(result.stdout) if row["name"] == "Bloom Florists")
    assert bloom["managers"] == ["sal"]  # the Salesperson granted to it
    assert {k: bloom[k] for k in ("email_limit", "usage_pct", "config_complete", "direct_support", "ebs")} == {
        "email_limit": None, "usage_pct": None, "config_complete": False, "direct_support": False, "ebs": True}
    assert "tags" in bloom and "license_term" in bloom and "renews_on" in bloom
    result = invoke(sqlite_db, "--user", "boss", "clients", "list", "--format", "csv")
    row = next(r for r in csv.DictReader(io.StringIO(result.stdout)) if r["name"] == "Bloom Florists")
    assert row["managers"] == "sal" and row["ebs"] == "True"


def test_r_acc_2_a_salesperson_sees_only_their_clients(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "sal", "clients", "list", "--format", "csv")
    assert result.exit_code == 0
    names = [row["name"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert names == ["Bloom Florists"]


def test_table_shows_names_literally_without_escape_sequences(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "boss", "clients", "list")
    assert result.exit_code == 0
    assert "[b]ACME[/b]" in result.stdout and "\x1b" not in result.stdout
    assert "—" in result.stdout  # open rate of a client that sent nothing


def test_unknown_user_gets_a_message_that_says_how_to_add_one(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "nobody", "clients", "list")
    assert result.exit_code == 2
    assert "not an agency user" in result.output and "console-tui users add nobody" in result.output


def names(result) -> list[str]:  # noqa: ANN001
    return [row["name"] for row in json.loads(result.stdout)]


def test_where_keeps_the_clients_the_filter_holds_for(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "boss", "clients", "list", "--format", "json", "--where", "sent>100")
    assert result.exit_code == 0, result.output
    assert names(result) == ["Bloom Florists"]
    result = invoke(sqlite_db, "--user", "boss", "clients", "list", "--format", "json",
                    "--where", "-kind:lead acme|bloom")
    assert names(result) == ["[b]ACME[/b] ", "Bloom Florists"]


def test_where_manager_me_is_the_acting_user(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "sal", "clients", "list", "--format", "json", "--where", "manager:me")
    assert names(result) == ["Bloom Florists"]
    result = invoke(sqlite_db, "--user", "boss", "clients", "list", "--format", "json", "--where", "manager:me")
    assert names(result) == []


def test_a_bad_filter_exits_2_with_a_caret_under_the_mistake(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "boss", "clients", "list", "--where", "bloom sendr:healthy")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-3:] == ["bloom sendr:healthy", "      ^^^^^", "unknown field 'sendr' — did you mean 'sender'?"]
    assert "Traceback" not in result.output


def test_a_bad_filter_with_escapes_never_reaches_the_terminal_raw(sqlite_db: Database, clock) -> None:
    seeded(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "boss", "clients", "list", "--where", "\x1b]0;owned\x07 util:500")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "out of range" in result.stderr


def test_where_help_lists_every_field_with_an_example_and_needs_no_database() -> None:
    from console_tui.domain.filters import FIELDS

    result = CliRunner().invoke(main, ["--db", "sqlite:////nonexistent/x.db", "clients", "list", "--where-help"])
    assert result.exit_code == 0
    for field in FIELDS:
        assert f"{field.name}: " in result.stdout and field.example in result.stdout
