"""Sender status (R-SS-1, R-SS-2) and the Email Sender breakdown (R-OPT-7)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from console_tui.domain.sender import (
    BOUNCE_RATE_LIMIT,
    BREAKDOWN_WINDOWS_DAYS,
    LIMITED_SPAM_FACTOR,
    SPAM_RATE_MAX,
    SenderStatus,
    SenderWindow,
    bad_rates,
    format_rate,
    rates,
    sender_status,
)


def window(
    sent: int = 10_000,
    bounced: int = 0,
    spam: int = 0,
    unsub: int = 0,
    ever: int = 50_000,
    opened: int = 0,
) -> SenderWindow:
    return SenderWindow(sent, bounced, spam, unsub, ever, opened)


def test_r_ss_1_statuses_and_severity_order() -> None:
    assert [s.value for s in SenderStatus] == ["New", "Healthy", "At Risk", "Unhealthy", "Limited"]
    assert SenderStatus.LIMITED.worse_than(SenderStatus.UNHEALTHY)
    assert SenderStatus.UNHEALTHY.worse_than(SenderStatus.AT_RISK)
    assert SenderStatus.AT_RISK.worse_than(SenderStatus.HEALTHY)
    assert not SenderStatus.NEW.worse_than(SenderStatus.HEALTHY)
    assert not SenderStatus.HEALTHY.worse_than(SenderStatus.HEALTHY)


def test_r_ss_1_spam_rate_of_exactly_0_08_percent_is_good() -> None:
    assert bad_rates(window(spam=8)) == ()  # 8 / 10,000 = 0.08 %
    assert bad_rates(window(spam=9)) == ("spam",)


def test_r_ss_1_bounces_and_unsubscribes_must_be_below_1_percent() -> None:
    assert bad_rates(window(bounced=99, unsub=99)) == ()
    assert bad_rates(window(bounced=100)) == ("bounces",)
    assert bad_rates(window(unsub=100)) == ("unsubscribes",)


def test_r_ss_2_new_below_1000_emails_ever() -> None:
    assert sender_status(window(sent=999, ever=999, spam=500)) is SenderStatus.NEW
    assert sender_status(window(sent=1000, ever=1000)) is SenderStatus.HEALTHY


@pytest.mark.parametrize(
    ("bounced", "spam", "unsub", "expected"),
    [
        (0, 0, 0, SenderStatus.HEALTHY),
        (100, 0, 0, SenderStatus.AT_RISK),
        (0, 9, 0, SenderStatus.AT_RISK),
        (0, 0, 100, SenderStatus.AT_RISK),
        (100, 9, 0, SenderStatus.UNHEALTHY),
        (100, 0, 100, SenderStatus.UNHEALTHY),
        (100, 24, 100, SenderStatus.UNHEALTHY),  # 0.24 % = exactly 3x: not Limited
        (0, 25, 0, SenderStatus.LIMITED),  # 0.25 % > 3 x 0.08 %
    ],
)
def test_r_ss_2_status_from_rates(
    bounced: int, spam: int, unsub: int, expected: SenderStatus
) -> None:
    assert sender_status(window(bounced=bounced, spam=spam, unsub=unsub)) is expected


def test_r_ss_2_nothing_sent_in_30_days_is_healthy_without_division_by_zero() -> None:
    quiet = window(sent=0, ever=5_000)
    assert sender_status(quiet) is SenderStatus.HEALTHY
    assert rates(quiet).spam is None and rates(quiet).opened is None


def test_r_ss_2_negative_counts_are_rejected() -> None:
    with pytest.raises(ValueError, match="spam"):
        SenderWindow(10, 0, -1, 0, 10)


@given(
    sent=st.integers(0, 10**6),
    bounced=st.integers(0, 10**6),
    spam=st.integers(0, 10**6),
    unsub=st.integers(0, 10**6),
    extra=st.integers(0, 10**6),
)
def test_r_ss_2_more_spam_never_improves_status(
    sent: int, bounced: int, spam: int, unsub: int, extra: int
) -> None:
    ever = sent + extra
    before = sender_status(SenderWindow(sent, bounced, spam, unsub, ever))
    after = sender_status(SenderWindow(sent, bounced, spam + 1, unsub, ever))
    assert not before.worse_than(after)


def test_r_opt_7_breakdown_rates_and_windows() -> None:
    assert BREAKDOWN_WINDOWS_DAYS == (1, 7, 30, 90)
    r = rates(window(sent=2_000, opened=500, bounced=20, spam=1, unsub=4))
    assert r.opened == Decimal("0.25")
    assert r.bounced == Decimal("0.01")
    assert r.spam == Decimal("0.0005")
    assert r.unsubscribed == Decimal("0.002")
    assert format_rate(r.opened) == "25.00 %"
    assert format_rate(None) == "—"


@given(sent=st.integers(1, 10**6), part=st.integers(0, 10**6))
@example(sent=10_000, part=8).via("spam at its threshold")
@example(sent=10_000, part=9).via("spam just over")
@example(sent=10_000, part=24).via("Limited at its threshold")
@example(sent=10_000, part=25).via("Limited just over")
@example(sent=100, part=1).via("bounces at 1 %")
@example(sent=101, part=1).via("bounces just under 1 %")
def test_r_ss_1_rates_compare_exactly_as_fractions(sent: int, part: int) -> None:
    """The whole-number comparisons say what comparing the rates as exact fractions says."""
    spam, bounces = Fraction(part, sent), Fraction(part, sent)
    got = bad_rates(SenderWindow(sent, part, part, part, 50_000))
    assert ("spam" in got) == (spam > Fraction(SPAM_RATE_MAX))
    assert ("bounces" in got) == ("unsubscribes" in got) == (bounces >= Fraction(BOUNCE_RATE_LIMIT))
    limited = sender_status(SenderWindow(sent, 0, part, 0, 50_000)) is SenderStatus.LIMITED
    assert limited == (spam > LIMITED_SPAM_FACTOR * Fraction(SPAM_RATE_MAX))
