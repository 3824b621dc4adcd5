"""The agency dashboard (agency name in the management bar, ``g``): the agency at a glance.

Its own utilization (R-UT-3), the plan's counted clients (R-CAP-1/2), the team, and how the
clients the user can see spread over kinds, statuses, sender statuses and utilization levels; and,
from the history (R-HIST-1), how the last 30 days went: total sends and the open rate day by day (a
sparkline) and the spread of sender statuses and utilization levels then and now (▲/▼ the change).
"""

from __future__ import annotations

from collections import Counter
from datetime import tzinfo

from textual.app import ComposeResult

from console_tui.data.views.client import AgencyFacts
from console_tui.data.views.console import ConsoleOverview
from console_tui.data.views.history import AgencyTrend
from console_tui.display import move_text, percent, safe, when_text
from console_tui.domain.utilization import Level, level
from console_tui.screens.base import DataScreen
from console_tui.screens.lazy import OverviewScreen
from console_tui.widgets.client_card import BARS, spark
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar

SENDER_ORDER = ("New", "Healthy", "At Risk", "Unhealthy", "Limited")
TREND_DAYS = 30
SPARK_CELLS = 20


def _spread(counter: Counter[str], order: tuple[str, ...] = ()) -> str:
    names = [n for n in order if counter[n]] + sorted(n for n in counter if n not in order)
    return ", ".join(f"{safe(n)} {counter[n]:,}" for n in names) or "—"


def dashboard_rows(overview: ConsoleOverview, facts: AgencyFacts, tz: tzinfo) -> list[tuple[str, str]]:
    clients = overview.clients
    score = max(0, min(100, overview.agency_utilization))
    counted = facts.counted_clients  # the agency's, not only the clients this user sees
    share = f" ({100 * counted // facts.max_clients}%)" if facts.max_clients else ""
    levels = Counter(level(max(0, min(100, c.utilization_score))).value for c in clients)
    return [
        ("Utilization score", f"{score}% · {level(score).value}"),
        ("Plan", f"{safe(facts.plan_name)}: {counted:,} of {facts.max_clients:,} counted clients{share}"),
        ("Team", f"{facts.team_members:,} of {facts.max_team_members:,} members"),
        ("Clients you can see", f"{len(clients):,}"),
        ("· by kind", _spread(Counter(c.kind for c in clients), ("client", "lead", "prospect"))),
        ("· by status", _spread(Counter(c.status for c in clients), ("Active",))),
        ("· by sender status", _spread(Counter(c.sender_status for c in clients), SENDER_ORDER)),
        ("· by utilization", _spread(levels, tuple(lv.value for lv in Level))),
        ("Metrics as of", when_text(overview.as_of, tz) if overview.as_of else "not computed yet"),
    ]


def _moves(now: dict[str, int], then: dict[str, int], order: tuple[str, ...]) -> str:
    """``Healthy 812 ▲12, At Risk 90 ▼3``: each count now and its change since ``then``."""
    names = [n for n in order if now.get(n) or then.get(n)] + sorted(n for n in now if n not in order)
    parts = []
    for name in names:
        moved = move_text("count", now.get(name, 0) - then.get(name, 0))
        parts.append(f"{safe(name)} {now.get(name, 0):,}" + (f" {moved}" if moved else ""))
    return ", ".join(parts) or "—"


def spread_spark(values: list[int]) -> str:
    """A sparkline over the values' own range (lowest bar the least, highest the most), so that a
    change of a few percent shows; flat values are a flat line."""
    low = min(values, default=0)
    if not values or max(values) == low:
        return BARS[0] * SPARK_CELLS
    lifted = [v - low + 1 for v in values]  # the least still a bar above zero's
    return spark(lifted, SPARK_CELLS)


def trend_rows(trend: AgencyTrend) -> list[tuple[str, str]]:
    """The agency's last days from the history, oldest to newest; nothing without history."""
    if not trend.days:
        return [("Trends", "no history yet (the nightly job records a day each night)")]
    first, last = trend.days[0], trend.days[-1]
    sends = [d.emails_sent_30d for d in trend.days]
    rates = [10_000 * d.emails_opened_30d // d.emails_sent_30d if d.emails_sent_30d else 0 for d in trend.days]
    sent_move = move_text("count", last.emails_sent_30d - first.emails_sent_30d) or "no change"
    rate_now = percent(last.emails_opened_30d, last.emails_sent_30d)
    rate_then = percent(first.emails_opened_30d, first.emails_sent_30d)
    since = f"since {first.day:%-d %b}"
    return [
        (f"Trends, {len(trend.days)} days", f"{first.day:%-d %b} → {last.day:%-d %b}"),
        ("· sends (30-day total)", f"{spread_spark(sends)} {last.emails_sent_30d:,} ({sent_move} {since})"),
        ("· open rate", f"{spread_spark(rates)} {rate_now} (was {rate_then})"),
        ("· sender statuses", _moves(last.statuses, first.statuses, SENDER_ORDER)),
        ("· utilization levels", _moves(last.levels, first.levels, tuple(lv.value for lv in Level))),
    ]


class AgencyDashboardScreen(OverviewScreen, DataScreen):
    TITLE_TEXT = "Agency dashboard"

    def __init__(self, overview: ConsoleOverview) -> None:
        super().__init__(None, overview.agency_name)
        self.overview = overview

    def compose_body(self) -> ComposeResult:
        yield TableView([Column("At a glance", 22), Column("", None)], id="facts")

    def fetch(self) -> tuple[ConsoleOverview, AgencyFacts, AgencyTrend]:
        overview, facts = self.app.services.agency_glance()  # read again on every load: never the console's old copy
        return overview, facts, self.app.services.agency_trend(TREND_DAYS)

    def show(self, data: tuple[ConsoleOverview, AgencyFacts, AgencyTrend]) -> None:
        self.overview, facts, trend = data
        self.query_one(TitleBar).show_subject(self.overview.agency_name)
        tz = self.app.clock.tz
        table = self.query_one("#facts", TableView)
        table.set_rows(dashboard_rows(self.overview, facts, tz) + trend_rows(trend))
        table.focus()
        self.status.ready("Your agency at a glance · esc back to the console")
