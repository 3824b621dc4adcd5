"""The attention queue's rules, one test group per reason (console_tui.domain.attention)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

from console_tui.domain.attention import (
    RULES,
    AttentionFacts,
    AttentionRow,
    Severity,
    Thresholds,
    attention_queue,
    config_incomplete,
    ebs_may_turn_off,
    email_usage,
    grasshopper,
    no_login,
    no_sends,
    plan_reason,
    pre_renewal,
    reasons_for,
    sender_status,
    sender_worse,
)
from console_tui.domain.filters import ClientFacts

TODAY = date(2026, 6, 15)
T = Thresholds()
QUIET = ClientFacts(
    id=1, name="Bloom Florists", kind="client", status="Active", tags=(), sender="healthy", util=60, sent=2000,
    opened=500, open=25.0, contacts=12, users=3, login=3, renews=200, term="annual", limit=10_000, usage=42.5,
    managers=frozenset(), features=frozenset(), config_complete=True, ebs=False,
)


def client(added_on: date = date(2025, 1, 1), **changes: object) -> AttentionFacts:
    extra = {k: changes.pop(k) for k in ("sender_since", "last_change", "last_became_healthy", "last_night")
             if k in changes}
    return AttentionFacts(replace(QUIET, **changes), added_on, **extra)  # type: ignore[arg-type]


def test_r_att_1_a_quiet_client_needs_nobody() -> None:
    assert reasons_for(client(), TODAY, T) == ()
    assert attention_queue([client()], TODAY, T) == ()


# --- sender status -------------------------------------------------------------------------------

def test_r_att_1_sender_at_risk_is_a_warning_since_the_change() -> None:
    reason = sender_status(client(sender="at-risk", sender_since=date(2026, 6, 1)), TODAY, T)
    assert reason is not None
    assert (reason.code, reason.severity, reason.since, reason.fix) == (
        "sender-at-risk", Severity.WARNING, date(2026, 6, 1), "attention.sender")
    assert reason.text == "Sender status At Risk"


def test_r_att_1_sender_unhealthy_or_limited_is_critical() -> None:
    for word in ("unhealthy", "limited"):
        reason = sender_status(client(sender=word), TODAY, T)
        assert reason is not None and reason.severity is Severity.CRITICAL


def test_r_att_1_sender_new_or_healthy_is_no_reason() -> None:
    assert sender_status(client(sender="new"), TODAY, T) is None
    assert sender_status(client(sender="healthy"), TODAY, T) is None


def test_r_att_1_sender_worse_than_last_night() -> None:
    night = TODAY - timedelta(days=1)
    worse = sender_worse(client(sender="limited", last_change=("Healthy", "Limited", night), last_night=night),
                         TODAY, T)
    assert worse is not None
    assert (worse.code, worse.severity, worse.since) == ("sender-worse", Severity.CRITICAL, night)
    assert worse.text == "Sender status fell from Healthy to Limited last night"
    at_risk = sender_worse(client(last_change=("Healthy", "At Risk", night), last_night=night), TODAY, T)
    assert at_risk is not None and at_risk.severity is Severity.WARNING


def test_r_att_1_sender_worse_only_for_last_nights_change_and_not_from_new() -> None:
    night = TODAY - timedelta(days=1)
    older = client(last_change=("Healthy", "At Risk", night - timedelta(days=1)), last_night=night)
    assert sender_worse(older, TODAY, T) is None
    assert sender_worse(client(last_change=("New", "At Risk", night), last_night=night), TODAY, T) is None
    assert sender_worse(client(last_change=("At Risk", "Healthy", night), last_night=night), TODAY, T) is None


# --- email usage ----------------------------------------------------------------------------------

def test_r_att_1_usage_at_90_percent_is_a_warning_at_100_critical() -> None:
    assert email_usage(client(usage=89.9), TODAY, T) is None
    high = email_usage(client(usage=90.0), TODAY, T)
    assert high is not None and (high.code, high.severity, high.fix) == ("usage-high", Severity.WARNING, "app.limits")
    assert high.text == "Email usage at 90 % of the limit this cycle"
    over = email_usage(client(usage=100.0), TODAY, T)
    assert over is not None and (over.code, over.severity) == ("usage-over", Severity.CRITICAL)


def test_r_att_1_usage_unlimited_is_no_reason_and_a_used_zero_limit_is_critical() -> None:
    assert email_usage(client(usage=None, limit=None), TODAY, T) is None
    reason = email_usage(client(usage=math.inf, limit=0), TODAY, T)
    assert reason is not None and reason.severity is Severity.CRITICAL and "all of" in reason.text


def test_r_att_1_usage_threshold_is_a_setting() -> None:
    assert email_usage(client(usage=80.0), TODAY, replace(T, usage_pct=80)) is not None


# --- pre-renewal ----------------------------------------------------------------------------------

def test_r_att_1_renewal_window_open_is_a_warning_since_it_opened() -> None:
    reason = pre_renewal(client(renews=30), TODAY, T)
    assert reason is not None
    assert (reason.code, reason.severity, reason.since) == ("renewal-window", Severity.WARNING, TODAY)


def test_r_att_1_renewal_window_opening_within_14_days_is_a_notice() -> None:
    reason = pre_renewal(client(renews=44), TODAY, T)
    assert reason is not None and (reason.code, reason.severity) == ("renewal-soon", Severity.NOTICE)
    assert reason.since == TODAY + timedelta(days=14)
    assert pre_renewal(client(renews=45), TODAY, T) is None


def test_r_att_1_renewal_only_for_annual_terms() -> None:
    assert pre_renewal(client(renews=10, term="monthly"), TODAY, T) is None
    assert pre_renewal(client(renews=None, term=None), TODAY, T) is None


# --- configuration, logins, sends, utilization, EBS ---------------------------------------------

def test_r_att_1_config_incomplete_since_the_client_was_added() -> None:
    reason = config_incomplete(client(config_complete=False, added_on=date(2026, 5, 2)), TODAY, T)
    assert reason is not None
    assert (reason.code, reason.severity, reason.since, reason.fix) == (
        "config-incomplete", Severity.WARNING, date(2026, 5, 2), "attention.config")


def test_r_att_1_no_login_in_30_days_since_the_last_login() -> None:
    assert no_login(client(login=29), TODAY, T) is None
    reason = no_login(client(login=30), TODAY, T)
    assert reason is not None and reason.since == TODAY - timedelta(days=30)
    assert reason.text == "No client login in 30 days" and reason.fix == "attention.users"


def test_r_att_1_no_login_ever_waits_30_days_after_the_client_was_added() -> None:
    assert no_login(client(login=None, added_on=TODAY - timedelta(days=29)), TODAY, T) is None
    reason = no_login(client(login=None, added_on=TODAY - timedelta(days=30)), TODAY, T)
    assert reason is not None and reason.text == "No client login ever"


def test_r_att_1_no_sends_for_an_active_client_only() -> None:
    reason = no_sends(client(sent=0), TODAY, T)
    assert reason is not None and (reason.code, reason.severity) == ("no-sends", Severity.WARNING)
    assert no_sends(client(sent=1), TODAY, T) is None
    assert no_sends(client(sent=0, status="Suspended"), TODAY, T) is None
    assert no_sends(client(sent=0, kind="lead"), TODAY, T) is None
    assert no_sends(client(sent=0, added_on=TODAY - timedelta(days=10)), TODAY, T) is None


def test_r_att_1_grasshopper_after_90_days() -> None:
    reason = grasshopper(client(util=24), TODAY, T)
    assert reason is not None and (reason.code, reason.fix) == ("grasshopper", "attention.detail")
    assert grasshopper(client(util=25), TODAY, T) is None
    assert grasshopper(client(util=10, added_on=TODAY - timedelta(days=90)), TODAY, T) is None
    assert grasshopper(client(util=10, added_on=TODAY - timedelta(days=91)), TODAY, T) is not None


def test_r_att_1_ebs_may_turn_off_after_the_wait() -> None:
    healthy = TODAY - timedelta(days=60)
    reason = ebs_may_turn_off(client(ebs=True, last_became_healthy=healthy), TODAY, T)
    assert reason is not None
    assert (reason.code, reason.severity, reason.since, reason.fix) == (
        "ebs-may-turn-off", Severity.NOTICE, TODAY, "attention.ebs")
    assert ebs_may_turn_off(client(ebs=True, last_became_healthy=healthy + timedelta(days=1)), TODAY, T) is None
    assert ebs_may_turn_off(client(ebs=False, last_became_healthy=healthy), TODAY, T) is None
    assert ebs_may_turn_off(client(ebs=True, sender="at-risk", last_became_healthy=healthy), TODAY, T) is None


# --- the plan and the order -----------------------------------------------------------------------

def test_r_att_1_plan_at_90_percent_is_a_warning_full_is_critical() -> None:
    assert plan_reason(899, 1000, T) is None
    warn = plan_reason(900, 1000, T)
    assert warn is not None and (warn.code, warn.severity, warn.fix) == ("plan-capacity", Severity.WARNING,
                                                                          "app.account")
    assert warn.text == "Plan at 90 % of its clients (900 of 1,000)"
    full = plan_reason(1000, 1000, T)
    assert full is not None and full.severity is Severity.CRITICAL


def test_r_att_2_rows_sorted_by_severity_then_how_long_then_name() -> None:
    rows = attention_queue([
        client(id=1, name="Zed", login=40),                                    # notice, since 40 days ago
        client(id=2, name="Bee", sender="limited", sender_since=date(2026, 6, 10)),
        client(id=3, name="Ant", sender="unhealthy", sender_since=date(2026, 6, 10)),
        client(id=4, name="Cat", sender="at-risk", sender_since=date(2026, 5, 1)),
        client(id=5, name="Dog", sender="limited", sender_since=date(2026, 6, 1)),
        client(id=6, name="Eel"),
    ], TODAY, T, agency=AttentionRow(None, "Agency", (plan_reason(950, 1000, T),)))  # type: ignore[arg-type]
    assert [row.name for row in rows] == ["Agency", "Dog", "Ant", "Bee", "Cat", "Zed"]
    assert rows[1].severity is Severity.CRITICAL and rows[-1].severity is Severity.NOTICE


def test_r_att_2_a_row_lists_every_reason_in_rule_order() -> None:
    row = attention_queue([client(sender="at-risk", config_complete=False, usage=95.0)], TODAY, T)[0]
    assert [r.code for r in row.reasons] == ["sender-at-risk", "usage-high", "config-incomplete"]
    assert row.severity is Severity.WARNING
    assert len(RULES) == 9
