"""row-level security and write policies generated from the permission matrix (PostgreSQL only)

The owner of the tables bypasses them, so a console connected as the owner (the single-password
mode) works as before; every other role sees and changes only what its agency role may.
``console-tui db roles sync`` creates the roles and grants, and regenerates these policies.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 07:40:00
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    from console_tui.data.pgaccess import ddl

    ddl.migrate_security(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    from console_tui.data.pgaccess import ddl

    ddl.migrate_remove_security(connection)
