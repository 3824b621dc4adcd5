"""Migrations build an empty database on both backends, and come back down cleanly."""

from sqlalchemy import inspect

from console_tui.data import migrate
from console_tui.data.engine import Database
from console_tui.data.schema import Base


def test_head_constant_matches_alembic_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == migrate.HEAD


def test_migrations_build_every_table(db: Database) -> None:
    assert migrate.current_revision(db) == migrate.HEAD
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_ensure_schema_is_a_no_op_at_head(db: Database) -> None:
    assert migrate.ensure_schema(db) is False


def test_fresh_sqlite_file_upgrades_itself(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'console.db'}")  # a new file (a missing directory is refused)
    assert migrate.needs_upgrade(database)
    assert migrate.ensure_schema(database) is True
    assert migrate.current_revision(database) == migrate.HEAD
    migrate.downgrade(database, "base")
    assert "client" not in inspect(database.engine).get_table_names()


def test_migrations_match_the_models(db: Database) -> None:
    """Autogenerate finds nothing to add: schema.py and the migrations say the same thing."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
