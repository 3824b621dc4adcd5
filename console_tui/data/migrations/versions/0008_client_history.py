"""client history: one row of console figures per client per day (R-HIST-1)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('client_history',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('contacts_added_30d', sa.Integer(), nullable=False),
    sa.Column('emails_sent_30d', sa.Integer(), nullable=False),
    sa.Column('emails_opened_30d', sa.Integer(), nullable=False),
    sa.Column('open_rate_bp', sa.Integer(), nullable=True),
    sa.Column('sender_status', sa.String(length=12), nullable=False),
    sa.Column('utilization_score', sa.Integer(), nullable=False),
    sa.Column('section_scores', sa.String(length=200), nullable=False),
    sa.Column('users', sa.Integer(), nullable=False),
    sa.Column('last_login_day', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_client_history_client_id_client'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('day', 'client_id', name=op.f('pk_client_history')),
    sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table('client_history')
