"""Team Call (R-CMC-3 Information): the client's calls so far and the link template they use."""

from __future__ import annotations

from textual.app import ComposeResult

from console_tui.data.client_views import TeamCallRow
from console_tui.screens.base import DataScreen
from console_tui.services import Services
from console_tui.text import DASH, safe, when_text
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar


class TeamCallScreen(DataScreen):
    TITLE_TEXT = "Team Call"

    def compose_body(self) -> ComposeResult:
        yield TableView(
            [Column("Started", 17), Column("By", 18), Column("With", None), Column("Link", None)],
            empty="No team calls with this client yet.",
            id="calls",
        )

    def fetch(self, services: Services) -> tuple[str, tuple[TeamCallRow, ...]]:
        return services.team_calls(self.client_id)

    def show(self, data: tuple[str, tuple[TeamCallRow, ...]]) -> None:
        name, calls = data
        tz = self.app.clock.tz  # type: ignore[attr-defined]
        self.query_one(TitleBar).show_subject(name)
        table = self.query_one("#calls", TableView)
        table.set_rows([(when_text(c.started_at, tz), c.started_by, ", ".join(c.participants) or DASH, c.url)
                        for c in calls])
        table.focus()
        template = safe(self.app.settings.team_call_url_template)  # type: ignore[attr-defined]
        self.status.ready(f"{len(calls):,} call{'s' if len(calls) != 1 else ''} · view only for now · "
                          f"links: {template}")
