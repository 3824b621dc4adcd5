"""Plan capacity (R-CAP-1, R-CAP-2, R-CAP-3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console_tui.domain.capacity import (
    Plan,
    account_usage,
    becomes_counted,
    capacity,
    capacity_warning,
    check_can_add,
    default_counts,
    is_counted,
    next_plan,
    plan_ladder,
)
from console_tui.domain.errors import CapacityReached

PLAN = Plan("Starter", clients=100, team_members=10, storage_gb=50)


@pytest.mark.parametrize(
    ("kind", "status", "counted"),
    [
        ("client", "Active", True),
        ("client", "Onboarding", True),  # custom status
        ("client", "suspended", True),  # names are case-sensitive
        ("client", "Suspended", False),
        ("client", "Inactive", False),
        ("lead", "Active", False),
        ("prospect", "Active", False),
    ],
)
def test_r_cap_1_counting(kind: str, status: str, counted: bool) -> None:
    assert is_counted(kind, default_counts(status)) is counted


@pytest.mark.parametrize(("kind", "status_counts", "counted"), [
    ("client", True, True), ("client", False, False), ("lead", True, False), ("prospect", False, False)])
def test_r_cap_1_a_custom_status_counts_as_it_was_added(kind: str, status_counts: bool, counted: bool) -> None:
    assert is_counted(kind, status_counts) is counted


@given(
    st.sampled_from(["client", "lead", "prospect", "Client", "other"]),
    st.one_of(st.sampled_from(["Suspended", "Inactive", "Active"]), st.text(max_size=10)),
)
def test_r_cap_1_counting_ignores_exactly_suspended_inactive_and_non_clients(
    kind: str, status: str
) -> None:
    expected = kind == "client" and status not in {"Suspended", "Inactive"}
    assert is_counted(kind, default_counts(status)) is expected


def test_r_cap_1_reactivation_and_conversion_add_to_the_count() -> None:
    assert becomes_counted("client", False, "client", True)  # Suspended -> Active
    assert becomes_counted("lead", True, "client", True)
    assert not becomes_counted("client", True, "client", True)  # Active -> a custom status that counts
    assert not becomes_counted("client", True, "client", False)  # Active -> Inactive
    assert not becomes_counted("client", False, "client", False)  # Suspended -> a custom one that does not


@pytest.mark.parametrize(
    ("counted", "percent", "warning", "full"),
    [(89, 89, False, False), (90, 90, True, False), (99, 99, True, False), (100, 100, True, True)],
)
def test_r_cap_2_warning_from_90_percent(
    counted: int, percent: int, warning: bool, full: bool
) -> None:
    cap = capacity(counted, PLAN)
    assert (cap.percent, cap.warning, cap.full) == (percent, warning, full)
    assert (capacity_warning(cap) is not None) is warning


def test_r_cap_2_exact_comparison_just_below_90_percent() -> None:
    cap = capacity(899, Plan("Big", 1000, 10, 10))
    assert cap.percent == 89 and not cap.warning
    assert capacity(900, Plan("Big", 1000, 10, 10)).warning


def test_r_cap_2_warning_text_and_all_three_meters() -> None:
    text = capacity_warning(capacity(95, PLAN))
    assert text == (
        "95 % of the plan's clients are used (95 of 100); "
        "5 more can be added before the plan is full"
    )
    usage = account_usage(10, 9, 20, PLAN)
    assert (usage.clients.percent, usage.team_members.warning, usage.storage_gb.percent) == (
        10,
        True,
        40,
    )


def test_r_cap_3_refused_at_100_percent_with_both_ways_out() -> None:
    check_can_add(99, PLAN)
    with pytest.raises(CapacityReached) as caught:
        check_can_add(100, PLAN, upgrade_to=plan_ladder(PLAN)[1])
    message = str(caught.value)
    assert "Starter plan allows 100 counted clients" in message
    assert "upgrade to the Starter x2 plan (200 clients)" in message
    assert "suspend or remove clients" in message


def test_r_cap_3_ladder_doubles_everything() -> None:
    ladder = plan_ladder(PLAN, steps=3)
    assert [(p.clients, p.team_members, p.storage_gb) for p in ladder] == [
        (100, 10, 50),
        (200, 20, 100),
        (400, 40, 200),
    ]
    assert next_plan(ladder, ladder[0]) == ladder[1]
    assert next_plan(ladder, ladder[-1]) is None
