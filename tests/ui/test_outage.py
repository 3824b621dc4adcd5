"""The console when the database goes away: a banner within 5 s, keys still answered,
changes refused with a clear sentence and never half-applied, recovery by itself.

PostgreSQL: a real server behind an in-test TCP forwarder (tests/ui/forwarder.py) whose listening
socket and live connections are closed to make the database unreachable, and reopened on the same
port to bring it back. SQLite: another connection holds ``BEGIN EXCLUSIVE``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from console_tui.app.application import ConsoleApp, make_app
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.schema import AuditEntry, Client, ClientUser, RecentPlace
from console_tui.screens.client.edit_forms import UserForm
from console_tui.screens.client.user_accounts import UserAccountsScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.dialogs.help import HelpScreen
from console_tui.services.console import Services
from console_tui.ui.outage import CHANGE_FAILED, LOAD_FAILED, retry_delay
from console_tui.widgets.db_banner import DbBanner
from tests.conftest import _require_pg, empty_all
from tests.ui import seed
from tests.ui.conftest import count, press, settle
from tests.ui.forwarder import Forwarder

BANNER_WITHIN_S = 5.0
RECOVERY_WITHIN_S = 35.0  # the longest back-off is 30 s


def banner(app: ConsoleApp) -> DbBanner:
    """The banner of the screen in front (a modal shows the one of the screen under it)."""
    for screen in reversed(app.screen_stack):
        if found := screen.query(DbBanner):
            return found.first()
    raise AssertionError("no banner")


def banner_down(app: ConsoleApp) -> bool:
    return banner(app).has_class("-down")


async def wait_for(pilot, condition, timeout: float) -> float:  # noqa: ANN001
    """Real seconds until ``condition()`` holds (fails after ``timeout``)."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, f"not within {timeout} s"
        await pilot.pause(0.05)
    return time.monotonic() - started


def test_retry_delay_starts_near_2_s_and_backs_off_to_30_s():
    delays = [retry_delay(n) for n in range(1, 12)]
    assert delays[0] == 2.0 and delays[1] == 3.0
    assert delays == sorted(delays) and max(delays) == 30.0 and delays[-1] == 30.0


# --- PostgreSQL made unreachable under a running console -------------------------------------------


@pytest.fixture
def pg_seeded(request: pytest.FixtureRequest) -> Iterator[str]:
    """The UI seed in this session's private PostgreSQL schema."""
    _require_pg(request.node.nodeid)
    url = request.getfixturevalue("pg_migrated")
    database = Database(url)
    empty_all(database)
    seed.seed(database)
    database.dispose()
    yield url


@pytest.fixture
def forwarded(pg_seeded: str) -> Iterator[tuple[str, Forwarder]]:
    """The seeded schema's URL, pointed at a forwarder in front of the real server."""
    parsed = make_url(pg_seeded)
    forwarder = Forwarder(parsed.host or "127.0.0.1", parsed.port or 5432).open()
    url = parsed.set(host="127.0.0.1", port=forwarder.port).render_as_string(hide_password=False)
    yield url, forwarder
    forwarder.close()


def console_on(url: str, clock) -> tuple[ConsoleApp, Database]:  # noqa: ANN001
    database = Database(url)
    settings = Settings(database_url=url, partner_portal_url="https://partners.example.com/portal")
    return make_app(Services(database, "admin", clock), settings, clock, cursor_blink=False), database


@pytest.mark.postgres
async def test_postgres_outage_shows_a_banner_keeps_keys_refuses_changes_and_recovers(forwarded, pg_seeded, clock):
    url, forwarder = forwarded
    app, database = console_on(url, clock)
    audits_before = count(pg_seeded, select(func.count()).select_from(AuditEntry))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            console = app.console_screen
            assert console.clients.shown_count == 8 and not banner_down(app)

            forwarder.close()  # the database goes away: listener and live connections
            took = await wait_for(pilot, lambda: banner_down(app), BANNER_WITHIN_S)
            assert took < BANNER_WITHIN_S
            text = str(banner(app).render())
            assert text.startswith("database unavailable — showing data from 09:00")  # the fixed clock
            assert not app.health.available

            # the console still answers keys, shows its data and does not crash
            first = console.clients.current.name
            await pilot.press("j")
            await pilot.pause()
            assert console.clients.current.name != first and console.clients.shown_count == 8
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()

            # a screen that needs the database says so; a change fails with the clear sentence
            await pilot.press("k", "u")
            await wait_for(pilot, lambda: isinstance(app.screen, UserAccountsScreen)
                           and app.screen.status.has_class("-error"), 10)
            assert app.screen.notice.text == LOAD_FAILED
            assert banner_down(app)  # every screen has the banner
            await pilot.press("n")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, UserForm)
            form.fields["full_name"].value = "Outage Test"
            form.fields["email"].value = "outage@client0.example"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not form.saving, 10)
            assert str(form.query_one("#form-status").render()) == CHANGE_FAILED
            await pilot.press("escape")
            await pilot.pause()

            forwarder.open()  # the database is back, on the same port
            await wait_for(pilot, lambda: not banner_down(app), RECOVERY_WITHIN_S)
            await wait_for(pilot, lambda: app.screen.table.row_count == 4, 10)  # reloaded by itself
            assert not app.screen.status.has_class("-error") and app.health.available
            await press(pilot, "escape")
            assert isinstance(app.screen, ConsoleScreen)
            await settle(pilot)
            assert not console.status.has_class("-error") and console.clients.shown_count == 8
    finally:
        database.dispose()
    named = select(func.count()).select_from(ClientUser).where(ClientUser.full_name == "Outage Test")
    assert count(pg_seeded, named) == 0
    assert count(pg_seeded, select(func.count()).select_from(AuditEntry)) == audits_before


