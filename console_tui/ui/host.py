"""What a screen may ask of the app it runs in, typed: ``host = getters.app(ConsoleHost)``.

:class:`~console_tui.app.application.ConsoleApp` is a ``ConsoleHost``. Screens and widgets cannot
import the app (the app imports them), so they name this base instead; Textual's
``getters.app(ConsoleHost)`` returns the running app typed as one (and checks that it is). The
console's facade is built in ``make_app`` and handed to the app; Manage Clients' and administration's
are built here, once, from it and the settings, the first time a screen asks; screens never build
services themselves.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

from console_tui.clock import Clock
from console_tui.config import Settings
from console_tui.data.views.console import ClientSummary
from console_tui.domain.compare import Tray
from console_tui.services.console import Services
from console_tui.ui.collector import QuietCollector

if TYPE_CHECKING:  # built on first use: Manage Clients' and administration's queries are not the first frame's
    from console_tui.services.admin import AdminServices
    from console_tui.services.bulk import BulkServices
    from console_tui.services.bulk_apart import BulkApart
    from console_tui.services.manage import ManageServices


class ConsoleHost(App[None]):
    """The app as the screens see it: its facades, settings and clock, and the few things it does for them."""

    services: Services  # the console and one client's screens
    settings: Settings
    clock: Clock
    cursor_blink: bool
    console_screen: Screen[None]  # the console (the default screen)
    compare_tray: Tray = Tray()  # the clients picked to compare, on the console or the queue (R-CMP-1)
    collector: QuietCollector  # the garbage collector's full passes, kept off the keyboard's path

    @cached_property
    def manage(self) -> ManageServices:
        """Manage Clients and its option screens (imported and built the first time a screen asks)."""
        from console_tui.services.manage import ManageServices

        return ManageServices(self.services, self.settings)

    @cached_property
    def admin(self) -> AdminServices:
        """Agency administration (imported and built the first time a screen asks)."""
        from console_tui.services.admin import AdminServices

        return AdminServices(self.services, self.settings)

    @cached_property
    def bulk(self) -> BulkServices:
        """Bulk changes: dry run, run, undo, batches (imported and built the first time a screen asks)."""
        from console_tui.services.bulk import BulkServices

        return BulkServices(self.services, self.settings)

    @cached_property
    def bulk_apart(self) -> BulkApart:
        """Bulk dry runs and runs in a child process, so the console stays responsive while one works."""
        from console_tui.services.bulk_apart import BulkApart

        return BulkApart(self.bulk)

    def database_answered(self) -> None:
        """A database call just succeeded (the health monitor hides its banner)."""

    def database_available(self) -> bool:
        """False while the health monitor believes the database is away."""
        return True

    def data_changed(self, client_id: int | None = None) -> None:
        """Something was changed: every open screen is told (:class:`~console_tui.ui.messages.DataChanged`)."""
        raise NotImplementedError

    def enter_client(self, client: ClientSummary) -> None:
        raise NotImplementedError

    def return_to_agency(self) -> None:
        raise NotImplementedError

    def refuse_inside(self, what: str) -> bool:
        raise NotImplementedError

    def open_client_screen(self, name: str, client: ClientSummary) -> None:
        raise NotImplementedError

    def jump_to(self, client_id: int) -> None:
        raise NotImplementedError

    def start_background_jobs(self) -> None:
        """Called once the console has painted its first client rows."""
