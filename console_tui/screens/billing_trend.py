"""One line for a total over the last closed billing cycles (R-BL-5), shared by the billing screens."""

from __future__ import annotations

from datetime import date

from console_tui.domain.wording import count, money
from console_tui.widgets.client_card import spark


def trend(cycles: list[tuple[date, int]], what: str = "Total") -> str:
    """``cycles`` (first day, cents) oldest first: a bar per cycle, then where it went in words (the bars
    alone would say it by their height only)."""
    if not cycles:
        return ""
    (first, start), (last, end) = cycles[0], cycles[-1]
    high_cycle, high = max(cycles, key=lambda c: (c[1], c[0]))
    return (f"{what}, {count(len(cycles), 'cycle')}: {spark([c for _d, c in cycles], len(cycles))}  "
            f"{money(start)} ({first:%b %Y}) → {money(end)} ({last:%b %Y}) · highest {money(high)} "
            f"({high_cycle:%b %Y})")
