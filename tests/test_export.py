"""The export module: a list as CSV (formula cells neutralised) or JSON (round-trips), its stored
text cleaned, and written as a new file that never overwrites another and is never half-written."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from console_tui.export import ExportTable, export_text, file_stem, write_export

AT = datetime(2026, 11, 20, 9, 0)
COLUMNS = ("id", "name", "tags", "since", "rate")


def table(*names: str) -> ExportTable:
    return ExportTable("clients", COLUMNS, [
        {"id": n, "name": name, "tags": ["VIP", "=1+1"], "since": date(2026, 11, 1), "rate": -0.5}
        for n, name in enumerate(names, start=1)])


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(("name", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+2", "'+1+2"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("  =padded", "'  =padded"), ("\uff1dfull-width", "'\uff1dfull-width"),
    # a tab or CR is a control character: it becomes a space first, then what follows is judged
    ("\t=1+1", "' =1+1"), ("\r@x", "' @x"), ("\tTab", " Tab"), ("\rCR", " CR"), ("Acme", "Acme"),
])
def test_a_csv_cell_that_would_start_a_formula_gets_a_leading_quote(name: str, cell: str) -> None:
    assert csv_rows(export_text(table(name), "csv"))[0]["name"] == cell


def test_a_list_is_one_csv_cell_joined_with_semicolons_and_neutralised_as_a_whole() -> None:
    row = csv_rows(export_text(table("Acme"), "csv"))[0]
    assert row["tags"] == "VIP;=1+1"  # the cell starts with V: no formula
    assert row["since"] == "2026-11-01" and row["rate"] == "-0.5"  # numbers stay numbers


def test_markup_and_escape_characters_in_names_come_out_cleaned_in_both_formats() -> None:
    names = ("[@click=app.quit]x[/]", "csi\x1b[2Jclear", "c1\x9b31mred", "bidi\u202eevil", "zero\u200bwidth",
             "\x1b]8;;http://x.example\x1b\\osc link\x1b]8;;\x1b\\")
    for fmt in ("csv", "json"):
        text = export_text(table(*names), fmt)  # type: ignore[arg-type]
        assert not any(ch in text for ch in "\x1b\x9b\u202e\u200b"), fmt
        assert "[@click=app.quit]x[/]" in text  # markup is only text: kept as typed, never interpreted
    shown = [row["name"] for row in csv_rows(export_text(table(*names), "csv"))]
    assert shown == ["[@click=app.quit]x[/]", "csiclear", "c1red", "bidievil", "zerowidth", "osc link"]


def test_json_round_trips_the_rows_in_order_with_the_columns_as_keys() -> None:
    rows = json.loads(export_text(table("Acme", "Blue Harbor", "=Cedar"), "json"))
    assert [list(row) for row in rows] == [list(COLUMNS)] * 3
    assert rows[0] == {"id": 1, "name": "Acme", "tags": ["VIP", "=1+1"], "since": "2026-11-01", "rate": -0.5}
    assert [row["name"] for row in rows] == ["Acme", "Blue Harbor", "=Cedar"]  # JSON is not a spreadsheet


def test_the_file_is_named_by_the_list_and_the_minute_and_never_overwrites_one(tmp_path: Path) -> None:
    first = write_export(tmp_path, table("Acme"), "csv", AT)
    second = write_export(tmp_path, table("Blue"), "csv", AT)
    assert first.name == f"{file_stem('clients', AT)}.csv" == "console-export-clients-2026-11-20-0900.csv"
    assert second.name == "console-export-clients-2026-11-20-0900-2.csv"
    assert "Acme" in first.read_text() and "Blue" in second.read_text()
    assert {p.name for p in tmp_path.iterdir()} == {first.name, second.name}  # no temporary left


def test_a_missing_directory_is_made(tmp_path: Path) -> None:
    path = write_export(tmp_path / "a" / "b", table("Acme"), "json", AT)
    assert path.parent == tmp_path / "a" / "b" and json.loads(path.read_text())[0]["name"] == "Acme"


def test_a_directory_that_cannot_be_made_raises_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    with pytest.raises(NotADirectoryError):
        write_export(tmp_path / "a-file" / "exports", table("Acme"), "csv", AT)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only directory")
def test_a_read_only_directory_raises_and_leaves_nothing(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            write_export(locked, table("Acme"), "csv", AT)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_a_failure_after_writing_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", refuse)
    with pytest.raises(OSError, match="No space"):
        write_export(tmp_path, table("Acme"), "csv", AT)
    assert list(tmp_path.iterdir()) == []
