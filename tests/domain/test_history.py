"""Day-over-day and 7-day changes, status and level moves, the briefing's pure parts (R-HIST-2..4)."""

from __future__ import annotations

from datetime import date, timedelta

from console_tui.domain.history import (
    FIGURES,
    DayFigures,
    biggest_moves,
    changes_over,
    figure_changes,
    level_move,
    limit_reached,
    on_or_before,
    open_rate_bp,
    section_scores,
    status_move,
    window_opened,
)
from console_tui.domain.utilization import DEFAULT_ACTIVITIES, Level


def point(day: date, sent: int, opened: int = 0, *, status: str = "Healthy", util: int = 40,
          users: int = 3, added: int = 0) -> DayFigures:
    return DayFigures(day, added, sent, opened, open_rate_bp(opened, sent), status, util, users)


# Europe/London went to summer time on 2026-03-29 (a 23-hour day).
DST = date(2026, 3, 29)


def test_r_hist_2_day_over_day_across_a_dst_change_is_one_calendar_day() -> None:
    series = [point(DST - timedelta(days=1), 100), point(DST, 130), point(DST + timedelta(days=1), 125)]
    assert changes_over(series, DST, 1)["emails_sent_30d"] == 30
    assert changes_over(series, DST + timedelta(days=1), 1)["emails_sent_30d"] == -5


def test_r_hist_2_a_missing_day_reads_as_the_latest_day_before_it() -> None:
    first, third = date(2026, 11, 10), date(2026, 11, 12)  # the 11th was never recorded
    series = [point(first, 100), point(third, 160)]
    assert on_or_before(series, date(2026, 11, 11)) == series[0]
    assert changes_over(series, third, 1)["emails_sent_30d"] == 60
    assert on_or_before(series, first - timedelta(days=1)) is None


def test_r_hist_2_seven_days_back_takes_the_latest_on_or_before_that_date() -> None:
    today = date(2026, 11, 19)
    series = [point(today - timedelta(days=9), 10), point(today - timedelta(days=8), 20), point(today, 90)]
    assert changes_over(series, today, 7)["emails_sent_30d"] == 70


def test_r_hist_2_no_earlier_day_gives_no_change_never_a_change_from_zero() -> None:
    today = date(2026, 11, 19)
    assert changes_over([point(today, 50)], today, 1) == dict.fromkeys(FIGURES)


def test_r_hist_2_open_rate_change_is_a_fraction_and_none_when_nothing_was_sent() -> None:
    day = date(2026, 11, 19)
    then, now = point(day - timedelta(days=1), 1000, 300), point(day, 1000, 325)
    assert figure_changes(now, then)["open_rate"] == 0.025
    assert figure_changes(now, point(day - timedelta(days=1), 0))["open_rate"] is None
    assert open_rate_bp(1, 3) == 3333 and open_rate_bp(1, 8) == 1250 and open_rate_bp(0, 0) is None


def test_r_hist_3_sender_status_moves_worse_better_and_first() -> None:
    assert status_move("Healthy", "Healthy") is None
    worse = status_move("Healthy", "Unhealthy")
    assert worse is not None and worse.worse and worse.word == "worse"
    better = status_move("Limited", "At Risk")
    assert better is not None and not better.worse and better.word == "better"
    first = status_move("New", "Limited")
    assert first is not None and not first.worse and first.word == "first status"


def test_r_hist_3_utilization_level_moves_only_across_a_band() -> None:
    assert level_move(30, 50) is None  # both Rabbit
    up = level_move(50, 51)
    assert up is not None and (up.old, up.new, up.up) == (Level.RABBIT, Level.TIGER, True)
    down = level_move(91, 90)
    assert down is not None and not down.up and down.new is Level.TIGER


def test_r_hist_4_limit_reached_only_when_it_is_crossed() -> None:
    assert limit_reached(1000, 900, 1000)
    assert not limit_reached(1000, 1000, 1200)  # already reached the day before
    assert not limit_reached(None, 0, 10**9)
    assert not limit_reached(1000, 900, 999)


def test_r_hist_4_renewal_window_opened_between_the_two_days() -> None:
    renews = date(2026, 12, 19)  # the 30-day window opens on 2026-11-19
    assert window_opened(renews, date(2026, 11, 18), date(2026, 11, 19), 30) == date(2026, 11, 19)
    assert window_opened(renews, date(2026, 11, 19), date(2026, 11, 20), 30) is None
    assert window_opened(None, date(2026, 11, 18), date(2026, 11, 19), 30) is None


def test_r_hist_4_biggest_moves_ranked_and_only_clients_in_both_days() -> None:
    day = date(2026, 11, 19)
    then = {1: point(day, 100), 2: point(day, 100), 3: point(day, 100), 4: point(day, 100)}
    now = {1: point(day, 40), 2: point(day, 90), 3: point(day, 300), 4: point(day, 100), 5: point(day, 999)}
    drops, rises = biggest_moves(now, then, "emails_sent_30d", 1)
    assert [(m.client_id, m.change) for m in drops] == [(1, -60)]
    assert [(m.client_id, m.change, m.now) for m in rises] == [(3, 200, 300)]


def test_r_hist_1_section_scores_cover_the_eleven_sections() -> None:
    scores = section_scores(DEFAULT_ACTIVITIES, {"form_created", "landing_page_published"})
    assert len(scores) == 11
    assert scores["Forms"] == 60 and scores["Landing Pages"] == 75 and scores["VisitorID"] == 0


def test_r_hist_1_scoring_many_clients_gives_the_rule_s_total() -> None:
    from itertools import combinations

    from console_tui.domain.history import Scoring
    from console_tui.domain.utilization import utilization_score

    scoring = Scoring(DEFAULT_ACTIVITIES)
    keys = [activity.key for activity in DEFAULT_ACTIVITIES][:7] + ["not_in_the_catalogue"]
    for size in range(len(keys) + 1):
        for chosen in combinations(keys, size):
            total, sections = scoring.score(chosen)
            assert total == utilization_score(DEFAULT_ACTIVITIES, chosen)
            assert sections == {s: utilization_score([a for a in DEFAULT_ACTIVITIES if a.section == s], chosen)
                                for s in sections}
