"""The console under each of the six roles, connected as the person's own PostgreSQL role (per-user
mode), does and refuses what it does and refuses in the single-password mode, in the same words.

One agency per module (the UI seed, tests/ui/seed.py, with one user per role; tests/pg_agency.py makes
their roles). Each role's console shows the clients it may access, opens the agency's screens and a
client's (refusing by name those the role may not open, as the key table's check does in either
mode), saves a company profile as itself and is refused one change with the single-password mode's
sentence; no screen shows a database error.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update
from textual.pilot import Pilot

from console_tui.app.application import ConsoleApp, make_app
from console_tui.clock import FixedClock
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.history import record_days
from console_tui.data.schema import AgencyUser, ClientAccess
from console_tui.domain.permissions import Action, check
from console_tui.screens.console import routes
from console_tui.screens.dialogs.briefing_panel import BriefingPanel
from console_tui.screens.options.menu import SCREENS_BY_ACTION
from console_tui.services.console import Services
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.factories import make_user
from tests.pg_agency import ROLE_BY_SHORT, Agency, per_user_agency
from tests.ui import seed
from tests.ui.conftest import notes, settle
from tests.ui.test_error_boundary import LEAKS, keys, option, route, shown

pytestmark = pytest.mark.postgres

TODAY = FIXED_NOW.astimezone(TEST_TZ).date()
MANAGED = ["Acme Widgets", "Blue Harbor Dental"]  # every non-Administrator is a Client Manager of these
#: the agency's screens, by key: those a role may not open are refused by name
AGENCY_KEYS = {"g": Action.OPEN_CONSOLE, "m": Action.MANAGE_CLIENTS, "E": Action.EMAIL_LIMITS,
               "C": Action.CLIENT_USAGE, "B": Action.BILLING, "A": Action.OPEN_CONSOLE,
               "U": Action.MANAGE_AGENCY_USERS, "T": Action.MANAGE_STATUSES, "K": Action.MANAGE_TEMPLATES,
               "L": Action.VIEW_AUDIT_LOG, "exclamation_mark": Action.OPEN_CONSOLE, "H": Action.OPEN_CONSOLE}
CLIENT_SCREENS = ("console.detail", "console.options", "console.users", "console.settings")


def _build(db: Database, tag: str) -> tuple[dict[str, str], int, int, str, str]:
    """The UI seed with its three users renamed to this agency's logins, and one user more per role."""
    ids = seed.seed(db)
    logins = {short: f"{tag}_{short}" for short in ROLE_BY_SHORT}
    with db.write() as session:
        for short, seeded in (("admin", "admin"), ("sp", "sam"), ("cm", "carla")):
            session.execute(update(AgencyUser).where(AgencyUser.login == seeded).values(login=logins[short]))
        for short in ("mm", "sm", "jr"):
            make_user(session, logins[short], ROLE_BY_SHORT[short].value)
        users = {login: user_id for login, user_id in session.execute(select(AgencyUser.login, AgencyUser.id))}
        session.add_all(ClientAccess(agency_user_id=users[logins[short]], client_id=ids[name], granted_at=seed.NOW)
                        for short in ("cm", "mm", "sm", "jr") for name in MANAGED)
        make_user(session, f"{tag}_gone", "Salesperson").active = False
        make_user(session, f'{tag} o"q', "Salesperson")
        # two days of history, so the morning briefing has something to say; everyone has seen today's
        record_days(session, TEST_TZ, seed.LAST_DAY - timedelta(days=1), seed.LAST_DAY)
        session.execute(update(AgencyUser).values(briefing_seen_on=TODAY))
    return logins, ids["Acme Widgets"], ids["Cedar & Pine Realty"], f"{tag}_gone", f'{tag} o"q'


@pytest.fixture(scope="module")
def console_agency(request: pytest.FixtureRequest) -> Iterator[Agency]:
    yield from per_user_agency(request, _build)


def _step(app: ConsoleApp) -> tuple[str, str, list[str]]:
    """What the person sees now: the screen in front, what was said, and any failure or leak shown."""
    text = shown(app)
    failures = [leak for leak in (*LEAKS, "Could not", "refused by the database", "permission denied")
                if leak in text]
    return type(app.screen).__name__, " | ".join(notes(app)), failures


async def _back(pilot: Pilot, console: object) -> None:
    app = pilot.app
    while app.screen is not console:
        app.pop_screen()
    app.clear_notifications()
    await settle(pilot)


async def _refused_change(pilot: Pilot, short: str) -> None:
    """One change the role may not make: Direct Support (Administrators only); for the Administrator,
    removing an annual client before its term ends (a rule, not a permission)."""
    if short == "admin":
        option(SCREENS_BY_ACTION[Action.REMOVE_COMPANY])(pilot.app)
        await keys(pilot)
        await keys(pilot, "x")
    else:
        option(SCREENS_BY_ACTION[Action.DIRECT_SUPPORT])(pilot.app)
        await keys(pilot)
        await keys(pilot, "t", "y")


