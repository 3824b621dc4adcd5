"""Team Call (R-CMC-3 Information): choose client users, start a call, share its link.

``space`` ticks users in the list; ``ctrl+s`` starts the call: the command records it (one
transaction, one audit row) and returns the joinable link, built from the
``team_call_url_template`` setting. The link is shown as a terminal hyperlink and as plain text
(``y`` copies it to the clipboard). Blocked users are listed but cannot be ticked. Every role may
start a call on the clients it can access (R-ACC-3).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.style import Style
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from console_tui.data.views.client import TeamCallPage
from console_tui.data.views.results import TeamCallStarted
from console_tui.display import DASH, clip, fit, safe, when_text
from console_tui.domain.errors import ValidationError
from console_tui.domain.wording import count
from console_tui.screens.base import ACT_GROUP, ClientScreen
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar


class TeamCallScreen(ClientScreen):
    TITLE_TEXT = "Team Call"
    BINDINGS = keys.bindings("call", "back")
    PALETTE_SCOPES = ("call", "back")
    DEFAULT_CSS = """
    TeamCallScreen .section { height: 1; padding: 0 1; color: $text-secondary; text-style: bold; }
    TeamCallScreen SelectionList { height: auto; max-height: 8; margin: 0 1; }
    TeamCallScreen #pick-error { display: none; padding: 0 2; color: $text-error; }
    TeamCallScreen #pick-error.-shown { display: block; }
    TeamCallScreen #link { height: auto; padding: 0 1; margin: 1 0; display: none; }
    TeamCallScreen #link.-shown { display: block; }
    TeamCallScreen #calls { height: 1fr; min-height: 4; }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.page: TeamCallPage | None = None
        self.link: str | None = None
        self.starting = False

    def compose_body(self) -> ComposeResult:
        yield Static("Who joins (space ticks)", classes="section", markup=False)
        yield SelectionList[int](id="people", compact=True)
        yield Static("", id="pick-error", markup=False)
        yield Static("", id="link", markup=False)
        yield Static("Calls so far", classes="section", markup=False)
        yield TableView(
            [Column("Started", 17), Column("By", 16), Column("With", None), Column("Link", None)],
            empty="None yet.",
            id="calls",
        )

    @property
    def people(self) -> SelectionList[int]:
        return self.query_one("#people", SelectionList)

    def fetch(self) -> TeamCallPage:
        return self.app.services.team_call_page(self.client_id)

    def show(self, data: TeamCallPage) -> None:
        self.page = data
        self.client_name = data.client_name
        tz = self.app.clock.tz
        self.query_one(TitleBar).show_subject(data.client_name)
        people = self.people
        ticked = set(people.selected)
        people.clear_options()
        people.add_options([
            Selection(Content(self._person(u.full_name, u.email, u.blocked)), u.id, u.id in ticked and not u.blocked,
                      disabled=u.blocked)
            for u in data.users
        ])
        if data.users:
            people.highlighted = min(people.highlighted or 0, len(data.users) - 1)
        self.query_one("#calls", TableView).set_rows(
            [(when_text(c.started_at, tz), c.started_by, ", ".join(c.participants) or DASH, c.url) for c in data.calls])
        if not self.link:
            people.focus()
        self._ready()

    @staticmethod
    def _person(name: str, email: str, blocked: bool) -> str:
        text = f"{fit(safe(name), 24)}  {clip(safe(email), 40)}"
        return f"{text}  (blocked)" if blocked else text

    def _ready(self) -> None:
        page = self.page
        if page is None:
            return
        calls = len(page.calls)
        so_far = f"{count(calls, 'call')} so far"
        if not page.users:
            self.status.ready(f"This client has no users to call · {so_far}")
        else:
            self.status.ready(f"space ticks who joins · ctrl+s starts the call · {so_far}")

    # --- starting the call -------------------------------------------------------------------------

    @work(group=ACT_GROUP)
    async def action_start_call(self) -> None:
        if self.page is None or self.starting:
            return
        chosen = list(self.people.selected)
        names = [u.full_name for u in self.page.users if u.id in chosen]
        client_id, template = self.client_id, self.app.settings.team_call_url_template
        self.starting = True
        done = await self.act("Starting the call", lambda: self.app.services.start_call(client_id, chosen, template))
        self.starting = False
        if done is None:
            self.people.focus()
            return
        started: TeamCallStarted = done.result
        self._show_link(started.url)
        self.query_one("#pick-error", Static).remove_class("-shown")
        self.notify(f"Call started with {', '.join(names)}.", timeout=4)
        self.people.deselect_all()

    def handle_refusal(self, what: str, error: BaseException) -> bool:
        problem = error.field_errors.get("participants") if isinstance(error, ValidationError) else None
        error_line = self.query_one("#pick-error", Static)
        error_line.set_class(bool(problem), "-shown")
        error_line.update(Content(f"✗ Participants: {problem}" if problem else ""))
        if problem:
            self.status.failed("No call was started: tick who joins first (space), then ctrl+s.")
        return bool(problem)

    def _show_link(self, url: str) -> None:
        self.link = url
        link = self.query_one("#link", Static)
        link.add_class("-shown")
        link.update(Content.assemble(
            ("Join the call: ", "bold"), Content.styled(url, Style(link=url, underline=True)),
            ("\ny copies the link · or select the text above", "dim"),
        ))

    def action_copy_link(self) -> None:
        if not self.link:
            self.notify("Start a call first: its link is then copied with y.", severity="warning")
            return
        self.app.copy_to_clipboard(self.link)
        self.notify(f"Copied {self.link}", timeout=4)
