"""Helpers for the Manage Clients UI tests (tests/ui/conftest.py gives the app and the seeded db).

``settle`` and ``press`` are tests/ui/conftest.py's (re-exported here): they wait for every worker
except the ones awaiting a confirmation modal (``push_screen_wait``).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from textual.pilot import Pilot

from console_tui.data.engine import Database
from console_tui.data.schema import AddonService, AgencyUser, AuditEntry, Client, ClientAccess, ClientService
from tests.ui.conftest import notes, press, settle  # noqa: F401 - notes is shared with the tests here
from tests.ui.seed import NOW

__all__ = ["press", "settle"]  # the one copy, for the tests here


async def fill(pilot: Pilot, selector: str, text: str) -> None:
    """Put ``text`` into the Input matching ``selector`` on the current screen."""
    pilot.app.screen.query_one(selector).value = text
    await settle(pilot)



def text_of(widget) -> str:  # noqa: ANN001
    """What a widget shows, line by line, as plain text (Line API widgets and Statics alike)."""
    lines = []
    for y in range(widget.size.height):
        strip = widget.render_line(y)
        lines.append("".join(segment.text for segment in strip).rstrip())
    return "\n".join(lines)


# --- fixtures on the seeded UI agency (tests/ui/seed.py) ---------------------------------------


#: login -> role: one agency user per role (R-ACC-1); the non-admins manage Acme Widgets (R-ACC-2)
ROLE_LOGINS = {
    "admin": "Administrator",
    "cm": "Company Manager",
    "mm": "Marketing Manager",
    "sm": "Sales Manager",
    "sp": "Salesperson",
    "jr": "Jr. Salesperson",
}


def client_id(url: str, name: str) -> int:
    database = Database(url)
    try:
        with database.read() as session:
            return session.scalar(select(Client.id).where(Client.name == name))
    finally:
        database.dispose()


def audit_rows(url: str) -> list[tuple[str, str, int | None, dict | None, dict | None]]:
    """``(actor, action, client_id, before, after)`` of every audit row, oldest first."""
    database = Database(url)
    try:
        with database.read() as session:
            return [(a.actor, a.action, a.client_id, a.before, a.after)
                    for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    finally:
        database.dispose()


def make_monthly(url: str, name: str) -> int:
    """Put the client on a monthly term (removable any time, R-OPT-9); returns its id."""
    cid = client_id(url, name)
    write(url, lambda s: s.execute(update(Client).where(Client.id == cid).values(license_term="monthly")))
    return cid


def write(url: str, change) -> None:  # noqa: ANN001 - a function of the session
    database = Database(url)
    try:
        with database.write() as session:
            change(session)
    finally:
        database.dispose()


@pytest.fixture
def roles_url(ui_db_url: str) -> str:
    """The UI agency plus one user per role; every non-Administrator manages Acme Widgets."""
    acme = client_id(ui_db_url, "Acme Widgets")

    def add(session) -> None:  # noqa: ANN001
        for login, role in ROLE_LOGINS.items():
            if login == "admin":
                continue
            user = AgencyUser(login=login, full_name=f"{role} Person", email=f"{login}@northwind.example",
                              role=role, created_at=NOW)
            session.add(user)
            session.flush()
            session.add(ClientAccess(agency_user_id=user.id, client_id=acme, granted_at=NOW))

    write(ui_db_url, add)
    return ui_db_url


@pytest.fixture
def services_url(ui_db_url: str) -> str:
    """The UI agency with an add-on catalogue; Acme has 10 Sales Dialer seats active of 12 allowed."""
    acme = client_id(ui_db_url, "Acme Widgets")

    def add(session) -> None:  # noqa: ANN001
        dialer = AddonService(key="sales_dialer", name="Sales Dialer", unit="seat", unit_price_cents=2500)
        sms = AddonService(key="sms_credits", name="SMS credits", unit="credit", unit_price_cents=3)
        session.add_all([dialer, sms])
        session.flush()
        session.add(ClientService(client_id=acme, service_id=dialer.id, allowance=12, active_quantity=10))

    write(ui_db_url, add)
    return ui_db_url


async def open_refused(pilot: Pilot, number: str) -> None:
    """Open the screen behind item ``number`` of the options menu on top, although the menu disables it
    because a rule refuses it today: the screen's own refusal, as a menu drawn before the day changed
    (or a stale one) would reach it."""
    from console_tui.screens.lazy import client_screen_class
    from console_tui.screens.options.menu import SCREENS_BY_ACTION

    menu = pilot.app.screen
    item = menu.data.items[int(number) - 1]
    assert not item.enabled, f"{item.label} is not refused; open it with its key"
    pilot.app.push_screen(client_screen_class(SCREENS_BY_ACTION[item.action])(menu.data.client_id, menu.data.name))
    await settle(pilot)
