"""own rows: each person's saved views, snoozes and briefing mark guarded by the database (PostgreSQL only)

Regenerates the row-level security policies and triggers from the permission matrix and the surface
map, which now say whose rows a saved view and a snooze are (only their owner sees a private one and
changes it; a shared view only under Sharing views) and that everyone may set the day they last saw
the morning briefing on their own agency user row, and nothing else of it; and the permission
functions the policies ask answer a role only about its own login (they run as the owner).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:40:00
"""

from __future__ import annotations

from alembic import op

from console_tui.data.pgaccess import ddl

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    ddl.migrate_security(op.get_bind())


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    from console_tui.data.pgaccess import owned, sql

    ddl.run(connection, [f"DROP POLICY IF EXISTS {name} ON {sql.ident(table)}"
                         for table, made in owned.policies().items() for name in made] + owned.remove_statements())
