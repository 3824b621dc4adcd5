"""Shared setup for the command tests: a small agency with one user per role, and audit checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from console_tui.data.engine import Database
from console_tui.data.schema import (
    AddonService,
    AuditEntry,
    Client,
    ClientAccess,
    ClientSnapshot,
    ClientUser,
    Plan,
)
from console_tui.domain.client_form import ClientForm
from tests.factories import T0, make_agency, make_client, make_user

#: login -> role: one agency user per role (R-ACC-1)
ROLE_LOGINS = {
    "admin": "Administrator",
    "cm": "Company Manager",
    "mm": "Marketing Manager",
    "sm": "Sales Manager",
    "sp": "Salesperson",
    "jr": "Jr. Salesperson",
}

GOOD_FORM = ClientForm(
    full_name="Ada Lovelace", email="ada@bloom.example.com", company_name="Rose & Thorn Ltd",
    street="10 Downing Street", city="London", state="London", postal_code="SW1A 2AA", country="UK",
    website="https://rose.example.com", phone="020 7946 0958",
)


@dataclass(frozen=True)
class Seed:
    client_id: int
    client_user_id: int
    other_user_id: int


def seed(db: Database, *, max_clients: int = 100, uses_billing_platform: bool = False, **client_fields: Any) -> Seed:
    """An agency, six users (one per role; non-admins manage the client), a client with two users."""
    with db.write() as session:
        agency = make_agency(session, max_clients=max_clients)
        agency.uses_billing_platform = uses_billing_platform
        session.add(Plan(rank=2, name="Growth", max_clients=max_clients * 2, max_team_members=20, storage_gb=100,
                         in_pack_licenses=10, in_pack_price_cents=1800, additional_client_price_cents=2800,
                         annual_discount_pct=Decimal("10"), included_emails=20_000, overage_per_1000_cents=120))
        users = {login: make_user(session, login, role) for login, role in ROLE_LOGINS.items()}
        client = make_client(session, "Bloom Florists", country="GB", **client_fields)
        for login, user in users.items():
            if login != "admin":
                session.add(ClientAccess(agency_user_id=user.id, client_id=client.id, granted_at=T0))
        first = ClientUser(client_id=client.id, full_name="Flora Bloom", email="flora@bloom.example.com", created_at=T0)
        other = ClientUser(client_id=client.id, full_name="Basil Stem", email="basil@bloom.example.com", created_at=T0)
        session.add_all([first, other, AddonService(key="sms_credits", name="SMS credits", unit="credit",
                                                    unit_price_cents=3)])
        session.flush()
        return Seed(client.id, first.id, other.id)


def set_sender(db: Database, client_id: int, status: str, last_became_healthy: date | None) -> None:
    with db.write() as session:
        session.merge(ClientSnapshot(client_id=client_id, as_of=T0, sender_status=status,
                                     last_became_healthy=last_became_healthy))


def audits(db: Database) -> list[AuditEntry]:
    with db.read() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def audit_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def one_audit(db: Database, clock, *, actor: str, action: str, client_id: int | None) -> AuditEntry:
    """The single audit row a successful command leaves, checked for who, what, which client, when."""
    rows = audits(db)
    assert len(rows) == 1, [(r.action, r.actor) for r in rows]
    entry = rows[0]
    assert (entry.actor, entry.action, entry.client_id, entry.at) == (actor, action, client_id, clock.now())
    return entry


def client_state(db: Database, client_id: int) -> dict[str, Any]:
    """Every column of the client row, to prove a refusal changed nothing."""
    with db.read() as session:
        client = session.get(Client, client_id)
        return {column.key: getattr(client, column.key) for column in Client.__table__.columns}


def client_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Client)) or 0
