"""ConsoleApp: thin. It receives its services, settings and clock (``make_app`` builds them into it)
and routes between screens; each screen does its own loading in thread workers.

The app also holds the cross-screen state: whether the user is inside a client's instance
(R-CMC-5; while inside, console and management actions are refused with the reason), whether
the database is reachable (``db_state``, kept by :class:`~console_tui.app.health.HealthMonitor`),
and the in-console nightly scheduler (:class:`~console_tui.app.background.BackgroundJobs`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Select, TextArea

from console_tui.app.background import BackgroundJobs, SchedulerFactory
from console_tui.app.health import HealthMonitor
from console_tui.app.terminal import exit_on_sigterm, exit_when_hung_up
from console_tui.clock import Clock
from console_tui.config import Settings
from console_tui.data.views.console import ClientSummary
from console_tui.display import clip, safe, safe_paste
from console_tui.screens.console import routes
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.console.palette import ClientJumpProvider, KeyCommandsProvider
from console_tui.services.console import Services
from console_tui.ui import keys
from console_tui.ui.collector import QUIET_SECONDS, QuietCollector
from console_tui.ui.failures import explain
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import DatabaseSuspect, DataChanged, HealthChecked
from console_tui.ui.outage import DbState
from console_tui.ui.workers import WorkerRaised


class ConsoleApp(ConsoleHost):
    """The agency's Client Management Console."""

    TITLE = "Client Management Console"
    CSS_PATH = "app.tcss"
    BINDINGS = keys.bindings("app")
    COMMANDS = App.COMMANDS | {ClientJumpProvider, KeyCommandsProvider}

    db_state: reactive[DbState] = reactive(DbState, init=False)
    console_screen: ConsoleScreen

    def __init__(self, services: Services, settings: Settings, clock: Clock, *, cursor_blink: bool = True,
                 scheduler: SchedulerFactory | None = None) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.inside: ClientSummary | None = None
        self.console_screen = ConsoleScreen(clock, settings.partner_portal_url, cursor_blink=cursor_blink)
        self.health = HealthMonitor(self)
        self.jobs = BackgroundJobs(self, scheduler)
        self.collector = QuietCollector()

    def get_default_screen(self) -> ConsoleScreen:
        return self.console_screen

    # --- the database and the nightly job --------------------------------------------------------

    def on_mount(self) -> None:
        self.health.install()
        self.watch_theme()
        exit_when_hung_up(self)
        exit_on_sigterm(self)
        self.set_interval(QUIET_SECONDS, self.collector.collect_when_quiet)

    def watch_theme(self) -> None:
        """``-ansi`` while the theme is made of the terminal's own colours (app.tcss draws focus solid)."""
        self.set_class(self.current_theme.ansi, "-ansi")

    def database_answered(self) -> None:
        self.health.contact_ok()

    def database_available(self) -> bool:
        return self.health.available

    def data_changed(self, client_id: int | None = None) -> None:
        for screen in list(self.screen_stack):
            screen.post_message(DataChanged(client_id))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications carry names and typed text, so they are never read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Without a blinking cursor (snapshots, recordings), every text box holds its cursor still, on
        whichever screen or dialog it is: the moment a blink lands never changes what is drawn."""
        if not self.cursor_blink and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def on_worker_raised(self, message: WorkerRaised) -> None:
        """The last resort for a worker's uncaught error: the console stays up and says one plain
        sentence; the traceback goes to the log (every worker is started by console_tui.ui.workers)."""
        self.notify(explain(message.error), title="Not done", severity="error", timeout=12)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input()  # a due full garbage pass waits for a quiet moment
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = safe_paste(event.text)  # pasted text is data, never terminal control
        if isinstance(event, events.Key) and event.is_forwarded and self._typed_into_a_field(event):
            return  # came back up unhandled from a field: no single-letter key of the table runs
        await super().on_event(event)

    def _typed_into_a_field(self, event: events.Key) -> bool:
        """A letter or digit typed while a text field, a dropdown (or its open list) or a search line
        has focus: it is data there, never a command (``g``, ``m``, ``q``, a screen's ``n``…)."""
        character, focused = event.character, self.focused
        if character is None or not character.isalnum() or focused is None:
            return False
        return any(isinstance(node, Input | TextArea | Select) for node in focused.ancestors_with_self)

    def on_unmount(self) -> None:
        self.jobs.stop()
        self.health.uninstall()

    def start_background_jobs(self) -> None:
        """Called once the console has painted its first client rows."""
        self.jobs.start()

    def on_database_suspect(self, _message: DatabaseSuspect) -> None:
        self.health.suspect()

    def on_health_checked(self, message: HealthChecked) -> None:
        self.health.checked(message)

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(cast("App[object]", self)):  # Textual types it App[object]
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
        from console_tui.screens.console.client_instance import ClientInstanceScreen

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

    def _open_over(self, kind: type[Screen[Any]], build: Callable[[], Screen[Any]]) -> None:
        """Open a screen over the one in front, so ``esc`` comes back to it (one step); if that screen
        is already open further down, go back to it instead of opening it twice. Dialogs close first."""
        while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        for depth, screen in enumerate(self.screen_stack):
            if isinstance(screen, kind):
                while len(self.screen_stack) > depth + 1:
                    self.pop_screen()
                return
        self.push_screen(build())

    def open_client_screen(self, name: str, client: ClientSummary) -> None:
        if self.console_screen.overview is not None and not self.refuse_inside("opening the console"):
            routes.open_client_screen(self, name, client, self.console_screen.overview.user_role)

    def action_console(self) -> None:
        self._back_to_console("opening the console")

    def jump_to(self, client_id: int) -> None:
        if self._back_to_console("jumping to another client"):
            self.console_screen.jump_to(client_id)

    def action_open(self, name: str) -> None:
        """Open the global key ``name``'s agency screen (``open('app.audit')``) above the console,
        if the user's role may (else the usual "Not allowed" with the role needed)."""
        overview = self.console_screen.overview
        action = routes.AGENCY_ROUTES[name][1]
        if overview is None:
            self.notify("The console is still loading.")
        elif reason := routes.refusal(overview.user_role, action):
            self.notify(reason, title="Not allowed", severity="warning")
        elif not self.refuse_inside(f"opening {keys.routes('app')[name].description}"):
            self._open_over(routes.agency_screen_class(name), lambda: routes.agency_screen(name, overview))

    def action_partner_portal(self) -> None:
        url = self.settings.partner_portal_url
        self.open_url(url)
        self.notify(f"Partner Portal: {url}", timeout=6)

    def action_help(self) -> None:
        from console_tui.screens.dialogs.help import HelpScreen, scopes_in_front

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(scopes_in_front(self.screen)))


def make_app(services: Services, settings: Settings, clock: Clock, *, cursor_blink: bool = True,
             scheduler: SchedulerFactory | None = None) -> ConsoleApp:
    """The one way to build the app, for the CLI and the tests alike, from the console's facade and
    the settings (the app builds Manage Clients' and administration's from them when first asked,
    ``ui/host.py``; screens never build them).

    ``scheduler`` builds the in-console nightly scheduler (``launch`` passes one unless
    ``--no-scheduler``); without it, nothing runs in the background.
    """
    return ConsoleApp(services, settings, clock, cursor_blink=cursor_blink, scheduler=scheduler)
