"""``console-tui briefing [--since DATE] [--format table|json]``: what changed for your clients (R-HIST-4).

The same briefing as the console's morning panel, for a morning e-mail from cron: sender status
changes, the biggest drops and rises in opens and sends (30-day figures), utilization level changes,
clients added and removed, email limits reached and pre-renewal windows opened, between the latest
history day and the day before it (or the latest day on or before ``--since``).
Exit status: 0 printed; 2 a bad date or an unknown user.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from console_tui.cli.context import Context, fail, pass_context
from console_tui.cli.options import day_option


@click.command()
@click.option("--since", callback=day_option, metavar="YYYY-MM-DD",
              help="Compare with this day (the latest history day on or before it) instead of the day before.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_context
def briefing(context: Context, since: date | None, fmt: str) -> None:
    """Print what changed for your clients since yesterday (or since --since)."""
    from console_tui.briefing import briefing_json, briefing_lines
    from console_tui.cli.refusals import refusals
    from console_tui.clock import local_today
    from console_tui.data import migrate
    from console_tui.data.queries.console import UnknownUser
    from console_tui.data.queries.history import briefing as read_briefing

    if since is not None and since >= local_today(context.clock):
        fail(f"--since {since} is not in the past; give a day before today")
    try:
        with refusals():
            migrate.ensure_schema(context.db)
            found = read_briefing(context.db, context.login, since=since,
                                  window_days=context.settings.pre_renewal_days)
    except UnknownUser as error:
        fail(str(error))
    if fmt == "json":
        json.dump(briefing_json(found), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        click.echo("\n".join(briefing_lines(found)))
