"""Per-client options: Email Suppression, Client Rebrand, Services and Allowances, Client Managers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from console_tui.data.commands.activity import start_team_call
from console_tui.data.commands.options import (
    add_client_manager,
    remove_client_manager,
    set_allowance,
    set_rebrand_lock,
    set_suppression,
)
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, client_summaries
from console_tui.data.schema import ClientService
from console_tui.domain.ebs import EBS_OFF_NOTE
from console_tui.domain.errors import ConflictError, NotFound, PermissionDenied, RuleRefused, ValidationError
from tests.data.command_helpers import (
    audit_count,
    client_state,
    one_audit,
    seed,
    set_sender,
)

TODAY = date(2026, 11, 20)  # the fixed clock's local day


# --- Email Suppression (R-SUP-2, R-SUP-4) ------------------------------------------------------


def test_r_sup_2_ebs_off_on_day_59_is_refused_with_the_date_it_opens(db: Database, clock) -> None:
    ids = seed(db)
    set_sender(db, ids.client_id, "Healthy", TODAY - timedelta(days=59))
    with pytest.raises(RuleRefused) as caught:
        set_suppression(db, clock, "mm", ids.client_id, enabled=False)
    assert caught.value.opens_on == TODAY + timedelta(days=1)
    assert "59 days ago" in str(caught.value) and "2026-11-21" in str(caught.value)
    assert client_state(db, ids.client_id)["ebs_enabled"] is True and audit_count(db) == 0


def test_r_sup_2_ebs_off_on_day_60_is_allowed_and_says_r_sup_4(db: Database, clock) -> None:
    ids = seed(db)
    set_sender(db, ids.client_id, "At Risk", TODAY - timedelta(days=60))
    result = set_suppression(db, clock, "mm", ids.client_id, enabled=False)
    assert (result.enabled, result.note) == (False, EBS_OFF_NOTE)
    entry = one_audit(db, clock, actor="mm", action="set_suppression", client_id=ids.client_id)
    assert (entry.before, entry.after) == ({"ebs_enabled": True}, {"ebs_enabled": False})


def test_r_sup_2_the_wait_is_a_setting(db: Database, clock) -> None:
    ids = seed(db)
    set_sender(db, ids.client_id, "Healthy", TODAY - timedelta(days=10))
    assert set_suppression(db, clock, "admin", ids.client_id, enabled=False, ebs_wait_days=10).enabled is False


@pytest.mark.parametrize("status", ["Unhealthy", "Limited", "New"])
def test_r_sup_2_ebs_off_is_refused_for_other_statuses(db: Database, clock, status: str) -> None:
    ids = seed(db)
    set_sender(db, ids.client_id, status, TODAY - timedelta(days=400))
    with pytest.raises(RuleRefused, match=f"the sender status is {status}"):
        set_suppression(db, clock, "admin", ids.client_id, enabled=False)
    assert audit_count(db) == 0


def test_r_sup_3_turning_ebs_on_is_always_allowed(db: Database, clock) -> None:
    ids = seed(db, ebs_enabled=False)
    set_sender(db, ids.client_id, "Limited", None)
    result = set_suppression(db, clock, "cm", ids.client_id, enabled=True)
    assert (result.enabled, result.note) == (True, None)
    one_audit(db, clock, actor="cm", action="set_suppression", client_id=ids.client_id)


def test_r_sup_1_a_client_never_rolled_up_is_a_new_sender(db: Database, clock) -> None:
    ids = seed(db)
    with pytest.raises(RuleRefused, match="the sender status is New"):
        set_suppression(db, clock, "admin", ids.client_id, enabled=False)


# --- Client Rebrand (R-OPT-8) -------------------------------------------------------------------


def test_r_opt_8_rebrand_lock_and_unlock_with_conflict_check(db: Database, clock) -> None:
    ids = seed(db)
    seen = client_state(db, ids.client_id)["version"]
    assert set_rebrand_lock(db, clock, "admin", ids.client_id, locked=True, seen_version=seen) is True
    entry = one_audit(db, clock, actor="admin", action="set_rebrand_lock", client_id=ids.client_id)
    assert entry.after == {"rebrand_locked": True}
    with pytest.raises(ConflictError):
        set_rebrand_lock(db, clock, "admin", ids.client_id, locked=False, seen_version=seen)
    assert client_state(db, ids.client_id)["rebrand_locked"] is True and audit_count(db) == 1


# --- Services and Allowances (R-OPT-4) ----------------------------------------------------------


def test_r_opt_4_lowering_below_active_deactivates_nothing_and_says_so(db: Database, clock) -> None:
    ids = seed(db)
    first = set_allowance(db, clock, "admin", ids.client_id, "sms_credits", "500")
    assert (first.allowance, first.note) == (500, None)
    with db.write() as session:
        service = session.scalars(select(ClientService)).one()
        service.active_quantity = 300
        version = service.version + 1
    lowered = set_allowance(db, clock, "admin", ids.client_id, "sms_credits", 100, seen_version=version)
    assert (lowered.allowance, lowered.active, lowered.billed_quantity) == (100, 300, 300)
    assert lowered.note is not None and "Nothing is deactivated" in lowered.note
    with db.read() as session:
        row = session.scalars(select(ClientService)).one()
        assert (row.allowance, row.active_quantity) == (100, 300)


def test_r_opt_4_bad_allowance_or_service_changes_nothing(db: Database, clock) -> None:
    ids = seed(db)
    with pytest.raises(ValidationError, match="allowance"):
        set_allowance(db, clock, "admin", ids.client_id, "sms_credits", "-5")
    with pytest.raises(NotFound, match="sms_credits"):
        set_allowance(db, clock, "admin", ids.client_id, "fax_pages", 5)
    assert audit_count(db) == 0


# --- Client Managers (R-OPT-5, R-ACC-2) ---------------------------------------------------------


def test_r_opt_5_removing_a_manager_takes_access_away(db: Database, clock) -> None:
    ids = seed(db)
    managers = remove_client_manager(db, clock, "admin", ids.client_id, "sp")
    assert "sp" not in managers
    entry = one_audit(db, clock, actor="admin", action="remove_client_manager", client_id=ids.client_id)
    assert "sp" in entry.before["managers"] and entry.after["removed"] == "sp"
    with db.read() as session:
        assert client_summaries(session, acting_user(session, "sp"), with_places=False) == ()
    with pytest.raises(PermissionDenied, match="any other role as a Client Manager of this client"):
        start_team_call(db, clock, "sp", ids.client_id, [ids.client_user_id], url_template="https://meet.example.com/{room}")


def test_r_opt_5_adding_a_manager_gives_access_and_refuses_nonsense(db: Database, clock) -> None:
    ids = seed(db)
    remove_client_manager(db, clock, "admin", ids.client_id, "jr")
    managers = add_client_manager(db, clock, "admin", ids.client_id, "jr")
    assert "jr" in managers
    with db.read() as session:
        assert len(client_summaries(session, acting_user(session, "jr"), with_places=False)) == 1
    with pytest.raises(RuleRefused, match="already a Client Manager"):
        add_client_manager(db, clock, "admin", ids.client_id, "jr")
    with pytest.raises(RuleRefused, match="is an Administrator"):
        add_client_manager(db, clock, "admin", ids.client_id, "admin")
    with pytest.raises(NotFound, match="nobody"):
        add_client_manager(db, clock, "admin", ids.client_id, "nobody")
    assert audit_count(db) == 2
