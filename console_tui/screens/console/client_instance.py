"""Inside a client (R-CMC-5): the client's own dashboard — users, content, activity, metrics.

The top bar names the client. The console is unavailable until ``ctrl+r`` returns to the agency
(the app refuses console and management actions meanwhile and says why).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.client import InstanceDashboard
from console_tui.display import percent, relative_day, safe, when_text
from console_tui.domain.utilization import level
from console_tui.screens.base import ClientScreen
from console_tui.ui import keys
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar


class ClientInstanceScreen(ClientScreen):
    TITLE_TEXT = "Inside"
    PALETTE_SCOPES = ("instance",)
    BINDINGS = keys.bindings("instance") + [
        b for b in keys.bindings("back") if isinstance(b, Binding) and b.action == "reload"]
    DEFAULT_CSS = """
    ClientInstanceScreen {
        #metrics { height: 2; padding: 0 1; background: $boost; }
        #lists { height: 1fr; }
        #lists > Vertical { width: 1fr; }
        .heading { height: 1; padding: 0 1; color: $text-secondary; text-style: bold; }
        #activity { height: 1fr; }
    }
    """

    def make_title_bar(self) -> TitleBar:
        return TitleBar(self.TITLE_TEXT, self.client_name, inside=True)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="metrics", markup=False)
        with Horizontal(id="lists"):
            with Vertical():
                yield Static("Users", classes="heading")
                yield TableView([Column("Name", None), Column("Role", 11), Column("Last login", 12)],
                                empty="No users.", id="users")
            with Vertical():
                yield Static("Content", classes="heading")
                yield TableView([Column("Title", None), Column("Type", 11), Column("Edited", 12)],
                                empty="No content yet.", id="content")
        yield Static("Recent activity", classes="heading")
        yield TableView([Column("When", 17), Column("Who", 20), Column("What", None)],
                        empty="Nothing recorded yet.", id="activity")

    def fetch(self) -> InstanceDashboard:
        return self.app.services.instance(self.client_id)

    def show(self, data: InstanceDashboard) -> None:
        self.dashboard = data
        clock = self.app.clock
        from console_tui.clock import local_today

        today, tz = local_today(clock), clock.tz
        self.query_one(TitleBar).show_subject(data.name, "client instance · ctrl+r returns to the agency")
        score = max(0, min(100, data.utilization_score))
        self.query_one("#metrics", Static).update(Content(
            f"Last 30 days: {data.contacts_added_30d:,} contacts added · {data.emails_sent_30d:,} emails sent · "
            f"open rate {percent(data.emails_opened_30d, data.emails_sent_30d)}\n"
            f"Sender status {safe(data.sender_status)} · utilization {score}% {level(score).value} · "
            f"as of {when_text(data.as_of, tz) if data.as_of else 'not computed yet'}"
        ))
        self.query_one("#users", TableView).set_rows(
            [(u.full_name, u.role, relative_day(u.last_login_at, today, tz)) for u in data.users],
            ["dim" if u.blocked else None for u in data.users],
        )
        self.query_one("#content", TableView).set_rows(
            [(c.title, c.content_type, relative_day(c.updated_at, today, tz)) for c in data.content]
        )
        self.query_one("#activity", TableView).set_rows(
            [(when_text(a.at, tz), a.who, f"{a.action} {a.kind}: {a.title}") for a in data.activity]
        )
        self.query_one("#content", TableView).focus()
        self.status.ready("enter opens the content under the cursor · tab moves between the lists")

    def action_return_to_agency(self) -> None:
        self.app.return_to_agency()

    def action_back(self) -> None:
        self.action_explain_return()

    def action_explain_return(self) -> None:
        self.app.refuse_inside("leaving")

    def action_open_content(self) -> None:
        table = self.query_one("#content", TableView)
        rows = getattr(self, "dashboard", None)
        if rows and rows.content:
            self._open_content(rows.content[table.cursor].id)

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        data = getattr(self, "dashboard", None)
        if data is None:
            return
        if message.table.id == "content":
            self._open_content(data.content[message.index].id)
        elif message.table.id == "activity" and data.activity[message.index].content_item_id:
            self._open_content(data.activity[message.index].content_item_id)

    def _open_content(self, content_item_id: int | None) -> None:
        from console_tui.screens.console.content_page import ContentPageScreen

        if content_item_id is not None:
            self.app.push_screen(ContentPageScreen(self.client_id, content_item_id, self.client_name))
