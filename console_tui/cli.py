"""The ``console-tui`` command: the console by default, and the commands a person scripts.

Global flags are settings (config.py) given on the command line, the strongest source.
Errors that a person can fix are printed as one line on stderr with exit code 2;
nothing here prints a traceback for bad input.
"""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import click

from console_tui.clock import Clock, SystemClock
from console_tui.config import Settings, SettingsError, load_settings


def os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without /etc/passwd entry)
        return "admin"


@dataclass
class Context:
    """What every sub-command gets: the settings, the clock and, on demand, the database."""

    settings: Settings
    clock: Clock = field(default_factory=SystemClock)

    @cached_property
    def db(self):  # -> console_tui.data.engine.Database
        from console_tui.data.engine import Database

        return Database(self.settings.database_url)

    @property
    def login(self) -> str:
        return self.settings.user or os_login()


pass_context = click.make_pass_decorator(Context)


def fail(message: str, code: int = 2) -> None:
    """Print one clear line and stop; used for every error a person can fix."""
    click.echo(f"console-tui: {message}", err=True)
    sys.exit(code)


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
