"""Client Managers (R-OPT-5): the agency users who may access and manage this client (R-ACC-2).

``a`` adds one (picked by typing part of a name or login among the active non-Administrators:
Administrators already see every client), ``d`` removes the highlighted one; both confirm first and write one audit row.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.manage import ManagersView
from console_tui.display import clip, safe
from console_tui.domain.wording import count
from console_tui.screens.base import ACT_GROUP, ClientScreen
from console_tui.screens.dialogs.admin_dialogs import StaffPicker
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.table_view import Column, TableView


class ClientManagersScreen(ClientScreen):
    TITLE_TEXT = "Client Managers"
    BINDINGS = keys.bindings("option", only=("managers.add", "managers.remove"))
    DEFAULT_CSS = """
    ClientManagersScreen #managers-note { padding: 0 1; color: $text-secondary; height: auto; }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.view: ManagersView | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("Client Managers may open this client in the console and switch into it. Administrators "
                     "see and manage every client without being listed here.", id="managers-note")
        yield TableView([Column("Name", None), Column("Login", 20), Column("Role", 18)],
                        empty="No Client Managers: only Administrators can access this client. Press a to add one.",
                        id="managers")

    def fetch(self) -> ManagersView:
        return self.app.manage.managers(self.client_id)

    def show(self, data: ManagersView) -> None:
        self.view = data
        table = self.query_one("#managers", TableView)
        table.set_rows([(m.full_name, m.login, m.role) for m in data.managers])
        table.focus()
        n = len(data.managers)
        self.status.ready(f"{count(n, 'Client Manager')} · a adds · d removes · esc back")

    def action_add(self) -> None:
        if self.view is not None:
            self._add(self.view)

    @work(group=ACT_GROUP)
    async def _add(self, view: ManagersView) -> None:
        person = await self.app.push_screen_wait(StaffPicker(
            Content.assemble("Add a Client Manager to ", (clip(safe(view.name), 36), "bold")), view.candidates,
            empty="Every active agency user who is not an Administrator already manages this client."))
        if person is None:
            return
        login = person.login
        body = f"{person.full_name} ({person.role}) will see this client in the console and may switch into it."
        if not await self.app.push_screen_wait(Confirm(
                Content.assemble("Add ", (clip(safe(person.full_name), 30), "bold"), " as a Client Manager?"),
                body, yes="Add")):
            self.notify("Nothing changed.", timeout=3)
            return
        client_id = self.client_id
        if await self.act("Adding a Client Manager", lambda: self.app.manage.add_manager(client_id, login)):
            self.notify(f"{clip(person.full_name, 40)} is now a Client Manager.", title="Added")

    @work(group=ACT_GROUP)
    async def action_remove(self) -> None:
        view = self.view
        if view is None or not view.managers:
            self.notify("There is no Client Manager to remove.")
            return
        person = view.managers[self.query_one("#managers", TableView).cursor]
        client_id, login = self.client_id, person.login
        if await self.act(
                "Removing a Client Manager", lambda: self.app.manage.remove_manager(client_id, login),
                confirm=Confirm(Content.assemble("Remove ", (clip(safe(person.full_name), 30), "bold"),
                                                 " as a Client Manager?"),
                                f"{person.full_name} will no longer see or switch into this client "
                                "(unless they are an Administrator).", yes="Remove", danger=True)):
            self.notify(f"{clip(person.full_name, 40)} no longer manages this client.", title="Removed")
