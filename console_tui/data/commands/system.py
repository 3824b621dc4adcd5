"""The scripting commands that act on the whole agency: who may run them, and their audit row.

``console-tui ingest``, ``refresh`` and ``demo --force`` are not changes to one record, so they do
not run inside :func:`~console_tui.data.commands.base.unit_of_work`'s single transaction. They
check the acting login first (:func:`authorize`: a known, active agency user whose role the
permission matrix allows, R-ACC-3/R-ACC-4), do their work, then write one audit row saying who
did it and what came of it (:func:`record`, R-ACC-5). The nightly job run by ``console-tui
worker`` or the console's scheduler is the system and calls the rollup directly, without a login.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console_tui.clock import Clock
from console_tui.data.commands.base import unit_of_work
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user
from console_tui.domain.permissions import Action, require
from console_tui.domain.roles import Role


def authorize(db: Database, login: str, action: Action) -> None:
    """Refuse unless ``login`` is an active agency user allowed ``action``.

    Raises :class:`~console_tui.data.queries.console.UnknownUser` for an unknown or deactivated login and
    :class:`~console_tui.domain.errors.PermissionDenied` naming the role needed otherwise.
    """
    with db.read() as session:
        user = acting_user(session, login)
        require(Role(user.role), action)


def record(db: Database, clock: Clock, login: str, action: Action, *, after: Mapping[str, Any],
           before: Mapping[str, Any] | None = None) -> None:
    """Write the audit row of a finished whole-agency command (the permission is checked again)."""
    with unit_of_work(db, clock, login, action) as work:
        work.audit(before=before, after=after)
