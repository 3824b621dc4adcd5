"""What a change would do, before it is made (R-WI-1, R-WI-2, R-WI-3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from console_tui.domain.billing import BillableClient, Pricing
from console_tui.domain.capacity import Plan
from console_tui.domain.configuration import Term
from console_tui.domain.limits import PlannedSend
from console_tui.domain.what_if import changed_clients, charges_outlook, limit_outlook, plan_outlook

PRICING = Pricing(in_pack_license_cents=5_000, additional_license_cents=8_000, annual_discount_pct=Decimal("10"))


def client(cid: int, month: int, **kw: object) -> BillableClient:
    return BillableClient(cid, date(2024, month, 1), **kw)  # type: ignore[arg-type]


# --- R-WI-1 ---------------------------------------------------------------------------------------


def test_r_wi_1_limit_outlook_marks_each_job_going_out_or_blocked_in_date_order() -> None:
    late, early, small = PlannedSend(date(2026, 12, 20), 3_000, 7), PlannedSend(date(2026, 12, 5), 1_000, 8), \
        PlannedSend(date(2026, 12, 28), 500, 9)
    outlook = limit_outlook(1, 5_000, 3_000, [late, early, small])
    assert outlook.jobs == ((early, True), (late, False), (small, True))  # a later, smaller job still fits
    assert outlook.blocked == (late,)
    assert outlook.scheduled == 4_500
    assert outlook.below_use and not outlook.sends_stopped
    assert outlook.room_left == 500


def test_r_wi_1_two_jobs_alike_are_told_apart_by_their_id() -> None:
    one, two = PlannedSend(date(2026, 12, 5), 1_000, 1), PlannedSend(date(2026, 12, 5), 1_000, 2)
    outlook = limit_outlook(1, 1_500, 0, [one, two])
    assert outlook.jobs == ((one, True), (two, False))


def test_r_wi_1_unlimited_blocks_nothing_and_has_no_room_figure() -> None:
    send = PlannedSend(date(2026, 12, 5), 10**9, 1)
    outlook = limit_outlook(1, None, 10**9, [send])
    assert outlook.jobs == ((send, True),) and outlook.blocked == ()
    assert outlook.room_left is None and not outlook.below_use and not outlook.sends_stopped


def test_r_wi_1_sent_at_the_limit_stops_every_further_send_and_blocks_every_job() -> None:
    send = PlannedSend(date(2026, 12, 5), 1, 1)
    outlook = limit_outlook(1, 2_000, 2_000, [send])
    assert outlook.sends_stopped and outlook.blocked == (send,) and outlook.room_left == 0


def test_r_wi_1_a_limit_reached_exactly_blocks_nothing() -> None:
    outlook = limit_outlook(1, 4_000, 3_000, [PlannedSend(date(2026, 12, 5), 1_000, 1)])
    assert outlook.blocked == () and not outlook.below_use and outlook.room_left == 0


# --- R-WI-2 ---------------------------------------------------------------------------------------


def test_r_wi_2_removing_an_in_pack_client_moves_the_oldest_additional_one_into_the_pack() -> None:
    clients = [client(1, 1), client(2, 2), client(3, 3), client(4, 4)]
    outlook = charges_outlook(clients, changed_clients(clients, removed=[1]), PRICING, in_pack=2)
    assert outlook.joins_in_pack == (3,)  # the oldest client paying the additional rate
    assert outlook.leaves_in_pack == (1,) and outlook.stops_license == (1,)
    assert outlook.before.license_cents == 2 * 5_000 + 2 * 8_000
    assert outlook.after.license_cents == 2 * 5_000 + 8_000
    assert outlook.saves_cents == 8_000  # client 1's in-pack fee, and 3 pays 3,000 less
    assert outlook.after_rows[3].license_cents == 5_000 and outlook.before_rows[3].license_cents == 8_000


def test_r_wi_2_removing_an_additional_client_moves_nobody() -> None:
    clients = [client(1, 1), client(2, 2), client(3, 3)]
    outlook = charges_outlook(clients, changed_clients(clients, removed=[3]), PRICING, in_pack=2)
    assert outlook.joins_in_pack == () and outlook.stops_license == (3,)
    assert outlook.saves_cents == 8_000


def test_r_wi_2_a_status_that_stops_counting_frees_its_in_pack_license() -> None:
    clients = [client(1, 1, term=Term.ANNUAL), client(2, 2), client(3, 3, term=Term.ANNUAL)]
    outlook = charges_outlook(clients, changed_clients(clients, counts={2: False}), PRICING, in_pack=2)
    assert outlook.joins_in_pack == (3,) and outlook.leaves_in_pack == (2,) and outlook.stops_license == (2,)
    # 3 is annual: 8,000 → 5,000, each less 10 %; 2 stops paying 5,000
    assert outlook.saves_cents == 5_000 + (7_200 - 4_500)


def test_r_wi_2_a_status_that_starts_counting_costs_more_and_saves_nothing() -> None:
    clients = [client(1, 1), client(2, 2, status_counts=False)]
    outlook = charges_outlook(clients, changed_clients(clients, counts={2: True}), PRICING, in_pack=1)
    assert outlook.starts_license == (2,) and outlook.joins_in_pack == ()
    assert outlook.difference_cents == 8_000 and outlook.saves_cents == 0


def test_r_wi_2_many_clients_at_once_are_one_question() -> None:
    clients = [client(n, n) for n in range(1, 7)]
    outlook = charges_outlook(clients, changed_clients(clients, removed=[1, 2], counts={6: False}), PRICING,
                              in_pack=3)
    assert outlook.joins_in_pack == (4, 5) and outlook.stops_license == (1, 2, 6)
    assert outlook.before.license_cents == 3 * 5_000 + 3 * 8_000
    assert outlook.after.license_cents == 3 * 5_000


# --- R-WI-3 ---------------------------------------------------------------------------------------


def test_r_wi_3_an_upgrade_shows_capacity_before_and_after_and_the_monthly_difference() -> None:
    small, large = Plan("Starter", 4, 2, 10), Plan("Starter x2", 8, 4, 20)
    clients = [client(n, n) for n in range(1, 5)]
    bigger = Pricing(in_pack_license_cents=4_500, additional_license_cents=7_000)
    outlook = plan_outlook(clients, counted=4, team_members=2, storage_gb=9, current=small, target=large,
                           pricing=PRICING, in_pack=2, target_pricing=bigger, target_in_pack=4)
    assert outlook.usage_before.clients.full and outlook.usage_before.clients.percent == 100
    assert not outlook.usage_after.clients.warning and outlook.usage_after.clients.percent == 50
    assert outlook.usage_after.storage_gb.limit == 20
    assert outlook.charges.joins_in_pack == (3, 4)
    assert outlook.monthly_difference_cents == 4 * 4_500 - (2 * 5_000 + 2 * 8_000)


def test_r_wi_3_a_move_down_shows_the_warning_the_smaller_plan_would_raise() -> None:
    large, small = Plan("Big", 10, 4, 20), Plan("Small", 5, 2, 10)
    clients = [client(n, n) for n in range(1, 6)]
    outlook = plan_outlook(clients, counted=5, team_members=1, storage_gb=1, current=large, target=small,
                           pricing=PRICING, in_pack=5, target_pricing=PRICING, target_in_pack=3)
    assert outlook.usage_after.clients.full and not outlook.usage_before.clients.warning
    assert outlook.charges.leaves_in_pack == (4, 5)
    assert outlook.monthly_difference_cents == 2 * 3_000

