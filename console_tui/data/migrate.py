"""Schema migrations (Alembic), run programmatically on a :class:`Database`.

The embedded SQLite database upgrades itself at start; :func:`needs_upgrade` reads one
row so that an up-to-date database costs the console almost nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from console_tui.data.engine import Database

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0001"


def _config(connection: object):  # -> alembic.config.Config; alembic is imported lazily
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


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    with db.engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def downgrade(db: Database, revision: str) -> None:
    from alembic import command

    with db.engine.begin() as connection:
        command.downgrade(_config(connection), revision)


def ensure_schema(db: Database) -> bool:
    """Upgrade to the head revision if needed; True when something was applied."""
    if not needs_upgrade(db):
        return False
    upgrade(db)
    return True
