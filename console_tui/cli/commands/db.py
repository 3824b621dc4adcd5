"""``console-tui db upgrade|current``: the schema migrations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from console_tui.cli.context import Context, pass_context

if TYPE_CHECKING:  # the roles module is imported when a roles command runs
    from console_tui.data.pgaccess.roles import RoleRow


@click.group()
def db() -> None:
    """Database schema: upgrade to the latest revision, or show the current one."""


@db.command()
@pass_context
def upgrade(context: Context) -> None:
    """Apply every migration the database does not have yet."""
    from console_tui.data import migrate

    applied = migrate.ensure_schema(context.db, upgrade_shared=True)
    click.echo(f"database at revision {migrate.current_revision(context.db)}" + (" (upgraded)" if applied else ""))


@db.command()
@pass_context
def current(context: Context) -> None:
    """Print the database's revision."""
    from console_tui.data import migrate

    revision = migrate.current_revision(context.db)
    try:
        migrate.refuse_unknown(revision)
    except migrate.SchemaTooNew:
        click.echo(f"{revision} (unknown here: made by a newer console-tui)")
        return
    click.echo(revision or "empty (no revision)")


@db.group()
def roles() -> None:
    """PostgreSQL roles: one per agency user, in a group role carrying the grants (per-user mode)."""


_GROUP = click.option("--group", default=None, metavar="NAME",
                      help="The group role carrying the grants (default: <database>_users).")


@roles.command()
@_GROUP
@click.option("--worker", default=None, metavar="NAME", help="The worker's role (default: <database>_worker).")
@pass_context
def sync(context: Context, group: str | None, worker: str | None) -> None:
    """Create or update every agency user's role and regenerate the policies and grants (run as the owner)."""
    from console_tui.data.pgaccess import roles as pg_roles

    rows, group, worker = pg_roles.sync(context.db, group, worker)
    _print_rows(rows, group)
    click.echo(f"group {group}, worker {worker}: policies and grants regenerated from the permission matrix")


@roles.command()
@_GROUP
@pass_context
def show(context: Context, group: str | None) -> None:
    """List every agency user with the state of its database role."""
    from console_tui.data.pgaccess import roles as pg_roles

    rows, group = pg_roles.show(context.db, group)
    _print_rows(rows, group)


def _print_rows(rows: list[RoleRow], group: str) -> None:
    from console_tui.display import safe

    if not rows:
        click.echo("no agency users")
    for row in rows:
        user = "active" if row.active else "deactivated"
        click.echo(f"{safe(row.login)}\t{row.agency_role}\t{user}\trole: {row.state}")
