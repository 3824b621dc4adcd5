"""The bad-input catalogue at the non-screen entry points: config file, command-line
arguments and ingest. Each ends with a clear message, nothing lost, and no crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from console_tui.cli.main import main
from console_tui.config import PARSERS, SettingsError, load_settings
from console_tui.data.engine import Database
from console_tui.data.ingest.load import ingest_file
from console_tui.data.schema import AuditEntry, Client, Event
from tests.factories import agency_with_a_client, make_client
from tests.reliability.catalogue import BAD_DATABASE_URLS, HOSTILE, no_escapes

IDS = [label for label, _ in HOSTILE]


@pytest.mark.parametrize("name", sorted(set(PARSERS) - {"user"}))
@pytest.mark.parametrize(("label", "value"), HOSTILE, ids=IDS)
def test_config_file_refuses_or_accepts_cleanly(tmp_path: Path, name: str, label: str, value: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"{name} = {json.dumps(value, ensure_ascii=False)}\n", encoding="utf-8")
    try:
        load_settings({}, environ={}, path=path)
    except SettingsError as error:
        assert name in str(error) and "config file" in str(error)


@pytest.fixture
def seeded(sqlite_db: Database) -> Database:
    return agency_with_a_client(sqlite_db)


def totals(db: Database) -> tuple[int, int, int]:
    with db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(table)) for table in (Client, AuditEntry, Event))


def run(db: Database, *args: str):
    return CliRunner().invoke(main, ["--db", db.url, "--user", "boss", *args])


@pytest.mark.parametrize(("label", "value"), HOSTILE, ids=IDS)
def test_limits_set_with_bad_value_changes_nothing_or_is_a_whole_number(seeded: Database, label: str,
                                                                       value: str) -> None:
    before = totals(seeded)
    result = run(seeded, "limits", "set", "1", value)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and no_escapes(result.output)
    if result.exit_code != 0:
        assert totals(seeded) == before
        assert "limit" in result.output.lower()


@pytest.mark.parametrize(("label", "value"), HOSTILE, ids=IDS)
def test_clients_add_with_bad_company_name(seeded: Database, label: str, value: str) -> None:
    before = totals(seeded)
    result = run(seeded, "clients", "add", "--name", "Ada Lovelace", "--email", "ada@example.com",
                 "--company", value, "--street", "1 Main St", "--city", "Springfield", "--state", "IL",
                 "--postal-code", "62701", "--country", "US", "--phone", "+1 217 555 0100")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and no_escapes(result.output)
    if result.exit_code == 0:
        with seeded.read() as session:
            names = session.scalars(select(Client.name)).all()
        assert all(no_escapes(name) for name in names)
    else:
        assert totals(seeded) == before and "Company" in result.output


@pytest.mark.parametrize(("label", "value"), HOSTILE, ids=IDS)
def test_global_flags_refuse_bad_values_in_one_line(tmp_path: Path, label: str, value: str) -> None:
    for flag in ("--db", "--log-level", "--nightly-time"):
        result = CliRunner().invoke(main, [flag, value, "db", "current"])
        if result.exit_code != 0:
            assert result.exit_code == 2 and "Traceback" not in result.output
            assert result.output.count("\n") <= 3


@pytest.mark.parametrize("value", ["2026-02-30", "tomorrow", "NaN", "", "9999-99-99", "\x1b[2J"])
def test_refresh_since_refuses_impossible_dates(seeded: Database, value: str) -> None:
    result = run(seeded, "refresh", "--since", value)
    assert result.exit_code == 2 and "Traceback" not in result.output and "date" in result.output


def test_ingest_takes_hostile_text_literally_and_rejects_bad_numbers(seeded: Database, tmp_path: Path) -> None:
    lines = []
    for n, (_label, value) in enumerate(HOSTILE):
        lines.append({"id": f"t{n}", "client_id": 1, "type": "content_created",
                      "occurred_at": "2026-11-19T10:00:00+00:00", "title": value})
        lines.append({"id": f"q{n}", "client_id": 1, "type": "email_sent",
                      "occurred_at": "2026-11-19T10:00:00+00:00", "quantity": value})
        lines.append({"id": f"d{n}", "client_id": 1, "type": "email_sent", "occurred_at": value})
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    summary = ingest_file(seeded, path, rejects=tmp_path / "rejects.jsonl")
    assert summary.read == len(lines) == summary.inserted + summary.duplicates + summary.rejected
    assert summary.rejected >= 2 * len(HOSTILE) - 1  # every quantity and date here is bad
    with seeded.read() as session:
        titles = session.scalars(select(Event.title).where(Event.type == "content_created")).all()
    assert all(title is None or no_escapes(title) for title in titles)
    assert "[@click=app.quit]x[/]" in titles
    rejected = (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rejected) == summary.rejected and all("_reject_reason" in json.loads(row) for row in rejected)


@pytest.mark.parametrize(("label", "url", "code"), BAD_DATABASE_URLS, ids=[c[0] for c in BAD_DATABASE_URLS])
@pytest.mark.parametrize("entry", ["flag", "environment", "config file"])
def test_unusable_databases_are_one_line_from_every_entry_point(tmp_path: Path, label: str, url: str, code: int,
                                                                entry: str) -> None:
    (tmp_path / "junk.db").write_bytes(b"\x00\x01 not a database " * 300)
    url = url.format(tmp=tmp_path)
    config = tmp_path / "config.toml"
    config.write_text(f"database_url = {json.dumps(url)}\n" if entry == "config file" else "", encoding="utf-8")
    args = ["--db", url] if entry == "flag" else []
    env = {"CONSOLE_TUI_CONFIG": str(config), "CONSOLE_TUI_DATABASE_URL": url if entry == "environment" else None}
    result = CliRunner().invoke(main, [*args, "--user", "boss", "clients", "list"], env=env)
    assert result.exit_code == code, result.output
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1 and result.stderr.startswith("console-tui: ")
    assert "secretpw" not in result.stderr and not (tmp_path / "no").exists()


def test_ingest_cli_skips_blank_lines_and_refuses_future_events_in_one_line_each(seeded: Database,
                                                                                tmp_path: Path) -> None:
    """Two entry-point cases of the ingest file: blank lines are no records; a future date is a reject."""
    with seeded.read() as session:
        client_id = session.scalar(select(Client.id))
    good = {"id": "ok", "client_id": client_id, "type": "email_sent", "occurred_at": "2026-11-19T10:00:00+00:00"}
    ahead = {**good, "id": "ahead", "occurred_at": "2999-01-01T00:00:00Z"}
    path = tmp_path / "events.jsonl"
    path.write_text("\n \n\t\n" + json.dumps(good) + "\n\n" + json.dumps(ahead) + "\n" + "\n" * 5_000)
    rejects = tmp_path / "rejects.jsonl"
    result = run(seeded, "ingest", str(path), "--rejects", str(rejects))
    assert result.exit_code == 1 and "Traceback" not in result.output
    told = result.stderr.splitlines()
    assert len(told) == 1 and told[0].startswith(f"{path}:6: in the future: '2999-01-01T00:00:00Z' is later than ")
    assert "read 2, inserted 1, duplicates 0, rejected 1" in result.stdout
    assert "skipped 5,004 blank lines" in result.stdout
    assert [json.loads(row)["_line"] for row in rejects.read_text().splitlines()] == [6]


def test_clients_list_prints_every_catalogue_name_cleaned_in_every_format(seeded: Database) -> None:
    import csv
    import io

    from console_tui.domain.text import clean_text

    with seeded.write() as session:
        for label, value in HOSTILE:
            make_client(session, value[:200] or label)
    shown = {clean_text(value[:200] or label) for label, value in HOSTILE} | {"Bloom Florists"}
    for fmt in ("table", "json", "csv"):
        result = run(seeded, "clients", "list", "--format", fmt)
        assert result.exit_code == 0 and no_escapes(result.output), fmt
        assert "\x9d" not in result.output and "\u202e" not in result.output and "\x7f" not in result.output, fmt
    names = {row["name"] for row in json.loads(run(seeded, "clients", "list", "--format", "json").stdout)}
    assert names == shown
    listed = run(seeded, "clients", "list", "--format", "csv").stdout
    cells = {row["name"] for row in csv.DictReader(io.StringIO(listed))}
    assert cells == {"'" + name if name.lstrip()[:1] in set("=+-@") else name for name in shown}
