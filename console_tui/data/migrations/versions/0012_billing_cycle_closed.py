"""billing cycle closed: the cycles whose charges were billed, with the agency's totals (R-BL-5)

The nightly job now closes a cycle the night after it ends: it writes every client's charges for it
(``billing_charge``, which the worker role may now write) and one ``billing_cycle`` row. The cycles
already billed before this revision (every cycle with charges before the latest, which is the cycle
in progress) are marked closed, with their totals added up from their charges, as closed when the
upgrade ran (the database's time: a migration has no clock of the app's, and the machine's date
would close the cycle in progress of a database kept at another day, as a demo ``--as-of`` is). On PostgreSQL the row-level security
policies are generated again, for the new table and for the worker writing charges.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console_tui.data.pgaccess import ddl

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('billing_cycle',
    sa.Column('cycle', sa.Date(), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('clients', sa.Integer(), nullable=False),
    sa.Column('license_cents', sa.Integer(), nullable=False),
    sa.Column('product_overages_cents', sa.Integer(), nullable=False),
    sa.Column('agency_services_cents', sa.Integer(), nullable=False),
    sa.Column('tax_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('cycle', name=op.f('pk_billing_cycle'))
    )
    connection = op.get_bind()
    connection.execute(sa.text(
        "INSERT INTO billing_cycle (cycle, closed_at, clients, license_cents, product_overages_cents, "
        "agency_services_cents, tax_cents, total_cents) "
        "SELECT cycle, CURRENT_TIMESTAMP, count(*), sum(license_cents), "
        "sum(product_cents + overage_cents + services_cents), sum(agency_services_cents), sum(tax_cents), "
        "sum(total_cents) FROM billing_charge WHERE cycle < (SELECT max(cycle) FROM billing_charge) "
        "GROUP BY cycle"))
    ddl.migrate_security(connection)


def downgrade() -> None:
    connection = op.get_bind()
    op.drop_table('billing_cycle')
    if connection.dialect.name == "postgresql":
        for policy in ("ctui_insert", "ctui_update", "ctui_delete"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON billing_charge")
