"""Agency users and access (R-ACC-1, R-ACC-2, R-OPT-5; Administrators): every agency user with
their role, and below, the clients the focused user may access. ``a`` adds a user (a form),
``g`` grants access to a client (find it, confirm), ``x`` revokes the access focused below
(confirm), ``e`` gives the user another role (choose it, confirm) and ``d`` deactivates or
reactivates them (confirm). Every change goes through its command and is audited; the last active
Administrator can be neither demoted nor deactivated (the command refuses, and says why).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.agency import AgencyUserAccess, ClientRef, UsersPage
from console_tui.data.views.results import AgencyUserAdded
from console_tui.display import clip, safe
from console_tui.domain.roles import Role
from console_tui.domain.wording import count, sentence
from console_tui.screens.base import ACT_GROUP, AgencyScreen
from console_tui.screens.dialogs.add_user_dialog import AddUserDialog
from console_tui.screens.dialogs.admin_dialogs import ClientPicker
from console_tui.screens.dialogs.choose import Choose
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView


def access_text(user: AgencyUserAccess) -> str:
    if user.sees_all:
        return "all clients"
    return count(len(user.clients), "client") if user.clients else "none"


ROLE_BODY = ("Administrators see and manage every client and the agency; every other role sees the "
             "clients granted to them.")


class AgencyUsersScreen(AgencyScreen):
    TITLE_TEXT = "Agency Users"
    BINDINGS = keys.bindings("staff")
    DEFAULT_CSS = """
    AgencyUsersScreen #users { height: auto; max-height: 10; }
    AgencyUsersScreen #access-title { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.page: UsersPage | None = None
        self.clients: tuple[ClientRef, ...] = ()
        self.selected_login: str | None = None

    def compose_body(self) -> ComposeResult:
        yield AdminTable([Column("Login", 14), Column("Name", None), Column("Role", 17), Column("Status", 8),
                         Column("Access", 12)], empty="No agency users.", id="users")
        yield Static("", id="access-title", markup=False)
        yield AdminTable([Column("Client", None), Column("Id", 8, "right")], empty="No clients.", id="access")

    def fetch(self, *args: Any) -> tuple[UsersPage, tuple[ClientRef, ...]]:
        admin = self.app.admin
        return admin.users(), admin.clients()

    def show(self, data: tuple[UsersPage, tuple[ClientRef, ...]]) -> None:
        self.page, self.clients = data
        users = self.page.users
        table = self.query_one("#users", TableView)
        table.set_rows([(u.login, u.full_name, u.role, "active" if u.active else "inactive", access_text(u))
                        for u in users], [None if u.active else "dim" for u in users])
        logins = [u.login for u in users]
        if self.selected_login in logins:
            table.cursor = logins.index(self.selected_login)
        self.status.ready(f"{count(len(users))} users · {count(self.page.live_clients)} clients · "
                          "a add · g grant · x revoke · e role · d (de)activate")
        self._show_access()
        if self.focused is None:
            table.focus()

    def _user(self) -> AgencyUserAccess | None:
        if self.page is None or not self.page.users:
            return None
        return self.page.users[min(self.query_one("#users", TableView).cursor, len(self.page.users) - 1)]

    def _show_access(self) -> None:
        user = self._user()
        title = self.query_one("#access-title", Static)
        access = self.query_one("#access", TableView)
        if user is None:
            title.update("")
            access.set_rows([])
            return
        self.selected_login = user.login
        who = clip(safe(user.login), 20)
        if user.sees_all:
            title.update(Content(f"{who} is an Administrator and sees every client (R-ACC-2)"))
            access.empty = "Administrators see and manage every client."
            access.set_rows([])
        else:
            title.update(Content(f"Clients {who} may access ({count(len(user.clients))}) as a Client Manager"))
            access.empty = f"{user.login} may access no client yet: g grants one."
            access.set_rows([(c.name, f"#{c.id}") for c in user.clients])

    def on_table_view_highlighted(self, message: TableView.Highlighted) -> None:
        if message.table.id == "users":
            self._show_access()

    # --- changes -------------------------------------------------------------------------------------

    def action_add_user(self) -> None:
        self.app.push_screen(AddUserDialog(self.app.admin), self._user_added)

    def _user_added(self, result: AgencyUserAdded | None) -> None:
        if result is None:
            self.notice.say("Adding a user: cancelled, nothing was changed.", "info")
            return
        warning = f" {result.team_warning}." if result.team_warning else ""
        note = f" {sentence(result.database_note)}" if result.database_note else ""
        self.notice.say(f"Added {result.login} as {result.role}; recorded in the audit log.{warning}{note}", "done")
        self.selected_login = result.login  # the dialog acted: every open screen reloads

    def action_grant(self) -> None:
        user = self._user()
        if user is None:
            return
        if user.sees_all:
            self.notice.say(f"{user.login} is an Administrator and already sees and manages every client: "
                            "there is nothing to grant.", "info")
        elif not user.active:
            self.notice.say(f"{user.login} is inactive: an inactive user cannot be given access.", "info")
        else:
            self._grant(user)

    @work(group=ACT_GROUP)
    async def _grant(self, user: AgencyUserAccess) -> None:
        have = {c.id for c in user.clients}
        choices = [c for c in self.clients if c.id not in have]
        client = await self.app.push_screen_wait(ClientPicker(f"Give {user.login} access to a client", choices))
        if client is None:
            self.notice.say("Granting access: cancelled, nothing was changed.", "info")
            return
        what = f"Granting {user.login} access to {client.name}"
        if await self.act(what, lambda: self.app.admin.grant_access(user.login, client.id), confirm=Confirm(
                f"Give {user.login} access to {client.name}?",
                [f"{user.login} ({user.role}) becomes a Client Manager of {client.name} (#{client.id}):",
                 "they will see it in the console and may act on it as their role allows.",
                 "", "The change is recorded in the audit log."], yes="Grant", no="No")):
            self._done(what)

    @work(group=ACT_GROUP)
    async def action_revoke(self) -> None:
        user = self._user()
        access = self.query_one("#access", TableView)
        if user is None or user.sees_all or not user.clients:
            self.notice.say("Choose a user with client access first (the list below shows their clients).", "info")
            return
        if self.focused is not access:
            access.focus()
            self.notice.say(f"Choose the client to take from {user.login} in the lower list, then press x.", "info")
            return
        client = user.clients[min(access.cursor, len(user.clients) - 1)]
        what = f"Revoking {user.login}'s access to {client.name}"
        if await self.act(what, lambda: self.app.admin.revoke_access(user.login, client.id), confirm=Confirm(
                f"Take {user.login}'s access to {client.name}?",
                [f"{user.login} stops being a Client Manager of {client.name} (#{client.id}) and no longer sees it.",
                 "", "The change is recorded in the audit log."], yes="Revoke", no="No")):
            self._done(what)

    @work(group=ACT_GROUP)
    async def action_change_role(self) -> None:
        user = self._user()
        if user is None:
            return
        what = f"Changing {user.login}'s role"
        roles = [(role.value, Content(role.value)) for role in Role]
        role = await self.ask(what, Choose(f"A new role for {user.login} (now {user.role})", roles, current=user.role,
                                           body=ROLE_BODY))
        if role is None:
            return
        access = ("sees and manages every client" if role == Role.ADMINISTRATOR.value else
                  f"sees only the clients granted to them ({count(len(user.clients))} now)")
        if await self.act(what, lambda: self.app.admin.set_role(user.login, role), confirm=Confirm(
                f"Give {user.login} the role {role}?",
                [f"{user.login} stops being {user.role} and becomes {role}: they then {access}.",
                 "", "The change is recorded in the audit log."], yes="Change role", no="No")):
            self._done(what)

    @work(group=ACT_GROUP)
    async def action_toggle_active(self) -> None:
        user = self._user()
        if user is None:
            return
        if user.active:
            what, question, yes = f"Deactivating {user.login}", f"Deactivate {user.login}?", "Deactivate"
            body = [f"{user.login} can no longer open the console or run console-tui commands.",
                    "Their role and client access are kept; d reactivates them."]
        else:
            what, question, yes = f"Reactivating {user.login}", f"Reactivate {user.login}?", "Reactivate"
            body = [f"{user.login} can open the console again, as {user.role}, with the access they had."]
        active = not user.active
        done = await self.act(what, lambda: self.app.admin.set_active(user.login, active), confirm=Confirm(
            question, [*body, "", "The change is recorded in the audit log."], yes=yes, no="No", danger=user.active))
        if done:
            self._done(what, done.result)

    def _done(self, what: str, database_note: str = "") -> None:
        note = f" {sentence(database_note)}" if database_note else ""
        self.notice.say(f"{what}: done; recorded in the audit log.{note}", "done")
