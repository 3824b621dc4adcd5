"""Whatever a load or a save raises, the console stays up and says one plain sentence: no SQL text,
no parameters, no traceback on screen (they go to the log).

Every full screen is listed in ``SCREENS``, built from the route tables the app itself uses (the
console's ``routes.ROUTES``, the options menu's ``SCREENS``, the page menu's ``PAGE_ITEMS``) plus the
app's own screens; ``test_every_screen_is_covered`` fails when a new screen is not in it. Each
screen is opened on a working database, then the database is made to fail under it: every
statement raises a ``RuntimeError`` whose text looks like SQL (the load path, ``r``), then every
write raises SQLite's "attempt to write a readonly database" (the save path, driven by its keys).
"""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
import re
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import event, update
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen

import console_tui.screens as screens_package
from console_tui.app.application import ConsoleApp
from console_tui.data.schema import Client
from console_tui.screens.console import routes
from console_tui.screens.lazy import screen_class
from console_tui.screens.manage import page_menu
from console_tui.screens.options import menu as client_options
from console_tui.ui.failures import READ_ONLY
from tests.ui.conftest import settle
from tests.ui.manage.conftest import (
    services_url,  # noqa: F401 - a fixture: the seed plus add-on services
    write,
)
from tests.ui.manage.test_add_client import GOOD

LEAKS = ("[SQL:", "SELECT", "INSERT", "UPDATE ", "parameters", "secret_column", "readonly database", "Traceback",
         "RuntimeError", "OperationalError")
INJECTED = "injected [SQL: SELECT secret_column FROM client WHERE id = ?] [parameters: (1,)]"


#: The bulk child process has its own engine, out of reach of the hook: triggers make its writes
#: fail the same way (the dry run writes audit rows before rolling back; a run opens a batch first).
CHILD_FAULTS = {"all": "injected", "writes": "attempt to write a readonly database"}


class Faults:
    """Make the app's database fail: ``"all"`` statements (RuntimeError) or ``"writes"`` (read-only);
    in the bulk child process, its writes (the triggers of :data:`CHILD_FAULTS`)."""

    def __init__(self, app: ConsoleApp) -> None:
        self._mode = ""
        self.path = app.services.db.engine.url.database
        event.listen(app.services.db.engine, "before_cursor_execute", self.hook)

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        with sqlite3.connect(self.path, timeout=5) as connection:
            for table in ("audit_log", "bulk_batch"):
                connection.execute(f"DROP TRIGGER IF EXISTS fault_{table}")
                if mode:
                    connection.execute(f"CREATE TRIGGER fault_{table} BEFORE INSERT ON {table} "
                                       f"BEGIN SELECT RAISE(ABORT, '{CHILD_FAULTS[mode]}'); END")
        self._mode = mode

    def hook(self, _conn, _cursor, statement: str, *_args) -> None:  # noqa: ANN001
        if self.mode == "all":
            raise RuntimeError(INJECTED)
        if self.mode == "writes" and re.match(r"\s*(INSERT|UPDATE|DELETE)\b", statement, re.I):
            raise sqlite3.OperationalError("attempt to write a readonly database")


def shown(app: ConsoleApp) -> str:
    """Everything on the terminal now (the screen and the modals over it) plus every notification."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True,
                      legacy_windows=False, color_system=None)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text() + "\n".join(str(n.message) for n in app._notifications)


def assert_up_and_plain(app: ConsoleApp, expected: str) -> None:
    assert app.is_running and app.return_code is None
    text = shown(app)
    assert not [leak for leak in LEAKS if leak in text], text
    assert expected in " ".join(text.split()), text


async def keys(pilot: Pilot, *names: str) -> None:
    """Press keys; after each, wait for the workers (not for a dialog waiting on an answer)."""
    for name in names:
        await pilot.press(name)
        await settle(pilot)
    if not names:
        await settle(pilot)


async def reload(pilot: Pilot) -> None:
    """What ``r`` does (called directly: on some screens a text field has the focus)."""
    if hasattr(pilot.app.screen, "action_reload"):
        pilot.app.screen.action_reload()
    await keys(pilot)


async def value(pilot: Pilot, selector: str, text: str, *then: str) -> None:
    pilot.app.screen.query_one(selector).value = text
    await keys(pilot, *then)


# --- how to open each screen and make it save ------------------------------------------------------

Opener = Callable[[ConsoleApp], None]
Saver = Callable[[Pilot], Awaitable[None]] | None


def acme(app: ConsoleApp):  # noqa: ANN201 - a ClientSummary
    return next(c for c in app.console_screen.overview.clients if c.name == "Acme Widgets")


def route(name: str) -> Opener:
    return lambda app: app.push_screen(routes.client_screen(name, acme(app)))


def option(path: str) -> Opener:
    def open_(app: ConsoleApp) -> None:
        app.push_screen(screen_class(path)(acme(app).id, acme(app).name))
    return open_


def page(item: page_menu.PageItem) -> Opener:
    return lambda app: page_menu.open_page(app, item)


def content_page(app: ConsoleApp) -> None:
    client = acme(app)
    place = next(p for p in client.company_places + client.your_places if p.content_item_id is not None)
    app.push_screen(routes.place_screen(client, place))


def compare(app: ConsoleApp) -> None:
    """The comparison of the console's first two clients (picked with + on the console)."""
    from console_tui.domain.compare import Tray
    from console_tui.screens.console.compare import CompareScreen

    first, second = app.console_screen.overview.clients[:2]
    app.compare_tray = Tray().toggled(first.id, first.name).toggled(second.id, second.name)
    app.push_screen(CompareScreen())


