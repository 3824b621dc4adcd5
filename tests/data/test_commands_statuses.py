"""The agency's custom client statuses (R-CAP-1, R-CAP-4) on both backends: add with whether they count,
rename, retire; Administrators only; one audit row each; refusals change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from console_tui.data import migrate
from console_tui.data.commands.clients import set_client_status
from console_tui.data.commands.statuses import add_status, rename_status, retire_status
from console_tui.data.engine import Database
from console_tui.data.queries.admin import plan_usage
from console_tui.data.queries.manage import status_choices
from console_tui.data.queries.statuses import client_statuses
from console_tui.data.schema import ClientStatus
from console_tui.domain.errors import NotFound, PermissionDenied, RuleRefused, ValidationError
from tests.data.command_helpers import audit_count, one_audit, seed


def counted(db: Database) -> int:
    return plan_usage(db, "admin").usage.clients.used


def test_r_cap_4_a_status_added_as_not_counting_takes_its_clients_off_the_plan(db: Database, clock) -> None:
    ids = seed(db)
    assert counted(db) == 1
    added = add_status(db, clock, "admin", "  On   hold  ", counts=False)
    assert (added.name, added.counts, added.restored) == ("On hold", False, False)
    entry = one_audit(db, clock, actor="admin", action="add_status", client_id=None)
    assert (entry.before, entry.after) == (None, {"name": "On hold", "counts": False})
    result = set_client_status(db, clock, "admin", ids.client_id, "on hold")
    assert (result.status, result.counted) == ("On hold", False)
    assert counted(db) == 0  # R-CAP-1: the status says it does not count
    choices = status_choices(db, "admin", ids.client_id)
    assert "On hold" in choices.statuses and "On hold" not in choices.counting and "Active" in choices.counting


def test_r_cap_4_a_counting_status_counts(db: Database, clock) -> None:
    ids = seed(db)
    add_status(db, clock, "admin", "Key account", counts=True)
    set_client_status(db, clock, "admin", ids.client_id, "Key account")
    assert counted(db) == 1


def test_r_cap_4_rename_keeps_the_clients_and_refuses_duplicates_and_builtins(db: Database, clock) -> None:
    ids = seed(db)
    add_status(db, clock, "admin", "Trial", counts=True)
    add_status(db, clock, "admin", "Paused", counts=False)
    set_client_status(db, clock, "admin", ids.client_id, "Trial")
    before = audit_count(db)
    with pytest.raises(RuleRefused, match="the status Paused already exists"):
        rename_status(db, clock, "admin", "trial", "PAUSED")
    with pytest.raises(RuleRefused, match="Active is a built-in status"):
        rename_status(db, clock, "admin", "active", "Live")
    with pytest.raises(NotFound, match="no status 'Nope'"):
        rename_status(db, clock, "admin", "Nope", "Other")
    with pytest.raises(ValidationError, match="1 to 60 characters"):
        rename_status(db, clock, "admin", "Trial", " \t ")
    assert audit_count(db) == before
    renamed = rename_status(db, clock, "admin", "trial", "Free trial")
    assert (renamed.name, renamed.counts) == ("Free trial", True)
    assert status_choices(db, "admin", ids.client_id).status == "Free trial"
    assert audit_count(db) == before + 1


def test_r_cap_4_retiring_a_status_in_use_is_refused_naming_how_many(db: Database, clock) -> None:
    ids = seed(db)
    add_status(db, clock, "admin", "Trial", counts=True)
    set_client_status(db, clock, "admin", ids.client_id, "Trial")
    before = audit_count(db)
    with pytest.raises(RuleRefused, match="1 client has it. Give them another status first"):
        retire_status(db, clock, "admin", "Trial")
    with pytest.raises(RuleRefused, match="Suspended is a built-in status"):
        retire_status(db, clock, "admin", "Suspended")
    assert audit_count(db) == before
    set_client_status(db, clock, "admin", ids.client_id, "Active")
    retire_status(db, clock, "admin", "trial")
    rows = {row.name: row for row in client_statuses(db, "jr")}
    assert rows["Trial"].retired_at == clock.now() and rows["Trial"].clients == 0
    assert "Trial" not in status_choices(db, "admin", ids.client_id).statuses  # no longer offered
    with pytest.raises(ValidationError, match="'Trial' was retired"):
        set_client_status(db, clock, "admin", ids.client_id, "Trial")
    with pytest.raises(RuleRefused, match="already retired"):
        retire_status(db, clock, "admin", "Trial")
    back = add_status(db, clock, "admin", "TRIAL", counts=False)  # the name comes back, as now told
    assert (back.name, back.counts, back.restored) == ("Trial", False, True)
    with pytest.raises(RuleRefused, match="already exists"):
        add_status(db, clock, "admin", "trial", counts=True)


@pytest.mark.parametrize("login", ["cm", "mm", "sm", "sp", "jr"])
def test_r_cap_4_only_administrators_change_statuses(db: Database, clock, login: str) -> None:
    seed(db)
    with pytest.raises(PermissionDenied, match="Administrator"):
        add_status(db, clock, login, "Trial", counts=True)
    assert audit_count(db) == 0
    assert [row.name for row in client_statuses(db, login)] == ["Active", "Inactive", "Suspended"]


def test_r_cap_4_markup_in_a_name_is_kept_as_typed(db: Database, clock) -> None:
    seed(db)
    added = add_status(db, clock, "admin", "[b]VIP[/b] \x1b[31mred", counts=True)
    assert added.name == "[b]VIP[/b] red"  # the escape sequence cleaned out, the markup kept as written


def test_r_cap_1_the_migration_keeps_suspended_and_inactive_off_the_plan(tmp_path) -> None:  # noqa: ANN001
    database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(database, "0001")
    with database.engine.begin() as connection:
        connection.execute(text("INSERT INTO client_status (name, builtin) VALUES "
                                "('Active', 1), ('Suspended', 1), ('Inactive', 1), ('Onboarding', 0)"))
    migrate.upgrade(database)
    with database.read() as session:
        assert dict(session.execute(select(ClientStatus.name, ClientStatus.counts)).all()) == {
            "Active": True, "Suspended": False, "Inactive": False, "Onboarding": True}
    migrate.downgrade(database, "0001")
    database.dispose()
