"""``console-tui bulk``: one change to many clients, with its dry run first (R-BULK).

    console-tui bulk --where EXPR ACTION [ARGS] [--dry-run] [--yes] [--all-or-nothing] [--format table|json]
    console-tui bulk undo N [--dry-run] [--yes] [--format table|json]
    console-tui bulk list [--format table|json]

The dry run is always printed first (one row per client and the totals); the change is made only
after a yes (or ``--yes``), and prints its batch number. Bad input (an action, a filter, a batch
number) is one line and exit 2, before anything is read or written.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from console_tui.cli.context import Context, pass_context
from console_tui.display import safe

if TYPE_CHECKING:
    from console_tui.data.commands.bulk import BulkRules
    from console_tui.data.views.bulk import BulkPlan, BulkResult, BulkRow

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)


class _BulkGroup(click.Group):
    """``bulk ACTION …`` runs ``bulk run ACTION …``; ``bulk undo`` and ``bulk list`` are commands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not set(args) & {"--help", "-h"} and not set(args) & set(self.commands):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_BulkGroup)
def bulk() -> None:
    """Change many clients at once, with a dry run first and an undo after (docs/bulk.md).

    \b
    console-tui bulk --where EXPR ACTION [ARGS]   e.g. --where term:annual set-limit 5000
    console-tui bulk undo N                       set batch N's changes back
    console-tui bulk list                         the batches, newest first
    """


def _rules(context: Context) -> BulkRules:
    from console_tui.data.commands.bulk import BulkRules

    settings = context.settings
    return BulkRules(context.clock.tz, settings.ebs_wait_days, settings.capacity_warning_pct)


def _row(row: BulkRow) -> dict[str, Any]:
    return {"id": row.client_id, "name": safe(row.name), "action": str(row.action), "outcome": row.outcome.value,
            "before": row.before, "after": row.after, "reason": safe(row.reason)}