def add_client(app: ConsoleApp) -> None:
    from console_tui.screens.manage.add_client import AddClientScreen

    app.push_screen(AddClientScreen())


def dry_run(app: ConsoleApp) -> None:
    from console_tui.screens.bulk.dry_run import DryRunScreen

    app.push_screen(DryRunScreen((acme(app).id,), ("set-limit", "4000")))


def billing_history(app: ConsoleApp) -> None:
    """Billing Overview's ``h``."""
    app.action_open("app.billing")
    app.screen.action_history()


OPEN_APP: dict[str, Opener] = {
    "ConsoleScreen": lambda app: None,
    "AgencyDashboardScreen": lambda app: app.action_open("app.agency"),
    "ManageClientsScreen": lambda app: app.action_open("app.manage"),
    "AddClientScreen": add_client,
    "ClientInstanceScreen": lambda app: app.enter_client(acme(app)),
    "ContentPageScreen": content_page,
    "AttentionScreen": lambda app: app.action_open("app.attention"),
    "CompareScreen": compare,
    "DryRunScreen": dry_run,
    "BatchesScreen": lambda app: app.action_open("app.batches"),
    "BillingHistoryScreen": billing_history,
}


def all_openers() -> dict[str, Opener]:
    """Every screen the app opens, found the way the app finds them."""
    found: dict[str, Opener] = {}
    for name, (path, _action) in routes.ROUTES.items():
        if name != routes.PLACES:  # a picker; the screens its entries open are listed here already
            found.setdefault(_class_name(path), route(name))
    for path in client_options.SCREENS_BY_ACTION.values():
        found[_class_name(path)] = option(path)
    for item in page_menu.PAGE_ITEMS:
        found[item.screen] = page(item)
    return found | OPEN_APP


def _class_name(path: str) -> str:
    return path.rpartition(":")[2]


async def save_users(pilot: Pilot) -> None:
    await keys(pilot, "x", "y")  # delete the first user, confirmed


async def save_profile(pilot: Pilot) -> None:
    await keys(pilot, "e")
    pilot.app.screen.fields["city"].value = "Shelbyville"  # a real change: an unchanged save writes nothing
    await keys(pilot, "ctrl+s")


async def save_services(pilot: Pilot) -> None:
    await keys(pilot, "enter")
    await value(pilot, "Input", "20", "enter")


async def save_configuration(pilot: Pilot) -> None:
    pilot.app.screen.query_one("ConfigurationForm").field("tax_rate").value = "9"
    await keys(pilot, "ctrl+s", "y")


async def save_limits(pilot: Pilot) -> None:
    await keys(pilot, "enter")
    await value(pilot, "#editor", "90000", "enter", "ctrl+s", "y")


async def save_remove(pilot: Pilot) -> None:
    await keys(pilot, "x")  # Acme is made a monthly client below: removable any time
    await value(pilot, "Input", "Acme Widgets", "enter")


async def save_status(pilot: Pilot) -> None:
    await keys(pilot, "a")
    await value(pilot, "Input", "On hold", "enter", "enter")  # its name, then: counts toward the plan


async def save_new_client(pilot: Pilot) -> None:
    for name, text in GOOD.items():
        pilot.app.screen.field(name).value = text
    await keys(pilot, "ctrl+s")


async def save_template(pilot: Pilot) -> None:
    await keys(pilot, "a", "enter")  # save the first client's setup…
    await value(pilot, "Input", "Starter", "enter")  # …as "Starter"


