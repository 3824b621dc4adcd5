"""What the console says when a load or a change fails: one plain sentence, never the error's text.

The ONE mapping from an exception to what a person reads on screen. Every screen's worker and the
app's last-resort worker handler (``ConsoleApp.on_worker_state_changed``) go through
:func:`explain`:

* a refusal (:class:`~console_tui.domain.errors.DomainError`, a validation error included, or an
  unknown acting user) is its own sentence: what was refused, why, what to do;
* a database that is read-only: "Could not save: the database is read-only; nothing was changed.";
* a database that is away, locked or busy: :mod:`console_tui.ui.outage`'s sentences;
* anything else: "an unexpected error (details in the log file)".

A driver's or SQLAlchemy's message is never shown (it carries the SQL statement and its
parameters); everything but a refusal is written to the log with its traceback. No Textual here.
"""

from __future__ import annotations

import logging

from console_tui.ui.outage import _chain, change_failed, load_failed  # _chain: an error and what it wraps

log = logging.getLogger(__name__)

READ_ONLY = "Could not save: the database is read-only; nothing was changed."
UNEXPECTED_SAVE = "Could not save: an unexpected error (details in the log file); nothing was changed."
UNEXPECTED_LOAD = "Could not load: an unexpected error (details in the log file). Press r to try again."

#: How the drivers say "this database (or transaction) may not be written": SQLite's
#: "attempt to write a readonly database", PostgreSQL's SQLSTATE 25006 (a read-only transaction,
#: e.g. a hot standby) and "read-only" file systems.
_READ_ONLY_WORDS = ("readonly database", "read-only transaction", "read-only file system")
_READ_ONLY_SQLSTATE = "25006"


def is_refusal(error: BaseException) -> bool:
    """True for an error whose own message is meant for the person (a refusal, an unknown user)."""
    from console_tui.data.queries.console import UnknownUser
    from console_tui.domain.errors import DomainError

    return isinstance(error, DomainError | UnknownUser)


def is_read_only(error: BaseException) -> bool:
    """True when ``error`` (or what it wraps) says the database may not be written."""
    for item in _chain(error):
        if getattr(item, "sqlstate", None) == _READ_ONLY_SQLSTATE:
            return True
        if type(item).__module__.split(".")[0] in ("sqlite3", "psycopg", "psycopg2", "sqlalchemy"):
            text = str(item).lower()
            if any(word in text for word in _READ_ONLY_WORDS):
                return True
    return False


def explain(error: BaseException, *, loading: bool = False) -> str:
    """The one sentence a person reads for ``error``; the traceback goes to the log (not for refusals)."""
    from console_tui.display import one_line

    if is_refusal(error):
        return one_line(error)
    log.warning("%s failed", "a load" if loading else "a change", exc_info=error)
    if is_read_only(error):
        return READ_ONLY
    if outage := (load_failed(error) if loading else change_failed(error)):
        return outage
    return UNEXPECTED_LOAD if loading else UNEXPECTED_SAVE
