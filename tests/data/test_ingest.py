"""Event ingest (`console-tui ingest`): good, malformed, duplicate and hostile lines; the CLI.

Nothing is lost: every line read is inserted, a duplicate, or rejected with its line number and
reason (and written to the rejects file). Database-facing tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import OperationalError

from console_tui.cli.main import main
from console_tui.clock import FixedClock
from console_tui.data.engine import Database
from console_tui.data.ingest import load as ingest_module
from console_tui.data.ingest.load import (
    IngestAborted,
    IngestError,
    IngestSummary,
    guess_format,
    ingest_file,
    ingest_lines,
)
from console_tui.data.ingest.parse import sqlite_time
from console_tui.data.schema import Client, ClientStatus, Event
from tests.factories import make_user

CLIENT, OTHER, REMOVED = 7, 8, 9
ADMIN = "ops"  # an Administrator: ingest is an Administrator's act
T = datetime(2026, 1, 1, tzinfo=UTC)
DROP = object()


@pytest.fixture
def clients(db: Database) -> Database:
    """Three clients (one soft-deleted) to point events at; ids fixed for readable lines."""
    return _add_clients(db)


def _add_clients(db: Database) -> Database:
    with db.write() as session:
        make_user(session, ADMIN)
        session.add(ClientStatus(id=1, name="Active", builtin=True))
        session.flush()
        for cid in (CLIENT, OTHER, REMOVED):
            session.add(Client(id=cid, name=f"Client {cid}", status_id=1, created_at=T,
                               deleted_at=T if cid == REMOVED else None))
    return db


def event(n: int | str = 1, **fields: object) -> str:
    """A good JSON line, with fields replaced (or dropped with DROP)."""
    record: dict[str, object] = {"id": f"e{n}", "client_id": CLIENT, "type": "email_sent",
                                 "occurred_at": "2026-03-01T10:00:00+00:00"}
    record.update(fields)
    return json.dumps({k: v for k, v in record.items() if v is not DROP})  # non-ASCII as \\u escapes


def stored(db: Database) -> dict[str, Event]:
    with db.read() as session:
        return {e.external_id: e for e in session.scalars(select(Event))}


def count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Event)) or 0


def balanced(summary: IngestSummary) -> None:
    assert summary.read == summary.inserted + summary.duplicates + summary.rejected
    assert summary.rejected == sum(n for _, n in summary.reasons)


# --- good lines ---------------------------------------------------------------------------------


def test_good_jsonl_lines_load_in_utc(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join([
        event(1, occurred_at="2026-03-01T12:30:00+02:00", quantity=250),
        event(2, type="content_created", occurred_at="2026-03-01T23:15:00.123456-05:00",
              actor="ann@client.example", title="Spring sale", content_type="landing_page"),
        event(3, id=42, client_id=str(OTHER), type="page_impression", occurred_at="2026-03-02T00:00:00Z"),
        event(4, client_id=REMOVED, quantity=1_000_000_000),  # a removed client keeps its data
    ]) + "\n")
    summary = ingest_file(clients, path)
    assert (summary.read, summary.inserted, summary.duplicates, summary.rejected) == (4, 4, 0, 0)
    balanced(summary)
    rows = stored(clients)
    assert rows["e1"].occurred_at == datetime(2026, 3, 1, 10, 30, tzinfo=UTC) and rows["e1"].quantity == 250
    e2 = rows["e2"]
    assert e2.occurred_at == datetime(2026, 3, 2, 4, 15, 0, 123456, tzinfo=UTC)
    assert (e2.type, e2.actor, e2.title, e2.content_type, e2.quantity) == (
        "content_created", "ann@client.example", "Spring sale", "landing_page", 1)
    assert rows["42"].client_id == OTHER and rows["42"].actor is None
    assert rows["e4"].quantity == 10**9


def test_good_csv_lines_load_with_header_in_any_order(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "\ufeffType,ID,occurred_at,Client_ID,quantity,title,extra\r\n"
        "email_sent,c1,2026-03-01T10:00:00+01:00,7,500,,x\r\n"
        'content_edited,c2,2026-03-01T11:00:00Z,8,,"Price list, ""2026""\nsecond line",y\r\n'
        "client_login,c3,2026-03-01T12:00:00Z, 7 ,,,\r\n",
        encoding="utf-8",
    )
    summary = ingest_file(clients, path)
    assert (summary.read, summary.inserted, summary.rejected) == (3, 3, 0)
    rows = stored(clients)
    assert rows["c1"].occurred_at == datetime(2026, 3, 1, 9, tzinfo=UTC) and rows["c1"].quantity == 500
    assert rows["c1"].title is None
    assert rows["c2"].title == 'Price list, "2026" second line'  # the newline became a space
    assert rows["c2"].quantity == 1 and rows["c3"].client_id == CLIENT


def test_sqlite_storage_text_matches_sqlalchemy(sqlite_db: Database) -> None:
    """The fast path writes occurred_at itself; it must equal what the ORM would write."""
    column_type = Event.__table__.c.occurred_at.type
    dialect = sqlite.dialect()
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    for moment in (datetime(2026, 3, 1, 10, tzinfo=UTC),
                   datetime(2026, 3, 1, 1, 2, 3, 45, tzinfo=timezone(timedelta(hours=5, minutes=30))),
                   datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-8))),
                   datetime(999, 1, 1, 12, tzinfo=UTC)):
        assert sqlite_time(moment) == process(moment)


# --- malformed lines ------------------------------------------------------------------------------

BAD_LINES: list[tuple[bytes, str]] = [
    (b'{"id": "x1", "client_id": 7,', "bad JSON"),
    (b"[1, 2, 3]", "not a JSON object"),
    (event("x2", id=DROP).encode(), "missing field: id"),
    (event("x3", client_id=DROP).encode(), "missing field: client_id"),
    (event("x4", type=DROP).encode(), "missing field: type"),
    (event("x5", occurred_at=DROP).encode(), "missing field: occurred_at"),
    (event("x6", occurred_at=None).encode(), "missing field: occurred_at"),
    (event("x7", client_id="seven").encode(), "bad client_id"),
    (event("x8", client_id=True).encode(), "bad client_id"),
    (event("x9", client_id=7.0).encode(), "bad client_id"),
    (event("x10", type=5).encode(), "unknown type"),
    (event("x11", type="email_clicked").encode(), "unknown type"),
    (event("x12", occurred_at=1767225600).encode(), "bad occurred_at"),
    (event("x13", occurred_at="2026-03-01T10:00:00").encode(), "occurred_at without UTC offset"),
    (event("x14", occurred_at="2026-03-01").encode(), "occurred_at without UTC offset"),
    (event("x15", occurred_at="2026-02-30T10:00:00Z").encode(), "bad occurred_at"),
    (event("x16", occurred_at="yesterday").encode(), "bad occurred_at"),
    (event("x17", occurred_at="9999-12-31T23:00:00-05:00").encode(), "bad occurred_at"),
    (event("x18", client_id=999).encode(), "unknown client: 999"),
    (event("x19")[:-1].encode() + b', "quantity": NaN}', "bad quantity"),
    (event("x20")[:-1].encode() + b', "quantity": Infinity}', "bad quantity"),
    (event("x21")[:-1].encode() + b', "quantity": -Infinity}', "bad quantity"),
    (event("x22", quantity=-3).encode(), "bad quantity"),
    (event("x23", quantity=0).encode(), "bad quantity"),
    (event("x24", quantity=1.5).encode(), "bad quantity"),
    (event("x25", quantity=1.0).encode(), "bad quantity"),
    (event("x26", quantity=True).encode(), "bad quantity"),
    (event("x27", quantity="ten").encode(), "bad quantity"),
    (event("x28", quantity=10**9 + 1).encode(), "bad quantity"),
    (event("x29", quantity=10**30).encode(), "bad quantity"),
    (event("x30", quantity=[1]).encode(), "bad quantity"),
    (event("x31", id="i" * 101).encode(), "bad id"),
    (event("x32", id="bell\u0007").encode(), "bad id"),
    (event("x33", id=["x"]).encode(), "bad id"),
    (event("x34", title="t" * 301).encode(), "bad title"),
    (event("x35", actor={"name": "x"}).encode(), "bad actor"),
    (event("x36", content_type="c" * 41).encode(), "bad content_type"),
    (b'{"id": "x37", "client_id": 7, "type": "email_sent", "title": "caf\xe9"}', "not valid UTF-8"),
    (b"[" * 100_000, "bad JSON"),
    (b'{"id": "x38"} trailing', "bad JSON"),
]


def test_malformed_lines_are_rejected_with_line_and_reason(clients: Database, tmp_path: Path) -> None:
    """Each bad line sits between two good ones: every good line loads, every bad one is listed."""
    lines: list[bytes] = []
    expected: dict[int, str] = {}
    for n, (bad, reason) in enumerate(BAD_LINES):
        lines.append(event(f"good{n}").encode())
        lines.append(bad)
        expected[len(lines)] = reason
    lines.append(event("last").encode())
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    rejects = tmp_path / "rejects.jsonl"

    summary = ingest_file(clients, path, rejects=rejects)

    good = len(BAD_LINES) + 1
    assert (summary.read, summary.inserted, summary.duplicates, summary.rejected) == (
        len(lines), good, 0, len(BAD_LINES))
    balanced(summary)
    assert count(clients) == good
    written = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert len(written) == len(BAD_LINES)
    got = {row["_line"]: row["_reject_reason"] for row in written}
    assert set(got) == set(expected)
    for line, reason in expected.items():
        assert got[line].startswith(reason), (line, got[line], reason)
    kinds = dict(summary.reasons)
    assert kinds["bad quantity"] == 12 and kinds["missing field"] == 5
    assert [bad.line for bad in summary.first_rejects] == sorted(expected)[:10]


def test_reasons_name_the_offending_value(clients: Database) -> None:
    summary = ingest_lines(clients, [
        event(1, occurred_at="2026-02-30T10:00:00Z"),
        event(2, type="email_clicked"),
        event(3, quantity=1.5),
        event(4, id="i" * 101),
    ])
    reasons = [bad.reason for bad in summary.first_rejects]
    assert reasons[0].startswith("bad occurred_at: '2026-02-30T10:00:00Z' (") and "day is out of range" in reasons[0]
    assert reasons[1] == "unknown type: 'email_clicked'"
    assert reasons[2] == "bad quantity: 1.5 is not a whole number"
    assert reasons[3] == "bad id: too long (101 > 100 characters)"


def test_jsonl_rejects_file_can_be_fixed_and_fed_again(clients: Database, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([event(1), event(2, type="email_clicked"), "oops", event(3, client_id=999)]) + "\n")
    rejects = tmp_path / "rejects.jsonl"
    first = ingest_file(clients, source, rejects=rejects)
    assert (first.inserted, first.rejected) == (1, 3)
    text = rejects.read_text()
    # the original line as written, plus the two keys
    assert text.splitlines()[0] == (
        event(2, type="email_clicked")[:-1] + ', "_line": 2, "_reject_reason": "unknown type: \'email_clicked\'"}')
    unparsable = json.loads(text.splitlines()[1])
    assert unparsable["_line"] == 3 and unparsable["_raw"] == "oops"
    assert unparsable["_reject_reason"].startswith("bad JSON: ")

    fixed = tmp_path / "fixed.jsonl"
    fixed.write_text(text.replace("email_clicked", "email_opened"))
    again_rejects = tmp_path / "rejects2.jsonl"
    second = ingest_file(clients, fixed, rejects=again_rejects)
    assert (second.read, second.inserted, second.rejected) == (3, 1, 2)
    assert stored(clients)["e2"].type == "email_opened"
    reasons = [json.loads(line)["_reject_reason"] for line in again_rejects.read_text().splitlines()]
    assert reasons[0].startswith("missing field: id") and reasons[1] == "unknown client: 999"


def test_csv_malformed_records_and_the_rejects_file(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(
        b"id,client_id,type,occurred_at,quantity,title\n"      # 1
        b"c1,7,email_sent,2026-03-01T10:00:00Z,5,ok\n"         # 2
        b"c2,7,email_sent,2026-03-01T10:00:00,5,naive\n"       # 3
        b"\n"                                                   # 4
        b'c3,7,content_created,2026-03-01T10:00:00Z,,"two\n'   # 5 (a record over two lines)
        b'lines"\n'                                             # 6
        b"c4,7,email_sent,2026-03-01T10:00:00Z,1.5,x\n"        # 7
        b"c5,7,email_sent\n"                                    # 8
        b"c6,7,email_sent,2026-03-01T10:00:00Z,1,x,surplus\n"  # 9
        b"c7,999,email_sent,2026-03-01T10:00:00Z,1,x\n"        # 10
        b"c8,7,email_sent,2026-03-01T10:00:00Z,1,caf\xe9\n"    # 11
        b"c9,7,nonsense,2026-03-01T10:00:00Z,-1,x\n"           # 12
        b",7,email_sent,2026-03-01T10:00:00Z,1,x\n"            # 13
        b"c10,7,email_sent,2026-03-01T10:00:00Z,NaN,x\n"       # 14
        b"c11,8,email_opened,2026-03-01T10:00:00-08:00,,\n"    # 15
        b"c12,7,email_sent,2026-03-01T10:00:00Z," + b"9" * 5000 + b",x\n"  # 16
        b"c13," + b"7" * 5000 + b",email_sent,2026-03-01T10:00:00Z,1,x\n"  # 17
    )
    rejects = tmp_path / "rejects.csv"
    summary = ingest_file(clients, path, rejects=rejects)
    assert (summary.read, summary.inserted, summary.rejected, summary.blank) == (14, 3, 11, 1)  # line 4 is blank
    balanced(summary)
    assert stored(clients)["c3"].title == "two lines"
    rows = list(csv.reader(io.StringIO(rejects.read_text(encoding="utf-8"))))
    assert rows[0] == ["id", "client_id", "type", "occurred_at", "quantity", "title", "_line", "_reject_reason"]
    by_line = {int(row[6]): row for row in rows[1:]}
    assert {line: row[7].split(":")[0] for line, row in by_line.items()} == {
        3: "occurred_at without UTC offset", 7: "bad quantity", 8: "wrong number of fields",
        9: "wrong number of fields", 10: "unknown client", 11: "not valid UTF-8", 12: "unknown type",
        13: "missing field", 14: "bad quantity", 16: "bad quantity", 17: "bad client_id",
    }
    assert by_line[3][:6] == ["c2", "7", "email_sent", "2026-03-01T10:00:00", "5", "naive"]
    assert by_line[9][8:] == ["surplus"]  # nothing is lost, even past the header's width
    assert by_line[11][5] == "caf\\xe9"

    fixed = tmp_path / "fixed.csv"
    fixed.write_text(rejects.read_text().replace("2026-03-01T10:00:00,", "2026-03-01T10:00:00Z,"))
    again = ingest_file(clients, fixed, rejects=tmp_path / "rejects2.csv")
    assert again.inserted == 2 and stored(clients)["c2"].title == "naive"  # c2 fixed; c8 as shown: caf\\xe9


def test_csv_record_the_parser_refuses_is_rejected_whole_and_reading_goes_on(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    huge = "x" * 200_000  # over csv.field_size_limit()
    path.write_text(f"id,client_id,type,occurred_at,title\nc1,7,email_sent,2026-03-01T10:00:00Z,{huge}\n"
                    "c2,7,email_sent,2026-03-01T10:00:00Z,fine\n")
    rejects = tmp_path / "rejects.csv"
    summary = ingest_file(clients, path, rejects=rejects)
    assert (summary.read, summary.inserted, summary.rejected) == (2, 1, 1)
    assert summary.first_rejects[0].line == 2 and summary.first_rejects[0].reason.startswith("bad CSV: field larger")
    limit = csv.field_size_limit(1_000_000)
    try:
        row = list(csv.reader(io.StringIO(rejects.read_text())))[1]
    finally:
        csv.field_size_limit(limit)
    assert row[0] == f"c1,7,email_sent,2026-03-01T10:00:00Z,{huge}"
    assert row[-2:] == ["2", summary.first_rejects[0].reason]


def test_csv_header_without_a_required_column_stops_before_loading(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("id,client_id,occurred_at\nc1,7,2026-03-01T10:00:00Z\n")
    with pytest.raises(IngestError, match="lacks type"):
        ingest_file(clients, path)
    assert count(clients) == 0


# --- duplicates -------------------------------------------------------------------------------------


def test_loading_the_same_file_again_adds_nothing(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(event(n, quantity=n) for n in range(1, 8)) + "\n")
    first = ingest_file(clients, path, chunk_rows=3)
    second = ingest_file(clients, path, chunk_rows=3)
    assert (first.inserted, first.duplicates) == (7, 0)
    assert (second.read, second.inserted, second.duplicates, second.rejected) == (7, 0, 7, 0)
    assert count(clients) == 7


@pytest.mark.parametrize("chunk_rows", [2, 1000])
def test_duplicate_ids_inside_one_file_count_as_duplicates(clients: Database, chunk_rows: int) -> None:
    summary = ingest_lines(clients, [
        event("a", quantity=1), event("b"), event("a", quantity=99), event("c"), event("a", quantity=5), event("b"),
    ], chunk_rows=chunk_rows)
    assert (summary.read, summary.inserted, summary.duplicates, summary.rejected) == (6, 3, 3, 0)
    assert stored(clients)["ea"].quantity == 1  # the first version wins


# --- hostile text -------------------------------------------------------------------------------------

HOSTILE = [
    ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
    ("[link=https://x]y[/link]", "[link=https://x]y[/link]"),
    ("\x1b]8;;https://evil.example\x1b\\click me\x1b]8;;\x1b\\", "click me"),
    ("\x1b[2J\x1b[31mred\x1b[0m", "red"),
    ("bell\x07 and esc\x1bc", "bell and esc"),
    ("\x9b31mcsi8", "csi8"),
    ("abc\u202edcba", "abcdcba"),
    ("zero\u200bwidth\ufeff", "zerowidth"),
    ("nul\x00byte", "nulbyte"),
    ("lone\ud800surrogate", "lonesurrogate"),
    ("[b]ACME[/b]\nCorp", "[b]ACME[/b] Corp"),
]


def test_hostile_text_is_stored_without_control_characters(clients: Database) -> None:
    lines = [event(n, type="content_edited", title=raw, actor=raw, content_type="page")
             for n, (raw, _) in enumerate(HOSTILE)]
    summary = ingest_lines(clients, lines)
    assert summary.inserted == len(HOSTILE), summary.first_rejects
    rows = stored(clients)
    for n, (_, clean) in enumerate(HOSTILE):
        assert rows[f"e{n}"].title == clean and rows[f"e{n}"].actor == clean


def test_text_that_is_only_control_characters_becomes_null(clients: Database) -> None:
    ingest_lines(clients, [event(1, title="\x1b[0m\u200b", actor="")])
    row = stored(clients)["e1"]
    assert row.title is None and row.actor is None


# --- the core's plumbing --------------------------------------------------------------------------------


def test_progress_reports_bytes_read_up_to_the_file_size(clients: Database, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ingest_module, "PROGRESS_EVERY", 2)
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(event(n) for n in range(9)) + "\n")
    seen: list[int] = []
    ingest_file(clients, path, progress=seen.append)
    assert seen == sorted(seen) and len(seen) >= 4 and seen[-1] == path.stat().st_size


def test_a_database_failure_keeps_committed_chunks_and_says_so(clients: Database, monkeypatch) -> None:
    real = ingest_module._Loader.load
    calls = 0

    def failing(self, connection, rows):  # noqa: ANN001
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(self, connection, rows)

    monkeypatch.setattr(ingest_module._Loader, "load", failing)
    with pytest.raises(IngestAborted, match="disk I/O error") as raised:
        ingest_lines(clients, [event(n) for n in range(7)], chunk_rows=3)
    assert raised.value.summary.inserted == 3 and count(clients) == 3
    monkeypatch.setattr(ingest_module._Loader, "load", real)
    again = ingest_lines(clients, [event(n) for n in range(7)], chunk_rows=3)
    assert (again.inserted, again.duplicates) == (4, 3)


def test_format_and_file_problems_are_ingest_errors(sqlite_db: Database, tmp_path: Path) -> None:
    assert guess_format("a.JSONL") == guess_format("a.ndjson") == guess_format("-") == "jsonl"
    assert guess_format(Path("x/a.csv")) == "csv"
    with pytest.raises(IngestError, match="cannot tell the format"):
        guess_format("events.txt")
    with pytest.raises(IngestError, match="no such file"):
        ingest_file(sqlite_db, tmp_path / "missing.jsonl")
    source = tmp_path / "in.jsonl"
    source.write_text(event(1) + "\n")
    with pytest.raises(IngestError, match="must not be the input"):
        ingest_file(sqlite_db, source, rejects=source)
    assert source.read_text() == event(1) + "\n"


# --- the command ----------------------------------------------------------------------------------------


def invoke(db: Database, *args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["--db", db.url, "--user", ADMIN, "ingest", *args], input=stdin,
                              catch_exceptions=False)


def test_cli_clean_file_exits_0_with_a_summary(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(event(n) for n in range(3)) + "\n")
    result = invoke(clients, str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"ingested {path}: read 3, inserted 3, duplicates 0, rejected 0 in ")
    assert "events/s" in result.stdout and result.stderr == ""
    again = invoke(clients, str(path))
    assert again.exit_code == 0 and "inserted 0, duplicates 3, rejected 0" in again.stdout


def test_cli_rejects_exit_1_and_list_every_bad_line(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join([event(1), event(2, type="nope"), event(3), "{", event(4, client_id=999)]) + "\n")
    result = invoke(clients, str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:2: unknown type: 'nope'",
        f"{path}:4: bad JSON: Expecting property name enclosed in double quotes at column 2",
        f"{path}:5: unknown client: 999",
    ]
    assert "read 5, inserted 2, duplicates 0, rejected 3" in result.stdout
    assert "rejected by reason:\n  1  unknown type\n  1  bad JSON\n  1  unknown client" in result.stdout


def test_cli_writes_the_rejects_file(clients: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("id,client_id,type,occurred_at\n"
                    + "".join(f"c{n},7,bogus,2026-03-01T10:00:00Z\n" for n in range(12)))
    rejects = tmp_path / "out" / "rejects.csv"
    rejects.parent.mkdir()
    result = invoke(clients, str(path), "--rejects", str(rejects))
    assert result.exit_code == 1
    assert len(rejects.read_text().splitlines()) == 13  # header + 12
    assert result.stderr.splitlines()[0] == f"{path}:2: unknown type: 'bogus'"
    assert result.stderr.splitlines()[-1] == f"… and 2 more in {rejects}"
    assert f"rejected lines written to {rejects} (12)" in result.stdout


def test_cli_reads_standard_input(clients: Database) -> None:
    result = invoke(clients, "-", stdin=event(1) + "\n" + event(2) + "\n")
    assert result.exit_code == 0, result.output
    assert "ingested <stdin>: read 2, inserted 2" in result.stdout
    csv_result = invoke(clients, "-", "--format", "csv",
                        stdin="id,client_id,type,occurred_at\nc1,7,email_sent,2026-03-01T10:00:00Z\n")
    assert csv_result.exit_code == 0 and "inserted 1" in csv_result.stdout


def test_cli_usage_errors_exit_2(sqlite_db: Database, tmp_path: Path) -> None:
    _add_clients(sqlite_db)
    missing = invoke(sqlite_db, str(tmp_path / "missing.jsonl"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    odd = tmp_path / "events.txt"
    odd.write_text(event(1) + "\n")
    unknown = invoke(sqlite_db, str(odd))
    assert unknown.exit_code == 2 and "--format" in unknown.stderr
    assert invoke(sqlite_db, str(odd), "--format", "jsonl").exit_code == 0
    header = tmp_path / "bad.csv"
    header.write_text("id,type\n")
    bad_header = invoke(sqlite_db, str(header))
    assert bad_header.exit_code == 2 and "lacks client_id, occurred_at" in bad_header.stderr


def test_cli_unreachable_database_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(event(1) + "\n")
    result = CliRunner().invoke(main, ["--db", "postgresql://nobody:x@127.0.0.1:1/none", "ingest", str(path)])
    assert result.exit_code == 3 and "is unavailable" in result.stderr and "nobody:***@" in result.stderr


def test_ingest_loads_without_textual() -> None:
    code = "import sys, console_tui.data.ingest.load; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- blank lines and events from the future ------------------------------------------------------------


def test_blank_and_whitespace_lines_are_skipped_not_rejected(clients: Database, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    jsonl = ingest_lines(clients, [event(1), "", "   ", "\t \r", event(2), ""], rejects=rejects)
    assert (jsonl.read, jsonl.inserted, jsonl.rejected, jsonl.blank) == (2, 2, 0, 4)
    assert rejects.read_text() == ""
    path = tmp_path / "events.csv"
    path.write_text("\n  \nid,client_id,type,occurred_at\n\nc1,7,email_sent,2026-03-01T10:00:00Z\n   \n\n")
    csv_summary = ingest_file(clients, path, rejects=tmp_path / "rejects.csv")
    assert (csv_summary.read, csv_summary.inserted, csv_summary.rejected, csv_summary.blank) == (1, 1, 0, 5)


def test_a_file_of_newlines_writes_no_rejects(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "newlines.jsonl"
    path.write_bytes(b"\n" * 200_000 + b" \n" * 1_000)
    rejects = tmp_path / "rejects.jsonl"
    summary = ingest_file(_add_clients(sqlite_db), path, rejects=rejects)
    assert (summary.read, summary.rejected, summary.blank) == (0, 0, 201_000)
    assert rejects.stat().st_size == 0


def test_events_dated_beyond_the_future_tolerance_are_rejected(clients: Database) -> None:
    now = FixedClock(datetime(2026, 3, 1, 10, 0, tzinfo=UTC))
    summary = ingest_lines(clients, [
        event(1, occurred_at="2026-03-01T10:59:59Z"),            # within the default hour
        event(2, occurred_at="2026-03-01T11:00:01Z"),            # just past it
        event(3, occurred_at="2026-03-22T10:00:00+00:00"),       # three weeks ahead
        event(4, occurred_at="2026-03-01T12:30:00+02:00"),       # 10:30 UTC: fine
    ], clock=now)
    assert (summary.inserted, summary.rejected) == (2, 2)
    assert set(stored(clients)) == {"e1", "e4"}
    assert [bad.line for bad in summary.first_rejects] == [2, 3]
    assert summary.first_rejects[1].reason == (
        "in the future: '2026-03-22T10:00:00+00:00' is later than 2026-03-01 11:00 UTC (now plus the tolerance)")
    strict = ingest_lines(clients, [event(5, occurred_at="2026-03-01T10:00:01Z")], clock=now,
                          future_tolerance=timedelta(0))
    assert strict.rejected == 1 and dict(strict.reasons) == {"in the future": 1}


def test_cli_future_tolerance_comes_from_the_setting(clients: Database, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ahead = (datetime.now(UTC) + timedelta(hours=3)).isoformat()
    path = tmp_path / "events.jsonl"
    path.write_text(event(1, occurred_at=ahead) + "\n\n")
    refused = invoke(clients, str(path))
    assert refused.exit_code == 1 and ":1: in the future: " in refused.stderr
    assert "skipped 1 blank line" in refused.stdout
    monkeypatch.setenv("CONSOLE_TUI_FUTURE_TOLERANCE_MINUTES", "240")
    loaded = invoke(clients, str(path))
    assert loaded.exit_code == 0 and "inserted 1" in loaded.stdout
