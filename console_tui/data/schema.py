"""The database schema (SQLAlchemy 2 typed ORM) for everything DOMAIN.md describes.

Conventions:
- times are stored in UTC and come back timezone-aware (:class:`UTCDateTime`);
- money is integer cents, rates and percentages are ``Numeric``;
- rows that staff edit carry ``version`` (optimistic locking: a second save of a stale
  row raises ``StaleDataError``, which the commands turn into a conflict error);
- metrics are derived tables written only by the nightly rollup (R-NM, R-CMC-4);
- ``client.user_count`` and ``client.last_user_login`` are kept by triggers on ``client_user``
  (migration 0007): nothing else writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from console_tui.domain import lengths
from console_tui.domain.capacity import default_counts

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def result_processor(self, dialect: Any, coltype: object) -> Callable[[Any], datetime | None] | None:
        """On SQLite, the stored text read with ``datetime.fromisoformat`` as UTC at once (one C call;
        the dialect's own reader and then ``replace(tzinfo=…)`` cost ~2 µs a value: 0.1 s for 50,000
        clients' last logins)."""
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        parse = datetime.fromisoformat

        def process(value: str | None) -> datetime | None:
            if value is None:
                return None
            try:
                moment = parse(value + "+00:00")  # kept as UTC without an offset (process_bind_param)
            except ValueError:  # text that carries its own offset
                moment = parse(value)
            if moment.tzinfo is None:  # a bare date
                return moment.replace(tzinfo=UTC)
            return moment if moment.tzinfo is UTC else moment.astimezone(UTC)

        return process


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}

    if TYPE_CHECKING:  # every model here maps one Table (none a join or a select)
        __table__: ClassVar[Table]


class Versioned:
    """Mixin: optimistic locking on rows that staff edit."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


# --- the agency, its plan and its staff -------------------------------------------------------


class Plan(Base):
    """A rung of the plan ladder (R-CAP-3): each next rung doubles clients, team, storage."""

    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    rank: Mapped[int] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    max_clients: Mapped[int]
    max_team_members: Mapped[int]
    storage_gb: Mapped[int]
    in_pack_licenses: Mapped[int]
    in_pack_price_cents: Mapped[int]
    additional_client_price_cents: Mapped[int]
    annual_discount_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    included_emails: Mapped[int]
    overage_per_1000_cents: Mapped[int]


class Agency(Versioned, Base):
    __tablename__ = "agency"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"))
    uses_billing_platform: Mapped[bool] = mapped_column(Boolean, default=False)
    storage_used_mb: Mapped[int] = mapped_column(BigInteger, default=0)
    utilization_score: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    plan: Mapped[Plan] = relationship()


class AgencyUser(Versioned, Base):
    """A member of the agency's staff (R-ACC-1); ``login`` is the OS login name."""

    __tablename__ = "agency_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(lengths.LOGIN), unique=True)
    full_name: Mapped[str] = mapped_column(String(lengths.PERSON_NAME))
    email: Mapped[str] = mapped_column(String(lengths.EMAIL))
    role: Mapped[str] = mapped_column(String(lengths.ROLE))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    briefing_seen_on: Mapped[date | None] = mapped_column(Date, default=None)  # the morning briefing, once a day


class ClientAccess(Base):
    """Client Managers (R-OPT-5): which agency users may access which clients (R-ACC-2)."""

    __tablename__ = "client_access"
    agency_user_id: Mapped[int] = mapped_column(ForeignKey("agency_user.id", ondelete="CASCADE"), primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True, index=True)
    granted_at: Mapped[datetime]


# --- clients -----------------------------------------------------------------------------------


def _default_counts(context: Any) -> bool:
    """A status added without saying whether it counts follows R-CAP-1's names (Suspended, Inactive: no)."""
    return default_counts(context.get_current_parameters()["name"])


class ClientStatus(Base):
    """Built-in statuses (Active, Suspended, Inactive) and the agency's custom ones (R-CAP-1).

    ``counts``: whether a ``client`` record with this status counts toward the plan (False for the
    built-in Suspended and Inactive; chosen for a custom one). A retired status (``retired_at``) is
    kept for the names history shows but may no longer be given to a client.
    """

    __tablename__ = "client_status"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(lengths.STATUS), unique=True)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    counts: Mapped[bool] = mapped_column(Boolean, default=_default_counts, server_default=true())
    retired_at: Mapped[datetime | None]


