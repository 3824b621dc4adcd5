"""``console-tui users add|list|role|deactivate|reactivate``: the agency's staff (R-ACC-1)."""

from __future__ import annotations

import json
import sys

import click

from console_tui.cli.context import Context, pass_context
from console_tui.cli.refusals import refusals
from console_tui.domain.roles import Role

ROLE_NAMES = ", ".join(role.value for role in Role)


@click.group()
def users() -> None:
    """Agency users: add one, list them, change one's role, deactivate or reactivate one."""


@users.command("add")
@click.argument("login")
@click.option("--name", "full_name", default="", help="Full name.")
@click.option("--email", default="", help="Email address.")
@click.option("--role", default="", help=f"One of: {ROLE_NAMES} (any case).")
@pass_context
def add_user(context: Context, login: str, full_name: str, email: str, role: str) -> None:
    """Add agency user LOGIN (their OS login name) with one role. Administrators only.

    On a database with no agency users yet, the first one needs no --user and must be an
    Administrator.
    """
    from console_tui.data import migrate
    from console_tui.data.commands.users import add_agency_user

    with refusals():
        migrate.ensure_schema(context.db)
        added = add_agency_user(context.db, context.clock, context.login, new_login=login, full_name=full_name,
                                email=email, role=role, warn_pct=context.settings.capacity_warning_pct)
    note = " (the first user of this console)" if added.bootstrap else ""
    click.echo(f"added agency user {added.login} as {added.role}{note}")
    if added.team_warning:
        click.echo(f"warning: {added.team_warning}", err=True)
    _database_role(context, added.login)


def _database_role(context: Context, login: str) -> None:
    """In per-user mode (PostgreSQL), the user's own database role follows, or the line says what to run."""
    from console_tui.data.pgaccess.roles import keep_in_step
    from console_tui.domain.text import clean_text

    said = keep_in_step(context.db, login)
    if said:
        click.echo(clean_text(said))


@users.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_context
def list_users(context: Context, fmt: str) -> None:
    """Print every agency user: login, name, email, role."""
    from console_tui.data.queries.admin import agency_users
    from console_tui.domain.text import clean_text

    with refusals():
        rows = agency_users(context.db, context.login)
    if fmt == "json":
        json.dump([{"login": clean_text(r.login), "full_name": clean_text(r.full_name), "email": clean_text(r.email),
                    "role": r.role, "active": r.active}
                   for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    width = max([len(r.login) for r in rows] + [5])
    for r in rows:
        state = "" if r.active else "  (inactive)"
        who = f"{clean_text(r.full_name)} <{clean_text(r.email)}>"
        click.echo(f"{clean_text(r.login):<{width}}  {r.role:<17}  {who}{state}")


def _set_active(context: Context, login: str, active: bool) -> None:
    from console_tui.data import migrate
    from console_tui.data.commands.users import set_agency_user_active
    from console_tui.domain.text import clean_text

    with refusals():
        migrate.ensure_schema(context.db)
        stored = set_agency_user_active(context.db, context.clock, context.login, target=login, active=active)
    click.echo(f"{'reactivated' if active else 'deactivated'} agency user {clean_text(stored)}")
    _database_role(context, stored)


@users.command("reactivate")
@click.argument("login")
@pass_context
def reactivate_user(context: Context, login: str) -> None:
    """Reactivate agency user LOGIN: they can open the console again. Administrators only."""
    _set_active(context, login, True)


@users.command("activate", hidden=True)
@click.argument("login")
@pass_context
def activate_user(context: Context, login: str) -> None:
    """The same as reactivate."""
    _set_active(context, login, True)


@users.command("deactivate")
@click.argument("login")
@pass_context
def deactivate_user(context: Context, login: str) -> None:
    """Deactivate agency user LOGIN: they can no longer open the console or run commands; their
    role and client access are kept. Administrators only; the last active Administrator stays."""
    _set_active(context, login, False)


@users.command("role", help=f"Give agency user LOGIN the role ROLE ({ROLE_NAMES}; any case, quote a role "
                            "with spaces). Administrators only; the last active Administrator keeps the role.")
@click.argument("login")
@click.argument("role")
@pass_context
def set_role(context: Context, login: str, role: str) -> None:
    from console_tui.data import migrate
    from console_tui.data.commands.users import set_agency_user_role
    from console_tui.domain.text import clean_text

    with refusals():
        migrate.ensure_schema(context.db)
        changed = set_agency_user_role(context.db, context.clock, context.login, target=login, role=role)
    click.echo(f"agency user {clean_text(changed.login)} is now {changed.after} (was {changed.before})")
