"""Comparing clients on screen (R-CMP-1..3): ``+`` on the console or the attention queue fills the
tray, ``=`` opens the comparison, ``x`` takes a client out, ``enter`` switches into one; snapshots at
80x24 and 120x40 (each looked at as PNG before it was accepted)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from console_tui.data.engine import Database
from console_tui.data.history import record_days
from console_tui.data.schema import AgencyUser, Client, UtilizationActivity, UtilizationCompletion, UtilizationSection
from console_tui.display import move_text
from console_tui.domain.compare import Tray
from console_tui.domain.utilization import DEFAULT_ACTIVITIES, SECTIONS
from console_tui.screens.console.attention import AttentionScreen
from console_tui.screens.console.client_instance import ClientInstanceScreen
from console_tui.screens.console.compare import CompareScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.widgets.compare_grid import CompareGrid
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.ui.conftest import press, settle
from tests.ui.seed import HOSTILE, NOW

WIDE, NARROW = (120, 40), (80, 24)


@pytest.fixture
def sections_url(ui_db_url: str) -> str:
    """The seeded agency with the default utilization catalogue, some activities done (client n
    has done every activity whose position is a multiple of n + 1), and 8 days of history through
    the day before the clock's (the changes against yesterday and 7 days ago)."""
    database = Database(ui_db_url)
    with database.write() as session:
        sections = {name: UtilizationSection(name=name, position=n) for n, name in enumerate(SECTIONS)}
        session.add_all(sections.values())
        session.flush()
        activities = [UtilizationActivity(section_id=sections[a.section].id, key=a.key, name=a.key, weight=a.weight)
                      for a in DEFAULT_ACTIVITIES]
        session.add_all(activities)
        session.flush()
        for n, client_id in enumerate(session.scalars(select(Client.id).order_by(Client.name))):
            session.add_all(UtilizationCompletion(client_id=client_id, activity_id=a.id, completed_at=NOW)
                            for i, a in enumerate(activities) if i % (n + 1) == 0)
        last = FIXED_NOW.astimezone(TEST_TZ).date() - timedelta(days=1)
        record_days(session, TEST_TZ, last - timedelta(days=7), last)
        session.execute(update(AgencyUser).values(briefing_seen_on=last + timedelta(days=1)))  # no briefing
    database.dispose()
    return ui_db_url


def console_names(app) -> list[str]:  # noqa: ANN001
    return [picked.name for picked in app.compare_tray.clients]


async def pick_on_console(pilot, count: int) -> None:  # noqa: ANN001
    """``+`` on the first ``count`` clients of the console (``j`` between them)."""
    await settle(pilot)
    for n in range(count):
        await press(pilot, "plus")
        if n < count - 1:
            await press(pilot, "j")


def after(count: int, *then: str):  # noqa: ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await pick_on_console(pilot, count)
        await press(pilot, "equals_sign", *then)
        await settle(pilot)

    return run_before