class Client(Versioned, Base):
    __tablename__ = "client"
    __table_args__ = (
        CheckConstraint("kind IN ('client', 'lead', 'prospect')", name="kind"),
        CheckConstraint("license_term IS NULL OR license_term IN ('monthly', 'annual')", name="term"),
        CheckConstraint("email_limit IS NULL OR email_limit >= 0", name="email_limit"),
        Index("ix_client_kind_deleted", "kind", "deleted_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(lengths.COMPANY_NAME), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="client")
    status_id: Mapped[int] = mapped_column(ForeignKey("client_status.id"))
    created_at: Mapped[datetime]
    # company profile (R-MC-1)
    street: Mapped[str] = mapped_column(String(lengths.STREET), default="")
    city: Mapped[str] = mapped_column(String(lengths.CITY), default="")
    state: Mapped[str] = mapped_column(String(lengths.STATE), default="")
    postal_code: Mapped[str] = mapped_column(String(lengths.POSTAL_CODE), default="")
    country: Mapped[str] = mapped_column(String(lengths.COUNTRY_CODE), default="")
    website: Mapped[str | None] = mapped_column(String(lengths.WEBSITE))
    phone: Mapped[str] = mapped_column(String(lengths.PHONE), default="")
    # configuration (R-MC-3)
    license_term: Mapped[str | None] = mapped_column(String(10))
    license_start: Mapped[date | None] = mapped_column(Date)
    billing_contact: Mapped[str | None] = mapped_column(String(lengths.PERSON_NAME))
    billing_email: Mapped[str | None] = mapped_column(String(lengths.EMAIL))
    tax_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    region: Mapped[str | None] = mapped_column(String(10))
    margin_protection: Mapped[bool] = mapped_column(Boolean, default=False)
    # options (R-OPT)
    direct_support: Mapped[bool] = mapped_column(Boolean, default=False)
    ebs_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    rebrand_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    email_limit: Mapped[int | None]
    # features the client uses (R-CMC-3 section 4)
    uses_crm_pipeline: Mapped[bool] = mapped_column(Boolean, default=False)
    has_api_key: Mapped[bool] = mapped_column(Boolean, default=False)
    uses_shopping_cart: Mapped[bool] = mapped_column(Boolean, default=False)
    uses_google_ads: Mapped[bool] = mapped_column(Boolean, default=False)
    uses_custom_branding: Mapped[bool] = mapped_column(Boolean, default=False)
    # soft delete (R-OPT-9)
    deleted_at: Mapped[datetime | None]
    # The client's users not blocked: how many, and their latest login. Kept by triggers on client_user
    # (migration 0007) after every write there, so the console reads them without counting users.
    user_count: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    last_user_login: Mapped[datetime | None]
    status: Mapped[ClientStatus] = relationship()


class ClientUser(Versioned, Base):
    __tablename__ = "client_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(lengths.PERSON_NAME))
    email: Mapped[str] = mapped_column(String(lengths.EMAIL))
    role: Mapped[str] = mapped_column(String(lengths.ROLE), default="User")
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]


# --- raw events and the nightly figures (R-NM) -------------------------------------------------


class Event(Base):
    """A raw fact from the CRM platform; ``external_id`` makes ingest idempotent."""

    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_client_occurred", "client_id", "occurred_at"),
        # covering index for the rollup's per-day GROUP BY (R-NM-4: cost follows the days touched)
        Index("ix_event_day_rollup", "occurred_at", "client_id", "type", "quantity"),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(lengths.EVENT_ID), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime]
    quantity: Mapped[int] = mapped_column(default=1)
    actor: Mapped[str | None] = mapped_column(String(lengths.ACTOR))
    title: Mapped[str | None] = mapped_column(String(lengths.TITLE))
    content_type: Mapped[str | None] = mapped_column(String(lengths.CONTENT_TYPE))


