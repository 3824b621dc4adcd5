"""The words of the what-if panels (R-WI-1..3)."""

from __future__ import annotations

from datetime import date

from console_tui.domain.limits import PlannedSend
from console_tui.domain.what_if import changed_clients, charges_outlook, limit_outlook
from console_tui.viewmodels.what_if_text import limit_lines, moves_lines
from tests.domain.test_what_if import PRICING, client


def test_r_wi_2_the_words_name_each_move_once() -> None:
    clients = [client(1, 1), client(2, 2), client(3, 3)]
    outlook = charges_outlook(clients, changed_clients(clients, counts={1: False}), PRICING, in_pack=2)
    names = {1: "Acme", 2: "Blue", 3: "Cedar"}
    assert moves_lines(outlook, names) == ["Cedar moves into the in-pack discount: license $80.00 → $50.00.",
                                           "Acme stops paying a license ($50.00)."]  # not also "leaves"


def test_r_wi_1_the_words_mark_each_blocked_job_and_say_what_is_left() -> None:
    jobs = [PlannedSend(date(2026, 12, 3), 1_200, 1), PlannedSend(date(2026, 12, 9), 300, 2)]
    assert limit_lines("Acme [b]x[/b]", 3_000, limit_outlook(1, 2_000, 1_000, jobs)) == [
        "Acme [b]x[/b]: 3,000 → 2,000 (below what this cycle already uses: 2,500)",
        "  Sent this cycle: 1,000. Scheduled: 3 Dec 2026: 1,200 emails ✗ blocked; 9 Dec 2026: 300 emails.",
        "  It would block 1 scheduled job (3 Dec 2026: 1,200 emails)."]
    assert limit_lines("Acme", None, limit_outlook(1, 5_000, 1_000, jobs))[2] == (
        "  It would block nothing scheduled; 2,500 emails left to schedule.")
