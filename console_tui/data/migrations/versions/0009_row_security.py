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

from console_tui.data.pgaccess import ddl

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    ddl.migrate_security(op.get_bind())


def downgrade() -> None:
    ddl.migrate_remove_security(op.get_bind())
