"""Email limits and overage (R-EL-1, R-EL-2, R-EL-3, R-EL-4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console_tui.domain.errors import LimitExceeded, ValidationError
from console_tui.domain.limits import (
    MAX_LIMIT,
    check_usage,
    email_overage_cents,
    parse_limit,
    parse_limits,
    possible_overage,
    remaining,
)


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_r_el_1_blank_means_unlimited(text: str) -> None:
    assert parse_limit(text) is None


@pytest.mark.parametrize(
    ("text", "value"), [("0", 0), (" 10000 ", 10_000), (str(MAX_LIMIT), MAX_LIMIT)]
)
def test_r_el_1_whole_numbers_accepted(text: str, value: int) -> None:
    assert parse_limit(text) == value


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1.5", "whole number"),
        ("-1", "cannot be negative"),
        ("1e3", "whole number"),
        ("NaN", "whole number"),
        ("inf", "whole number"),
        ("١٢", "digits other than 0-9"),
        ("１２", "digits other than 0-9"),
        ("+5", "+ sign"),
        ("007", "leading zeros (write 7)"),
        ("10,000", "separators"),
        ("10 000", "separators"),
        ("ten", "whole number"),
        (str(MAX_LIMIT + 1), "too large (at most 2,147,483,647)"),
        ("9" * 400, "too large"),
    ],
)
def test_r_el_1_invalid_limits_refused_with_the_problem(text: str, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_limit(text)
    assert problem in caught.value.field_errors["limit"]
    assert problem in str(caught.value)


def test_r_el_2_exactly_reaching_the_limit_is_allowed() -> None:
    check_usage(1_000, sent_in_cycle=600, scheduled_in_cycle=300, adding=100)


def test_r_el_2_one_over_the_limit_is_refused_with_limit_usage_and_excess() -> None:
    with pytest.raises(LimitExceeded) as caught:
        check_usage(1_000, sent_in_cycle=600, scheduled_in_cycle=300, adding=101)
    error = caught.value
    assert (error.limit, error.usage, error.adding, error.over) == (1_000, 900, 101, 1)
    message = str(error)
    assert "the limit is 1,000 emails" in message
    assert "900 are already used" in message
    assert "1 over the limit" in message


def test_r_el_2_scheduled_jobs_count_toward_usage() -> None:
    with pytest.raises(LimitExceeded):
        check_usage(100, sent_in_cycle=0, scheduled_in_cycle=100, adding=1)
    assert remaining(100, 40, 50) == 10
    assert remaining(None, 40, 50) is None


def test_r_el_2_unlimited_never_refuses() -> None:
    check_usage(None, sent_in_cycle=10**9, scheduled_in_cycle=10**9, adding=10**9)


@given(
    limit=st.integers(0, 10**7),
    sent=st.integers(0, 10**7),
    scheduled=st.integers(0, 10**7),
    adding=st.integers(0, 10**7),
)
def test_r_el_2_check_never_lets_usage_pass_the_limit(
    limit: int, sent: int, scheduled: int, adding: int
) -> None:
    try:
        check_usage(limit, sent, scheduled, adding)
    except LimitExceeded as error:
        assert sent + scheduled + adding > limit
        assert error.over == sent + scheduled + adding - limit > 0
    else:
        assert sent + scheduled + adding <= limit


@given(st.integers(0, MAX_LIMIT))
def test_r_el_1_every_canonical_number_is_accepted(n: int) -> None:
    assert parse_limit(str(n)) == n


@given(st.text(max_size=12))
def test_r_el_1_only_canonical_numbers_are_accepted(text: str) -> None:
    try:
        value = parse_limit(text)
    except ValidationError as error:
        assert "limit" in error.field_errors
        return
    if value is None:
        assert text.strip() == ""
    else:
        assert text.strip() == str(value) and 0 <= value <= MAX_LIMIT


@given(st.from_regex(r"\A[0-9]{1,12}\Z"))
def test_r_el_1_digit_strings_accepted_iff_canonical(text: str) -> None:
    canonical = str(int(text)) == text and int(text) <= MAX_LIMIT
    try:
        assert parse_limit(text) == int(text) and canonical
    except ValidationError:
        assert not canonical


def test_r_el_3_possible_overage_when_limit_exceeds_included() -> None:
    overage = possible_overage(12_500, included_emails=10_000, overage_price_per_1000_cents=150)
    assert (overage.emails_over, overage.cost_cents, overage.unbounded) == (2_500, 450, False)
    assert "$4.50" in overage.message and "2,500" in overage.message


def test_r_el_3_no_overage_within_included() -> None:
    overage = possible_overage(10_000, included_emails=10_000, overage_price_per_1000_cents=150)
    assert (overage.emails_over, overage.cost_cents) == (0, 0)
    assert "no overage" in overage.message


def test_r_el_3_unlimited_means_unbounded_overage() -> None:
    overage = possible_overage(None, included_emails=10_000, overage_price_per_1000_cents=150)
    assert overage.unbounded and (overage.emails_over, overage.cost_cents) == (0, 0)
    assert "no upper bound" in overage.message


def test_r_el_3_overage_is_per_started_thousand() -> None:
    assert email_overage_cents(10_000, 10_000, 150) == 0
    assert email_overage_cents(10_001, 10_000, 150) == 150
    assert email_overage_cents(11_000, 10_000, 150) == 150
    assert email_overage_cents(11_001, 10_000, 150) == 300


def test_r_el_4_all_limits_parsed_together_or_none() -> None:
    assert parse_limits({1: "100", 2: ""}) == {1: 100, 2: None}
    with pytest.raises(ValidationError) as caught:
        parse_limits({1: "100", 2: "-5", 3: "x"}, names={2: "ACME", 3: "Beta"})
    assert set(caught.value.field_errors) == {"ACME", "Beta"}
    assert "nothing was saved" in str(caught.value)


def test_r_el_2_a_lower_limit_blocks_the_scheduled_sends_that_no_longer_fit() -> None:
    from datetime import date

    from console_tui.domain.limits import PlannedSend, blocked_sends

    late, early, small = PlannedSend(date(2026, 11, 25), 3_000), PlannedSend(date(2026, 11, 21), 1_000), \
        PlannedSend(date(2026, 11, 28), 500)
    assert blocked_sends(None, 9_000, [late, early]) == ()
    assert blocked_sends(5_000, 3_000, [late, early, small]) == (late,)  # early and small still fit
    assert blocked_sends(4_000, 3_000, [early]) == ()  # reaching the limit exactly is allowed
    assert blocked_sends(2_000, 3_000, [late, early]) == (early, late)
