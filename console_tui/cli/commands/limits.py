"""``console-tui limits set CLIENT_ID VALUE``: a client's email limit per billing cycle (R-EL-1);
``console-tui limits schedule CLIENT_ID RECIPIENTS --on DAY``: a send counted against it (R-EL-2)."""

from __future__ import annotations

from datetime import date, datetime, time

import click

from console_tui.cli.context import Context, pass_context
from console_tui.cli.options import day_option
from console_tui.cli.refusals import refusals

UNLIMITED_WORDS = ("", "none", "unlimited")


def _shown(limit: int | None) -> str:
    return "unlimited" if limit is None else f"{limit:,} emails a billing cycle"


@click.group()
def limits() -> None:
    """Email limits per billing cycle (Administrators)."""


@limits.command("set", context_settings={"ignore_unknown_options": True})  # so "-1" reaches the rule
@click.argument("client_id", type=int)
@click.argument("value")
@click.option("--dry-run", is_flag=True, help="Show what the limit would block this cycle; save nothing.")
@pass_context
def set_limit(context: Context, client_id: int, value: str, dry_run: bool) -> None:
    """Set CLIENT_ID's email limit to VALUE: a whole number, or "none" (or "") for unlimited.

    First shows the cycle so far: emails sent, each scheduled job (day and size) and which of them
    the new limit would block (R-WI-1); with --dry-run that is all it does."""
    from console_tui.clock import local_today
    from console_tui.data.commands.limits import set_email_limits
    from console_tui.data.migrate import guard_writes
    from console_tui.data.queries.what_if import limits_what_if
    from console_tui.domain.limits import parse_limits
    from console_tui.domain.text import clean_text
    from console_tui.domain.what_if import limit_outlook
    from console_tui.viewmodels.what_if_text import limit_lines

    text = "" if value.strip().lower() in UNLIMITED_WORDS else value
    with refusals():
        if not dry_run:  # a database this package cannot write says so before the preview is read
            guard_writes(context.db)
        now = limits_what_if(context.db, context.login, {client_id: None}, local_today(context.clock),
                             context.clock.tz)
        name = now.names[client_id]
        new = parse_limits({client_id: text}, names={client_id: f"{name} (#{client_id})"})[client_id]
        cycle = now.outlooks[client_id]
        outlook = limit_outlook(client_id, new, cycle.sent, [send for send, _goes in cycle.jobs])
        saved = now.saved[client_id]
        for line in limit_lines(name, saved, outlook)[1:]:
            click.echo(line.strip())
        if dry_run:
            click.echo(f"Dry run: client {client_id} ({clean_text(name)}) would go from {_shown(saved)} to "
                       f"{_shown(new)}; nothing was saved.")
            return
        saved_limits = set_email_limits(context.db, context.clock, context.login, {client_id: text})
    change = saved_limits.changes[0]
    click.echo(f"client {client_id} ({clean_text(change.name)}): email limit {_shown(change.after)} "
               f"(was {_shown(change.before)})")


@limits.command("schedule")
@click.argument("client_id", type=int)
@click.argument("recipients", type=int)
@click.option("--on", "day", required=True, callback=day_option, metavar="YYYY-MM-DD", help="The day it is sent.")
@click.option("--at", "at", default="09:00", show_default=True, metavar="HH:MM", help="The time it is sent.")
@click.option("--name", default="Scheduled send", show_default=True, help="What the send is called.")
@pass_context
def schedule(context: Context, client_id: int, recipients: int, day: date, at: str, name: str) -> None:
    """Schedule a send of RECIPIENTS emails for CLIENT_ID, if its limit allows it: usage is the
    cycle's emails sent plus its scheduled jobs (R-EL-2). Anyone who may access the client."""
    from console_tui.data.commands.limits import schedule_email_job
    from console_tui.domain.text import clean_text

    try:
        when = datetime.combine(day, time.fromisoformat(at), tzinfo=context.clock.tz)
    except ValueError:
        raise click.BadParameter(f"{at!r} is not a time such as 09:00", param_hint="--at") from None
    with refusals():
        job = schedule_email_job(context.db, context.clock, context.login, client_id, name=name,
                                 recipients=recipients, scheduled_for=when)
    left = "" if job.remaining is None else f"; {job.remaining:,} left"
    limit = "no limit" if job.limit is None else f"limit {job.limit:,}"
    click.echo(f"job {job.job_id} ({clean_text(name).strip()}) scheduled for "
               f"{when:%Y-%m-%d %H:%M}: {recipients:,} emails; cycle {job.cycle} uses {job.used:,} ({limit}{left})")
