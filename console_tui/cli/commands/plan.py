"""``console-tui plan show|change``: the agency's plan on the ladder (R-CAP-2, R-CAP-3)."""

from __future__ import annotations

import click

from console_tui.cli.context import Context, fail, pass_context
from console_tui.cli.refusals import REFUSED, refusals


def _meter(label: str, used: int, limit: int, percent: int, unit: str = "") -> str:
    return f"{label:<14}{used:,}{unit} of {limit:,}{unit} ({percent} %)"


@click.group()
def plan() -> None:
    """The agency's plan: show its usage, or change it (Administrators)."""


@plan.command("show")
@pass_context
def show(context: Context) -> None:
    """Print the plan, clients, team members and storage against it, and the ladder."""
    from console_tui.data.queries.admin import plan_usage

    with refusals():
        usage = plan_usage(context.db, context.login, context.settings.capacity_warning_pct)
    u = usage.usage
    click.echo(f"plan          {usage.plan.name} (rank {usage.plan.rank})")
    click.echo(_meter("clients", u.clients.used, u.clients.limit, u.clients.percent) + " counted")
    click.echo(_meter("team members", u.team_members.used, u.team_members.limit, u.team_members.percent))
    click.echo(_meter("storage", u.storage_gb.used, u.storage_gb.limit, u.storage_gb.percent, " GB"))
    if usage.warning:
        click.echo(f"warning: {usage.warning}")
    click.echo("ladder:")
    for row in usage.ladder:
        mark = "*" if row.id == usage.plan.id else " "
        click.echo(f" {mark} {row.rank:>2}  {row.name:<20} {row.max_clients:>7,} clients "
                   f"{row.max_team_members:>5,} team {row.storage_gb:>6,} GB")


@plan.command("change")
@click.argument("plan_name", metavar="RANK|NAME")
@click.option("--dry-run", is_flag=True, help="Show the capacity and the monthly cost before and after; "
                                             "change nothing.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_context
def change(context: Context, plan_name: str, dry_run: bool, yes: bool) -> None:
    """Move the agency to another plan of the ladder; it takes effect at once.

    First shows the what-if: clients, team members and storage against each plan, and the next
    cycle's charges before and after (R-WI-3); with --dry-run that is all it does, after the same
    checks as the change (exit status 1 when the change would be refused)."""
    from console_tui.clock import local_today
    from console_tui.data.commands.plan import change_plan, find_plan
    from console_tui.data.queries.admin import plan_usage
    from console_tui.data.queries.console import acting_user
    from console_tui.data.queries.what_if import plan_what_if
    from console_tui.display import safe
    from console_tui.domain.permissions import Action, require
    from console_tui.domain.roles import Role
    from console_tui.viewmodels.what_if_text import plan_lines

    warn_pct = context.settings.capacity_warning_pct
    with refusals():
        with context.db.read() as session:  # refuse before asking, not after (R-ACC-4)
            require(Role(acting_user(session, context.login).role), Action.CHANGE_PLAN)
        usage = plan_usage(context.db, context.login, warn_pct)
        target = find_plan(usage.ladder, plan_name)
        what_if = plan_what_if(context.db, context.login, local_today(context.clock), target.rank, warn_pct)
    click.echo(f"{safe(usage.plan.name)} → {safe(target.name)}:")
    for line in plan_lines(what_if):
        click.echo(f"  {line}")
    if dry_run:
        with refusals():  # the change's own checks, rolled back
            would = change_plan(context.db, context.clock, context.login, target.rank, dry_run=True)
        click.echo(f"Dry run: the plan would change {'up' if would.upgrade else 'down'} from {safe(would.before)} to "
                   f"{safe(would.after)} ({would.max_clients:,} clients); nothing was changed.")
        return
    if not yes:
        question = (f"Change the plan from {usage.plan.name} ({usage.plan.max_clients:,} clients) to "
                    f"{target.name} ({target.max_clients:,} clients) now?")
        try:
            confirmed = click.confirm(question, default=False)
        except click.Abort:  # no answer (end of input)
            click.echo()
            confirmed = False
        if not confirmed:
            fail("the plan was not changed (answer yes, or pass --yes)", REFUSED)
    with refusals():
        changed = change_plan(context.db, context.clock, context.login, target.rank)
    direction = "up" if changed.upgrade else "down"
    click.echo(f"plan changed {direction} from {changed.before} to {changed.after} "
               f"({changed.max_clients:,} clients)")
