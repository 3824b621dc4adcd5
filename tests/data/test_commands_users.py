"""Client users (User Accounts) and agency users (R-ACC-1, R-ACC-3)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from console_tui.data.commands.users import (
    add_agency_user,
    create_client_user,
    delete_client_user,
    set_agency_user_active,
    set_agency_user_role,
    update_client_user,
)
from console_tui.data.engine import Database
from console_tui.data.queries.console import DeactivatedUser, UnknownUser, acting_user
from console_tui.data.schema import AgencyUser, ClientUser, RecentPlace
from console_tui.domain.errors import ConflictError, NotFound, PermissionDenied, RuleRefused, ValidationError
from tests.data.command_helpers import (
    audit_count,
    audits,
    one_audit,
    seed,
)


def user_row(db: Database, user_id: int) -> ClientUser | None:
    with db.read() as session:
        return session.get(ClientUser, user_id)


# --- client users --------------------------------------------------------------------------------


def test_r_acc_3_company_manager_creates_a_client_user(db: Database, clock) -> None:
    ids = seed(db)
    new_id = create_client_user(db, clock, "cm", ids.client_id, full_name=" Iris Petal ",
                                email="Iris@Bloom.example.com")
    user = user_row(db, new_id)
    assert (user.full_name, user.email, user.role, user.client_id) == ("Iris Petal", "Iris@bloom.example.com", "User",
                                                                       ids.client_id)
    entry = one_audit(db, clock, actor="cm", action="create_client_user", client_id=ids.client_id)
    assert entry.before is None and entry.after["email"] == "Iris@bloom.example.com"
    with db.read() as session:
        place = session.scalars(select(RecentPlace)).one()
        assert (place.kind, place.title, place.action) == ("user", "Iris Petal", "created")


def test_r_mc_1_client_user_fields_are_validated_and_emails_unique(db: Database, clock) -> None:
    ids = seed(db)
    with pytest.raises(ValidationError) as caught:
        create_client_user(db, clock, "admin", ids.client_id, full_name="", email="nope")
    assert set(caught.value.field_errors) == {"full_name", "email"}
    with pytest.raises(ValidationError, match="already used by another user"):
        create_client_user(db, clock, "admin", ids.client_id, full_name="Dup", email="FLORA@bloom.example.com")
    assert audit_count(db) == 0


def test_r_acc_3_update_client_user_with_version_check(db: Database, clock) -> None:
    ids = seed(db)
    seen = user_row(db, ids.client_user_id).version
    version = update_client_user(db, clock, "admin", ids.client_id, ids.client_user_id,
                                 full_name="Flora B. Bloom", email="flora@bloom.example.com", blocked=True,
                                 seen_version=seen)
    assert version == seen + 1
    entry = one_audit(db, clock, actor="admin", action="update_client_user", client_id=ids.client_id)
    assert (entry.before["blocked"], entry.after["blocked"]) == (False, True)
    with pytest.raises(ConflictError):
        update_client_user(db, clock, "cm", ids.client_id, ids.client_user_id, full_name="Someone Else",
                           email="flora@bloom.example.com", seen_version=seen)
    assert user_row(db, ids.client_user_id).full_name == "Flora B. Bloom" and audit_count(db) == 1


def test_r_acc_3_delete_client_user(db: Database, clock) -> None:
    ids = seed(db)
    delete_client_user(db, clock, "cm", ids.client_id, ids.other_user_id)
    entry = one_audit(db, clock, actor="cm", action="delete_client_user", client_id=ids.client_id)
    assert entry.before["full_name"] == "Basil Stem" and entry.after is None
    assert user_row(db, ids.other_user_id) is None
    with db.read() as session:  # noted in Your Recent Places by the same transaction
        titles = session.scalars(select(RecentPlace.title).where(RecentPlace.client_id == ids.client_id)).all()
    assert titles == ["Removed Basil Stem"]
    with pytest.raises(NotFound):
        delete_client_user(db, clock, "cm", ids.client_id, ids.other_user_id)


def test_r_acc_3_a_salesperson_may_not_manage_client_users(db: Database, clock) -> None:
    ids = seed(db)
    with pytest.raises(PermissionDenied, match="Administrator or Company Manager roles"):
        delete_client_user(db, clock, "sp", ids.client_id, ids.other_user_id)
    assert user_row(db, ids.other_user_id) is not None and audit_count(db) == 0


# --- agency users ---------------------------------------------------------------------------------


def test_r_acc_1_administrator_adds_an_agency_user(db: Database, clock) -> None:
    seed(db)
    added = add_agency_user(db, clock, "admin", new_login="newbie", full_name="New Bie",
                            email="newbie@agency.example.com", role="marketing manager")
    assert (added.role, added.bootstrap) == ("Marketing Manager", False)
    assert added.team_warning is None  # 7 of 10
    entry = one_audit(db, clock, actor="admin", action="add_agency_user", client_id=None)
    assert entry.after["login"] == "newbie"


def test_r_acc_1_bad_agency_user_fields_and_duplicates_are_refused(db: Database, clock) -> None:
    seed(db)
    with pytest.raises(ValidationError) as caught:
        add_agency_user(db, clock, "admin", new_login="two words", full_name="", email="x", role="Boss")
    assert set(caught.value.field_errors) == {"login", "full_name", "email", "role"}
    with pytest.raises(ValidationError, match="already an agency user"):
        add_agency_user(db, clock, "admin", new_login="SP", full_name="Sam", email="sam@agency.example.com",
                        role="Salesperson")
    with pytest.raises(PermissionDenied, match="Agency Users was refused: it needs the Administrator role"):
        add_agency_user(db, clock, "cm", new_login="x1", full_name="X One", email="x1@agency.example.com",
                        role="Salesperson")
    assert audit_count(db) == 0


def test_r_acc_1_the_first_agency_user_bootstraps_an_empty_console(db: Database, clock) -> None:
    with pytest.raises(RuleRefused, match="must be an Administrator"):
        add_agency_user(db, clock, "root", new_login="sal", full_name="Sal", email="sal@agency.example.com",
                        role="Salesperson")
    added = add_agency_user(db, clock, "root", new_login="boss", full_name="The Boss",
                            email="boss@agency.example.com", role="Administrator")
    assert added.bootstrap
    entry = one_audit(db, clock, actor="boss", action="add_agency_user", client_id=None)
    assert entry.before == {"bootstrap": True, "asked_by": "root"}
    with pytest.raises(UnknownUser, match="console-tui users add root"):
        add_agency_user(db, clock, "root", new_login="two", full_name="Two", email="two@agency.example.com",
                        role="Administrator")
    with db.read() as session:
        assert session.scalars(select(AgencyUser.login)).all() == ["boss"]


def test_r_acc_1_deactivate_then_reactivate_an_agency_user_each_audited(db: Database, clock) -> None:
    seed(db)
    assert set_agency_user_active(db, clock, "admin", target="SP", active=False) == "sp"
    entry = one_audit(db, clock, actor="admin", action="deactivate_agency_user", client_id=None)
    assert (entry.before["active"], entry.after["active"], entry.after["login"]) == (True, False, "sp")
    with db.read() as session, pytest.raises(DeactivatedUser) as caught:
        acting_user(session, "sp")
    message = str(caught.value)
    assert "deactivated" in message and "console-tui users activate sp" in message
    assert "users add" not in message  # adding them again would be refused: they exist
    with pytest.raises(DeactivatedUser):  # a deactivated user cannot act either
        set_agency_user_active(db, clock, "sp", target="jr", active=False)
    set_agency_user_active(db, clock, "admin", target="sp", active=True)
    assert [row.action for row in audits(db)] == ["deactivate_agency_user", "activate_agency_user"]
    with db.read() as session:
        assert acting_user(session, "sp").active


def test_r_acc_1_activating_is_refused_for_non_administrators_unknown_logins_and_no_change(db: Database,
                                                                                           clock) -> None:
    seed(db)
    with pytest.raises(PermissionDenied, match="needs the Administrator role"):
        set_agency_user_active(db, clock, "cm", target="sp", active=False)
    with pytest.raises(NotFound, match="there is no agency user nobody"):
        set_agency_user_active(db, clock, "admin", target="nobody", active=False)
    with pytest.raises(RuleRefused, match="sp is already active"):
        set_agency_user_active(db, clock, "admin", target="sp", active=True)
    assert audit_count(db) == 0


def test_r_acc_1_the_last_active_administrator_cannot_be_deactivated(db: Database, clock) -> None:
    seed(db)
    with pytest.raises(RuleRefused, match="admin is the last active Administrator"):
        set_agency_user_active(db, clock, "admin", target="admin", active=False)
    add_agency_user(db, clock, "admin", new_login="boss2", full_name="Boss Two", email="boss2@agency.example.com",
                    role="Administrator")
    set_agency_user_active(db, clock, "boss2", target="admin", active=False)  # another one is active now
    with pytest.raises(RuleRefused, match="boss2 is the last active Administrator"):
        set_agency_user_active(db, clock, "boss2", target="boss2", active=False)
    with db.read() as session:
        assert session.scalars(select(AgencyUser.login).where(AgencyUser.active, AgencyUser.role == "Administrator")
                               ).all() == ["boss2"]


def test_r_acc_1_change_an_agency_users_role_audited_and_applied(db: Database, clock) -> None:
    seed(db)
    changed = set_agency_user_role(db, clock, "admin", target="SP", role="marketing manager")
    assert (changed.login, changed.before, changed.after) == ("sp", "Salesperson", "Marketing Manager")
    entry = one_audit(db, clock, actor="admin", action="set_agency_user_role", client_id=None)
    assert (entry.before["role"], entry.after["role"], entry.after["login"]) == ("Salesperson", "Marketing Manager",
                                                                                  "sp")
    with db.read() as session:
        assert acting_user(session, "sp").role == "Marketing Manager"
    set_agency_user_role(db, clock, "admin", target="sp", role="Administrator")  # now may manage users
    set_agency_user_role(db, clock, "sp", target="cm", role="Salesperson")
    assert [row.action for row in audits(db)] == ["set_agency_user_role"] * 3


def test_r_acc_1_role_changes_are_refused_with_a_reason_and_change_nothing(db: Database, clock) -> None:
    seed(db)
    with pytest.raises(PermissionDenied, match="needs the Administrator role"):
        set_agency_user_role(db, clock, "cm", target="sp", role="Administrator")
    with pytest.raises(NotFound, match="there is no agency user nobody"):
        set_agency_user_role(db, clock, "admin", target="nobody", role="Salesperson")
    with pytest.raises(RuleRefused, match="sp is already Salesperson"):
        set_agency_user_role(db, clock, "admin", target="sp", role="salesperson")
    with pytest.raises(ValidationError, match=r"Role must be one of .*you wrote '\[b\]Boss'"):
        set_agency_user_role(db, clock, "admin", target="sp", role="[b]Boss")
    assert audit_count(db) == 0


def test_r_acc_1_the_last_active_administrator_cannot_be_demoted(db: Database, clock) -> None:
    seed(db)
    with pytest.raises(RuleRefused, match="admin is the last active Administrator"):
        set_agency_user_role(db, clock, "admin", target="admin", role="Salesperson")
    set_agency_user_role(db, clock, "admin", target="sp", role="Administrator")
    set_agency_user_active(db, clock, "admin", target="sp", active=False)  # an inactive one does not count
    with pytest.raises(RuleRefused, match="admin is the last active Administrator"):
        set_agency_user_role(db, clock, "admin", target="admin", role="Salesperson")
    set_agency_user_role(db, clock, "admin", target="sp", role="Salesperson")  # demoting an inactive one is fine
    set_agency_user_active(db, clock, "admin", target="sp", active=True)
    set_agency_user_role(db, clock, "admin", target="cm", role="Administrator")
    set_agency_user_role(db, clock, "cm", target="admin", role="Salesperson")  # another one is active now
    with db.read() as session:
        assert session.scalars(select(AgencyUser.login).where(AgencyUser.active, AgencyUser.role == "Administrator")
                               ).all() == ["cm"]
