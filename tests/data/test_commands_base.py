"""The command shape: permission, change and exactly one audit row in one transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console_tui.data.commands.options import toggle_direct_support
from console_tui.data.engine import Database
from console_tui.data.schema import AuditEntry, Client
from console_tui.domain.errors import ConflictError, NotFound, PermissionDenied
from tests.factories import make_agency, make_client, make_user


def audit_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


@pytest.fixture
def client_id(db: Database) -> int:
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        make_user(session, "sal", role="Salesperson")
        return make_client(session, "Bloom Florists").id


def test_r_acc_5_success_leaves_one_audit_row_with_before_and_after(db: Database, clock, client_id: int) -> None:
    assert toggle_direct_support(db, clock, "boss", client_id, enabled=True) is True
    with db.read() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert session.get(Client, client_id).direct_support is True
    assert (entry.actor, entry.action, entry.client_id) == ("boss", "direct_support", client_id)
    assert entry.before == {"direct_support": False} and entry.after == {"direct_support": True}
    assert entry.at == clock.now()


def test_r_acc_4_refusal_names_the_role_and_changes_nothing(db: Database, clock, client_id: int) -> None:
    with pytest.raises(PermissionDenied, match="Administrator"):
        toggle_direct_support(db, clock, "sal", client_id, enabled=True)
    assert audit_count(db) == 0
    with db.read() as session:
        assert session.get(Client, client_id).direct_support is False


def test_stale_version_is_a_conflict_not_an_overwrite(db: Database, clock, client_id: int) -> None:
    with db.read() as session:
        seen = session.get(Client, client_id).version
    toggle_direct_support(db, clock, "boss", client_id, enabled=True, seen_version=seen)
    with pytest.raises(ConflictError, match="someone else changed it"):
        toggle_direct_support(db, clock, "boss", client_id, enabled=False, seen_version=seen)
    assert audit_count(db) == 1


def test_removed_or_missing_client_is_not_found(db: Database, clock, client_id: int) -> None:
    with pytest.raises(NotFound):
        toggle_direct_support(db, clock, "boss", 999_999, enabled=True)
    assert audit_count(db) == 0
