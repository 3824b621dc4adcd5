"""Alembic environment: runs on the connection that console_tui passes in."""

from __future__ import annotations

from alembic import context

from console_tui.data.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through console_tui.data.migrate
    raise RuntimeError("run migrations through `console-tui db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