class DailyMetric(Base):
    """Per-client daily figures rolled up from events (R-NM-1); day is the local date."""

    __tablename__ = "daily_metric"
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    contacts_added: Mapped[int] = mapped_column(default=0)
    emails_sent: Mapped[int] = mapped_column(default=0)
    emails_opened: Mapped[int] = mapped_column(default=0)
    emails_bounced: Mapped[int] = mapped_column(default=0)
    spam_complaints: Mapped[int] = mapped_column(default=0)
    unsubscribes: Mapped[int] = mapped_column(default=0)
    page_impressions: Mapped[int] = mapped_column(default=0)
    client_logins: Mapped[int] = mapped_column(default=0)


class ClientSnapshot(Base):
    """What the console shows for a client (R-CMC-3 sections 2 and 4), written by the rollup.

    ``contacts_series`` is the 30 daily counts of contacts added, oldest first, as
    comma-separated integers: one row per client keeps the console's query flat.
    """

    __tablename__ = "client_snapshot"
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    as_of: Mapped[datetime]
    contacts_added_30d: Mapped[int] = mapped_column(default=0)
    contacts_series: Mapped[str] = mapped_column(Text, default="")
    emails_sent_30d: Mapped[int] = mapped_column(default=0)
    emails_opened_30d: Mapped[int] = mapped_column(default=0)
    emails_sent_ever: Mapped[int] = mapped_column(BigInteger, default=0)
    sender_status: Mapped[str] = mapped_column(String(12), default="New")
    last_became_healthy: Mapped[date | None] = mapped_column(Date)
    utilization_score: Mapped[int] = mapped_column(default=0)
    last_client_login: Mapped[datetime | None]


