"""The ``console-tui`` command: the console by default, and the commands a person scripts.

Global flags are settings (config.py) given on the command line, the strongest source.
Every command runs inside one error boundary (cli/boundary.py): a failure is one line on
stderr and an exit code of its class, never a traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from console_tui.cli.boundary import USAGE, BoundaryGroup
from console_tui.cli.context import Context, fail, pass_context
from console_tui.config import Settings, SettingsError, load_settings
from console_tui.kiosk.pages import DEFAULT_PAGES, parse_pages


def settings_flags(ctx: click.Context, **flags: Any) -> Settings:
    try:
        return load_settings(flags)
    except SettingsError as error:
        fail(str(error))
        raise  # unreachable, for type checkers


def kiosk_pages(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """``--kiosk-pages``: checked before anything starts (a bad name is a usage error, exit 2)."""
    if value is None:
        return None
    try:
        return parse_pages(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def has_terminal() -> bool:
    """True when stdin, stdout and stderr are all a terminal (Textual reads keys and draws there), or
    when Textual is told to draw through another driver: ``console-tui serve`` runs each browser tab's
    console with ``TEXTUAL_DRIVER`` naming Textual's web driver, over pipes."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    try:
        return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr))
    except ValueError:  # a closed stream
        return False


def require_terminal() -> None:
    """The console and the kiosk only run on a terminal; without one (cron, a pipe) one line and exit 2."""
    if not has_terminal():
        fail("the console needs a terminal on stdin, stdout and stderr; for scripts and cron use the "
             "commands instead: `console-tui clients list`, `users list`, `ingest FILE`, `refresh` "
             "(`console-tui --help` lists them all)", USAGE)


@click.group(cls=BoundaryGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "database_url", metavar="URL", help="Database URL (sqlite:///FILE or postgresql://…).")
@click.option("--user", metavar="LOGIN", help="Act as this agency user (default: your OS login).")
@click.option("--log-level", metavar="LEVEL", help="DEBUG, INFO, WARNING, ERROR or CRITICAL.")
@click.option("--nightly-time", metavar="HH:MM", help="When the nightly rollup runs (local time).")
@click.option("--no-scheduler", is_flag=True,
              help="Do not run the nightly rollup inside the console (a `console-tui worker` runs it).")
@click.option("--kiosk", is_flag=True, help="Read-only kiosk: cycle through the clients, large, for a wall screen.")
@click.option("--kiosk-attention", is_flag=True, help="Kiosk: only the clients that need attention.")
@click.option("--kiosk-seconds", type=click.FloatRange(2, 3600), default=10.0, show_default=True,
              help="Kiosk: seconds per page.")
@click.option("--kiosk-pages", metavar="PAGES", callback=kiosk_pages,
              help="Kiosk: the pages to cycle, comma-separated: agency, clients, attention "
                   "[default: agency,clients].")
@click.version_option(package_name="console-tui")
@click.pass_context
def main(ctx: click.Context, /, no_scheduler: bool, kiosk: bool, kiosk_attention: bool, kiosk_seconds: float,
         kiosk_pages: tuple[str, ...] | None, **flags: Any) -> None:
    """console-tui: the agency's Client Management Console in your terminal.

    Run without a command to open the console.
    """
    ctx.obj = Context(settings=settings_flags(ctx, **flags), scheduler=not no_scheduler)
    if ctx.invoked_subcommand is None:
        if kiosk or kiosk_attention or kiosk_pages:
            from console_tui.kiosk.app import launch_kiosk

            require_terminal()
            launch_kiosk(ctx.obj, seconds=kiosk_seconds, attention=kiosk_attention, pages=kiosk_pages or DEFAULT_PAGES)
        else:
            ctx.invoke(run)


@main.command()
@click.option("--no-scheduler", is_flag=True, help="Do not run the nightly rollup inside the console.")
@pass_context
def run(context: Context, no_scheduler: bool = False) -> None:
    """Open the console (the default command)."""
    require_terminal()
    from console_tui.cli.launch import launch

    if no_scheduler:
        context.scheduler = False
    launch(context)


def _register() -> None:
    from console_tui.cli.commands import ALL
    from console_tui.cli.options import accept_everywhere

    for command in ALL:
        main.add_command(command)
    for command in main.commands.values():
        accept_everywhere(command)


_register()
