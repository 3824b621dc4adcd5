"""``console-tui run``: log to a file, build the services, check the acting user, run the app.

Problems a person can fix (an unknown login, a database that cannot be opened) are raised to the
CLI's error boundary (cli_boundary.py): one line on stderr and its exit code — never a traceback.
Once the console draws, nothing may write to the terminal: logging goes to the rotating file only
(issue 5), Python warnings and uncaught exceptions in threads are logged there too.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import click

from console_tui.background import scheduler_factory
from console_tui.cli import Context
from console_tui.config import Settings
from console_tui.services import Services
from console_tui.terminal import fit_colours
from console_tui.text import one_line

log = logging.getLogger("console_tui")


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    name = args.thread.name if args.thread else "a thread"
    log.error("uncaught exception in %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def start_logging(settings: Settings, directory: Path | None = None) -> Path | None:
    """Everything at ``settings.log_level`` to the rotating log file — never to the terminal."""
    from console_tui.logs import setup_logging

    try:
        path = setup_logging(settings.log_level, directory)
    except OSError as error:  # said before the console takes the terminal; the console still runs
        click.echo(f"console-tui: not logging: cannot write the log file ({one_line(error)})", err=True)
        logging.getLogger().addHandler(logging.NullHandler())  # and Python's last resort stays quiet
        return None
    logging.captureWarnings(True)
    threading.excepthook = _log_thread_exception
    return path


def launch(context: Context) -> None:
    path = start_logging(context.settings)
    services = Services(context.db, context.login, context.clock)
    services.prepare()  # schema upgrade (one row read when current) and the acting user; raises to the boundary

    services.prefetch()  # the first frame's query runs while Textual imports and starts
    from console_tui.app import make_app

    scheduler = scheduler_factory(services.db, context.clock, context.settings) if context.scheduler else None
    log.info("console starting for %s (log file %s, nightly scheduler %s)", context.login, path,
             "on" if scheduler else "off")
    try:
        app = make_app(services, context.settings, context.clock, scheduler=scheduler)
        fit_colours(app)  # 16-colour terminals (TERM=linux, xterm): the ANSI theme, readable there
        app.run()
    finally:
        services.close()
