"""The per-client options menu (R-OPT-1), in the order DOMAIN.md gives.

Every item is listed; one the user may not use is shown disabled **with the reason** under it
(R-ACC-3, from ``menu_items``), and a removed company's items all say when it was removed.
``enter`` (or the item's number) opens the screen behind the item; Switch to Manage (R-OPT-2)
checks the switch in a thread and then enters the client through the app, as the console does.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.data.views.console import ClientSummary, Features
from console_tui.data.views.manage import ClientOptions
from console_tui.display import clip, safe
from console_tui.domain.permissions import Action, MenuItem
from console_tui.screens.base import ACT_GROUP, ClientScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.lazy import SCREENS, client_screen_class
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import work
from console_tui.widgets.title_bar import TitleBar

#: What each item does (wording after seeds/manage-clients.txt).
HELP: dict[Action, str] = {
    Action.SWITCH_INTO_CLIENT: "Enter the client's instance as an administrator, to manage their account and use "
                               "the services on their behalf.",
    Action.CLIENT_CONFIGURATION: "License term and billing: term and start date, billing contact and email, tax "
                                 "rate, margin protection; the region follows the country.",
    Action.SERVICES_ALLOWANCES: "Monthly allowances for add-on services. The client cannot exceed or change them.",
    Action.CLIENT_MANAGERS: "Add or remove the agency users who can access and manage this client.",
    Action.DIRECT_SUPPORT: "Turn the paid Direct Support add-on on or off: the client sends tickets straight to "
                           "support instead of to you.",
    Action.EMAIL_SENDER: "The sender status and a breakdown of sends, opens, bounces, spam complaints and "
                         "unsubscribes over 24 h, 7, 30 and 90 days.",
    Action.EMAIL_SUPPRESSION: "Whether engagement-based suppression (EBS) is required, and whether it may be "
                              "turned off now.",
    Action.CLIENT_REBRAND: "Lock or unlock the client's own logo upload; while locked your agency's logo is used.",
    Action.REMOVE_COMPANY: "Remove the company: its users are blocked and it leaves every list; its data is "
                           "kept. Monthly clients any time, annual ones only in the pre-renewal window.",
}

#: The screen behind each item (lazy imports: a screen's module loads on first use).
_OPTIONS = f"{SCREENS}.options"
SCREENS_BY_ACTION: dict[Action, str] = {
    Action.CLIENT_CONFIGURATION: f"{_OPTIONS}.configuration:ClientConfigurationScreen",
    Action.SERVICES_ALLOWANCES: f"{_OPTIONS}.services:ServicesScreen",
    Action.CLIENT_MANAGERS: f"{_OPTIONS}.managers:ClientManagersScreen",
    Action.DIRECT_SUPPORT: f"{_OPTIONS}.direct_support:DirectSupportScreen",
    Action.EMAIL_SENDER: f"{_OPTIONS}.email_sender:EmailSenderScreen",
    Action.EMAIL_SUPPRESSION: f"{_OPTIONS}.suppression:EmailSuppressionScreen",
    Action.CLIENT_REBRAND: f"{_OPTIONS}.rebrand:ClientRebrandScreen",
    Action.REMOVE_COMPANY: f"{_OPTIONS}.remove:RemoveCompanyScreen",
}


def why_not(item: MenuItem) -> str:
    """``Needs the Administrator role`` from ``Client Configuration needs the Administrator role``."""
    text = item.reason.removeprefix(item.label).strip()
    return text[:1].upper() + text[1:]


def summary_for(app: ConsoleHost, data: ClientOptions) -> ClientSummary:
    """The console's summary of the client, or a minimal one when the console has not loaded it."""
    console = app.console_screen
    overview = console.overview if isinstance(console, ConsoleScreen) else None
    for client in overview.clients if overview is not None else ():
        if client.id == data.client_id:
            return client
    return ClientSummary(data.client_id, data.name, data.kind, data.status, 0, None, False, 0, "", 0, 0, "New", 0,
                         Features(False, False, False, False, False, False))


class ClientOptionsScreen(ClientScreen):
    """The nine options for one client, each enabled or disabled with why."""

    TITLE_TEXT = "Client options"
    BINDINGS = keys.bindings("options")
    DEFAULT_CSS = """
    ClientOptionsScreen #options { height: 1fr; border: none; background: $surface; }
    ClientOptionsScreen #options:focus { border: none; }
    ClientOptionsScreen #option-help { height: 3; padding: 0 1; background: $panel; color: $text-secondary; }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.data: ClientOptions | None = None

    def compose_body(self) -> ComposeResult:
        yield OptionList(id="options")
        yield Static("", id="option-help", markup=False)

    def fetch(self) -> ClientOptions:
        return self.app.manage.options(self.client_id)

    def show(self, data: ClientOptions) -> None:
        self.data = data
        self.client_name = data.name
        self.query_one(TitleBar).show_subject(data.name)
        menu = self.query_one("#options", OptionList)
        keep = menu.highlighted
        menu.set_options(self._option(n, item, dict(data.state)) for n, item in enumerate(data.items))
        enabled = [n for n, item in enumerate(data.items) if item.enabled]
        if enabled:
            menu.highlighted = keep if keep in enabled else enabled[0]
        else:
            self.query_one("#option-help", Static).update("")
        menu.focus()
        allowed = len(enabled)
        who = f"{safe(data.role)}{', Client Manager of this client' if data.is_client_manager else ''}"
        if data.removed_at is not None:
            self.status.failed(f"Removed on {data.removed_at.date().isoformat()}: nothing can be changed")
        else:
            self.status.ready(f"{allowed} of {len(data.items)} options open to you ({who}) · enter opens · esc back")

    @staticmethod
    def _option(n: int, item: MenuItem, state: dict[str, str]) -> Option:
        head = Content.assemble(f"{n + 1}  ", (item.label, "bold" if item.enabled else ""))
        if item.label in state and item.enabled:
            head = Content.assemble(head, " " * (31 - len(item.label)), (state[item.label], "dim"))
        if not item.enabled:
            head = Content.assemble(head, "\n   ✗ ", why_not(item))
        return Option(head, id=item.action.value, disabled=not item.enabled)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None:  # every item has its action as id
            return
        action = Action(event.option.id)
        self.query_one("#option-help", Static).update(Content(HELP.get(action, "")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:  # every item has its action as id
            self.open(Action(event.option.id))

    def action_pick(self, index: int) -> None:
        if self.data is None or index >= len(self.data.items):
            return
        item = self.data.items[index]
        if not item.enabled:
            self.notify(why_not(item) + ".", title=f"{item.label}: not available", severity="warning")
            return
        self.query_one("#options", OptionList).highlighted = index
        self.open(item.action)

    def open(self, action: Action) -> None:
        data = self.data
        if data is None:
            return
        item = next(i for i in data.items if i.action is action)
        if not item.enabled:  # the list never selects a disabled item; the number keys may ask
            self.notify(why_not(item) + ".", title=f"{item.label}: not available", severity="warning")
            return
        if action is Action.SWITCH_INTO_CLIENT:
            self._switch_into(data)
            return
        option_screen = client_screen_class(SCREENS_BY_ACTION[action])
        self.app.push_screen(option_screen(data.client_id, clip(data.name, 200)))

    @work(group=ACT_GROUP)
    async def _switch_into(self, data: ClientOptions) -> None:
        summary = summary_for(self.app, data)
        if await self.act("Switch to Manage", lambda: self.app.manage.check_switch_into(data.client_id)):
            self.app.enter_client(summary)
