"""``console-tui refresh`` (the nightly rollup by hand) and ``console-tui worker`` (headless)."""

from __future__ import annotations

from datetime import date

import click

from console_tui.cli.context import Context, fail, pass_context
from console_tui.cli.options import day_option
from console_tui.cli.progress import Progress
from console_tui.cli.refusals import refusals


@click.command()
@click.option("--since", callback=day_option, metavar="YYYY-MM-DD", help="Also recompute every day from this date.")
@pass_context
def refresh(context: Context, since: date | None) -> None:
    """Run the nightly rollup now: roll up new events and refresh every figure. Administrators only."""
    from console_tui.clock import local_today
    from console_tui.data import migrate
    from console_tui.data.commands.system import authorize, record
    from console_tui.domain.permissions import Action
    from console_tui.jobs.nightly import refresh as run_refresh

    if since is not None and since >= local_today(context.clock):
        fail(f"--since {since} is not in the past; give a day before today")
    with refusals():  # failures and Ctrl+C anywhere: the CLI boundary's one line (cli/boundary.py)
        migrate.ensure_schema(context.db)
        authorize(context.db, context.login, Action.RUN_ROLLUP)
    with Progress() as progress:
        outcome = run_refresh(context.db, context.clock, since=since, progress=progress,
                              history_days=context.settings.history_days)
    result = outcome.result
    assert result is not None  # a refresh that found another writer raised RunnerBusy
    with refusals():
        record(context.db, context.clock, context.login, Action.RUN_ROLLUP, after={
            "since": since.isoformat() if since else None, "events": result.events, "days": len(result.days),
            "clients": result.clients, "status_changes": result.status_changes})
    click.echo(f"rolled up {result.events} new events over {len(result.days)} days; "
               f"{result.clients} clients refreshed, {result.status_changes} sender-status changes, "
               f"EBS turned back on for {result.ebs_reenabled}; figures as of {result.as_of:%Y-%m-%d %H:%M} UTC")


@click.command()
@pass_context
def worker(context: Context) -> None:
    """Run the nightly job headless (for a shared PostgreSQL deployment): one per database is enough."""
    from console_tui.jobs.scheduler import blocking_scheduler
    from console_tui.logs import setup_logging

    path = setup_logging(context.settings.log_level, to_stderr=True)
    click.echo(f"console-tui worker: nightly at {context.settings.nightly_time:%H:%M}; logging to {path}", err=True)
    scheduler = blocking_scheduler(context.db, context.clock, context.settings)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)
