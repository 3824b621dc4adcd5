"""`console-tui attention` prints the attention queue: json, csv, table, --where."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.clock import SystemClock, local_today
from console_tui.data.engine import Database
from console_tui.data.schema import ClientAccess, ClientSnapshot
from tests.factories import T0, make_agency, make_client, make_user

FORMULA = "=HYPERLINK(\"http://x\") \x1b[2J"


def seeded(db: Database) -> None:
    with db.write() as session:
        make_agency(session, max_clients=2)  # 2 counted of 2: the plan is full
        make_user(session, "boss")
        sal = make_user(session, "sal", role="Salesperson")
        bloom = make_client(session, "Bloom Florists")
        hostile = make_client(session, FORMULA)
        session.add(ClientAccess(agency_user_id=sal.id, client_id=bloom.id, granted_at=T0))
        session.add_all([
            ClientSnapshot(client_id=bloom.id, as_of=T0, sender_status="Unhealthy", utilization_score=80),
            ClientSnapshot(client_id=hostile.id, as_of=T0, sender_status="At Risk", utilization_score=80),
        ])


def invoke(db: Database, *args: str):  # noqa: ANN201
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def test_json_rows_carry_id_name_severity_and_reasons(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    result = invoke(sqlite_db, "--user", "boss", "attention", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(row["id"], row["severity"]) for row in rows] == [(None, "critical"), (1, "critical"), (2, "warning")]
    agency, bloom, hostile = rows
    assert agency["name"] == "Acme Agency" and agency["reasons"][0]["code"] == "plan-full"
    assert bloom["name"] == "Bloom Florists"
    assert bloom["reasons"][0] == {"code": "sender-unhealthy", "text": "Sender status Unhealthy",
                                   "severity": "critical", "since": None, "fix": "attention.sender"}
    assert {"code", "text", "since"} <= set(hostile["reasons"][0])
    assert "\x1b" not in result.stdout


def test_where_keeps_the_clients_it_holds_for_and_drops_the_agency_row(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    result = invoke(sqlite_db, "--user", "boss", "attention", "--format", "json", "--where", "sender:unhealthy")
    assert [row["name"] for row in json.loads(result.stdout)] == ["Bloom Florists"]


def test_r_acc_2_a_salesperson_sees_only_their_clients(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    result = invoke(sqlite_db, "--user", "sal", "attention", "--format", "json")
    assert [row["name"] for row in json.loads(result.stdout)] == ["Acme Agency", "Bloom Florists"]


def test_csv_has_a_line_per_reason_and_neutralises_formulas(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    result = invoke(sqlite_db, "--user", "boss", "attention", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    hostile = [row for row in rows if row["id"] == "2"]
    assert hostile and all(row["name"].startswith("'=HYPERLINK") for row in hostile)
    assert [row["code"] for row in rows if row["id"] == "1"][0] == "sender-unhealthy"


def test_table_shows_severity_in_words(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    result = invoke(sqlite_db, "--user", "boss", "attention")
    assert result.exit_code == 0
    assert "critical" in result.stdout and "Sender status Unhealthy" in result.stdout and "\x1b" not in result.stdout


def test_a_bad_filter_exits_2_with_a_caret_under_the_mistake(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    result = invoke(sqlite_db, "--user", "boss", "attention", "--where", "sendr:healthy")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-3:] == [
        "sendr:healthy", "^^^^^", "unknown field 'sendr' — did you mean 'sender'?"]


# --- snoozes (R-ATT-3) ---------------------------------------------------------------------------

def day(days: int) -> str:
    """Today plus ``days``, as the CLI (on the system clock) counts it."""
    return (local_today(SystemClock()) + timedelta(days=days)).isoformat()


def test_r_att_3_snooze_hides_a_reason_lists_it_and_unsnooze_brings_it_back(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    done = invoke(sqlite_db, "--user", "sal", "attention", "snooze", "1", "sender-unhealthy", "--until", "+3",
                  "--note", "[b]waiting[/b] \x1b[2J for DNS")
    assert done.exit_code == 0, done.output
    assert done.stdout == f"snoozed sender-unhealthy of Bloom Florists until {day(3)}\n"
    rows = json.loads(invoke(sqlite_db, "--user", "sal", "attention", "--format", "json").stdout)
    bloom = next(row for row in rows if row["id"] == 1)
    assert "sender-unhealthy" not in [r["code"] for r in bloom["reasons"]] and bloom["severity"] == "warning"
    listed = json.loads(invoke(sqlite_db, "--user", "sal", "attention", "--snoozed", "--format", "json").stdout)
    assert [(s["id"], s["code"], s["until"], s["severity"], s["note"]) for s in listed] == [
        (1, "sender-unhealthy", day(3), "critical", "[b]waiting[/b] for DNS")]
    table = invoke(sqlite_db, "--user", "sal", "attention", "--snoozed")
    assert "[b]waiting[/b] for DNS" in table.stdout and day(3) in table.stdout
    assert invoke(sqlite_db, "--user", "boss", "attention", "--snoozed").stdout == "No snoozes.\n"  # per user
    back = invoke(sqlite_db, "--user", "sal", "attention", "unsnooze", "1", "sender-unhealthy")
    assert (back.exit_code, back.stdout) == (0, "unsnoozed sender-unhealthy of client 1\n")
    rows = json.loads(invoke(sqlite_db, "--user", "sal", "attention", "--format", "json").stdout)
    assert [(row["id"], row["reasons"][0]["code"]) for row in rows] == [(None, "plan-full"), (1, "sender-unhealthy")]


def test_r_att_3_the_agency_row_is_snoozed_as_agency(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    done = invoke(sqlite_db, "attention", "snooze", "agency", "plan-full", "--user", "boss")
    assert done.exit_code == 0, done.output
    assert done.stdout == f"snoozed plan-full of Acme Agency until {day(7)}\n"  # 7 days by default
    rows = json.loads(invoke(sqlite_db, "--user", "boss", "attention", "--format", "json").stdout)
    assert None not in [row["id"] for row in rows]


def test_r_att_3_bad_snoozes_are_one_line_and_save_nothing(sqlite_db: Database) -> None:
    seeded(sqlite_db)
    for args, code, says in [
        (("2", "sender-at-risk"), 1, "Salesperson"),  # a client sal may not access
        (("1", "no-such-reason"), 1, "has no reason 'no-such-reason'"),
        (("1", "sender-unhealthy", "--until", "tomorrow"), 2, "must be a day as YYYY-MM-DD or +N days"),
        (("1", "sender-unhealthy", "--until", day(0)), 2, "must be after today"),
        (("x1", "sender-unhealthy"), 2, "is not a client id"),
    ]:
        result = CliRunner().invoke(main, ["--db", sqlite_db.url, "--user", "sal", "attention", "snooze", *args])
        assert result.exit_code == code, (args, result.output)
        assert says in result.output and "Traceback" not in result.output
    assert invoke(sqlite_db, "--user", "sal", "attention", "--snoozed").stdout == "No snoozes.\n"
    missing = CliRunner().invoke(main, ["--db", sqlite_db.url, "--user", "sal", "attention", "unsnooze", "1", "x"])
    assert missing.exit_code == 2 and "See your snoozes" in missing.output
