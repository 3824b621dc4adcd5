"""billing cycle closed: the cycles whose charges were billed, with the agency's totals (R-BL-5)

The nightly job now closes a cycle the night after it ends: it writes every client's charges for it
(``billing_charge``, which the worker role may now write) and one ``billing_cycle`` row. The cycles
already billed before this revision (every cycle with charges that began before this month) are
marked closed, with their totals added up from their charges. On PostgreSQL the row-level security
policies are generated again, for the new table and for the worker writing charges.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 09:40:00
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

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
    now = datetime.now(UTC)
    # plain text on SQLite, as the models store them there (UTC without an offset, ISO dates)
    sqlite = connection.dialect.name == "sqlite"
    closed_at: object = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
    month = date.today().replace(day=1)
    this_month: object = month.isoformat() if sqlite else month
    connection.execute(sa.text(
        "INSERT INTO billing_cycle (cycle, closed_at, clients, license_cents, product_overages_cents, "
        "agency_services_cents, tax_cents, total_cents) "
        "SELECT cycle, :now, count(*), sum(license_cents), "
        "sum(product_cents + overage_cents + services_cents), sum(agency_services_cents), sum(tax_cents), "
        "sum(total_cents) FROM billing_charge WHERE cycle < :month GROUP BY cycle"),
        {"now": closed_at, "month": this_month})
    if connection.dialect.name == "postgresql":
        from console_tui.data.pgaccess import ddl

        ddl.migrate_security(connection)


def downgrade() -> None:
    connection = op.get_bind()
    op.drop_table('billing_cycle')
    if connection.dialect.name == "postgresql":
        for policy in ("ctui_insert", "ctui_update", "ctui_delete"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON billing_charge")