def _console(url: str, login: str) -> tuple[Database, ConsoleApp]:
    database, clock = Database(url), FixedClock(FIXED_NOW, TEST_TZ)
    return database, make_app(Services(database, login, clock), Settings(database_url=url), clock, cursor_blink=False)


async def transcript(url: str, login: str, short: str, city: str) -> dict[str, object]:
    """Everything the role's console shows on the way through: the list, each screen, two changes."""
    database, app = _console(url, login)
    seen: dict[str, object] = {}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            console = app.screen
            seen["clients"] = [c.name for c in app.console_screen.overview.clients]
            for key in AGENCY_KEYS:
                await keys(pilot, key)
                seen[key] = _step(app)
                await _back(pilot, console)
            acme = next(c for c in app.console_screen.overview.clients if c.name == "Acme Widgets")
            for name in CLIENT_SCREENS:
                app.open_client_screen(name, acme)  # as its key does: checked, then opened
                await settle(pilot)
                seen[name] = _step(app)
                await _back(pilot, console)
            route("console.settings")(app)  # a change every role may make on its clients: the company profile
            await keys(pilot)
            await keys(pilot, "e")
            app.screen.fields["city"].value = city
            await keys(pilot, "ctrl+s")
            seen["permitted change"] = _step(app)
            await _back(pilot, console)
            await _refused_change(pilot, short)
            seen["refused change"] = _step(app)
    finally:
        database.dispose()
    return seen


REMOVAL_REFUSED = ("Removing Acme Widgets was refused: the client is on an annual term renewing on 2027-02-01; "
                   "annual clients can be removed only in the last 30 days before renewal, from 2027-01-02. "
                   "Try again on or after 2027-01-02.")


def _refusal(label: str, role: str) -> str:
    return f"{label} was refused: it needs the Administrator role; your role is {role}. " \
        "Ask an Administrator to do it or to change your access."


def _saved(agency: Agency, login: str) -> tuple[str, str]:
    """The client's city now, and who the newest audit row says made a change."""
    with agency.db.engine.connect() as connection:
        city = connection.execute(text("SELECT city FROM client WHERE id = :i"), {"i": agency.mine}).scalar()
        actor = connection.execute(text("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1")).scalar()
    return str(city), str(actor)


@pytest.mark.parametrize("short", list(ROLE_BY_SHORT))
async def test_each_roles_console_shows_and_refuses_what_the_single_password_mode_does(console_agency: Agency,
                                                                                    short: str) -> None:
    login, role = console_agency.logins[short], ROLE_BY_SHORT[short]
    seen = await transcript(console_agency.url_as(login), login, short, f"City of {short}")
    assert seen["clients"] == ([c[0] for c in seed.CLIENTS] if short == "admin" else MANAGED)
    for step, (_screen, _said, failures) in ((k, v) for k, v in seen.items() if k != "clients"):
        assert failures == [], (step, seen[step])  # no database error, no "Could not", nothing of SQL
    for key, action in AGENCY_KEYS.items():
        screen, said, _ = seen[key]
        if check(role, action).allowed:  # opened and loaded
            assert screen != "ConsoleScreen" and said == "", (key, seen[key])
        else:  # the console's own refusal, naming the role needed
            assert (screen, said) == ("ConsoleScreen", routes.refusal(role.value, action)), (key, seen[key])
    for name in CLIENT_SCREENS:
        screen, said, _ = seen[name]
        action = routes.ROUTES[name][1]
        assert said == (routes.refusal(role.value, action) or ""), (name, seen[name])
    assert seen["console.detail"][0] == "ClientDetailScreen"
    assert seen["permitted change"][1] == "Saved the company profile (region US)."
    assert _saved(console_agency, login) == (f"City of {short}", login)  # saved by the database as itself
    assert seen["refused change"][1] == (REMOVAL_REFUSED if short == "admin" else
                                        _refusal("Enable/Disable Direct Support", role.value))


@pytest.mark.parametrize("short", ["sp", "admin"])
async def test_the_morning_briefing_opens_once_a_day_under_a_persons_own_role(console_agency: Agency,
                                                                             short: str) -> None:
    """The day it was seen is kept on the person's own row, which every role may mark (and nothing else)."""
    login = console_agency.logins[short]
    with console_agency.db.engine.begin() as connection:
        connection.execute(text("UPDATE agency_user SET briefing_seen_on = NULL WHERE login = :l"), {"l": login})
    shown_first = []
    for _ in range(2):  # the same person opens the console twice the same day
        database, app = _console(console_agency.url_as(login), login)
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
                shown_first.append(isinstance(app.screen, BriefingPanel))
        finally:
            database.dispose()
    assert shown_first == [True, False]
    with console_agency.db.engine.connect() as connection:
        seen = connection.execute(text("SELECT briefing_seen_on FROM agency_user WHERE login = :l"), {"l": login})
        assert seen.scalar() == TODAY
