"""Schema migrations (Alembic), run programmatically on a :class:`Database`.

The embedded SQLite database upgrades itself at start; :func:`needs_upgrade` reads one
row so that an up-to-date database costs the console almost nothing. A revision this package
does not know was made by a newer console-tui: nothing writes to it (:class:`SchemaTooNew`).
A shared PostgreSQL database behind this package is upgraded only by `console-tui db upgrade`
(:class:`SchemaBehind`), never as a side effect of some console starting.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Engine, inspect, text

from console_tui.data.problems import DatabaseProblem

if TYPE_CHECKING:
    from alembic.config import Config


class Database(Protocol):
    """What migrations need of :class:`console_tui.data.engine.Database` (which calls
    :func:`guard_writes` before its first write, so it is not imported here)."""

    @property
    def engine(self) -> Engine: ...

    @property
    def is_sqlite(self) -> bool: ...

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0013"


class SchemaTooNew(DatabaseProblem):
    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(f"the database is at schema revision {revision!r}, made by a newer console-tui; "
                         "upgrade the package (pip install --upgrade console-tui) — nothing was changed")


class SchemaBehind(DatabaseProblem):
    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(f"the database is at schema revision {revision!r}, older than this console-tui's "
                         f"{HEAD!r}; run `console-tui db upgrade` once, then try again")


def _config(connection: object) -> Config:  # alembic is imported here, when a migration runs
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != HEAD


@cache
def known_revisions() -> frozenset[str]:
    """Every revision this package's migrations define (read once; alembic is imported only here)."""
    from alembic.script import ScriptDirectory

    return frozenset(script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions())


def refuse_unknown(revision: str | None) -> None:
    """Raise :class:`SchemaTooNew` for a revision none of this package's migrations made."""
    if revision is not None and revision != HEAD and revision not in known_revisions():
        raise SchemaTooNew(revision)


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    with db.engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def downgrade(db: Database, revision: str) -> None:
    from alembic import command

    with db.engine.begin() as connection:
        command.downgrade(_config(connection), revision)


def ensure_schema(db: Database, *, upgrade_shared: bool = False) -> bool:
    """Bring the schema to the head revision where that is ours to do; True when something was applied.

    An empty database gets the schema; SQLite behind is upgraded; PostgreSQL behind is upgraded only
    with ``upgrade_shared`` (``db upgrade``), else :class:`SchemaBehind`; a revision this package does
    not know is :class:`SchemaTooNew`, always.
    """
    revision = current_revision(db)
    if revision == HEAD:
        return False
    refuse_unknown(revision)
    if revision is not None and not db.is_sqlite and not upgrade_shared:
        raise SchemaBehind(revision)
    upgrade(db)
    return True


def guard_writes(db: Database) -> None:
    """Before the first write through ``db``: refuse a newer (or, on PostgreSQL, older) schema.

    A database without a revision is left alone: the commands that create a schema call
    :func:`ensure_schema` themselves.
    """
    revision = current_revision(db)
    if revision is not None and revision != HEAD:
        ensure_schema(db)
