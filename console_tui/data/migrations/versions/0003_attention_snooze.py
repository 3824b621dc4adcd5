"""attention snoozes: one person's snooze of one reason of the attention queue, until a day

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attention_snooze',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_user_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('until', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_user_id'], ['agency_user.id'],
                            name=op.f('fk_attention_snooze_agency_user_id_agency_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'],
                            name=op.f('fk_attention_snooze_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attention_snooze')),
    sa.UniqueConstraint('agency_user_id', 'client_id', 'code', name='uq_attention_snooze_user_client_code')
    )
    op.create_index(op.f('ix_attention_snooze_agency_user_id'), 'attention_snooze', ['agency_user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_attention_snooze_agency_user_id'), table_name='attention_snooze')
    op.drop_table('attention_snooze')