def _print(plan: BulkPlan, rows: Sequence[BulkRow], heading: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("name", min_width=16, overflow="fold")
    table.add_column("change", overflow="fold")
    several = plan.undo_of is not None or plan.words[:1] == ("template",)  # a different change per row
    for row in rows:
        text = f"{row.action}: {row.text}" if several else row.text
        table.add_row(str(row.client_id), Text(safe(row.name)), Text(safe(text)))
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(Text(heading))
    console.print(table)


def _json(plan: BulkPlan, result: BulkResult | None) -> None:
    from console_tui.data.views.bulk import totals

    rows = result.rows if result else plan.rows
    counted = totals(rows)
    click.echo(json.dumps({
        "action": plan.title, "undo_of": plan.undo_of, "dry_run": result is None,
        "batch": result.batch if result else None, "applied": result.applied if result else False,
        "totals": {"change": counted.changes, "no_change": counted.same, "refused": counted.refused,
                   "conflict": counted.conflicts},
        "rows": [_row(row) for row in rows],
    }, indent=2, default=str))


def _go(context: Context, plan: BulkPlan, *, dry_run: bool, yes: bool, all_or_nothing: bool, fmt: str) -> None:
    """Print the dry run, ask, run, print the batch (or why nothing was applied)."""
    from console_tui.cli.refusals import REFUSED
    from console_tui.data.commands.bulk import run
    from console_tui.data.views.bulk import Outcome

    if fmt == "table":
        _print(plan, plan.rows, f"Dry run: {plan.title} — {plan.totals}")
    if dry_run or not plan.totals.changes:
        if fmt == "json":
            _json(plan, None)
        if not dry_run:
            click.echo("Nothing to change.", err=fmt == "json")
        return
    if all_or_nothing and (plan.totals.refused or plan.totals.conflicts):
        if fmt == "json":
            _json(plan, None)
        click.echo(f"console-tui: all or nothing: {plan.totals.refused + plan.totals.conflicts:,} clients would "
                   "be refused, so nothing was changed", err=True)
        sys.exit(REFUSED)
    if not yes and not click.confirm(f"Make {plan.totals.changes:,} changes ({plan.title})?", err=True):
        click.echo("Cancelled: nothing was changed.", err=True)
        sys.exit(REFUSED)
    result = run(context.db, context.clock, context.login, plan, _rules(context), all_or_nothing=all_or_nothing)
    if fmt == "json":
        _json(plan, result)
    else:
        odd = [row for row in result.rows if row.outcome is Outcome.CONFLICT]
        if odd:
            _print(plan, odd, "Changed since the dry run, left alone:")
    if not result.applied:
        click.echo(f"console-tui: nothing was changed: {result.totals}", err=True)
        sys.exit(REFUSED)
    click.echo(f"batch {result.batch}: {result.totals.changes:,} changed, {result.totals.refused:,} refused, "
               f"{result.totals.conflicts:,} conflicts (undo: console-tui bulk undo {result.batch})",
               err=fmt == "json")


@bulk.command("run", context_settings={"ignore_unknown_options": True})  # so "-1" reaches the rule
@click.option("--where", "where", metavar="EXPR", required=True,
              help="The clients to change: the filter language of `clients list --where` (docs/filters.md).")
@click.argument("words", nargs=-1, required=True, metavar="ACTION [ARGS]")
@click.option("--dry-run", is_flag=True, help="Print what would change, and change nothing.")
@click.option("--yes", is_flag=True, help="Do not ask before changing.")
@click.option("--all-or-nothing", "all_or_nothing", is_flag=True,
              help="Change every client or, if one is refused, none.")
@FORMAT
@pass_context
def run_bulk(context: Context, where: str, words: tuple[str, ...], dry_run: bool, yes: bool, all_or_nothing: bool,
             fmt: str) -> None:
    """Make ACTION to every client --where selects: set-limit N|none, direct-support on|off, ebs on|off,
    grant LOGIN, revoke LOGIN, status NAME, term monthly|annual, rebrand lock|unlock,
    allowance SERVICE N|none; or template NAME, a client template's parts (each client gets all of
    them or none).

    Exit status: 0 done (refused clients are listed), or a dry run; 1 nothing changed (cancelled, or
    all or nothing with a refusal); 2 bad input.
    """
    from console_tui.cli.commands.clients import _where
    from console_tui.clock import local_today
    from console_tui.data.commands.bulk import plan_for_words
    from console_tui.data.queries.bulk import select_clients
    from console_tui.domain.bulk import parse_action, template_name_in

    if template_name_in(words) is None:
        parse_action(words)  # bad words are refused before anything is read
    parsed = _where(where)
    clients = select_clients(context.db, context.login, parsed, local_today(context.clock), context.clock.tz,
                             pre_renewal_days=context.settings.pre_renewal_days)
    plan = plan_for_words(context.db, context.clock, context.login, clients, words, _rules(context))
    _go(context, plan, dry_run=dry_run, yes=yes, all_or_nothing=all_or_nothing, fmt=fmt)


@bulk.command("undo")
@click.argument("batch", type=click.IntRange(min=1), metavar="N")
@click.option("--dry-run", is_flag=True, help="Print what would be set back, and change nothing.")
@click.option("--yes", is_flag=True, help="Do not ask before changing.")
@FORMAT
@pass_context
def undo(context: Context, batch: int, dry_run: bool, yes: bool, fmt: str) -> None:
    """Set back batch N's changes where the client still has what N set; the others are conflicts,
    left alone. The undo is itself a batch. Exit status: 0 done; 1 cancelled; 2 no such batch."""
    from console_tui.data.commands.bulk import undo_plan

    plan = undo_plan(context.db, context.clock, context.login, batch, _rules(context))
    _go(context, plan, dry_run=dry_run, yes=yes, all_or_nothing=False, fmt=fmt)


@bulk.command("list")
@FORMAT
@pass_context
def list_batches(context: Context, fmt: str) -> None:
    """The batches, newest first: number, when, who, the action, how many it changed, undo links."""
    from console_tui.data.queries.bulk import batches

    found = batches(context.db, context.login)
    if fmt == "json":
        click.echo(json.dumps([
            {"batch": b.number, "at": b.at.isoformat(), "actor": safe(b.actor), "action": safe(" ".join(b.words)),
             "all_or_nothing": b.all_or_nothing, "changes": b.changes, "undo_of": b.undo_of,
             "undone_by": list(b.undone_by)} for b in found], indent=2))
        return
    if not found:
        click.echo("No batches yet.")
    for b in found:
        notes = ([f"undoes {b.undo_of}"] if b.undo_of else []) + [f"undone by {n}" for n in b.undone_by]
        notes += ["all or nothing"] if b.all_or_nothing else []
        when = b.at.astimezone(context.clock.tz).strftime("%Y-%m-%d %H:%M")
        click.echo(f"{b.number:>5}  {when}  {safe(b.actor):<12} {safe(' '.join(b.words)):<32} "
                   f"{b.changes:>6,} changed{'  (' + ', '.join(notes) + ')' if notes else ''}")
