"""What every ``console-tui`` sub-command shares: its :class:`Context` and the one-line failure.

Kept apart from ``cli.py`` so that sub-command modules can import it without importing the
command group that imports them.
"""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import click

from console_tui.clock import Clock, SystemClock
from console_tui.config import Settings

if TYPE_CHECKING:  # the engine is imported when a command first needs the database
    from console_tui.data.engine import Database


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
    scheduler: bool = True  # run the nightly scheduler inside the console (False: --no-scheduler)

    @cached_property
    def db(self) -> Database:
        from console_tui.data.engine import Database

        return Database(self.settings.database_url)

    @cached_property
    def connected_login(self) -> str | None:
        """The agency login the PostgreSQL connection is (per-user mode), refusing a different ``--user``;
        None on SQLite and for the owner's connection (the single-password mode)."""
        if not self.settings.database_url.startswith("postgresql"):
            return None
        from console_tui.data.pgaccess.identity import acting_login

        return acting_login(self.db, self.settings.user)

    @property
    def named_login(self) -> str:
        """``--user`` or the OS login, without asking the database (which a per-user connection may
        overrule: see :attr:`login`)."""
        return self.settings.user or os_login()

    @property
    def login(self) -> str:
        """The acting agency user: the connected agency login in per-user mode, else ``--user`` or the OS login."""
        return self.connected_login or self.settings.user or os_login()


pass_context = click.make_pass_decorator(Context)


def fail(message: str, code: int = 2) -> None:
    """Print one clear line and stop; used for every error a person can fix. The message is cleaned
    like stored text on screen: it may quote a stored name, a file name or a driver's message."""
    from console_tui.domain.text import clean_text

    click.echo(f"console-tui: {clean_text(message)}", err=True)
    sys.exit(code)