async def test_r_cmp_1_plus_fills_the_tray_and_equals_opens_the_comparison(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await pick_on_console(pilot, 1)
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        assert console_names(app) == ["Acme Widgets"]
        await press(pilot, "equals_sign")  # one is not a comparison
        assert app.screen is console and "Pick at least 2 clients" in str(console.status.render())
        await press(pilot, "j", "plus")
        assert console_names(app) == ["Acme Widgets", "Blue Harbor Dental"]
        assert "compare: 2 — = to open" in str(console.status.render())
        await press(pilot, "equals_sign")
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.loaded
        assert screen.grid.names == ("Acme Widgets", "Blue Harbor Dental")
        labels = [row.label for row in screen.grid.rows]
        assert {"Contacts trend", "Open rate", "Sender status", "Email limit", "Direct Support"} <= set(labels)
        sender = next(row for row in screen.grid.rows if row.label == "Sender status")
        assert [(cell.text, cell.best) for cell in sender.cells] == [("Healthy", True), ("At Risk", False)]
        await press(pilot, "escape")
        assert app.screen is console and "compare: 2" in str(console.status.render())


async def test_r_cmp_1_plus_again_takes_a_client_out_and_a_fifth_is_refused(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await pick_on_console(pilot, 4)
        assert len(app.compare_tray) == 4
        await press(pilot, "j", "plus")
        assert len(app.compare_tray) == 4 and "holds 4 clients already" in str(app.screen.status.render())
        await press(pilot, "k", "plus")  # the fourth again: out
        assert console_names(app) == ["Acme Widgets", "Blue Harbor Dental", "Cedar & Pine Realty"]


async def test_the_attention_queue_picks_too_but_not_its_agency_row(make_ui_app) -> None:
    app = make_ui_app(warn_pct=40)  # the plan at 80 %: the agency's own row comes first
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "exclamation_mark")
        screen = app.screen
        assert isinstance(screen, AttentionScreen) and screen.rows[0].id is None
        await press(pilot, "plus")
        assert len(app.compare_tray) == 0 and "not a client" in str(screen.notice.render())
        await press(pilot, "down", "plus", "down", "plus", "equals_sign")
        assert isinstance(app.screen, CompareScreen)
        assert list(app.screen.grid.names) == [row.name for row in screen.rows[1:3]]


async def test_x_takes_the_client_under_the_cursor_out_and_the_last_out_closes(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await after(3, "right", "x")(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.grid.names == ("Acme Widgets", "Cedar & Pine Realty")
        assert console_names(app) == ["Acme Widgets", "Cedar & Pine Realty"]
        score = next(row for row in screen.grid.rows if row.label == "Score")
        assert [cell.best for cell in score.cells] == [True, False]  # marked again among the two left
        await press(pilot, "x", "x")
        assert isinstance(app.screen, ConsoleScreen) and len(app.compare_tray) == 0


async def test_enter_switches_into_the_client_under_the_column_cursor(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await after(2, "right", "enter")(pilot)
        assert isinstance(app.screen, ClientInstanceScreen)
        assert app.inside is not None and app.inside.name == "Blue Harbor Dental"


async def test_r_cmp_3_a_client_no_longer_yours_refuses_the_comparison_with_the_usual_sentence(
        make_ui_app, ui_db_url: str) -> None:
    app = make_ui_app(login="sam")  # Client Manager of Acme and Blue Harbor only
    database = Database(ui_db_url)
    with database.read() as session:
        cedar = session.scalar(select(Client.id).where(Client.name == "Cedar & Pine Realty"))
    database.dispose()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.compare_tray = Tray().toggled(1, "Acme Widgets").toggled(cedar, "Cedar & Pine Realty")
        await press(pilot, "equals_sign")
        screen = app.screen
        assert isinstance(screen, CompareScreen) and not screen.loaded
        assert not screen.grid.display
        said = " ".join(str(screen.notice.render()).split())
        assert "Viewing a client was refused" in said and "Press x to empty the comparison" in said
        await press(pilot, "x")
        assert isinstance(app.screen, ConsoleScreen) and len(app.compare_tray) == 0


async def test_the_sections_show_when_the_catalogue_has_them(make_ui_app, sections_url: str) -> None:
    app = make_ui_app(url=sections_url)
    async with app.run_test(size=WIDE) as pilot:
        await after(2)(pilot)
        rows = {row.label: row for row in app.screen.query_one(CompareGrid).rows}
        assert "Utilization sections" in rows and "VisitorID" in rows
        assert [cell.text for cell in rows["Landing Pages"].cells] == ["100%", "75%"]


async def test_r_hist_2_the_changes_show_as_on_the_cards(make_ui_app, sections_url: str) -> None:
    app = make_ui_app(url=sections_url)
    async with app.run_test(size=WIDE) as pilot:
        await after(2)(pilot)
        grid = app.screen.query_one(CompareGrid)
        headings = [row.label for row in grid.rows if row.heading]
        assert headings[2].startswith("Changes · vs yesterday / vs 7 days ago")
        page = app.screen.page
        rows = list(grid.rows)
        start = [row.label for row in rows].index(headings[2])
        sent = rows[start + 2]
        assert sent.label == "Emails sent"
        for cell, compared in zip(sent.cells, page.clients, strict=True):
            assert compared.changes is not None
            day, week = (move_text("emails_sent_30d", changes["emails_sent_30d"]) or "±0"
                         for changes in (compared.changes.changes_1d, compared.changes.changes_7d))
            assert cell.text == f"{day} / {week}"
        assert any("▲" in cell.text or "▼" in cell.text for cell in sent.cells)  # the seed's sends move


@pytest.mark.parametrize(("size", "count"), [(NARROW, 2), (WIDE, 4), (NARROW, 4)],
                         ids=["80x24-2", "120x40-4", "80x24-4"])
def test_compare_snapshots(snap_compare, make_ui_app, sections_url: str, size, count) -> None:
    assert snap_compare(make_ui_app(url=sections_url), terminal_size=size, run_before=after(count))


def test_compare_scrolled_to_the_sections_80x24(snap_compare, make_ui_app, sections_url: str) -> None:
    assert snap_compare(make_ui_app(url=sections_url), terminal_size=NARROW, run_before=after(2, "end"))


async def test_hostile_names_are_literal_in_the_comparison(make_ui_app, hostile_url: str) -> None:
    from tests.ui.test_hostile_names import assert_clean_output, screen_text

    app = make_ui_app(url=hostile_url)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        tray = Tray()
        for client in app.console_screen.overview.clients:
            if client.name in (HOSTILE[0], HOSTILE[2]):  # markup, and an OSC hyperlink
                tray = tray.toggled(client.id, client.name)
        app.compare_tray = tray
        await press(pilot, "equals_sign")
        assert isinstance(app.screen, CompareScreen) and app.screen.loaded
        assert_clean_output(app)
        assert "[@click=app.quit]x[/]" in screen_text(app)
        assert app.is_running


async def test_a_refused_switch_leaves_the_comparison_and_says_why(make_ui_app, monkeypatch) -> None:
    from console_tui.domain.errors import PermissionDenied

    app = make_ui_app()

    def refuse(_client_id: int) -> str:
        raise PermissionDenied("Switch to Manage", "it needs the Administrator role", ["Administrator"])

    async with app.run_test(size=WIDE) as pilot:
        await after(2)(pilot)
        screen = app.screen
        monkeypatch.setattr(app.services, "check_switch_into", refuse)
        await press(pilot, "enter")
        assert app.screen is screen and app.inside is None and screen.grid.display
        assert "Switch to Manage was refused" in str(screen.notice.render())
        assert "Cannot switch into the client" in str(screen.status.render())
