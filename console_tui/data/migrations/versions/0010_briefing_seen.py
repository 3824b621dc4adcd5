"""briefing seen: the day each agency user last saw the morning briefing (shown once a day)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 08:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN on both backends: a batch copy of agency_user would drop a table others point at
    op.add_column('agency_user', sa.Column('briefing_seen_on', sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column('agency_user', 'briefing_seen_on')
