"""The compare tray (R-CMP-1) and the best value of a row (R-CMP-2)."""

from __future__ import annotations

import pytest

from console_tui.domain.compare import TRAY_MAX, Tray, best, sender_rank
from console_tui.domain.errors import RuleRefused


def test_r_cmp_1_the_tray_holds_up_to_four_clients_in_the_order_picked_each_once() -> None:
    tray = Tray()
    assert tray.status() == "" and not tray.ready
    tray = tray.toggled(3, "Cedar").toggled(1, "Apex")
    assert tray.ids == (3, 1) and tray.ready and tray.status() == "compare: 2 — = to open"
    assert tray.toggled(3, "Cedar").ids == (1,)  # the same key takes a client out again
    assert Tray().toggled(5, "Elm").status() == "compare: 1 — + one more to compare"
    full = tray.toggled(7, "Gum").toggled(8, "Hazel")
    assert len(full) == TRAY_MAX
    with pytest.raises(RuleRefused) as refused:
        full.toggled(9, "Ivy")
    assert str(refused.value) == ("Adding Ivy to the comparison was refused: it holds 4 clients already. Press = to "
                                  "open it, or press + on a client in it to take that one out.")
    assert full.without(7).ids == (3, 1, 8)


def test_r_cmp_2_the_best_of_a_row_ties_and_unknowns() -> None:
    assert best([3, 9, 9]) == {1, 2}  # a tie marks each
    assert best([3, 9, 1], lower_is_better=True) == {2}
    assert best([4, 4]) == frozenset()  # all equal: no one stands out
    assert best([None, 5]) == frozenset()  # one known value: nothing to compare
    assert best([None, 5, 2]) == {1}


def test_r_cmp_2_sender_statuses_rank_healthy_first_and_new_is_not_ranked() -> None:
    ranks = [sender_rank(s) for s in ("Limited", "Healthy", "At Risk", "New", "Made up")]
    assert best(ranks) == {1}
    assert ranks[3] is None and ranks[4] is None
    assert best([sender_rank("At Risk"), sender_rank("Unhealthy")]) == {0}
