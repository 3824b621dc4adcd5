"""``console-tui db upgrade|current``: the schema migrations."""

from __future__ import annotations

import click

from console_tui.cli_context import Context, pass_context


@click.group()
def db() -> None:
    """Database schema: upgrade to the latest revision, or show the current one."""


@db.command()
@pass_context
def upgrade(context: Context) -> None:
    """Apply every migration the database does not have yet."""
    from console_tui.data import migrate

    applied = migrate.ensure_schema(context.db)
    click.echo(f"database at revision {migrate.current_revision(context.db)}" + (" (upgraded)" if applied else ""))


@db.command()
@pass_context
def current(context: Context) -> None:
    """Print the database's revision."""
    from console_tui.data import migrate

    click.echo(migrate.current_revision(context.db) or "empty (no revision)")
