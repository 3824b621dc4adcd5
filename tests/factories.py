"""Tiny row factories for data tests that need just an agency and a few clients."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console_tui.data.schema import Agency, AgencyUser, Client, ClientStatus, Plan

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def make_agency(session: Session, *, name: str = "Acme Agency", max_clients: int = 100) -> Agency:
    plan = Plan(
        rank=1, name="Starter", max_clients=max_clients, max_team_members=10, storage_gb=50,
        in_pack_licenses=5, in_pack_price_cents=2000, additional_client_price_cents=3000,
        annual_discount_pct=Decimal("10"), included_emails=10_000, overage_per_1000_cents=150,
    )
    agency = Agency(name=name, plan=plan, created_at=T0)
    session.add(agency)
    for status in ("Active", "Suspended", "Inactive"):
        session.add(ClientStatus(name=status, builtin=True))
    session.flush()
    return agency


def status_id(session: Session, name: str) -> int:
    found = session.scalar(select(ClientStatus.id).where(ClientStatus.name == name))
    if found is None:
        status = ClientStatus(name=name, builtin=False)
        session.add(status)
        session.flush()
        return status.id
    return found


def make_client(session: Session, name: str, *, kind: str = "client", status: str = "Active", **fields) -> Client:
    client = Client(name=name, kind=kind, status_id=status_id(session, status), created_at=T0, **fields)
    session.add(client)
    session.flush()
    return client


def make_user(session: Session, login: str, role: str = "Administrator") -> AgencyUser:
    user = AgencyUser(login=login, full_name=login.title(), email=f"{login}@agency.example", role=role, created_at=T0)
    session.add(user)
    session.flush()
    return user


def agency_with_a_client(db, login: str = "boss"):  # noqa: ANN001, ANN201 - a Database, returned
    """The smallest agency a CLI command works on: the agency, Administrator ``login``, one client."""
    with db.write() as session:
        make_agency(session)
        make_user(session, login)
        make_client(session, "Bloom Florists")
    return db
