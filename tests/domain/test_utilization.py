"""Company Utilization Score and level (R-UT-1, R-UT-2, R-UT-3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console_tui.domain.utilization import (
    DEFAULT_ACTIVITIES,
    SECTIONS,
    Activity,
    Level,
    level,
    utilization_score,
)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, Level.GRASSHOPPER),
        (24, Level.GRASSHOPPER),
        (25, Level.RABBIT),
        (50, Level.RABBIT),
        (51, Level.TIGER),
        (90, Level.TIGER),
        (91, Level.DRAGON),
        (100, Level.DRAGON),
    ],
)
def test_r_ut_2_level_boundaries(score: int, expected: Level) -> None:
    assert level(score) is expected


@pytest.mark.parametrize("score", [-1, 101])
def test_r_ut_2_scores_outside_0_100_are_rejected(score: int) -> None:
    with pytest.raises(ValueError):
        level(score)


def test_r_ut_1_the_eleven_sections() -> None:
    assert SECTIONS == (
        "Landing Pages",
        "Forms",
        "Automation",
        "Media Center",
        "Sales",
        "Agency",
        "Email",
        "Analytics",
        "Lead Scoring",
        "Personas",
        "VisitorID",
    )


def test_r_ut_1_default_catalogue_is_data_covering_every_section() -> None:
    assert {a.section for a in DEFAULT_ACTIVITIES} == set(SECTIONS)
    assert len({a.key for a in DEFAULT_ACTIVITIES}) == len(DEFAULT_ACTIVITIES)
    assert all(a.weight > 0 for a in DEFAULT_ACTIVITIES)


def test_r_ut_1_weighted_share() -> None:
    activities = (Activity("a", "Forms", 3), Activity("b", "Email", 1))
    assert utilization_score(activities, {"a"}) == 75
    assert utilization_score(activities, {"b"}) == 25
    assert utilization_score(activities, {"a", "b", "unknown"}) == 100
    assert utilization_score(activities, set()) == 0


def test_r_ut_1_rounds_half_up() -> None:
    activities = tuple(Activity(str(i), "Forms", 1) for i in range(8))
    assert utilization_score(activities, {"0"}) == 13  # 12.5 -> 13
    three = tuple(Activity(str(i), "Forms", 1) for i in range(3))
    assert utilization_score(three, {"0"}) == 33  # 33.33
    assert utilization_score(three, {"0", "1"}) == 67  # 66.67


def test_r_ut_1_empty_catalogue_scores_zero() -> None:
    assert utilization_score((), {"x"}) == 0
    assert utilization_score((Activity("x", "Forms", 0),), {"x"}) == 0


def test_r_ut_3_agency_score_uses_the_same_rule() -> None:
    agency_done = {a.key for a in DEFAULT_ACTIVITIES if a.section in {"Agency", "Email", "Sales"}}
    total = sum(a.weight for a in DEFAULT_ACTIVITIES)
    done = sum(a.weight for a in DEFAULT_ACTIVITIES if a.key in agency_done)
    expected = int(done * 100 / total + 0.5)
    assert utilization_score(DEFAULT_ACTIVITIES, agency_done) == expected


activity_lists = st.lists(
    st.builds(
        Activity,
        st.text("abcdef", min_size=1, max_size=3),
        st.sampled_from(SECTIONS),
        st.integers(0, 50),
    ),
    max_size=20,
)


@given(activity_lists, st.sets(st.text("abcdef", min_size=1, max_size=3)))
def test_r_ut_1_score_is_always_0_to_100(activities: list[Activity], done: set[str]) -> None:
    assert 0 <= utilization_score(activities, done) <= 100


@given(
    activity_lists,
    st.sets(st.text("abcdef", min_size=1, max_size=3)),
    st.text("abcdef", min_size=1, max_size=3),
)
def test_r_ut_1_score_is_monotone_in_completions(
    activities: list[Activity], done: set[str], extra: str
) -> None:
    assert utilization_score(activities, done | {extra}) >= utilization_score(activities, done)
