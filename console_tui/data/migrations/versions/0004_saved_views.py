"""saved views: a name, a filter and a sort, private or shared (R-VIEW-1, R-VIEW-2)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 04:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('saved_view',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('filter', sa.String(length=1000), nullable=False),
    sa.Column('sort', sa.String(length=12), nullable=False),
    sa.Column('descending', sa.Boolean(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['agency_user.id'], name=op.f('fk_saved_view_owner_id_agency_user'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_view')),
    sa.UniqueConstraint('name', name=op.f('uq_saved_view_name'))
    )
    op.create_index(op.f('ix_saved_view_owner_id'), 'saved_view', ['owner_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_saved_view_owner_id'), table_name='saved_view')
    op.drop_table('saved_view')
