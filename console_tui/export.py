"""Export a list as CSV or JSON: what every list screen writes with ``ctrl+e``, and what
``console-tui clients list`` and ``console-tui attention`` print.

A list is an :class:`ExportTable`: its name (for the file name), its column names, and its rows in
the order shown, each a mapping from column to value. Values are ``str``, ``int``, ``float``,
``bool``, ``None``, a ``date``/``datetime`` (written ISO 8601) or a list or tuple of those (a CSV
cell joins it with ``;``; JSON keeps it a list). Every text is cleaned as the screens show it
(:func:`console_tui.display.safe`: no escape sequence, control, bidi or zero-width character); a
CSV cell a spreadsheet would read as a formula gets a leading quote
(:func:`console_tui.display.csv_cell`).

:func:`write_export` puts the text in a new file of the export directory — never overwriting one
— by writing a temporary file there and linking it under its final name, so a failure leaves
nothing half-written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Literal

from console_tui.data.views.console import ClientSummary
from console_tui.display import csv_cell, safe

Format = Literal["csv", "json"]
FORMATS: tuple[Format, ...] = ("csv", "json")
Row = Mapping[str, object]

#: The columns of one client as the console shows it (:func:`client_row`).
CLIENT_COLUMNS = (
    "id", "name", "kind", "status", "users", "last_login", "contacts_added_30d", "emails_sent_30d",
    "emails_opened_30d", "open_rate", "sender_status", "utilization", "features",
)


@dataclass(frozen=True)
class ExportTable:
    """A list as shown: ``name`` goes into the file name (``console-export-<name>-…``)."""

    name: str
    columns: tuple[str, ...]
    rows: Sequence[Row]


def client_row(summary: ClientSummary) -> dict[str, object]:
    """One client's console figures (:data:`CLIENT_COLUMNS`), its stored text cleaned."""
    rate = summary.open_rate
    return {
        "id": summary.id,
        "name": safe(summary.name),
        "kind": safe(summary.kind),
        "status": safe(summary.status),
        "users": summary.user_count,
        "last_login": summary.last_login.isoformat() if summary.last_login else None,
        "contacts_added_30d": summary.contacts_added_30d,
        "emails_sent_30d": summary.emails_sent_30d,
        "emails_opened_30d": summary.emails_opened_30d,
        "open_rate": None if rate is None else round(rate, 4),
        "sender_status": safe(summary.sender_status),
        "utilization": summary.utilization_score,
        "features": [safe(name) for name, on in summary.features.items() if on],
    }


def _plain(value: object) -> object:
    """A value as JSON holds it: text cleaned, dates ISO 8601, lists of plain values."""
    if isinstance(value, str):
        return safe(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _cell(value: object) -> object:
    """A value as one CSV cell: a list joined with ``;``, then neutralised against formulas."""
    plain = _plain(value)
    if isinstance(plain, list):
        plain = ";".join("" if item is None else str(item) for item in plain)
    return csv_cell(plain)


def write_csv(out: IO[str], columns: Sequence[str], rows: Sequence[Row]) -> None:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _cell(row.get(column)) for column in columns})


def write_json(out: IO[str], columns: Sequence[str], rows: Sequence[Row]) -> None:
    """A list of objects with ``columns`` as keys, in that order."""
    json.dump([{column: _plain(row.get(column)) for column in columns} for row in rows], out,
              ensure_ascii=False, indent=1)
    out.write("\n")


def export_text(table: ExportTable, fmt: Format) -> str:
    out = io.StringIO(newline="")
    (write_csv if fmt == "csv" else write_json)(out, table.columns, table.rows)
    return out.getvalue()


def file_stem(name: str, at: datetime) -> str:
    """``console-export-clients-2026-11-20-0900``: the list's name and the minute it was written."""
    return f"console-export-{name}-{at:%Y-%m-%d-%H%M}"


def write_export(directory: Path, table: ExportTable, fmt: Format, at: datetime) -> Path:
    """Write ``table`` as a new file in ``directory`` (made if missing) and return its path.

    The name is :func:`file_stem` plus the format's extension; when that file exists, ``-2``,
    ``-3``… is added: no file is ever overwritten. The text goes to a temporary file in the same
    directory first, which is then linked under the new name (``os.link`` refuses an existing
    name), so a failure leaves no partial file. Raises ``OSError`` (the directory cannot be made
    or written).
    """
    text = export_text(table, fmt)
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".console-export-", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        stem = file_stem(table.name, at)
        for attempt in range(1, 1000):
            target = directory / f"{stem}{'' if attempt == 1 else f'-{attempt}'}.{fmt}"
            try:
                os.link(temporary, target)
            except FileExistsError:
                continue
            return target
        raise FileExistsError(f"{stem}.{fmt} and 998 more names are taken")
    finally:
        os.unlink(temporary)
