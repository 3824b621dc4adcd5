"""User Accounts (R-CMC-3 Information): add, edit and delete the client's users.

Administrator or Company Manager (R-ACC-3; the route refuses other roles with the role needed,
and every command checks again, R-ACC-4). ``n`` adds, ``e``/``enter`` edits, ``x``/``delete``
deletes after a yes/no question. Each change is one command (one transaction, one audit row); the
table reloads and the console's card refreshes (the app tells every open screen the client changed).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content

from console_tui.clock import local_today
from console_tui.data.views.client import ClientUserRow
from console_tui.display import clip, relative_day, safe
from console_tui.domain.wording import count
from console_tui.screens.base import ACT_GROUP, ClientScreen
from console_tui.screens.client.edit_forms import UserForm
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.ui import keys
from console_tui.ui.messages import LoadFailed
from console_tui.ui.workers import work
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar

HINT = "n add · e/↵ edit · x delete"


class UserAccountsScreen(ClientScreen):
    TITLE_TEXT = "User Accounts"
    BINDINGS = keys.bindings("users", "back")
    PALETTE_SCOPES = ("users", "back")

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.users: tuple[ClientUserRow, ...] = ()
        self._focus_email: str | None = None  # put the cursor here after the next load

    def compose_body(self) -> ComposeResult:
        yield TableView(
            [Column("Name", None), Column("Email", None), Column("Role", 14), Column("Status", 8),
             Column("Last login", 12)],
            empty="Loading…",
            id="users",
        )

    @property
    def table(self) -> TableView:
        return self.query_one("#users", TableView)

    def fetch(self) -> tuple[str, tuple[ClientUserRow, ...]]:
        return self.app.services.users(self.client_id)

    def show(self, data: tuple[str, tuple[ClientUserRow, ...]]) -> None:
        name, users = data
        self.client_name, self.users = name, users
        clock = self.app.clock
        today, tz = local_today(clock), clock.tz
        self.query_one(TitleBar).show_subject(name)
        table = self.table
        table.empty = "No users yet."  # (the table shows it in its first column)
        table.set_rows(
            [(u.full_name, u.email, u.role, "blocked" if u.blocked else "active",
              relative_day(u.last_login_at, today, tz))
             for u in users],
            ["dim" if u.blocked else None for u in users],
        )
        if self._focus_email is not None:
            wanted = self._focus_email.casefold()
            table.cursor = next((i for i, u in enumerate(users) if u.email.casefold() == wanted), table.cursor)
            self._focus_email = None
        table.focus()
        blocked = sum(u.blocked for u in users)
        self.status.ready(
            count(len(users), "user")
            + (f" ({blocked:,} blocked)" if blocked else "")
            + f" · {HINT}"
        )

    # --- the keys --------------------------------------------------------------------------------

    def _current(self) -> ClientUserRow | None:
        if not self.users:
            self.say("No user is selected. Press n to add one.")
            return None
        return self.users[min(self.table.cursor, len(self.users) - 1)]

    def action_add_user(self) -> None:
        self._open_form(UserForm(self.client_id, self.client_name))

    def action_edit_user(self) -> None:
        if user := self._current():
            self._open_form(UserForm(self.client_id, self.client_name, user))

    def _open_form(self, form: UserForm) -> None:
        def done(note: str | None) -> None:
            if note is not None:  # the form acted: every open screen reloads
                self._focus_email = form.typed_email  # the cursor goes to the saved user
                self.notify(note, timeout=4)

        self.app.push_screen(form, done)

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()
        self.action_edit_user()

    @work(group=ACT_GROUP)
    async def action_delete_user(self) -> None:
        user = self._current()
        if user is None:
            return
        name = clip(safe(user.full_name), 40)
        question = Content.assemble("Delete ", (name, "bold"), "?")
        body = Content.assemble(safe(user.email), "\n\nThe user is removed from the client's instance. "
                                "Past team calls keep their participants.")
        client_id = self.client_id
        if await self.act(f"Deleting {name}", lambda: self.app.services.delete_user(client_id, user),
                          confirm=Confirm(question, body, yes="Delete", danger=True)):
            self.notify(f"Deleted {user.full_name}.", timeout=4)

    def on_load_failed(self, message: LoadFailed) -> None:
        super().on_load_failed(message)
        self.table.empty = "Not loaded."
        self.table.refresh()
