"""Engagement-based suppression (R-SUP-1..4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from console_tui.domain.ebs import (
    EBS_DEFAULT_ON,
    EBS_OFF_NOTE,
    EBS_TAG,
    ebs_after_status_change,
    ebs_forced_on,
    ebs_on_note,
    ebs_toggle_guard,
)
from console_tui.domain.errors import RuleRefused
from console_tui.domain.sender import SenderStatus

HEALTHY_SINCE = date(2025, 1, 10)


def test_r_sup_1_ebs_on_by_default_and_tagged() -> None:
    assert EBS_DEFAULT_ON is True
    assert EBS_TAG == "EBS Active"


def test_r_sup_2_allowed_on_day_60() -> None:
    guard = ebs_toggle_guard(SenderStatus.HEALTHY, HEALTHY_SINCE, HEALTHY_SINCE + timedelta(60))
    assert guard.allowed and guard.opens_on is None


def test_r_sup_2_refused_on_day_59_with_the_date_it_opens() -> None:
    guard = ebs_toggle_guard(SenderStatus.AT_RISK, HEALTHY_SINCE, HEALTHY_SINCE + timedelta(59))
    assert not guard.allowed
    assert guard.opens_on == date(2025, 3, 11)
    assert "2025-03-11" in guard.reason and "59 days ago" in guard.reason


def test_r_sup_2_wait_is_a_setting() -> None:
    today = HEALTHY_SINCE + timedelta(30)
    assert ebs_toggle_guard(SenderStatus.HEALTHY, HEALTHY_SINCE, today, wait_days=30).allowed
    assert not ebs_toggle_guard(SenderStatus.HEALTHY, HEALTHY_SINCE, today, wait_days=31).allowed


@pytest.mark.parametrize("status", [SenderStatus.NEW, SenderStatus.UNHEALTHY, SenderStatus.LIMITED])
def test_r_sup_2_refused_unless_healthy_or_at_risk(status: SenderStatus) -> None:
    guard = ebs_toggle_guard(status, HEALTHY_SINCE, HEALTHY_SINCE + timedelta(400))
    assert not guard.allowed and guard.opens_on is None
    assert status.value in guard.reason and "Healthy or At Risk" in guard.reason


def test_r_sup_2_never_healthy_is_refused_without_a_date() -> None:
    guard = ebs_toggle_guard(SenderStatus.AT_RISK, None, date(2025, 6, 1))
    assert not guard.allowed and guard.opens_on is None
    assert "not been a Healthy sender" in guard.reason


def test_r_sup_2_enforce_raises_rule_refused_with_date() -> None:
    guard = ebs_toggle_guard(SenderStatus.HEALTHY, HEALTHY_SINCE, HEALTHY_SINCE + timedelta(1))
    with pytest.raises(RuleRefused) as caught:
        guard.enforce("Turning EBS off for ACME")
    assert caught.value.opens_on == date(2025, 3, 11)
    assert str(caught.value).startswith("Turning EBS off for ACME was refused: the client")
    assert "on or after 2025-03-11" in str(caught.value)


@pytest.mark.parametrize("new", [SenderStatus.UNHEALTHY, SenderStatus.LIMITED])
def test_r_sup_3_downgrade_turns_ebs_back_on(new: SenderStatus) -> None:
    assert ebs_after_status_change(SenderStatus.HEALTHY, new, ebs_enabled=False) is True
    assert ebs_forced_on(SenderStatus.AT_RISK, new, ebs_enabled=False) is True
    assert ebs_forced_on(SenderStatus.AT_RISK, new, ebs_enabled=True) is False


@pytest.mark.parametrize("new", [SenderStatus.HEALTHY, SenderStatus.AT_RISK])
def test_r_sup_3_other_changes_leave_ebs_alone(new: SenderStatus) -> None:
    assert ebs_after_status_change(SenderStatus.HEALTHY, new, ebs_enabled=False) is False
    assert ebs_after_status_change(SenderStatus.UNHEALTHY, new, ebs_enabled=True) is True
    assert not ebs_forced_on(SenderStatus.LIMITED, new, ebs_enabled=False)


def test_r_sup_4_turning_off_keeps_time_based_suppressions() -> None:
    assert EBS_OFF_NOTE.startswith("Turning EBS off does not lift time-based suppressions")


# --- what turning EBS on commits to -----------------------------------------------------------------


RULE = "Once on, EBS cannot be turned off again until 60 days after the client is Healthy"


def test_r_sup_2_turning_ebs_on_says_the_date_it_could_be_turned_off_again() -> None:
    today = HEALTHY_SINCE + timedelta(days=10)
    guard = ebs_toggle_guard(SenderStatus.HEALTHY, HEALTHY_SINCE, today)
    assert ebs_on_note(guard, HEALTHY_SINCE) == f"{RULE}: it became Healthy on 2025-01-10, so not before 2025-03-11."


def test_r_sup_2_turning_ebs_on_without_a_healthy_date_says_it_is_counted_from_then() -> None:
    for status, since in ((SenderStatus.NEW, None), (SenderStatus.UNHEALTHY, HEALTHY_SINCE)):
        guard = ebs_toggle_guard(status, since, HEALTHY_SINCE + timedelta(days=100))
        assert ebs_on_note(guard, since) == (
            f"{RULE}: the 60 days are counted from the day it becomes Healthy, which has no date yet.")


def test_r_sup_2_turning_ebs_on_long_after_becoming_healthy_says_it_may_go_off_again() -> None:
    today = HEALTHY_SINCE + timedelta(days=90)
    guard = ebs_toggle_guard(SenderStatus.AT_RISK, HEALTHY_SINCE, today, wait_days=30)
    assert ebs_on_note(guard, HEALTHY_SINCE, 30, lambda d: d.strftime("%d %b %Y")) == (
        "Once on, EBS cannot be turned off again until 30 days after the client is Healthy: it became Healthy on "
        "10 Jan 2025, so that was 09 Feb 2025; EBS can be turned off again while the sender status stays Healthy "
        "or At Risk.")
