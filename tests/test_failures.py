"""The one sentence a person reads for a failed load or change (console_tui.ui.failures)."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import InternalError, OperationalError

from console_tui.data.queries.console import DeactivatedUser
from console_tui.domain.errors import ValidationError
from console_tui.ui.failures import READ_ONLY, UNEXPECTED_LOAD, UNEXPECTED_SAVE, explain
from console_tui.ui.outage import CHANGE_FAILED


class ReadOnlyTransaction(Exception):
    """What psycopg raises on a hot standby: SQLSTATE 25006."""

    sqlstate = "25006"


def test_each_kind_of_failure_is_one_plain_sentence_without_sql() -> None:
    sqlite_ro = OperationalError("INSERT INTO audit_log (at) VALUES (?)", ("x",),
                                 sqlite3.OperationalError("attempt to write a readonly database"))
    pg_ro = InternalError("INSERT INTO audit_log (at) VALUES (%(at)s)", {"at": "x"},
                          ReadOnlyTransaction("cannot execute INSERT in a read-only transaction"))
    locked = OperationalError("UPDATE client SET x=?", (1,), sqlite3.OperationalError("database is locked"))
    assert explain(sqlite_ro) == explain(pg_ro) == READ_ONLY
    assert explain(locked) == CHANGE_FAILED
    assert explain(RuntimeError("boom [SQL: SELECT 1]")) == UNEXPECTED_SAVE
    assert explain(RuntimeError("boom [SQL: SELECT 1]"), loading=True) == UNEXPECTED_LOAD
    refused = ValidationError({"allowance": "must be a whole number of 0 or more"}, what="Setting the allowance")
    assert explain(refused) == str(refused)
    assert explain(DeactivatedUser("sp")).startswith("Your account 'sp' on this console is deactivated")