SAVES: dict[str, Saver] = {
    "UserAccountsScreen": save_users,
    "AccountSettingsScreen": save_profile,
    "TeamCallScreen": lambda pilot: keys(pilot, "space", "ctrl+s"),
    "ClientConfigurationScreen": save_configuration,
    "ServicesScreen": save_services,
    "ClientManagersScreen": lambda pilot: keys(pilot, "a", "enter", "y"),
    "DirectSupportScreen": lambda pilot: keys(pilot, "t", "y"),
    "ClientRebrandScreen": lambda pilot: keys(pilot, "t", "y"),
    "RemoveCompanyScreen": save_remove,
    "ManageClientsScreen": lambda pilot: keys(pilot, "t", "down", "enter", "y"),
    "EmailLimitsScreen": save_limits,
    "AddClientScreen": save_new_client,
    "StatusesScreen": save_status,
    "TemplatesScreen": save_template,
    "AttentionScreen": lambda pilot: keys(pilot, "z", "enter", "enter"),  # snooze the first row's reason: +7, no note
    # load only: these screens change nothing (or only through a screen above)
    "ClientDetailScreen": None, "BillingOverviewScreen": None, "ClientOptionsScreen": None, "ScheduledJobsScreen": None,
    "EmailSenderScreen": None, "AuditLogScreen": None, "ClientUsageScreen": None,
    "AgencyBillingScreen": None, "BillingHistoryScreen": None, "AgencyDashboardScreen": None, "ConsoleScreen": None,
    "ClientInstanceScreen": None, "ContentPageScreen": None, "CompareScreen": None,
    # nothing to change on the seeded agency without more set-up (its changes go through the same
    # AgencyScreen.act / DataScreen save workers as the screens above)
    "EmailSuppressionScreen": None, "CompanyAvatarScreen": None, "AgencyUsersScreen": None,
    "MyAccountScreen": None,  # one plan in the seed: nothing to change to
    "DryRunScreen": None,  # it answers what was confirmed; the list or the batches screen runs it
    "BatchesScreen": None,  # its undo needs a batch first: a run's failure is in tests/ui/test_bulk_ui.py
}


def test_every_screen_is_covered() -> None:
    """A new full screen fails here until it is opened (and its saves driven) by this module."""
    abstract = {"BaseScreen", "DataScreen", "ClientScreen", "AgencyScreen", "ToggleScreen", "StatusAndPurge",
                "Exporting", "SearchFiltering", "ComparePicking", "Selecting"}
    screens = set()
    for module in pkgutil.walk_packages(screens_package.__path__, prefix=f"{screens_package.__name__}."):
        loaded = importlib.import_module(module.name)
        screens |= {name for name, value in vars(loaded).items()
                    if inspect.isclass(value) and issubclass(value, Screen) and not issubclass(value, ModalScreen)
                    and value.__module__ == loaded.__name__ and name not in abstract}
    assert screens == set(all_openers()) == set(SAVES)


@pytest.mark.parametrize("name", sorted(SAVES))
async def test_a_failing_database_never_closes_the_console(name: str, make_ui_app, services_url,  # noqa: F811
                                                           tmp_path: Path) -> None:
    write(services_url, lambda s: s.execute(update(Client).where(Client.name == "Acme Widgets")
                                            .values(license_term="monthly")))
    app = make_ui_app(url=services_url)
    faults = Faults(app)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        all_openers()[name](app)
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == name
        if hasattr(screen, "action_reload"):  # the wizard loads only after its save
            faults.mode = "all"
            await reload(pilot)
            assert app.screen is screen
            assert_up_and_plain(app, "Could not load: an unexpected error (details in the log file)")
        if (save := SAVES[name]) is not None:
            faults.mode = ""
            await reload(pilot)
            faults.mode = "writes"
            await save(pilot)
            assert_up_and_plain(app, READ_ONLY)


def test_every_worker_is_started_through_console_tui_workers() -> None:
    """Textual closes the app when a worker raises unless it was started with exit_on_error=False:
    ``console_tui.ui.workers`` always passes it and tells the app; nothing else may start a worker."""
    import console_tui

    offenders = []
    for path in Path(console_tui.__file__).parent.rglob("*.py"):
        if path.name == "workers.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^from textual import .*\bwork\b", text, re.M) or "textual.work(" in text:
            offenders.append(f"{path.name}: textual's work")
        offenders += [f"{path.name}: {call.group(0)}" for call in re.finditer(r"\.run_worker\([^)]*\)", text)
                      if "exit_on_error=False" not in call.group(0)]
    assert offenders == []
