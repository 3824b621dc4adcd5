"""Databases that cannot be used as they are: the errors that say what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path


class DatabaseProblem(Exception):
    """The database cannot be used as it is; the message says what is wrong and what to do."""


class MissingDirectory(DatabaseProblem):
    """The SQLite file's directory does not exist (only the default data directory is ever created)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"the directory {folder} of the database file does not exist; "
                         "create it first, or give another --db")
