"""Snoozing a reason of the attention queue (console_tui.domain.snooze): hidden until its day,
back on its day, back when worse; the day and the note as typed."""

from __future__ import annotations

from datetime import date

import pytest

from console_tui.domain import lengths
from console_tui.domain.attention import AttentionRow, Mark, Reason, Severity, marks
from console_tui.domain.errors import ValidationError
from console_tui.domain.snooze import Snooze, apply_snoozes, hides, most_urgent, parse_until, snooze_note

TODAY = date(2026, 6, 15)
AT_RISK = Reason("sender-worse", "Sender status fell", Severity.WARNING, date(2026, 6, 14), "attention.sender")
NO_LOGIN = Reason("no-login", "No client login in 40 days", Severity.NOTICE, date(2026, 5, 6), "attention.users")
CONFIG = Reason("config-incomplete", "Configuration incomplete", Severity.WARNING, date(2026, 1, 1), "attention.config")


def snooze(code: str = "sender-worse", until: date = date(2026, 6, 22), severity: Severity = Severity.WARNING,
           client_id: int | None = 1) -> Snooze:
    return Snooze(client_id, code, until, severity, "waiting for the new domain")


def test_r_att_3_a_snoozed_reason_is_hidden_until_its_day() -> None:
    assert hides(snooze(), AT_RISK, TODAY)
    assert hides(snooze(), AT_RISK, date(2026, 6, 21))


def test_r_att_3_a_snoozed_reason_is_back_on_its_day() -> None:
    assert not hides(snooze(), AT_RISK, date(2026, 6, 22))
    assert not hides(snooze(), AT_RISK, date(2026, 7, 1))


def test_r_att_3_a_snoozed_reason_is_back_when_it_gets_worse() -> None:
    worse = Reason("sender-worse", "Sender status fell to Limited", Severity.CRITICAL, TODAY, "attention.sender")
    assert not hides(snooze(), worse, TODAY)
    assert hides(snooze(severity=Severity.CRITICAL), AT_RISK, TODAY)  # better than when snoozed: still hidden


def test_r_att_3_a_snooze_hides_only_its_own_reason_of_its_own_client() -> None:
    rows = (AttentionRow(1, "Bloom", (AT_RISK, NO_LOGIN)), AttentionRow(2, "Calm", (AT_RISK,)))
    kept = apply_snoozes(rows, [snooze()], TODAY)
    assert [(row.id, [r.code for r in row.reasons]) for row in kept] == [(2, ["sender-worse"]), (1, ["no-login"])]
    assert kept[1].severity is Severity.NOTICE  # the row's severity follows what is left, and so does its place


def test_r_att_3_a_row_whose_every_reason_is_snoozed_drops_out() -> None:
    plan = Reason("plan-full", "Plan full", Severity.CRITICAL, None, "app.account")
    rows = (AttentionRow(None, "Acme Agency", (plan,)), AttentionRow(1, "Bloom", (AT_RISK, NO_LOGIN)))
    snoozes = [snooze(), snooze("no-login", severity=Severity.NOTICE),
               snooze("plan-full", severity=Severity.CRITICAL, client_id=None)]
    assert apply_snoozes(rows, snoozes, TODAY) == ()
    assert [row.name for row in apply_snoozes(rows, snoozes, date(2026, 6, 22))] == ["Acme Agency", "Bloom"]


def test_r_att_3_no_snoozes_leaves_the_queue_as_it_is() -> None:
    rows = (AttentionRow(1, "Bloom", (AT_RISK,)),)
    assert apply_snoozes(rows, [], TODAY) == rows


def test_r_att_4_a_cards_mark_counts_the_open_reasons_its_worst_severity_and_not_the_agency_row() -> None:
    critical = Reason("usage-over", "Email usage at 120 % of the limit", Severity.CRITICAL, None, "app.limits")
    plan = Reason("plan-full", "Plan at 100 % of its clients", Severity.CRITICAL, None, "app.account")
    rows = (AttentionRow(None, "Agency", (plan,)), AttentionRow(1, "Bloom", (AT_RISK, NO_LOGIN, CONFIG)),
            AttentionRow(2, "Cedar", (critical, NO_LOGIN)), AttentionRow(3, "Dune", (NO_LOGIN,)))
    assert marks(rows) == {1: Mark(3, Severity.WARNING), 2: Mark(2, Severity.CRITICAL), 3: Mark(1, Severity.NOTICE)}
    assert [m.text for m in marks(rows).values()] == ["! 3", "!! 2", "· 1"]
    # the person's snoozes leave fewer: Bloom's warning snoozed, Dune's only reason too (no row, no mark)
    left = apply_snoozes(rows, [snooze(), snooze("no-login", severity=Severity.NOTICE, client_id=3)], TODAY)
    assert marks(left) == {1: Mark(2, Severity.WARNING), 2: Mark(2, Severity.CRITICAL)}
    assert marks(()) == {}


def test_r_att_3_the_most_urgent_reason_is_the_first_of_the_worst() -> None:
    assert most_urgent(AttentionRow(1, "Bloom", (NO_LOGIN, CONFIG, AT_RISK))) is CONFIG


@pytest.mark.parametrize(("typed", "until"), [
    ("", date(2026, 6, 22)), ("+1", date(2026, 6, 16)), (" +30 ", date(2026, 7, 15)),
    ("2026-12-31", date(2026, 12, 31)),
])
def test_r_att_3_the_day_is_a_date_or_plus_days(typed: str, until: date) -> None:
    assert parse_until(typed, TODAY) == until


@pytest.mark.parametrize(("typed", "says"), [
    ("tomorrow", "must be a day as YYYY-MM-DD or +N days, not 'tomorrow'"),
    ("2026-02-30", "must be a day as YYYY-MM-DD"),
    ("+0", "must be after today (2026-06-15)"),
    ("2026-06-15", "must be after today"),
    ("2020-01-01", "must be after today"),
    ("+400", "must be at most 366 days ahead"),
    ("-3", "must be a day as YYYY-MM-DD"),
    ("[b]x[/b]\x1b[31m", "not '[b]x[/b]'"),
])
def test_r_att_3_a_bad_day_is_named(typed: str, says: str) -> None:
    with pytest.raises(ValidationError, match="Until") as refused:
        parse_until(typed, TODAY)
    assert says in str(refused.value)
    assert refused.value.field_errors.keys() == {"until"}


def test_r_att_3_the_note_is_cleaned_and_kept_as_written() -> None:
    assert snooze_note("  [b]call[/b] \x1b]8;;http://x\x07Flo\x1b]8;;\x07\n  on Monday\u202e ") == (
        "[b]call[/b] Flo on Monday")
    assert snooze_note("") == ""


def test_r_att_3_a_long_note_is_refused() -> None:
    assert len(snooze_note("x" * lengths.SNOOZE_NOTE)) == lengths.SNOOZE_NOTE
    with pytest.raises(ValidationError, match=f"at most {lengths.SNOOZE_NOTE} characters"):
        snooze_note("x" * (lengths.SNOOZE_NOTE + 1))
