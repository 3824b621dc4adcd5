"""``console-tui limits set CLIENT_ID VALUE``: a client's email limit per billing cycle (R-EL-1)."""

from __future__ import annotations

import click

from console_tui.cli.context import Context, pass_context
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
@pass_context
def set_limit(context: Context, client_id: int, value: str) -> None:
    """Set CLIENT_ID's email limit to VALUE: a whole number, or "none" (or "") for unlimited."""
    from console_tui.data.commands.limits import set_email_limits
    from console_tui.domain.text import clean_text

    text = "" if value.strip().lower() in UNLIMITED_WORDS else value
    with refusals():
        saved = set_email_limits(context.db, context.clock, context.login, {client_id: text})
    change = saved.changes[0]
    click.echo(f"client {client_id} ({clean_text(change.name)}): email limit {_shown(change.after)} "
               f"(was {_shown(change.before)})")
