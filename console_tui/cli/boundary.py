"""The one error boundary of ``console-tui``: whatever a command raises becomes ONE line and an exit code.

Exit codes, by class of problem:

- 0 done;
- 1 refused: a domain rule, a permission or a conflict (and, last resort, an error nobody foresaw);
- 2 bad input or usage: a bad value, an unknown user or record, a file or directory that is not there;
- 3 the database is unavailable, locked, damaged, not a database, or of another schema revision;
- 130 interrupted: Ctrl+C, or SIGTERM (handled the same way);
- 141 the reader of the output went away (``| head``): nothing is printed, as for any tool stopped by SIGPIPE.

The line (``console-tui: …`` on stderr) says what is wrong and what to do, with any database URL's
password masked; the traceback goes only to the log file. :class:`BoundaryGroup` puts the boundary
around every command of the group, so a command module needs nothing of its own; :func:`boundary`
is the same mapping for a block inside a command (``refusals()``).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from console_tui.app.terminal import Terminated
from console_tui.cli.context import fail

OK, REFUSED, USAGE, UNAVAILABLE, INTERRUPTED, PIPE_CLOSED = 0, 1, 2, 3, 130, 141


def _where() -> str:
    """The database the command works on, password masked ("the database" when not known yet)."""
    from console_tui.cli.context import Context
    from console_tui.config import shown_url

    ctx = click.get_current_context(silent=True)
    context = ctx.find_object(Context) if ctx is not None else None
    return f"the database {shown_url(context.settings.database_url)}" if context else "the database"


def _cause(error: BaseException) -> str:
    """The driver's own first line (psycopg's second line is advice we give in our own words)."""
    from console_tui.display import one_line

    orig = getattr(error, "orig", None) or error
    return one_line(str(orig).strip().split("\n")[0] or type(orig).__name__)  # type: ignore[arg-type]


INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL: a grant, a row-level security policy or our trigger refused


def _database_message(error: BaseException) -> tuple[str, int] | None:
    """The line for a database failure, or None when ``error`` is not one."""
    from sqlalchemy import exc as sa

    from console_tui.ui.outage import is_unavailable

    if not isinstance(error, sa.SQLAlchemyError | sqlite3.Error) and not type(error).__module__.startswith("psycopg"):
        return None
    where, cause = _where(), _cause(error)
    text = cause.lower()
    if "file is not a database" in text or "malformed" in text or "not a database" in text:
        return (f"{where} is not a usable SQLite database ({cause}); give the right --db, "
                "or restore the file from a backup", UNAVAILABLE)
    if "locked" in text or "busy" in text:
        return (f"{where} is locked by another writer (a demo, ingest or refresh still running?); "
                "nothing was changed — try again when it has finished", UNAVAILABLE)
    if "readonly" in text or "read-only" in text:
        return f"{where} is read-only ({cause}); nothing was changed", UNAVAILABLE
    if is_unavailable(error):
        return (f"{where} is unavailable ({cause}); check that it is running and reachable, then try again",
                UNAVAILABLE)
    if getattr(getattr(error, "orig", error), "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        return f"refused by the database: {cause}; nothing was changed", REFUSED
    if isinstance(error, sa.IntegrityError):
        return f"refused: the change conflicts with what is stored ({cause}); nothing was changed", REFUSED
    return f"{where} failed ({cause}); nothing more was done — the log file has the details", UNAVAILABLE


def explain(error: BaseException) -> tuple[str, int]:
    """The one line and the exit code for ``error``."""
    from console_tui.config import SettingsError
    from console_tui.data.problems import DatabaseProblem, MissingDirectory
    from console_tui.data.queries.console import UnknownUser
    from console_tui.display import one_line
    from console_tui.domain.errors import DomainError, NotFound, ValidationError

    if isinstance(error, KeyboardInterrupt):
        return f"interrupted ({'SIGTERM' if isinstance(error, Terminated) else 'Ctrl+C'})", INTERRUPTED
    if isinstance(error, UnknownUser | ValidationError | NotFound | SettingsError | MissingDirectory):
        return str(error), USAGE
    if isinstance(error, DomainError):
        return str(error), REFUSED
    if isinstance(error, DatabaseProblem):
        return f"{_where()}: {error}", UNAVAILABLE
    found = _database_message(error)
    if found is not None:
        return found
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror.lower()}{where}", USAGE
    return f"unexpected error ({type(error).__name__}: {one_line(error)}); the log file has the details", REFUSED


def _interrupted_by(error: BaseException) -> KeyboardInterrupt | None:
    """The interruption ``error`` was raised while handling (a clean-up that failed after Ctrl+C)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return current
        seen.add(id(current))
        current = current.__context__
    return None


@contextmanager
def boundary() -> Iterator[None]:
    """Turn whatever the block raises into :func:`fail` with its line and exit code; log the traceback."""
    from console_tui.domain.errors import NothingChanged
    from console_tui.logs import log_exception

    try:
        yield
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
        raise  # click's usage errors and fail() are one line already
    except BrokenPipeError:
        stop_quietly_on_closed_pipe()
    except NothingChanged as unchanged:  # a save that changes nothing is not a failure: say so, exit 0
        click.echo(str(unchanged))
        sys.exit(0)
    except BaseException as error:  # noqa: BLE001 - the one place every failure is turned into a line
        shown = _interrupted_by(error) or error
        if not isinstance(shown, KeyboardInterrupt):
            log_exception("console-tui command failed", error)
        message, code = explain(shown)
        fail(message, code)


def stop_quietly_on_closed_pipe() -> None:
    """The reader of our output went away (``console-tui clients list | head``): say nothing, exit as a
    process stopped by SIGPIPE does (128 + 13), and keep Python from complaining when it flushes stdout."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(PIPE_CLOSED)


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise Terminated()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While the block runs (main thread only), SIGTERM raises :class:`Terminated` like Ctrl+C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class BoundaryGroup(click.Group):
    """A click group whose every command runs inside :func:`boundary`."""

    def invoke(self, ctx: click.Context) -> Any:  # whatever the command returns
        from console_tui.logs import warnings_to_file

        with sigterm_as_interrupt(), warnings_to_file(), boundary():
            return super().invoke(ctx)
