"""bulk batches by their changes: a batch may be added by whoever may make one of its changes (PostgreSQL only)

A Company Manager or Marketing Manager may turn EBS on or off on the clients it manages, and so make
that bulk change; the batch row it starts with was allowed only to those who may manage clients, and
a row of no one client was allowed only to a role that may take the action on every client. Now the
batch takes its roles from the bulk changes' own permissions, and such a row is allowed to a role
that may take one of its actions on some client. Regenerates the policies from the surface map.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 10:30:00
"""

from __future__ import annotations

from alembic import op

from console_tui.data.pgaccess import ddl

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    ddl.migrate_security(op.get_bind())


def downgrade() -> None:
    """The policies stay as generated: the ones before allowed fewer roles the same row."""
