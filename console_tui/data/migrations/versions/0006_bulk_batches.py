"""bulk changes: the batch table, and the batch number on every audit row of a bulk change (R-BULK-3)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bulk_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('all_or_nothing', sa.Boolean(), nullable=False),
    sa.Column('undo_of', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agency_user_id'], ['agency_user.id'],
                            name=op.f('fk_bulk_batch_agency_user_id_agency_user')),
    sa.ForeignKeyConstraint(['undo_of'], ['bulk_batch.id'], name=op.f('fk_bulk_batch_undo_of_bulk_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulk_batch'))
    )
    # Plain ALTER TABLE, not batch mode: batch mode would copy audit_log, the largest table, on SQLite.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(sa.text("ALTER TABLE audit_log ADD COLUMN batch_id INTEGER "
                           "CONSTRAINT fk_audit_log_batch_id_bulk_batch REFERENCES bulk_batch (id)"))
    else:
        op.add_column('audit_log', sa.Column('batch_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_audit_log_batch_id_bulk_batch'), 'audit_log', 'bulk_batch',
                              ['batch_id'], ['id'])
    op.create_index(op.f('ix_audit_log_batch_id'), 'audit_log', ['batch_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_audit_log_batch_id'), table_name='audit_log')
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f('fk_audit_log_batch_id_bulk_batch'), 'audit_log', type_='foreignkey')
    op.execute(sa.text("ALTER TABLE audit_log DROP COLUMN batch_id"))
    op.drop_table('bulk_batch')
