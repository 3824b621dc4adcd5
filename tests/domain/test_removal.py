"""Remove Company and the pre-renewal window (R-OPT-9); cycles (R-CU-1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console_tui.domain.cycles import (
    add_months,
    cycle_for,
    ended_cycles,
    next_cycle,
    next_renewal,
    previous_cycle,
)
from console_tui.domain.errors import RuleRefused
from console_tui.domain.removal import in_pre_renewal, removal_guard

RENEWAL = date(2026, 3, 1)


def test_r_opt_9_monthly_clients_may_be_removed_any_time() -> None:
    assert removal_guard("monthly", None, date(2025, 5, 5)).allowed


def test_r_opt_9_no_term_yet_may_be_removed() -> None:
    assert removal_guard(None, None, date(2025, 5, 5)).allowed


def test_r_opt_9_annual_refused_31_days_before_renewal_with_opening_date() -> None:
    guard = removal_guard("annual", RENEWAL, RENEWAL - timedelta(31))
    assert not guard.allowed
    assert guard.opens_on == date(2026, 1, 30)
    assert "2026-01-30" in guard.reason and "annual" in guard.reason
    with pytest.raises(RuleRefused) as caught:
        guard.enforce("Removing ACME")
    assert caught.value.opens_on == date(2026, 1, 30)


def test_r_opt_9_annual_allowed_30_days_before_renewal() -> None:
    assert removal_guard("annual", RENEWAL, RENEWAL - timedelta(30)).allowed
    assert removal_guard("annual", RENEWAL, RENEWAL - timedelta(1)).allowed


def test_r_opt_9_window_is_a_setting() -> None:
    today = RENEWAL - timedelta(45)
    assert removal_guard("annual", RENEWAL, today, window_days=45).allowed
    assert not removal_guard("annual", RENEWAL, today, window_days=44).allowed


def test_r_opt_9_annual_without_renewal_date_is_a_caller_error() -> None:
    with pytest.raises(ValueError):
        removal_guard("annual", None, date(2025, 1, 1))


def test_r_opt_9_pre_renewal_only_for_annual() -> None:
    assert in_pre_renewal("annual", RENEWAL, RENEWAL - timedelta(30))
    assert not in_pre_renewal("annual", RENEWAL, RENEWAL - timedelta(31))
    assert not in_pre_renewal("monthly", RENEWAL, RENEWAL - timedelta(1))
    assert not in_pre_renewal(None, RENEWAL, RENEWAL - timedelta(1))


@pytest.mark.parametrize(
    ("start", "term", "today", "expected"),
    [
        (date(2024, 3, 1), "annual", date(2025, 2, 28), date(2025, 3, 1)),
        (date(2024, 3, 1), "annual", date(2025, 3, 1), date(2026, 3, 1)),
        (date(2024, 2, 29), "annual", date(2024, 6, 1), date(2025, 2, 28)),
        (date(2024, 2, 29), "annual", date(2027, 6, 1), date(2028, 2, 29)),
        (date(2025, 1, 31), "monthly", date(2025, 2, 10), date(2025, 2, 28)),
        (date(2025, 1, 31), "monthly", date(2025, 2, 28), date(2025, 3, 31)),
        (date(2025, 6, 15), "monthly", date(2025, 1, 1), date(2025, 7, 15)),
    ],
)
def test_r_opt_9_next_renewal(start: date, term: str, today: date, expected: date) -> None:
    assert next_renewal(start, term, today) == expected


@given(
    start=st.dates(date(2000, 1, 1), date(2040, 1, 1)),
    today=st.dates(date(2000, 1, 1), date(2045, 1, 1)),
    term=st.sampled_from(["monthly", "annual"]),
)
def test_r_opt_9_next_renewal_is_the_first_anniversary_after_today(
    start: date, today: date, term: str
) -> None:
    step = 1 if term == "monthly" else 12
    renewal = next_renewal(start, term, today)
    assert renewal > today
    k = next(k for k in range(1, 2000) if add_months(start, k * step) == renewal)
    assert k == 1 or add_months(start, (k - 1) * step) <= today


def test_r_cu_1_only_ended_cycles_are_shown() -> None:
    cycles = ended_cycles(date(2025, 1, 20), today=date(2025, 4, 1))
    assert [c.label for c in cycles] == ["2025-01", "2025-02", "2025-03"]
    assert [c.label for c in ended_cycles(date(2025, 1, 20), today=date(2025, 3, 31))] == [
        "2025-01",
        "2025-02",
    ]


def test_r_cu_1_previous_and_next_month() -> None:
    march = cycle_for(date(2025, 3, 17))
    assert (march.start, march.end) == (date(2025, 3, 1), date(2025, 3, 31))
    assert previous_cycle(march).label == "2025-02"
    assert next_cycle(cycle_for(date(2024, 12, 5))).label == "2025-01"
    assert date(2025, 3, 31) in march and date(2025, 4, 1) not in march
