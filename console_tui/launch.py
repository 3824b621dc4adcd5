"""``console-tui run``: build the services, check the acting user, run the app.

Problems a person can fix (an unknown login, a database that cannot be opened) are one line on
stderr and exit code 2 — never a traceback (cli.py's rule).
"""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from console_tui.cli import Context, fail
from console_tui.data.queries import UnknownUser
from console_tui.services import Services
from console_tui.text import one_line


def launch(context: Context) -> None:
    services = Services(context.db, context.login, context.clock)
    try:
        services.prepare()  # schema upgrade (one row read when current) and the acting user
    except UnknownUser as error:
        fail(str(error))
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        fail(f"cannot open the database {context.settings.database_url}: {one_line(cause)}")

    services.prefetch()  # the first frame's query runs while Textual imports and starts
    from console_tui.app import make_app

    try:
        make_app(services, context.settings, context.clock).run()
    finally:
        services.close()
