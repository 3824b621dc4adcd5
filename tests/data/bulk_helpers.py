"""A small agency for the bulk-change tests: clients in many states, and each client's values read
straight from the tables (not through the code under test)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from console_tui.data.commands.bulk import BulkRules
from console_tui.data.engine import Database
from console_tui.data.schema import (
    AddonService,
    AgencyUser,
    AuditEntry,
    Client,
    ClientAccess,
    ClientService,
    ClientStatus,
)
from console_tui.domain.bulk import BulkAction, BulkKind, Value
from tests.conftest import TEST_TZ
from tests.data.command_helpers import seed, set_sender
from tests.factories import make_client

RULES = BulkRules(TEST_TZ)

#: name -> (fields, sender status, last became healthy)
CLIENTS = {
    "Alder Annual": ({"license_term": "annual", "license_start": date(2025, 3, 1), "email_limit": 500},
                     "Healthy", date(2026, 1, 1)),
    "Birch Monthly": ({"license_term": "monthly", "license_start": date(2026, 2, 1), "direct_support": True},
                      "At Risk", date(2026, 1, 1)),
    "Cedar NoTerm": ({"ebs_enabled": False, "rebrand_locked": True}, "Unhealthy", None),
    "Dogwood Suspended": ({"status": "Suspended", "email_limit": 0}, "Healthy", date(2026, 11, 1)),
    "Elm Lead": ({"kind": "lead", "status": "Inactive"}, None, None),
    "Fir Inactive": ({"status": "Inactive", "license_start": date(2024, 6, 1)}, "Limited", None),
}


def bulk_agency(db: Database) -> dict[str, int]:
    """The seeded agency (one user per role, "Bloom Florists" managed by every non-admin) and the
    clients above, the Company Manager ``cm`` managing half of them; a plan with room for the 4 counted (full)."""
    first = seed(db, max_clients=4)
    ids = {"Bloom Florists": first.client_id}
    for name, (fields, sender, healthy) in CLIENTS.items():
        with db.write() as session:
            ids[name] = make_client(session, name, country="GB", **fields).id
            if name < "D":
                cm = session.scalars(select(AgencyUser).where(AgencyUser.login == "cm")).one()
                session.add(ClientAccess(agency_user_id=cm.id, client_id=ids[name], granted_at=first_time()))
        if sender:
            set_sender(db, ids[name], sender, healthy)
    with db.write() as session:
        service = session.scalars(select(AddonService).where(AddonService.key == "sms_credits")).one()
        session.add(ClientService(client_id=ids["Alder Annual"], service_id=service.id, allowance=10,
                                  active_quantity=4))
        session.add(ClientService(client_id=ids["Birch Monthly"], service_id=service.id, allowance=3,
                                  active_quantity=0))
    return ids


def first_time():  # noqa: ANN201 - a datetime
    from tests.factories import T0

    return T0


def value_of(db: Database, client_id: int, action: BulkAction) -> Value:
    """The value ``action`` sets, as the tables hold it for the client now."""
    kind = action.kind
    with db.read() as session:
        client = session.get_one(Client, client_id)
        if kind is BulkKind.SET_LIMIT:
            return client.email_limit
        if kind is BulkKind.DIRECT_SUPPORT:
            return client.direct_support
        if kind is BulkKind.EBS:
            return client.ebs_enabled
        if kind is BulkKind.REBRAND:
            return client.rebrand_locked
        if kind is BulkKind.TERM:
            return client.license_term
        if kind is BulkKind.STATUS:
            return session.get_one(ClientStatus, client.status_id).name
        if kind in (BulkKind.GRANT, BulkKind.REVOKE):
            return session.scalar(
                select(ClientAccess.client_id).join(AgencyUser, AgencyUser.id == ClientAccess.agency_user_id)
                .where(ClientAccess.client_id == client_id, AgencyUser.login == action.key)) is not None
        return session.scalar(
            select(ClientService.allowance).join(AddonService, AddonService.id == ClientService.service_id)
            .where(ClientService.client_id == client_id, AddonService.key == action.key))


def batch_audits(db: Database, batch: int) -> list[AuditEntry]:
    with db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.batch_id == batch).order_by(AuditEntry.id)))


#: One action of every kind, with values that change some clients, leave some alone and refuse some.
ACTIONS = (
    BulkAction(BulkKind.SET_LIMIT, 500), BulkAction(BulkKind.SET_LIMIT, None), BulkAction(BulkKind.SET_LIMIT, 0),
    BulkAction(BulkKind.DIRECT_SUPPORT, True), BulkAction(BulkKind.DIRECT_SUPPORT, False),
    BulkAction(BulkKind.EBS, True), BulkAction(BulkKind.EBS, False),
    BulkAction(BulkKind.GRANT, True, "sm"), BulkAction(BulkKind.REVOKE, False, "sm"),
    BulkAction(BulkKind.GRANT, True, "admin"),
    BulkAction(BulkKind.STATUS, "Active"), BulkAction(BulkKind.STATUS, "suspended"),
    BulkAction(BulkKind.TERM, "monthly"), BulkAction(BulkKind.TERM, "annual"),
    BulkAction(BulkKind.REBRAND, True), BulkAction(BulkKind.REBRAND, False),
    BulkAction(BulkKind.ALLOWANCE, 5, "sms_credits"), BulkAction(BulkKind.ALLOWANCE, None, "sms_credits"),
)
