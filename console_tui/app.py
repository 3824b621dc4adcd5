"""ConsoleApp: thin. It receives its services, settings and clock (DESIGN.md habit 3) and
routes between screens; each screen does its own loading in thread workers (habit 1).

The app also holds the one piece of cross-screen state: whether the user is inside a client's
instance (R-CMC-5). While inside, console and management actions are refused with the reason.
"""

from __future__ import annotations

from textual.app import App
from textual.command import CommandPalette

from console_tui import keys
from console_tui.clock import Clock
from console_tui.config import Settings
from console_tui.data.views import ClientSummary
from console_tui.domain.permissions import Action
from console_tui.screens import routes
from console_tui.screens.console import ConsoleScreen
from console_tui.screens.palette import ClientJumpProvider, KeyCommandsProvider
from console_tui.services import Services
from console_tui.text import clip, safe


class ConsoleApp(App[None]):
    """The agency's Client Management Console."""

    TITLE = "Client Management Console"
    CSS_PATH = "app.tcss"
    BINDINGS = keys.bindings("app")
    COMMANDS = App.COMMANDS | {ClientJumpProvider, KeyCommandsProvider}

    def __init__(self, services: Services, settings: Settings, clock: Clock, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.inside: ClientSummary | None = None
        self.console_screen = ConsoleScreen(clock, settings.partner_portal_url, cursor_blink=cursor_blink)

    def get_default_screen(self) -> ConsoleScreen:
        return self.console_screen

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Jump to a client by name, or run a command…"))

    # --- inside a client (R-CMC-5) ---------------------------------------------------------------

    def refuse_inside(self, what: str) -> bool:
        """True (and a message saying why) while the user is inside a client's instance."""
        if self.inside is None:
            return False
        name = clip(safe(self.inside.name), 40)
        self.notify(
            f"You are inside {name}. Press ctrl+r to return to the agency before {what}.",
            title="The console is unavailable", severity="warning",
        )
        return True

    def enter_client(self, client: ClientSummary) -> None:
        """Switch into ``client`` (the console checked R-ACC-3 first)."""
        if self.refuse_inside("switching into another client"):
            return
        from console_tui.screens.client_instance import ClientInstanceScreen

        self.inside = client
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ClientInstanceScreen(client.id, client.name))

    def return_to_agency(self) -> None:
        if self.inside is None:
            return
        name, self.inside = self.inside.name, None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.console_screen.clients.focus()
        self.notify(f"Back at the agency (left {clip(safe(name), 40)}).", timeout=3)

    # --- console and management actions ------------------------------------------------------------

    def _back_to_console(self, what: str) -> bool:
        """Close screens above the console; False (after saying why) while inside a client."""
        if self.refuse_inside(what):
            return False
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return True

    def open_client_screen(self, name: str, client: ClientSummary) -> None:
        if self.console_screen.overview is not None and not self.refuse_inside("opening the console"):
            routes.open_client_screen(self, name, client, self.console_screen.overview.user_role)

    def action_console(self) -> None:
        self._back_to_console("opening the console")

    def jump_to(self, client_id: int) -> None:
        if self._back_to_console("jumping to another client"):
            self.console_screen.jump_to(client_id)

    def action_agency_dashboard(self) -> None:
        overview = self.console_screen.overview
        if overview is None:
            self.notify("The console is still loading.")
        elif self._back_to_console("opening the agency dashboard"):
            from console_tui.screens.agency_dashboard import AgencyDashboardScreen

            self.push_screen(AgencyDashboardScreen(overview))

    def action_manage_clients(self) -> None:
        overview = self.console_screen.overview
        if overview is None:
            self.notify("The console is still loading.")
        elif reason := routes.refusal(overview.user_role, Action.MANAGE_CLIENTS):
            self.notify(reason, title="Not allowed", severity="warning")
        elif self._back_to_console("opening Manage Clients"):
            from console_tui.screens.manage_clients import ManageClientsScreen

            self.push_screen(ManageClientsScreen(overview))

    def action_partner_portal(self) -> None:
        url = self.settings.partner_portal_url
        self.open_url(url)
        self.notify(f"Partner Portal: {url}", timeout=6)

    def action_help(self) -> None:
        from console_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(services: Services, settings: Settings, clock: Clock, *, cursor_blink: bool = True) -> ConsoleApp:
    """The one way to build the app, for the CLI and the tests alike (DESIGN.md habit 3)."""
    return ConsoleApp(services, settings, clock, cursor_blink=cursor_blink)
