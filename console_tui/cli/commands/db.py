"""``console-tui db upgrade|current``: the schema migrations."""

from __future__ import annotations

import click

from console_tui.cli.context import Context, pass_context


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
