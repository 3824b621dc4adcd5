"""User Accounts (R-CMC-3 Information): the client's users. Administrator or Company Manager."""

from __future__ import annotations

from textual.app import ComposeResult

from console_tui.data.client_views import ClientUserRow
from console_tui.screens.base import DataScreen
from console_tui.services import Services
from console_tui.clock import local_today
from console_tui.text import relative_day
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar


class UserAccountsScreen(DataScreen):
    TITLE_TEXT = "User Accounts"

    def compose_body(self) -> ComposeResult:
        yield TableView(
            [Column("Name", None), Column("Email", None), Column("Role", 14), Column("Status", 8),
             Column("Last login", 12)],
            empty="This client has no users yet.",
            id="users",
        )

    def fetch(self, services: Services) -> tuple[str, tuple[ClientUserRow, ...]]:
        return services.users(self.client_id)

    def show(self, data: tuple[str, tuple[ClientUserRow, ...]]) -> None:
        name, users = data
        clock = self.app.clock  # type: ignore[attr-defined]
        today, tz = local_today(clock), clock.tz
        self.query_one(TitleBar).show_subject(name)
        table = self.query_one("#users", TableView)
        table.set_rows(
            [(u.full_name, u.email, u.role, "blocked" if u.blocked else "active", relative_day(u.last_login_at, today, tz))
             for u in users],
            ["dim" if u.blocked else None for u in users],
        )
        table.focus()
        blocked = sum(u.blocked for u in users)
        self.status.ready(
            f"{len(users):,} user{'s' if len(users) != 1 else ''}"
            + (f" ({blocked:,} blocked)" if blocked else "")
            + " · view only for now"
        )
