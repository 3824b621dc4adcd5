"""``console-tui serve``: the read-only kiosk in a browser, or with ``--console`` the full console
behind a token printed at start (textual-serve; the gate is ``cli/web/server.py``)."""

from __future__ import annotations

import os
import shlex
import sys

import click

from console_tui.cli.context import Context, pass_context
from console_tui.config import ENV_PREFIX


def tab_command(console: bool, kiosk_seconds: float = 10.0, kiosk_attention: bool = False) -> str:
    """The shell command each browser tab runs. It names no database and no user: those reach the
    tab's process through its environment (:func:`tab_environment`), so a password in the database
    URL is never on a command line that ``ps`` shows to every local user."""
    parts = [sys.executable, "-m", "console_tui"]
    if not console:
        parts += ["--kiosk", "--kiosk-seconds", f"{kiosk_seconds:g}"]
        parts += ["--kiosk-attention"] if kiosk_attention else []
    return " ".join(shlex.quote(part) for part in parts)


def tab_environment(context: Context) -> dict[str, str]:
    """What each tab's process adds to the environment it inherits: this command's database and user
    (as named: each tab's own console asks the database who a per-user connection is)."""
    return {f"{ENV_PREFIX}DATABASE_URL": context.settings.database_url, f"{ENV_PREFIX}USER": context.named_login}


@click.command()
@click.option("--console", "console", is_flag=True,
              help="Serve the full console (acting as your user), only to tabs opened with the token printed at start.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback is reachable from other machines.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--kiosk-attention", is_flag=True, help="Kiosk: only the clients that need attention.")
@click.option("--kiosk-seconds", type=click.FloatRange(2, 3600), default=10.0, show_default=True,
              help="Kiosk: seconds per client.")
@pass_context
def serve(context: Context, console: bool, host: str, port: int, kiosk_attention: bool, kiosk_seconds: float) -> None:
    """Serve the read-only kiosk as a web page (each browser tab runs its own); --console serves
    the console itself, to tabs that bring the token printed at start."""
    from console_tui.cli.web.server import GatedServer, is_loopback, new_token

    if not is_loopback(host):
        click.echo(f"console-tui serve: warning: {host} is not a loopback address; other machines can reach "
                   "this page (no encryption; keep it behind something that authenticates)", err=True)
    os.environ.update(tab_environment(context))
    server = GatedServer(tab_command(console, kiosk_seconds, kiosk_attention), host=host, port=port,
                         token=new_token() if console else None,
                         title="console-tui" if console else "console-tui kiosk")
    if console:
        click.echo(f"console-tui serve: the console acts as {context.named_login}; anyone with the address below "
                   "(token included) can use it until this server stops", err=True)
    server.serve()


__all__ = ["serve", "tab_command", "tab_environment"]
