"""``console-tui statuses list|add|rename|retire``: the agency's custom client statuses (R-CAP-1, R-CAP-4).

Whether a status counts toward the plan is chosen when it is added (``--counts``/``--no-counts``,
no default: a status that silently counts is what R-CAP-1's decision guards against). Retiring a
status some client still has is refused, naming how many.
"""

from __future__ import annotations

import click

from console_tui.cli.context import Context, pass_context
from console_tui.cli.refusals import refusals
from console_tui.display import safe


def _counts(counts: bool) -> str:
    return "counts toward the plan" if counts else "does not count toward the plan"


@click.group()
def statuses() -> None:
    """Client statuses: list them; add, rename and retire custom ones (Administrators)."""


@statuses.command("list")
@pass_context
def list_statuses(context: Context) -> None:
    """Every status: whether it counts toward the plan, built-in or custom, and how many clients have it."""
    from console_tui.data.queries.statuses import client_statuses

    with refusals():
        rows = client_statuses(context.db, context.login)
    width = max((len(safe(row.name)) for row in rows), default=4)
    click.echo(f"{'STATUS':<{width}}  {'COUNTS':<6}  {'KIND':<8}  CLIENTS")
    for row in rows:
        kind = "built-in" if row.builtin else "retired" if row.retired_at else "custom"
        removed = f" (+{row.removed:,} removed)" if row.removed else ""
        counts = "yes" if row.counts else "no"
        click.echo(f"{safe(row.name):<{width}}  {counts:<6}  {kind:<8}  {row.clients:,}{removed}")


@statuses.command("add")
@click.argument("name")
@click.option("--counts/--no-counts", default=None,
              help="Whether a client with this status counts toward the plan (required).")
@pass_context
def add(context: Context, name: str, counts: bool | None) -> None:
    """Add the custom status NAME; say whether it counts toward the plan. A retired name comes back."""
    from console_tui.data.commands.statuses import add_status

    if counts is None:
        raise click.UsageError("say whether clients with this status count toward the plan: --counts or --no-counts")
    with refusals():
        added = add_status(context.db, context.clock, context.login, name, counts=counts)
    done = "brought back the retired status" if added.restored else "added status"
    click.echo(f"{done} {safe(added.name)}: {_counts(added.counts)}")


@statuses.command("rename")
@click.argument("old")
@click.argument("new")
@pass_context
def rename(context: Context, old: str, new: str) -> None:
    """Rename the custom status OLD to NEW; its clients keep it."""
    from console_tui.data.commands.statuses import rename_status

    with refusals():
        renamed = rename_status(context.db, context.clock, context.login, old, new)
    click.echo(f"renamed status {safe(old.strip())} to {safe(renamed.name)}")


@statuses.command("retire")
@click.argument("name")
@pass_context
def retire(context: Context, name: str) -> None:
    """Retire the custom status NAME: no longer offered. Refused while any client has it."""
    from console_tui.data.commands.statuses import retire_status

    with refusals():
        retired = retire_status(context.db, context.clock, context.login, name)
    click.echo(f"retired status {safe(retired.name)}")