@pytest.mark.postgres
async def test_postgres_cut_in_the_middle_of_a_change_leaves_nothing_half_done(forwarded, pg_seeded, clock):
    """The connection dies after the user's INSERT reached the server and before COMMIT."""
    url, forwarder = forwarded
    app, database = console_on(url, clock)
    audits_before = count(pg_seeded, select(func.count()).select_from(AuditEntry))
    places_before = count(pg_seeded, select(func.count()).select_from(RecentPlace))
    cut = []

    def cut_after_first_flush(session: Session, _context) -> None:  # noqa: ANN001
        if not cut and any(isinstance(row, ClientUser) for row in session.new):  # the INSERT was sent
            cut.append(True)
            forwarder.close()

    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "u", "n")
            form = app.screen
            form.fields["full_name"].value = "Half Done"
            form.fields["email"].value = "half@client0.example"
            event.listen(Session, "after_flush", cut_after_first_flush)
            try:
                await pilot.press("ctrl+s")
                await wait_for(pilot, lambda: not form.saving, 15)
            finally:
                event.remove(Session, "after_flush", cut_after_first_flush)
            assert cut, "the connection was not cut"
            assert str(form.query_one("#form-status").render()) == CHANGE_FAILED
            await wait_for(pilot, lambda: banner_down(app), BANNER_WITHIN_S)
            forwarder.open()
            await wait_for(pilot, lambda: not banner_down(app), RECOVERY_WITHIN_S)
            await press(pilot, "ctrl+s")  # the same form, saved again once the database is back
            assert isinstance(app.screen, UserAccountsScreen) and app.screen.table.row_count == 5
    finally:
        database.dispose()
    named = select(func.count()).select_from(ClientUser).where(ClientUser.full_name == "Half Done")
    assert count(pg_seeded, named) == 1
    assert count(pg_seeded, select(func.count()).select_from(AuditEntry)) == audits_before + 1
    assert count(pg_seeded, select(func.count()).select_from(RecentPlace)) == places_before + 1


# --- SQLite held by a long writer --------------------------------------------------------------------


async def test_sqlite_long_writer_refuses_changes_clearly_while_reads_go_on(make_ui_app, ui_db_url, monkeypatch):
    monkeypatch.setattr("console_tui.data.engine.SQLITE_BUSY_TIMEOUT_MS", 300)  # wait 0.3 s, not 5 s
    app = make_ui_app()
    audits_before = count(ui_db_url, select(func.count()).select_from(AuditEntry))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "u")
        writer = sqlite3.connect(ui_db_url.removeprefix("sqlite:///"), isolation_level=None)
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("UPDATE client SET phone = phone")  # a long writer, mid-transaction
        try:
            await press(pilot, "n")
            form = app.screen
            form.fields["full_name"].value = "Lock Test"
            form.fields["email"].value = "lock@client0.example"
            await press(pilot, "ctrl+s")
            assert app.screen is form
            assert str(form.query_one("#form-status").render()) == CHANGE_FAILED
            await press(pilot, "escape", "r")  # reads go on (WAL): the list reloads
            assert app.screen.table.row_count == 4 and not app.screen.status.has_class("-error")
            await settle(pilot)
            assert not banner_down(app) and app.health.available  # reads work: not an outage
            assert count(ui_db_url, select(func.count()).select_from(ClientUser)
                         .where(ClientUser.full_name == "Lock Test")) == 0
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        await press(pilot, "n")
        form = app.screen
        form.fields["full_name"].value = "Lock Test"
        form.fields["email"].value = "lock@client0.example"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, UserAccountsScreen) and app.screen.table.row_count == 5
    named = select(func.count()).select_from(ClientUser).where(ClientUser.full_name == "Lock Test")
    assert count(ui_db_url, named) == 1
    assert count(ui_db_url, select(func.count()).select_from(AuditEntry)) == audits_before + 1
    assert count(ui_db_url, select(Client.phone).where(Client.id == 1)) == "+1 217 555 0100"
