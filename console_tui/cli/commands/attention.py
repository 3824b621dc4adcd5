"""``console-tui attention``: every client that needs someone, with its reasons, most urgent first.

The same queue as the console's ``!`` (R-ATT-1, R-ATT-2). ``--where`` keeps the clients a filter
holds for (docs/filters.md); the agency's own row (the plan) is shown only without one. Formats:
``table``; ``json`` (rows of ``id``, ``name``, ``severity``, ``since``, ``reasons``: a list of
``{code, text, severity, since, fix}``; the agency row's ``id`` is null); ``csv`` (one line per
reason). Stored text is cleaned as the screen shows it; CSV cells that would start a formula get
a leading quote (:func:`console_tui.export.write_csv`).

Snoozes (R-ATT-3) are the acting user's own: ``--snoozed`` lists those still running (same
formats); ``attention snooze CLIENT_ID CODE [--until DAY] [--note TEXT]`` hides one reason until a day
(``YYYY-MM-DD`` or ``+N``; 7 days when not given), ``attention unsnooze CLIENT_ID CODE`` brings it
back; ``agency`` as CLIENT_ID is the agency row. ``attention`` itself is a group that, without a
sub-command, prints the queue as before.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from console_tui.cli.commands.clients import _print_where_help, _where
from console_tui.cli.context import Context, fail, pass_context
from console_tui.cli.refusals import refusals
from console_tui.display import safe
from console_tui.domain.attention import AttentionRow, Reason
from console_tui.domain.snooze import Snooze
from console_tui.export import write_csv

CSV_COLUMNS = ("id", "name", "severity", "code", "reason", "reason_severity", "since")
SNOOZE_COLUMNS = ("id", "name", "code", "severity", "until", "note", "snoozed_at")


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


@click.group("attention", invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--where", "where", metavar="EXPR", default=None,
              help="Only the clients the filter holds for, e.g. --where 'manager:me'.")
@click.option("--where-help", is_flag=True, expose_value=False, is_eager=True, callback=_print_where_help,
              help="List the filter's fields with an example each, and exit.")
@click.option("--snoozed", is_flag=True, help="List your snoozes still running instead of the queue.")
@click.pass_context
def attention(ctx: click.Context, fmt: str, where: str | None, snoozed: bool) -> None:
    """Print every client that needs someone, with its reasons, most urgent first.

    Your snoozed reasons are left out until their day, or until they get worse (--snoozed lists
    them; the snooze and unsnooze sub-commands change them). --where keeps the clients a filter
    holds for (docs/filters.md; --where-help lists the fields); the agency's own row is shown only
    without it. Exit status: 0 listed; 2 a bad filter or an unknown user.
    """
    if ctx.invoked_subcommand is not None:
        return
    context = ctx.find_object(Context)
    assert context is not None
    if snoozed:
        _print_snoozes(context, fmt)
    else:
        _print_queue(context, fmt, where)


def _print_queue(context: Context, fmt: str, where: str | None) -> None:
    from console_tui.clock import local_today
    from console_tui.data.queries.attention import attention_inputs_in, thresholds
    from console_tui.data.queries.console import UnknownUser, acting_user
    from console_tui.domain.attention import attention_queue
    from console_tui.domain.filters import compile_filter
    from console_tui.domain.snooze import apply_snoozes

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
    rows = [_row(row) for row in apply_snoozes(attention_queue(clients, today, t, agency), inputs.snoozes, today)]
    if fmt == "json":
        _print_json(rows)
    elif fmt == "csv":
        write_csv(sys.stdout, CSV_COLUMNS, [
            {"id": row["id"], "name": row["name"], "severity": row["severity"], "code": reason["code"],
             "reason": reason["text"], "reason_severity": reason["severity"], "since": reason["since"]}
            for row in rows for reason in row["reasons"]])
    else:
        _print_table(rows)


def _snooze(snooze: Snooze) -> dict[str, Any]:
    return {"id": snooze.client_id, "name": safe(snooze.name), "code": snooze.code,
            "severity": snooze.severity.word, "until": snooze.until.isoformat(), "note": safe(snooze.note),
            "snoozed_at": snooze.created_at.isoformat() if snooze.created_at else None}


def _print_snoozes(context: Context, fmt: str) -> None:
    from console_tui.clock import local_today
    from console_tui.data.queries.attention import user_snoozes

    with refusals():
        rows = [_snooze(s) for s in user_snoozes(context.db, context.login, local_today(context.clock))]
    if fmt == "json":
        _print_json(rows)
    elif fmt == "csv":
        write_csv(sys.stdout, SNOOZE_COLUMNS, rows)
    elif not rows:
        click.echo("No snoozes.")
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(box=None, pad_edge=False)
        for column in ("until", "id", "name", "code", "severity", "note"):
            table.add_column(column, no_wrap=column not in ("name", "note"), overflow="fold",
                             justify="right" if column == "id" else "left")
        for row in rows:
            table.add_row(row["until"], "agency" if row["id"] is None else str(row["id"]), Text(row["name"]),
                          row["code"], row["severity"], Text(row["note"]))
        Console(width=None if sys.stdout.isatty() else 160).print(table)


def _print_json(rows: Sequence[dict[str, Any]]) -> None:
    json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _client_id(_ctx: click.Context, _param: click.Parameter, value: str) -> int | None:
    """CLIENT_ID as a client's id, or ``agency`` for the agency row (a click callback)."""
    if value.strip().lower() == "agency":
        return None
    if not value.strip().isdigit():
        raise click.BadParameter(f"{value!r} is not a client id (a whole number) nor 'agency'")
    return int(value)


@attention.command("snooze")
@click.argument("client_id", metavar="CLIENT_ID", callback=_client_id)
@click.argument("code")
@click.option("--until", "until", metavar="DAY", default="", help="YYYY-MM-DD or +N days (default: +7).")
@click.option("--note", "note", metavar="TEXT", default="", help="Why, for when it comes back.")
@pass_context
def snooze(context: Context, client_id: int | None, code: str, until: str, note: str) -> None:
    """Hide the reason CODE of CLIENT_ID ('agency': the agency row) from your queue until DAY.

    It comes back on DAY, or as soon as it gets worse. Exit status: 0 snoozed; 1 refused (a client
    you may not access, or no such reason today); 2 a bad day or note.
    """
    from console_tui.clock import local_today
    from console_tui.data.commands.attention import snooze_reason
    from console_tui.data.queries.attention import thresholds
    from console_tui.domain.snooze import parse_until

    with refusals():
        day = parse_until(until, local_today(context.clock))
        done = snooze_reason(context.db, context.clock, context.login, client_id, code, until=day, note=note,
                             thresholds=thresholds(context.settings))
    click.echo(f"snoozed {done.code} of {safe(done.name) or 'the agency'} until {done.until.isoformat()}")


@attention.command("unsnooze")
@click.argument("client_id", metavar="CLIENT_ID", callback=_client_id)
@click.argument("code")
@pass_context
def unsnooze(context: Context, client_id: int | None, code: str) -> None:
    """Bring back your snoozed reason CODE of CLIENT_ID ('agency': the agency row) now."""
    from console_tui.data.commands.attention import unsnooze_reason

    with refusals():
        unsnooze_reason(context.db, context.clock, context.login, client_id, code)
    click.echo(f"unsnoozed {code} of {'the agency' if client_id is None else f'client {client_id}'}")
