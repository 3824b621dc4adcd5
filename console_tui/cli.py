"""The ``console-tui`` command: the console by default, and the commands a person scripts.

Global flags are settings (config.py) given on the command line, the strongest source.
Errors that a person can fix are printed as one line on stderr with exit code 2;
nothing here prints a traceback for bad input.
"""

from __future__ import annotations

from typing import Any

import click

from console_tui.cli_context import Context, fail, pass_context
from console_tui.config import Settings, SettingsError, load_settings


def settings_flags(ctx: click.Context, **flags: Any) -> Settings:
    try:
        return load_settings(flags)
    except SettingsError as error:
        fail(str(error))
        raise  # unreachable, for type checkers


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "database_url", metavar="URL", help="Database URL (sqlite:///FILE or postgresql://…).")
@click.option("--user", metavar="LOGIN", help="Act as this agency user (default: your OS login).")
@click.option("--log-level", metavar="LEVEL", help="DEBUG, INFO, WARNING, ERROR or CRITICAL.")
@click.option("--nightly-time", metavar="HH:MM", help="When the nightly rollup runs (local time).")
@click.version_option(package_name="console-tui")
@click.pass_context
def main(ctx: click.Context, **flags: Any) -> None:
    """console-tui: the agency's Client Management Console in your terminal.

    Run without a command to open the console.
    """
    ctx.obj = Context(settings=settings_flags(ctx, **flags))
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


@main.command()
@pass_context
def run(context: Context) -> None:
    """Open the console (the default command)."""
    from console_tui.launch import launch

    launch(context)


def _register() -> None:
    from console_tui.cli_commands import ALL

    for command in ALL:
        main.add_command(command)


_register()
