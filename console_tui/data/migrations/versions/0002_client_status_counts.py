"""client statuses: whether each counts toward the plan, and when it was retired

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 01:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: SQLite adds and (from 3.35) drops a column in place, where
# batch mode would copy client_status and drop the original, which the clients' foreign key forbids.
def upgrade() -> None:
    op.add_column('client_status', sa.Column('counts', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('client_status', sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True))
    # The built-in statuses that never count (R-CAP-1); every other status, custom ones included, counts.
    op.execute(sa.text("UPDATE client_status SET counts = false WHERE builtin AND name IN ('Suspended', 'Inactive')"))


def downgrade() -> None:
    op.execute(sa.text("ALTER TABLE client_status DROP COLUMN retired_at"))
    op.execute(sa.text("ALTER TABLE client_status DROP COLUMN counts"))
