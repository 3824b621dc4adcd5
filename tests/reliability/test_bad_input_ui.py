"""The bad-input catalogue through the UI's find and search boxes: the console's client search
(R-CMC-2), the Manage Clients search, the Email Limits editor and its find line (R-EL-1, R-EL-4)
and the audit-log client filter (R-ACC-5).

Values of tests/reliability/catalogue.py are *pasted* into the box (bracketed paste is how a
terminal delivers text that holds escape or control characters; typed keys cannot), then
submitted: the search boxes get the representative ones (markup, escapes, bidi, huge, blank,
wildcards), the limit editor one value its rule accepts and one it refuses. Each must end in no
crash, either a clear message naming the problem or the value taken as plain data, nothing
half-applied, and a screen that carries no escape sequence of the value's and shows markup
literally (user text is data: never markup, never terminal control). The whole catalogue goes
through the same rules and searches without a screen in test_bad_input_rules.py.

The forms and dialogs are in test_bad_input_ui_forms.py; the shared helpers are here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input

from console_tui.data.engine import Database
from console_tui.data.schema import (
    AgencyUser,
    AuditEntry,
    Avatar,
    Client,
    ClientAccess,
    ClientService,
    ClientUser,
    TeamCall,
)
from console_tui.domain.errors import ValidationError
from console_tui.domain.limits import parse_limit
from console_tui.screens.admin.audit_log import AuditLogScreen
from console_tui.screens.admin.email_limits import EmailLimitsScreen
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from tests.reliability.catalogue import (
    HOSTILE,
    REPRESENTATIVE,
    WILDCARDS,
    entries,
    expected_hits,
    no_escapes,
    one_of_each,
)
from tests.ui.admin.conftest import admin_db_url, admin_ids, admin_template, make_admin_app  # noqa: F401 - fixtures
from tests.ui.conftest import make_ui_app, notes, press, settle, ui_db_url, ui_template  # noqa: F401 - fixtures, helpers
from tests.ui.test_hostile_names import ALLOWED_ESCAPE, FORBIDDEN, terminal_output

#: The catalogue values that look like markup: wherever they are shown, they are shown as written.
MARKUP = [value for _, value in HOSTILE if value.startswith("[")]
#: What the search boxes, find lines and filters are tried with through the screen.
SEARCHED = entries(REPRESENTATIVE)


# --- helpers shared with test_bad_input_ui_forms.py ------------------------------------------------


async def paste(pilot: Pilot, field: Input, text: str) -> str:
    """Empty ``field``, focus it and paste ``text`` as a terminal would (bracketed paste, through the
    app like the driver's events); returns what the field then holds."""
    field.value = ""
    field.focus()
    await pilot.pause()
    assert pilot.app.focused is field
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    return field.value


def clean_value(value: str) -> None:
    """What a field holds after a paste is data a terminal will not act on."""
    assert no_escapes(value) and not FORBIDDEN.search(value), repr(value[:80])


def assert_no_markup_interpreted(app) -> None:  # noqa: ANN001
    """Every notification is shown as written: none is read as markup."""
    for note in app._notifications:
        message = str(note.message)
        shown = Content.from_markup(message).plain if note.markup else message
        assert shown == message, f"notification read as markup: {message!r} shown as {shown!r}"


def assert_screen_safe(app, literal: str | None = None) -> str:  # noqa: ANN001
    """The app is running, the screen emits no escape/control character, no notification is read
    as markup, and ``literal`` (a markup-looking value the screen shows) is shown as written;
    returns the screen's text."""
    assert app.is_running and app.return_code is None
    output = terminal_output(app)
    leftover = ALLOWED_ESCAPE.sub("", output)
    assert "\x1b" not in leftover, repr(leftover[leftover.index("\x1b") - 20: leftover.index("\x1b") + 20])
    assert not FORBIDDEN.search(leftover.replace("\r", "").replace("\n", "")), repr(FORBIDDEN.search(leftover))
    assert_no_markup_interpreted(app)
    text = ALLOWED_ESCAPE.sub("\n", output)
    if literal in MARKUP:
        assert literal in text, f"{literal!r} not shown literally"
    return text



_OPEN: dict[str, Database] = {}


@pytest.fixture(autouse=True)
def _close_databases() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.popitem()[1].dispose()


def db_state(url: str) -> dict[str, list]:
    """Every row of the tables a form can change (and the audit log's size): before == after
    proves that a refusal changed nothing."""
    database = _OPEN.get(url) or _OPEN.setdefault(url, Database(url))
    with database.read() as session:
        state = {table.__tablename__: sorted(map(tuple, session.execute(select(table.__table__)).all()), key=repr)
                 for table in (Client, ClientUser, AgencyUser, ClientAccess, ClientService, TeamCall)}
        state["avatar"] = sorted(session.execute(select(Avatar.client_id, Avatar.mime_type, Avatar.width,
                                                        Avatar.height, func.length(Avatar.image))).all())
        state["audit"] = [session.scalar(select(func.count()).select_from(AuditEntry))]
        return state


def audit_count(url: str) -> int:
    return db_state(url)["audit"][0]


# --- the console's client search (R-CMC-2) ---------------------------------------------------------


async def test_r_cmc_2_console_search_takes_catalogue_values_as_plain_text(make_ui_app, ui_db_url):
    """R-CMC-2: the client search filters as you type; each catalogue value tried is plain text."""
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = db_state(ui_db_url)  # once open: opening the console notes the day's briefing as seen
        console = app.console_screen
        names = [c.name for c in console.clients.clients]
        for label, value in SEARCHED:
            await press(pilot, "slash")
            held = await paste(pilot, console.search, value)
            clean_value(held)
            shown = [console.clients.clients[i].name for i in console.clients._shown]  # what the list shows
            hits = expected_hits(names, held)
            if hits is None:
                assert len(shown) == len(names), label  # blank: every client
            else:
                assert hits <= set(shown), label  # fuzzy may add near matches, never lose a real one
            if label in WILDCARDS:
                assert len(shown) < len(names), f"{label}: {value!r} acted as a wildcard"
            await press(pilot, "down")  # into the list (enter would open the first match)
            text = assert_screen_safe(app, value)
            if held.strip() and not shown:
                assert "No client matches the search; esc clears it." in text, label
            await press(pilot, "escape")
            assert console.search.value == "", label
    assert db_state(ui_db_url) == before


# --- Manage Clients' search (R-MC-2) ----------------------------------------------------------------


async def test_manage_clients_search_takes_catalogue_values_as_plain_text(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = db_state(ui_db_url)  # once open: opening the console notes the day's briefing as seen
        await press(pilot, "m")
        screen = app.screen
        assert isinstance(screen, ManageClientsScreen)
        names = [row.name for row in screen.data.rows if row.removed_at is None]
        for label, value in SEARCHED:
            await press(pilot, "slash")
            held = await paste(pilot, screen.search, value)
            clean_value(held)
            shown = {row.name for row in screen.shown}
            hits = expected_hits(names, held)
            if hits is None:
                assert shown == set(names), label
            else:
                assert hits <= shown, label
            if label in WILDCARDS:
                assert len(shown) < len(names), f"{label}: {value!r} acted as a wildcard"
            await press(pilot, "down")  # into the list (enter would open the first match)
            text = assert_screen_safe(app, value)
            if not shown:
                assert "0 shown of" in text, label
            if held:
                await press(pilot, "escape")  # clears the search, stays on the screen
            assert screen.search.value == "" and app.screen is screen, label
    assert db_state(ui_db_url) == before


# --- Email Limits: the in-place editor and the find line (R-EL-1, R-EL-4) -----------------------------


def limits(url: str) -> dict[int, int | None]:
    database = Database(url)
    try:
        with database.read() as session:
            return dict(session.execute(select(Client.id, Client.email_limit)).all())
    finally:
        database.dispose()


def parsed_or_none(text: str) -> tuple[bool, int | None]:
    try:
        return True, parse_limit(text)
    except ValidationError:
        return False, None


async def test_r_el_1_r_el_4_email_limit_editor_refuses_or_saves_each_catalogue_value(make_admin_app, admin_db_url):
    """R-EL-1: blank = unlimited, else a whole number >= 0, anything else refused with a message
    naming the client and the limit; R-EL-4: a refused value saves nothing (all or nothing)."""
    app = make_admin_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(EmailLimitsScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EmailLimitsScreen)
        editor = screen.query_one("#editor", Input)
        for label, value in one_of_each(3, lambda held: parsed_or_none(held)[0], editor.max_length):
            before, saved = db_state(admin_db_url), limits(admin_db_url)
            screen.table.cursor = 0
            row = screen._focused()
            await press(pilot, "enter")
            assert editor.display and app.focused is editor, label
            held = await paste(pilot, editor, value)
            clean_value(held)
            await press(pilot, "enter")  # keep the value
            ok, limit = parsed_or_none(held)
            notice = screen.query_one("#notice").text
            if not ok:
                assert f"{row.name}: the limit" in notice and "whole number" in notice, (label, notice)
                assert screen.table._rows[0][0] == "!", label  # the row stays marked
            await press(pilot, "ctrl+s")
            if not ok:
                assert "Not saved: correct the limits named below" in str(screen.status.render()), label
                assert row.name in screen.query_one("#notice").text, label
                assert db_state(admin_db_url) == before, label
            elif limit == saved[row.client_id]:
                assert screen.query_one("#notice").text == "Nothing to save: no limit was changed.", label
            else:
                assert type(app.screen).__name__ == "Confirm", (label, held)
                assert_screen_safe(app)
                await press(pilot, "y")
                assert limits(admin_db_url)[row.client_id] == limit, label
                assert audit_count(admin_db_url) == before["audit"][0] + 1, label
            assert_screen_safe(app)
            await press(pilot, "u")  # undo whatever is left on the row
            assert screen.edits == {}, label


async def test_email_limits_find_line_takes_catalogue_values_as_plain_text(make_admin_app, admin_db_url):
    app = make_admin_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(EmailLimitsScreen())
        await settle(pilot)
        screen = app.screen
        names = [row.name for row in screen.sheet.page.rows]
        for label, value in SEARCHED:
            await press(pilot, "slash")
            find = screen.query_one("#find", Input)
            held = await paste(pilot, find, value)
            clean_value(held)
            wanted = " ".join(held.split()).casefold()
            shown = [screen.sheet.page.rows[i].name for i in screen.view]
            assert shown == [n for n in names if wanted in n.casefold()], label
            assert_screen_safe(app, value)
            await press(pilot, "escape")  # clears and closes the find line
            assert find.value == "" and not find.display and len(screen.view) == len(names), label
        assert screen.edits == {}


# --- the audit log's client filter (R-ACC-5) -----------------------------------------------------------


async def test_r_acc_5_audit_filter_matches_the_catalogue_value_literally(make_admin_app, admin_db_url):
    """R-ACC-5: the client filter is part of a name (or #id); %, _ and quotes are not wildcards."""
    app = make_admin_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(AuditLogScreen())
        await settle(pilot)
        screen = app.screen
        every = len(screen.rows)
        assert every > 0
        for label, value in SEARCHED:
            await press(pilot, "slash")
            field = screen.query_one("#filter-client", Input)
            held = await paste(pilot, field, value)
            clean_value(held)
            await press(pilot, "enter")
            wanted = " ".join(held.split()).casefold()
            if not wanted:
                assert len(screen.rows) == every, label
            else:
                assert all(wanted in (r.client_name or "").casefold() for r in screen.rows), label
                if label in WILDCARDS:
                    assert len(screen.rows) < every, f"{label}: {value!r} acted as a wildcard"
            assert_screen_safe(app, value)
