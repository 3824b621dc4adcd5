"""``console-tui run``: log to a file, build the services, check the acting user, run the app.

Problems a person can fix (an unknown login, a database that cannot be opened) are raised to the
CLI's error boundary (cli/boundary.py): one line on stderr and its exit code — never a traceback.
Once the console draws, nothing may write to the terminal: logging goes to the rotating file only;
Python warnings and uncaught exceptions in threads are logged there too.
"""

from __future__ import annotations

import logging

from console_tui.app.background import scheduler_factory
from console_tui.app.terminal import end_as_the_app_ended, fit_colours
from console_tui.cli.context import Context
from console_tui.logs import start_logging
from console_tui.services.console import Services

log = logging.getLogger("console_tui")


def launch(context: Context) -> None:
    path = start_logging(context.settings)
    services = Services(context.db, context.login, context.clock)
    services.prepare()  # schema upgrade (one row read when current) and the acting user; raises to the boundary

    services.prefetch()  # the first frame's query runs while Textual imports and starts
    from console_tui.app.application import make_app

    # per-user mode: the rollup is the worker's, under its own role; a person's role may not write its tables
    own_scheduler = context.scheduler and context.connected_login is None
    scheduler = scheduler_factory(services.db, context.clock, context.settings) if own_scheduler else None
    log.info("console starting for %s (log file %s, nightly scheduler %s)", context.login, path,
             "on" if scheduler else "off")
    try:
        app = make_app(services, context.settings, context.clock, scheduler=scheduler)
        fit_colours(app)  # 16-colour terminals (TERM=linux, xterm): the ANSI theme, readable there
        app.run()
    finally:
        services.close()
    end_as_the_app_ended(app)
