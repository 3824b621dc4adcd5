"""``console-tui attention``: every client that needs someone, with its reasons, most urgent first.

The same queue as the console's ``!`` (R-ATT-1, R-ATT-2). ``--where`` keeps the clients a filter
holds for (docs/filters.md); the agency's own row (the plan) is shown only without one. Formats:
``table``; ``json`` (rows of ``id``, ``name``, ``severity``, ``since``, ``reasons``: a list of
``{code, text, severity, since, fix}``; the agency row's ``id`` is null); ``csv`` (one line per
reason). Stored text is cleaned as the screen shows it; CSV cells that would start a formula get
a leading quote (:func:`console_tui.export.write_csv`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from console_tui.cli.commands.clients import _print_where_help, _where
from console_tui.cli.context import Context, fail, pass_context
from console_tui.display import safe
from console_tui.domain.attention import AttentionRow, Reason
from console_tui.export import write_csv

CSV_COLUMNS = ("id", "name", "severity", "code", "reason", "reason_severity", "since")


def _reason(reason: Reason) -> dict[str, Any]:
    return {"code": reason.code, "text": safe(reason.text), "severity": reason.severity.word,
            "since": reason.since.isoformat() if reason.since else None, "fix": reason.fix}


def _row(row: AttentionRow) -> dict[str, Any]:
    return {"id": row.id, "name": safe(row.name), "severity": row.severity.word,
            "since": row.since.isoformat() if row.since else None, "reasons": [_reason(r) for r in row.reasons]}


def _print_table(rows: Sequence[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    for column in ("severity", "id", "name", "since", "reasons"):
        table.add_column(column, no_wrap=column not in ("name", "reasons"), overflow="fold",
                         justify="right" if column == "id" else "left")
    for row in rows:
        table.add_row(row["severity"], "" if row["id"] is None else str(row["id"]), Text(row["name"]),
                      row["since"] or "", Text("; ".join(r["text"] for r in row["reasons"])))
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@click.command("attention")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--where", "where", metavar="EXPR", default=None,
              help="Only the clients the filter holds for, e.g. --where 'manager:me'.")
@click.option("--where-help", is_flag=True, expose_value=False, is_eager=True, callback=_print_where_help,
              help="List the filter's fields with an example each, and exit.")
@pass_context
def attention(context: Context, fmt: str, where: str | None) -> None:
    """Print every client that needs someone, with its reasons, most urgent first.

    --where keeps the clients a filter holds for (docs/filters.md; --where-help lists the fields);
    the agency's own row is shown only without it. Exit status: 0 listed; 2 a bad filter or an
    unknown user.
    """
    from console_tui.clock import local_today
    from console_tui.data.queries.attention import attention_inputs_in, thresholds
    from console_tui.data.queries.console import UnknownUser, acting_user
    from console_tui.domain.attention import attention_queue
    from console_tui.domain.filters import compile_filter

    parsed = _where(where)
    t = thresholds(context.settings)
    today = local_today(context.clock)
    try:
        with context.db.read() as session:
            user = acting_user(session, context.login)
            inputs = attention_inputs_in(session, user, today, context.clock.tz, t)
    except UnknownUser as error:
        fail(str(error))
    clients, agency = inputs.clients, inputs.agency
    if parsed is not None:
        keep = compile_filter(parsed, me=user.login)
        clients, agency = tuple(c for c in clients if keep(c.facts)), None
    rows = [_row(row) for row in attention_queue(clients, today, t, agency)]
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "csv":
        write_csv(sys.stdout, CSV_COLUMNS, [
            {"id": row["id"], "name": row["name"], "severity": row["severity"], "code": reason["code"],
             "reason": reason["text"], "reason_severity": reason["severity"], "since": reason["since"]}
            for row in rows for reason in row["reasons"]])
    else:
        _print_table(rows)
