"""Top movers between two days' per-client figures: who moved, in which order, who is left out."""

from __future__ import annotations

from console_tui.domain.movers import Figures, top_movers


def f(sent: int, status: str = "Healthy", opened: int = 0) -> Figures:
    return Figures(sent, opened, status)


def test_a_status_change_outranks_any_change_of_sends_and_a_bigger_step_ranks_first() -> None:
    before = {1: f(1000), 2: f(5000), 3: f(900, "Healthy"), 4: f(800, "Healthy")}
    after = {1: f(1010), 2: f(90_000), 3: f(900, "At Risk"), 4: f(800, "Limited")}
    movers = top_movers(before, after, 10)
    assert [m.client_id for m in movers] == [4, 3, 2, 1]
    assert movers[0].status_changed and movers[0].status_worsened
    assert movers[2].sent_change == 85_000 and not movers[2].status_changed


def test_sends_rank_by_the_size_of_the_change_either_way_then_by_id() -> None:
    before = {1: f(1000), 2: f(1000), 3: f(1000), 4: f(1000)}
    after = {1: f(1100), 2: f(400), 3: f(1600), 4: f(1000)}  # 4 did not move
    assert [(m.client_id, m.sent_change) for m in top_movers(before, after, 10)] == [(2, -600), (3, 600), (1, 100)]


def test_count_keeps_the_top_ones_and_clients_in_only_one_day_are_not_movers() -> None:
    before = {1: f(10), 2: f(20), 9: f(1)}  # 9 was removed
    after = {1: f(30), 2: f(70), 8: f(5000)}  # 8 was added
    assert [m.client_id for m in top_movers(before, after, 1)] == [2]
    assert top_movers(before, after, 0) == ()
    assert top_movers({}, after, 5) == ()


def test_an_improved_status_is_a_mover_that_did_not_worsen() -> None:
    (mover,) = top_movers({1: f(100, "At Risk")}, {1: f(100, "Healthy")}, 3)
    assert mover.status_changed and not mover.status_worsened
    assert f(200, opened=50).open_rate == 0.25 and f(0).open_rate is None
