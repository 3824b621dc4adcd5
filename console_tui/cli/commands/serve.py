"""``console-tui serve``: the console in a browser for demos (textual-serve), on localhost."""

from __future__ import annotations

import shlex
import sys

import click

from console_tui.cli.context import Context, pass_context


def console_command(context: Context, extra: tuple[str, ...] = ()) -> str:
    """The shell command each browser tab runs: this console, same database and user."""
    parts = [
        sys.executable, "-m", "console_tui", "--db", context.settings.database_url, "--user", context.login, *extra
    ]
    return " ".join(shlex.quote(part) for part in parts)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep it local).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@pass_context
def serve(context: Context, host: str, port: int) -> None:
    """Serve the console as a web page for demos (each browser tab runs its own console)."""
    from textual_serve.server import Server

    command = console_command(context)
    click.echo(f"console-tui serve: http://{host}:{port}/ (Ctrl+C stops)", err=True)
    Server(command, host=host, port=port, title="console-tui").serve()


__all__ = ["serve", "console_command"]