class SenderStatusChange(Base):
    """The sender-status history (R-SS-2): one row per change, with its date."""

    __tablename__ = "sender_status_change"
    __table_args__ = (UniqueConstraint("client_id", "day", name="uq_sender_status_change_client_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    old_status: Mapped[str | None] = mapped_column(String(12))
    new_status: Mapped[str] = mapped_column(String(12))


class ClientHistory(Base):
    """One client's console figures as of the end of one local day, kept ``history_days`` days
    (R-HIST-1): the 30-day figures, open rate, sender status, utilization with its section scores
    (``section_scores``: ``section id:score`` pairs, comma-separated), users and last login day.

    Keyed by day first: a day's rows are written, read (the briefing, the cards' changes) and pruned
    together, so on SQLite (a table without rowid, ordered by its key) they lie side by side. No index
    by client: it would make each night's 10,000 new rows touch 10,000 pages; one client's trend reads
    its days by key (``day IN (…) AND client_id = …``)."""

    __tablename__ = "client_history"
    __table_args__ = (
        PrimaryKeyConstraint("day", "client_id"),
        {"sqlite_with_rowid": False},
    )
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    contacts_added_30d: Mapped[int] = mapped_column(default=0)
    emails_sent_30d: Mapped[int] = mapped_column(default=0)
    emails_opened_30d: Mapped[int] = mapped_column(default=0)
    open_rate_bp: Mapped[int | None]  # opened / sent in basis points (half up); none when nothing was sent
    sender_status: Mapped[str] = mapped_column(String(12), default="New")
    utilization_score: Mapped[int] = mapped_column(default=0)
    section_scores: Mapped[str] = mapped_column(String(200), default="")
    users: Mapped[int] = mapped_column(default=0)
    last_login_day: Mapped[date | None] = mapped_column(Date)


class ClientUsageMonth(Base):
    """Monthly usage for closed billing cycles (R-CU-1)."""

    __tablename__ = "client_usage_month"
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    emails_sent: Mapped[int] = mapped_column(default=0)
    contacts_added: Mapped[int] = mapped_column(default=0)
    page_impressions: Mapped[int] = mapped_column(default=0)


# --- utilization (R-UT): sections, activities and weights are data --------------------------------


class UtilizationSection(Base):
    __tablename__ = "utilization_section"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    position: Mapped[int]


class UtilizationActivity(Base):
    __tablename__ = "utilization_activity"
    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("utilization_section.id"))
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    weight: Mapped[int]


class UtilizationCompletion(Base):
    """An activity completed by a client, or by the agency's own instance (client_id NULL)."""

    __tablename__ = "utilization_completion"
    __table_args__ = (UniqueConstraint("client_id", "activity_id", name="uq_utilization_completion_pair"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(ForeignKey("utilization_activity.id"))
    completed_at: Mapped[datetime]


# --- content and recent places (R-CMC-3 section 3) --------------------------------------------


class ContentItem(Base):
    __tablename__ = "content_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(lengths.TITLE))
    content_type: Mapped[str] = mapped_column(String(lengths.CONTENT_TYPE))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class RecentPlace(Base):
    """Something added or edited inside a client: by an agency user ("Your Recent Places")
    or by the client's own users ("Company's Recent Places", ``agency_user_id`` NULL)."""

    __tablename__ = "recent_place"
    __table_args__ = (
        Index("ix_recent_place_client_at", "client_id", "occurred_at"),
        Index("ix_recent_place_who_client_at", "agency_user_id", "client_id", "occurred_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    agency_user_id: Mapped[int | None] = mapped_column(ForeignKey("agency_user.id", ondelete="CASCADE"))
    content_item_id: Mapped[int | None] = mapped_column(ForeignKey("content_item.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))  # info | user | content
    title: Mapped[str] = mapped_column(String(lengths.TITLE))
    action: Mapped[str] = mapped_column(String(20))  # created | edited
    occurred_at: Mapped[datetime]


# --- services, email jobs, billing ---------------------------------------------------------------


class AddonService(Base):
    """The add-on catalogue (R-OPT-4)."""

    __tablename__ = "addon_service"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str] = mapped_column(String(40))
    unit_price_cents: Mapped[int]


class ClientService(Versioned, Base):
    """A client's monthly allowance of a service and the quantity actually active."""

    __tablename__ = "client_service"
    __table_args__ = (
        CheckConstraint("allowance >= 0 AND active_quantity >= 0", name="non_negative"),
    )
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("addon_service.id"), primary_key=True)
    allowance: Mapped[int] = mapped_column(default=0)
    active_quantity: Mapped[int] = mapped_column(default=0)


class EmailJob(Base):
    """A scheduled or sent email send; scheduled ones count against the limit (R-EL-2)."""

    __tablename__ = "email_job"
    __table_args__ = (
        CheckConstraint("status IN ('scheduled', 'sent', 'cancelled')", name="status"),
        Index("ix_email_job_client_when", "client_id", "scheduled_for"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(lengths.JOB_NAME))
    recipients: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), default="scheduled")
    scheduled_for: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class BillingCharge(Base):
    """One client's charges for one billing cycle (R-BL-3); cycle = first day of the month."""

    __tablename__ = "billing_charge"
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    cycle: Mapped[date] = mapped_column(Date, primary_key=True)
    in_pack: Mapped[bool] = mapped_column(Boolean, default=False)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    license_cents: Mapped[int] = mapped_column(default=0)
    product_cents: Mapped[int] = mapped_column(default=0)
    overage_cents: Mapped[int] = mapped_column(default=0)
    services_cents: Mapped[int] = mapped_column(default=0)
    agency_services_cents: Mapped[int] = mapped_column(default=0)
    tax_cents: Mapped[int] = mapped_column(default=0)
    total_cents: Mapped[int] = mapped_column(default=0)


class BillingCycle(Base):
    """A closed billing cycle (R-BL-5): its ``billing_charge`` rows are what was billed and stand from
    then on; the agency's totals for it, kept with them so twelve cycles read as twelve rows."""

    __tablename__ = "billing_cycle"
    cycle: Mapped[date] = mapped_column(Date, primary_key=True)
    closed_at: Mapped[datetime]
    clients: Mapped[int] = mapped_column(default=0)
    license_cents: Mapped[int] = mapped_column(default=0)
    product_overages_cents: Mapped[int] = mapped_column(default=0)
    agency_services_cents: Mapped[int] = mapped_column(default=0)
    tax_cents: Mapped[int] = mapped_column(default=0)
    total_cents: Mapped[int] = mapped_column(default=0)


# --- team calls, avatars, audit, job runs -------------------------------------------------------------


class TeamCall(Base):
    __tablename__ = "team_call"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("agency_user.id"))
    started_at: Mapped[datetime]
    url: Mapped[str] = mapped_column(String(lengths.TEAM_CALL_URL))
    participant_ids: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Avatar(Base):
    """A client's company logo (R-CMC-3 Information): the image bytes and their kind."""

    __tablename__ = "avatar"
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    mime_type: Mapped[str] = mapped_column(String(20))
    width: Mapped[int]
    height: Mapped[int]
    image: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime]


class AttentionSnooze(Base):
    """One person's snooze of one attention reason (R-ATT-3): hidden from their queue until ``until``,
    unless it is worse than ``severity`` (its severity when snoozed). ``client_id`` NULL: the agency row."""

    __tablename__ = "attention_snooze"
    __table_args__ = (
        UniqueConstraint("agency_user_id", "client_id", "code", name="uq_attention_snooze_user_client_code"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_user_id: Mapped[int] = mapped_column(ForeignKey("agency_user.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    until: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(lengths.SNOOZE_NOTE), default="")
    severity: Mapped[str] = mapped_column(String(10))  # critical | warning | notice
    created_at: Mapped[datetime]


class AuditEntry(Base):
    """Every change made through the console (R-ACC-5): who, what, which client, before, after, when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_client_at", "client_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    agency_user_id: Mapped[int | None] = mapped_column(ForeignKey("agency_user.id"))
    actor: Mapped[str] = mapped_column(String(lengths.LOGIN))
    action: Mapped[str] = mapped_column(String(60), index=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="SET NULL"))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: the bulk change this row is one client's change of (R-BULK-3); NULL for a single change
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("bulk_batch.id"), index=True)


class BulkBatch(Base):
    """One bulk change (R-BULK-3): its number (``id``), who ran it and when, the action and its
    arguments as typed (``set-limit 5000``), whether it was all or nothing, and the batch it undoes."""

    __tablename__ = "bulk_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_user_id: Mapped[int | None] = mapped_column(ForeignKey("agency_user.id"))
    actor: Mapped[str] = mapped_column(String(lengths.LOGIN))
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(20))
    args: Mapped[list[str]] = mapped_column(JSON, default=list)
    all_or_nothing: Mapped[bool] = mapped_column(Boolean, default=False)
    undo_of: Mapped[int | None] = mapped_column(ForeignKey("bulk_batch.id"))


class SavedView(Base):
    """A saved view (R-VIEW-1): a name, a filter's canonical text and a sort, owned by an agency user,
    private to them or shared with the agency (R-VIEW-2). Names are unique case-insensitively (the
    commands check; ``name`` is unique as typed)."""

    __tablename__ = "saved_view"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("agency_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(lengths.VIEW_NAME), unique=True)
    filter: Mapped[str] = mapped_column(String(lengths.VIEW_FILTER))
    sort: Mapped[str] = mapped_column(String(12))
    descending: Mapped[bool] = mapped_column(Boolean, default=False)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class ClientTemplate(Versioned, Base):
    """A client template (R-TPL-1): a name and a setup, the agency's; ``owner_id`` is who saved it.

    The setup is one JSON document (``domain/templates.setup_document``), checked by
    ``domain/templates.read_setup`` on the way in and on the way out: it is read and written whole,
    its parts are optional and two of them are lists (allowances per service, managers), so one
    checked document keeps it one row with no child tables, in the same shape as its TOML file.
    """

    __tablename__ = "client_template"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(lengths.TEMPLATE_NAME), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("agency_user.id", ondelete="SET NULL"))
    setup: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class JobRun(Base):
    """One run of a scheduled job for one day; the unique pair makes each day run once (R-NM-3)."""

    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("job", "day", name="uq_job_run_job_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # running | done | failed
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    runner: Mapped[str] = mapped_column(String(120), default="")
    events_processed: Mapped[int] = mapped_column(BigInteger, default=0)
    message: Mapped[str | None] = mapped_column(Text)


class RollupState(Base):
    """Where the rollup got to: the highest event id already rolled up (R-NM-4)."""

    __tablename__ = "rollup_state"
    job: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_event_id: Mapped[int] = mapped_column(BigInteger, default=0)
    last_day: Mapped[date | None] = mapped_column(Date)
    as_of: Mapped[datetime | None]
