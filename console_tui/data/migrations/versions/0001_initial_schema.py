"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 01:40:07.443445
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op



revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('addon_service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('unit_price_cents', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_addon_service')),
    sa.UniqueConstraint('key', name=op.f('uq_addon_service_key'))
    )
    op.create_table('agency_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_user')),
    sa.UniqueConstraint('login', name=op.f('uq_agency_user_login'))
    )
    op.create_table('client_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_status')),
    sa.UniqueConstraint('name', name=op.f('uq_client_status_name'))
    )
    op.create_table('job_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('runner', sa.String(length=120), nullable=False),
    sa.Column('events_processed', sa.BigInteger(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_run')),
    sa.UniqueConstraint('job', 'day', name='uq_job_run_job_day')
    )
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('max_clients', sa.Integer(), nullable=False),
    sa.Column('max_team_members', sa.Integer(), nullable=False),
    sa.Column('storage_gb', sa.Integer(), nullable=False),
    sa.Column('in_pack_licenses', sa.Integer(), nullable=False),
    sa.Column('in_pack_price_cents', sa.Integer(), nullable=False),
    sa.Column('additional_client_price_cents', sa.Integer(), nullable=False),
    sa.Column('annual_discount_pct', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('included_emails', sa.Integer(), nullable=False),
    sa.Column('overage_per_1000_cents', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('name', name=op.f('uq_plan_name')),
    sa.UniqueConstraint('rank', name=op.f('uq_plan_rank'))
    )
    op.create_table('rollup_state',
    sa.Column('job', sa.String(length=40), nullable=False),
    sa.Column('last_event_id', sa.BigInteger(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=True),
    sa.Column('as_of', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('job', name=op.f('pk_rollup_state'))
    )
    op.create_table('utilization_section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_utilization_section')),
    sa.UniqueConstraint('name', name=op.f('uq_utilization_section_name'))
    )
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('uses_billing_platform', sa.Boolean(), nullable=False),
    sa.Column('storage_used_mb', sa.BigInteger(), nullable=False),
    sa.Column('utilization_score', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_agency_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency'))
    )
    op.create_table('client',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('status_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('state', sa.String(length=100), nullable=False),
    sa.Column('postal_code', sa.String(length=20), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('license_term', sa.String(length=10), nullable=True),
    sa.Column('license_start', sa.Date(), nullable=True),
    sa.Column('billing_contact', sa.String(length=200), nullable=True),
    sa.Column('billing_email', sa.String(length=254), nullable=True),
    sa.Column('tax_rate', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('region', sa.String(length=10), nullable=True),
    sa.Column('margin_protection', sa.Boolean(), nullable=False),
    sa.Column('direct_support', sa.Boolean(), nullable=False),
    sa.Column('ebs_enabled', sa.Boolean(), nullable=False),
    sa.Column('rebrand_locked', sa.Boolean(), nullable=False),
    sa.Column('email_limit', sa.Integer(), nullable=True),
    sa.Column('uses_crm_pipeline', sa.Boolean(), nullable=False),
    sa.Column('has_api_key', sa.Boolean(), nullable=False),
    sa.Column('uses_shopping_cart', sa.Boolean(), nullable=False),
    sa.Column('uses_google_ads', sa.Boolean(), nullable=False),
    sa.Column('uses_custom_branding', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('client', 'lead', 'prospect')", name=op.f('ck_client_kind')),
    sa.CheckConstraint("license_term IS NULL OR license_term IN ('monthly', 'annual')", name=op.f('ck_client_term')),
    sa.CheckConstraint('email_limit IS NULL OR email_limit >= 0', name=op.f('ck_client_email_limit')),
    sa.ForeignKeyConstraint(['status_id'], ['client_status.id'], name=op.f('fk_client_status_id_client_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client'))
    )
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.create_index('ix_client_kind_deleted', ['kind', 'deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_name'), ['name'], unique=False)

    op.create_table('utilization_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['section_id'], ['utilization_section.id'], name=op.f('fk_utilization_activity_section_id_utilization_section')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_utilization_activity')),
    sa.UniqueConstraint('key', name=op.f('uq_utilization_activity_key'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('agency_user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['agency_user_id'], ['agency_user.id'], name=op.f('fk_audit_log_agency_user_id_agency_user')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_audit_log_client_id_client'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_log_client_at', ['client_id', 'at'], unique=False)

    op.create_table('avatar',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('mime_type', sa.String(length=20), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('image', sa.LargeBinary(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_avatar_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_avatar'))
    )
    op.create_table('billing_charge',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Date(), nullable=False),
    sa.Column('in_pack', sa.Boolean(), nullable=False),
    sa.Column('provisional', sa.Boolean(), nullable=False),
    sa.Column('license_cents', sa.Integer(), nullable=False),
    sa.Column('product_cents', sa.Integer(), nullable=False),
    sa.Column('overage_cents', sa.Integer(), nullable=False),
    sa.Column('services_cents', sa.Integer(), nullable=False),
    sa.Column('agency_services_cents', sa.Integer(), nullable=False),
    sa.Column('tax_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_billing_charge_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', 'cycle', name=op.f('pk_billing_charge'))
    )
    op.create_table('client_access',
    sa.Column('agency_user_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_user_id'], ['agency_user.id'], name=op.f('fk_client_access_agency_user_id_agency_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_client_access_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('agency_user_id', 'client_id', name=op.f('pk_client_access'))
    )
    with op.batch_alter_table('client_access', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_access_client_id'), ['client_id'], unique=False)

    op.create_table('client_service',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('allowance', sa.Integer(), nullable=False),
    sa.Column('active_quantity', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('allowance >= 0 AND active_quantity >= 0', name=op.f('ck_client_service_non_negative')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_client_service_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['addon_service.id'], name=op.f('fk_client_service_service_id_addon_service')),
    sa.PrimaryKeyConstraint('client_id', 'service_id', name=op.f('pk_client_service'))
    )
    op.create_table('client_snapshot',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.DateTime(timezone=True), nullable=False),
    sa.Column('contacts_added_30d', sa.Integer(), nullable=False),
    sa.Column('contacts_series', sa.Text(), nullable=False),
    sa.Column('emails_sent_30d', sa.Integer(), nullable=False),
    sa.Column('emails_opened_30d', sa.Integer(), nullable=False),
    sa.Column('emails_sent_ever', sa.BigInteger(), nullable=False),
    sa.Column('sender_status', sa.String(length=12), nullable=False),
    sa.Column('last_became_healthy', sa.Date(), nullable=True),
    sa.Column('utilization_score', sa.Integer(), nullable=False),
    sa.Column('last_client_login', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_client_snapshot_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_client_snapshot'))
    )
    op.create_table('client_usage_month',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('emails_sent', sa.Integer(), nullable=False),
    sa.Column('contacts_added', sa.Integer(), nullable=False),
    sa.Column('page_impressions', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_client_usage_month_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', 'month', name=op.f('pk_client_usage_month'))
    )
    op.create_table('client_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('blocked', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_client_user_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_user'))
    )
    with op.batch_alter_table('client_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_user_client_id'), ['client_id'], unique=False)

    op.create_table('content_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_content_item_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_item'))
    )
    with op.batch_alter_table('content_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_content_item_client_id'), ['client_id'], unique=False)

    op.create_table('daily_metric',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('contacts_added', sa.Integer(), nullable=False),
    sa.Column('emails_sent', sa.Integer(), nullable=False),
    sa.Column('emails_opened', sa.Integer(), nullable=False),
    sa.Column('emails_bounced', sa.Integer(), nullable=False),
    sa.Column('spam_complaints', sa.Integer(), nullable=False),
    sa.Column('unsubscribes', sa.Integer(), nullable=False),
    sa.Column('page_impressions', sa.Integer(), nullable=False),
    sa.Column('client_logins', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_daily_metric_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', 'day', name=op.f('pk_daily_metric'))
    )
    op.create_table('email_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('scheduled_for', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('scheduled', 'sent', 'cancelled')", name=op.f('ck_email_job_status')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_email_job_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_job'))
    )
    with op.batch_alter_table('email_job', schema=None) as batch_op:
        batch_op.create_index('ix_email_job_client_when', ['client_id', 'scheduled_for'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('external_id', sa.String(length=100), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('content_type', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_event_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sa.UniqueConstraint('external_id', name=op.f('uq_event_external_id'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_client_occurred', ['client_id', 'occurred_at'], unique=False)
        batch_op.create_index('ix_event_day_rollup', ['occurred_at', 'client_id', 'type', 'quantity'], unique=False)

    op.create_table('sender_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('old_status', sa.String(length=12), nullable=True),
    sa.Column('new_status', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_sender_status_change_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sender_status_change')),
    sa.UniqueConstraint('client_id', 'day', name='uq_sender_status_change_client_day')
    )
    with op.batch_alter_table('sender_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sender_status_change_client_id'), ['client_id'], unique=False)

    op.create_table('team_call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('participant_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_team_call_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['started_by_id'], ['agency_user.id'], name=op.f('fk_team_call_started_by_id_agency_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_call'))
    )
    with op.batch_alter_table('team_call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_call_client_id'), ['client_id'], unique=False)

    op.create_table('utilization_completion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['utilization_activity.id'], name=op.f('fk_utilization_completion_activity_id_utilization_activity')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_utilization_completion_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_utilization_completion')),
    sa.UniqueConstraint('client_id', 'activity_id', name='uq_utilization_completion_pair')
    )
    op.create_table('recent_place',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('agency_user_id', sa.Integer(), nullable=True),
    sa.Column('content_item_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_user_id'], ['agency_user.id'], name=op.f('fk_recent_place_agency_user_id_agency_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_recent_place_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['content_item_id'], ['content_item.id'], name=op.f('fk_recent_place_content_item_id_content_item'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recent_place'))
    )
    with op.batch_alter_table('recent_place', schema=None) as batch_op:
        batch_op.create_index('ix_recent_place_client_at', ['client_id', 'occurred_at'], unique=False)
        batch_op.create_index('ix_recent_place_who_client_at', ['agency_user_id', 'client_id', 'occurred_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('recent_place', schema=None) as batch_op:
        batch_op.drop_index('ix_recent_place_who_client_at')
        batch_op.drop_index('ix_recent_place_client_at')

    op.drop_table('recent_place')
    op.drop_table('utilization_completion')
    with op.batch_alter_table('team_call', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_call_client_id'))

    op.drop_table('team_call')
    with op.batch_alter_table('sender_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sender_status_change_client_id'))

    op.drop_table('sender_status_change')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_day_rollup')
        batch_op.drop_index('ix_event_client_occurred')

    op.drop_table('event')
    with op.batch_alter_table('email_job', schema=None) as batch_op:
        batch_op.drop_index('ix_email_job_client_when')

    op.drop_table('email_job')
    op.drop_table('daily_metric')
    with op.batch_alter_table('content_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_content_item_client_id'))

    op.drop_table('content_item')
    with op.batch_alter_table('client_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_user_client_id'))

    op.drop_table('client_user')
    op.drop_table('client_usage_month')
    op.drop_table('client_snapshot')
    op.drop_table('client_service')
    with op.batch_alter_table('client_access', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_access_client_id'))

    op.drop_table('client_access')
    op.drop_table('billing_charge')
    op.drop_table('avatar')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_client_at')
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))

    op.drop_table('audit_log')
    op.drop_table('utilization_activity')
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_name'))
        batch_op.drop_index('ix_client_kind_deleted')

    op.drop_table('client')
    op.drop_table('agency')
    op.drop_table('utilization_section')
    op.drop_table('rollup_state')
    op.drop_table('plan')
    op.drop_table('job_run')
    op.drop_table('client_status')
    op.drop_table('agency_user')
    op.drop_table('addon_service')
