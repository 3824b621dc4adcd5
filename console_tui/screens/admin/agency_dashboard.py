"""The agency dashboard (agency name in the management bar, ``g``): the agency at a glance.

Its own utilization (R-UT-3), the plan's counted clients (R-CAP-1/2), the team, and how the
clients the user can see spread over kinds, statuses, sender statuses and utilization levels.
"""

from __future__ import annotations

from collections import Counter
from datetime import tzinfo

from textual.app import ComposeResult

from console_tui.data.views.client import AgencyFacts
from console_tui.data.views.console import ConsoleOverview
from console_tui.display import safe, when_text
from console_tui.domain.utilization import Level, level
from console_tui.screens.base import DataScreen
from console_tui.screens.lazy import OverviewScreen
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar

SENDER_ORDER = ("New", "Healthy", "At Risk", "Unhealthy", "Limited")


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


class AgencyDashboardScreen(OverviewScreen, DataScreen):
    TITLE_TEXT = "Agency dashboard"

    def __init__(self, overview: ConsoleOverview) -> None:
        super().__init__(None, overview.agency_name)
        self.overview = overview

    def compose_body(self) -> ComposeResult:
        yield TableView([Column("At a glance", 22), Column("", None)], id="facts")

    def fetch(self) -> tuple[ConsoleOverview, AgencyFacts]:
        return self.app.services.agency_glance()  # read again on every load: never the console's old copy

    def show(self, data: tuple[ConsoleOverview, AgencyFacts]) -> None:
        self.overview, facts = data
        self.query_one(TitleBar).show_subject(self.overview.agency_name)
        tz = self.app.clock.tz
        table = self.query_one("#facts", TableView)
        table.set_rows(dashboard_rows(self.overview, facts, tz))
        table.focus()
        self.status.ready("Your agency at a glance · esc back to the console")
