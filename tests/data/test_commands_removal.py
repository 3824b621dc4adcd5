"""Remove Company (soft, R-OPT-9) and purge_company."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from console_tui.data.commands.removal import purge_company, remove_company
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, client_summaries
from console_tui.data.schema import AuditEntry, Client, ClientUser, Event
from console_tui.domain.errors import NotFound, RuleRefused
from tests.conftest import FIXED_NOW
from tests.data.command_helpers import (
    audit_count,
    audits,
    client_state,
    one_audit,
    seed,
)

# today is 2026-11-20 (the fixed clock); annual terms renew on their start's anniversary
RENEWAL_IN_31_DAYS = date(2025, 12, 21)
RENEWAL_IN_30_DAYS = date(2025, 12, 20)


def test_r_opt_9_annual_client_31_days_before_renewal_is_refused_with_the_date(db: Database, clock) -> None:
    ids = seed(db, license_term="annual", license_start=RENEWAL_IN_31_DAYS)
    before = client_state(db, ids.client_id)
    with pytest.raises(RuleRefused) as caught:
        remove_company(db, clock, "admin", ids.client_id, confirm_name="Bloom Florists")
    assert caught.value.opens_on == date(2026, 11, 21)
    assert "renewing on 2026-12-21" in str(caught.value) and "2026-11-21" in str(caught.value)
    assert client_state(db, ids.client_id) == before and audit_count(db) == 0


def test_r_opt_9_annual_client_30_days_before_renewal_is_removed_softly(db: Database, clock) -> None:
    ids = seed(db, license_term="annual", license_start=RENEWAL_IN_30_DAYS)
    removed = remove_company(db, clock, "admin", ids.client_id, confirm_name="  Bloom Florists ",
                             pre_renewal_days=30)
    assert (removed.users_blocked, removed.removed_at) == (2, FIXED_NOW)
    entry = one_audit(db, clock, actor="admin", action="remove_company", client_id=ids.client_id)
    assert entry.before["deleted_at"] is None and entry.after["users_blocked"] == 2
    with db.read() as session:
        assert session.get(Client, ids.client_id).deleted_at == FIXED_NOW  # data kept
        assert all(u.blocked for u in session.scalars(select(ClientUser)))
        assert client_summaries(session, acting_user(session, "admin")) == ()  # hidden from lists


def test_r_opt_9_the_window_is_a_setting(db: Database, clock) -> None:
    ids = seed(db, license_term="annual", license_start=RENEWAL_IN_31_DAYS)
    remove_company(db, clock, "admin", ids.client_id, confirm_name="Bloom Florists", pre_renewal_days=31)
    assert audit_count(db) == 1


def test_r_opt_9_monthly_client_may_be_removed_any_time(db: Database, clock) -> None:
    ids = seed(db, license_term="monthly", license_start=date(2026, 11, 1))
    remove_company(db, clock, "admin", ids.client_id, confirm_name="Bloom Florists")
    one_audit(db, clock, actor="admin", action="remove_company", client_id=ids.client_id)


def test_r_opt_9_a_name_that_does_not_match_is_refused(db: Database, clock) -> None:
    ids = seed(db, license_term="monthly", license_start=date(2026, 11, 1))
    with pytest.raises(RuleRefused, match="does not match"):
        remove_company(db, clock, "admin", ids.client_id, confirm_name="bloom florists")
    assert client_state(db, ids.client_id)["deleted_at"] is None and audit_count(db) == 0


def test_r_opt_9_purge_needs_a_removed_company(db: Database, clock) -> None:
    ids = seed(db)
    with pytest.raises(RuleRefused, match="has not been removed"):
        purge_company(db, clock, "admin", ids.client_id, confirm_name="Bloom Florists")
    assert audit_count(db) == 0


def test_r_opt_9_purge_deletes_the_data_and_its_audit_row_survives(db: Database, clock) -> None:
    ids = seed(db)
    with db.write() as session:
        session.add(Event(external_id="e1", client_id=ids.client_id, type="email_sent", occurred_at=FIXED_NOW))
    remove_company(db, clock, "admin", ids.client_id, confirm_name="Bloom Florists")
    with pytest.raises(RuleRefused, match="does not match"):
        purge_company(db, clock, "admin", ids.client_id, confirm_name="Bloom")
    purged = purge_company(db, clock, "admin", ids.client_id, confirm_name="Bloom Florists")
    assert (purged.name, purged.client_users, purged.events) == ("Bloom Florists", 2, 1)
    removal, purge = audits(db)
    assert (purge.actor, purge.action, purge.client_id, purge.at) == ("admin", "purge_company", None, FIXED_NOW)
    assert purge.before["name"] == "Bloom Florists" and purge.before["client_id"] == ids.client_id
    assert removal.client_id is None  # the history stays, detached (ON DELETE SET NULL)
    with db.read() as session:
        assert session.get(Client, ids.client_id) is None
        assert session.scalar(select(func.count()).select_from(ClientUser)) == 0
        assert session.scalar(select(func.count()).select_from(Event)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 2
    with pytest.raises(NotFound):
        purge_company(db, clock, "admin", ids.client_id, confirm_name="Bloom Florists")
