"""Changing plan on the ladder (R-CAP-3) and the plan's usage (R-CAP-2)."""

from __future__ import annotations

import pytest

from console_tui.data.commands.plan import change_plan
from console_tui.data.engine import Database
from console_tui.data.queries.admin import plan_usage
from console_tui.data.schema import Agency
from console_tui.domain.errors import NotFound, PermissionDenied, RuleRefused
from tests.data.command_helpers import (
    audit_count,
    one_audit,
    seed,
)
from tests.data.test_commands_clients import fill


def plan_name(db: Database) -> str:
    with db.read() as session:
        return session.query(Agency).one().plan.name


def test_r_cap_3_upgrade_takes_effect_at_once_and_is_audited(db: Database, clock) -> None:
    seed(db, max_clients=10)
    changed = change_plan(db, clock, "admin", "growth")
    assert (changed.before, changed.after, changed.max_clients, changed.upgrade) == ("Starter", "Growth", 20, True)
    entry = one_audit(db, clock, actor="admin", action="change_plan", client_id=None)
    assert (entry.before["plan"], entry.after["plan"]) == ("Starter", "Growth")
    usage = plan_usage(db, "jr")
    assert (usage.plan.name, usage.usage.clients.limit, usage.next_plan) == ("Growth", 20, None)


def test_r_cap_3_downgrade_below_current_usage_is_refused(db: Database, clock) -> None:
    seed(db, max_clients=10)
    change_plan(db, clock, "admin", 2)
    fill(db, 10)  # 11 counted; Starter allows 10
    with pytest.raises(RuleRefused) as caught:
        change_plan(db, clock, "admin", "1")
    assert "11 counted clients (it allows 10)" in str(caught.value) and "Suspend or remove clients" in str(caught.value)
    assert plan_name(db) == "Growth" and audit_count(db) == 1


def test_r_cap_3_downgrade_that_fits_is_allowed(db: Database, clock) -> None:
    seed(db, max_clients=10)
    change_plan(db, clock, "admin", "Growth")
    fill(db, 9)  # 10 counted: exactly full is allowed
    assert change_plan(db, clock, "admin", "Starter").upgrade is False
    assert plan_name(db) == "Starter"


def test_r_cap_3_unknown_or_current_plan_is_refused(db: Database, clock) -> None:
    seed(db)
    with pytest.raises(NotFound, match="1 Starter or 2 Growth"):
        change_plan(db, clock, "admin", "Platinum")
    with pytest.raises(RuleRefused, match="already on the Starter plan"):
        change_plan(db, clock, "admin", "starter")
    assert audit_count(db) == 0


def test_r_cap_2_plan_usage_shows_the_warning_at_90_percent(db: Database, clock) -> None:
    seed(db, max_clients=10)
    fill(db, 8)
    usage = plan_usage(db, "sp")
    assert (usage.counted_clients, usage.usage.clients.percent, usage.team_members) == (9, 90, 6)
    assert usage.warning is not None and usage.next_plan is not None and usage.next_plan.name == "Growth"


def test_r_cap_1_plan_usage_counts_the_demo_agency_like_the_demo_does(demo_db) -> None:
    usage = plan_usage(demo_db.db, demo_db.login)
    assert usage.counted_clients == demo_db.summary.counted_clients
    assert (usage.plan.name, usage.plan.max_clients) == (demo_db.summary.plan_name, demo_db.summary.plan_capacity)


def test_r_wi_3_a_dry_run_makes_the_same_checks_and_keeps_nothing(db: Database, clock) -> None:
    seed(db, max_clients=10)
    would = change_plan(db, clock, "admin", "growth", dry_run=True)
    assert (would.before, would.after, would.upgrade) == ("Starter", "Growth", True)
    assert plan_name(db) == "Starter" and audit_count(db) == 0
    change_plan(db, clock, "admin", 2)
    fill(db, 10)  # 11 counted; Starter allows 10: the dry run of moving down is refused as the change is
    with pytest.raises(RuleRefused, match="11 counted clients"):
        change_plan(db, clock, "admin", 1, dry_run=True)
    with pytest.raises(PermissionDenied, match="Changing the plan"):
        change_plan(db, clock, "cm", 1, dry_run=True)
    assert plan_name(db) == "Growth" and audit_count(db) == 1
