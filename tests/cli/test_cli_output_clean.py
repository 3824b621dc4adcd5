"""Stored text leaves the CLI as the screen shows it: cleaned in the table, JSON and CSV, in refusals
and in the file names ingest prints; CSV cells a spreadsheet would run as a formula are neutralised."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.data.commands.removal import remove_company
from console_tui.data.engine import Database
from console_tui.domain.text import clean_text
from tests.data.command_helpers import seed
from tests.factories import make_agency, make_client, make_user

HOSTILE = [
    "\x1b]52;c;ZWNobyBwd25lZA==\x07Clipboard Ltd",  # OSC 52: sets the clipboard
    "\x1b[2J\x1b[HClear Ltd",
    "\x1bcReset Co",  # ESC c: resets the terminal
    "\x9b31mRed \x9d0;title\x9cCo",  # C1 CSI and OSC
    "Del\x7f Bidi\u202eevil",
]
NUL_BEL = "Nul\x00Bel\x07 Co"  # PostgreSQL cannot store NUL: SQLite only
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1",
            "\r=1+1", "\uff1d1+1"]


def invoke(db: Database, *args: str):
    return CliRunner().invoke(main, ["--db", db.url, *args])


def stored_names(db: Database, backend: str) -> list[str]:
    names = HOSTILE + FORMULAS + ([NUL_BEL] if backend == "sqlite" else []) + ["-12"]
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        for name in names:
            make_client(session, name)
    return names


def terminal_safe(text: str) -> bool:
    """No C0 control but line ends, no DEL/C1, no format (bidi, zero-width) character."""
    return not [ch for ch in text if ch not in "\r\n" and (unicodedata.category(ch) in {"Cc", "Cf"})]


def test_clients_list_csv_is_clean_and_neutralises_formula_cells(db: Database, backend: str) -> None:
    names = stored_names(db, backend)
    result = invoke(db, "--user", "boss", "clients", "list", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert terminal_safe(result.stdout)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    written = sorted(row["name"] for row in rows)
    expected = []
    for name in names:
        shown = clean_text(name)
        expected.append("'" + shown if shown.lstrip()[:1] in "=+-@\uff1d" else shown)
    assert written == sorted(expected)
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in written and "'-12" in written and "' =1+1" in written
    assert all(row["id"].isdigit() and row["users"] == "0" for row in rows)  # numbers stay numbers


def test_clients_list_json_and_table_are_clean(db: Database, backend: str) -> None:
    names = stored_names(db, backend)
    result = invoke(db, "--user", "boss", "clients", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert terminal_safe(result.stdout)
    assert sorted(row["name"] for row in json.loads(result.stdout)) == sorted(clean_text(n) for n in names)
    table = invoke(db, "--user", "boss", "clients", "list")
    assert table.exit_code == 0 and terminal_safe(table.stdout)


def test_clients_purge_refusal_and_output_show_the_name_cleaned(db: Database, clock) -> None:
    client_id = _hostile(db)
    remove_company(db, clock, "admin", client_id, confirm_name="Bloom Florists")  # typed as shown
    refused = invoke(db, "--user", "admin", "clients", "purge", str(client_id), "--confirm-name", "Bloom")
    assert refused.exit_code == 1 and terminal_safe(refused.stderr) and len(refused.stderr.splitlines()) == 1
    assert "Type the company's name exactly as shown: Bloom Florists" in refused.stderr
    purged = invoke(db, "--user", "admin", "clients", "purge", str(client_id), "--confirm-name", "Bloom Florists")
    assert purged.exit_code == 0, purged.output
    assert purged.stdout.startswith(f"purged client {client_id}: Bloom Florists;") and terminal_safe(purged.stdout)


def _hostile(db: Database) -> int:
    """The seeded client renamed with an OSC 52 clipboard write and a bidi override."""
    from console_tui.data.schema import Client

    client_id = seed(db).client_id
    with db.write() as session:
        session.get(Client, client_id).name = "\x1b]52;c;cm0gLXJmIH4=\x07Bloom \u202eFlorists"
    return client_id


def test_ingest_prints_file_names_cleaned(sqlite_db: Database, tmp_path: Path) -> None:
    seed(sqlite_db)
    hostile = tmp_path / "ev\x1b]52;c;cm0=\x07\x1b[2J.jsonl"
    hostile.write_text("")
    loaded = invoke(sqlite_db, "--user", "admin", "ingest", str(hostile))
    missing = invoke(sqlite_db, "--user", "admin", "ingest", str(tmp_path / "gone\x1bc\x9b2J.jsonl"))
    for result in (loaded, missing):
        assert terminal_safe(result.output), result.output
    assert f"ingested {tmp_path}/ev.jsonl:" in loaded.stdout
    assert missing.exit_code == 2 and f"no such file: {tmp_path}/gone.jsonl" in missing.stderr
