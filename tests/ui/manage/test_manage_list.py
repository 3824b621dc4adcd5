"""Manage Clients: the list, its tags and figures, filter, sort, search, and who may open it
(R-MC-2, R-MC-4, R-ACC-3, R-ACC-4)."""

from __future__ import annotations

import sys
import types
from datetime import timedelta

from sqlalchemy import update
from textual.screen import Screen

from console_tui.data.schema import Client
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from tests.ui.manage.conftest import client_id, notes, press, settle, text_of, write
from tests.ui.seed import NOW


async def open_manage(app, pilot) -> ManageClientsScreen:  # noqa: ANN001
    await settle(pilot)
    await press(pilot, "m")
    assert isinstance(app.screen, ManageClientsScreen)
    return app.screen


def names(screen: ManageClientsScreen) -> list[str]:
    return [row.name for row in screen.shown]


async def test_r_mc_2_lists_every_record_with_tags_users_last_login_and_sent(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_manage(app, pilot)
        assert len(screen.shown) == 8  # clients, leads and prospects
        table = text_of(screen.table)
        assert "Client" in table and "Tags" in table and "Users" in table and "Last login" in table
        acme = next(r for r in screen.shown if r.name == "Acme Widgets")
        assert acme.tags == ("EBS Active", "Annual", "Direct Support")
        assert acme.user_count == 3  # the fourth user is blocked
        cedar = next(r for r in screen.shown if r.name == "Cedar & Pine Realty")
        assert cedar.tags == ("EBS Active", "Annual", "Direct Support", "Suspended", "Unhealthy")
        line = next(li for li in table.splitlines() if "Cedar & Pine Realty" in li)
        assert "EBS Active · Annual · Direct Support · Sus…" in line  # the rest in the detail lines
        await press(pilot, "j", "j")
        detail = str(screen.query_one("#manage-detail").render())
        assert "Tags: EBS Active · Annual · Direct Support · Suspended · Unhealthy" in detail
        assert "client · Suspended · sender Unhealthy · not counted toward the plan" in detail
        assert "Sent this" not in table and "Sent (cycle)" in table
        assert "of 8" in str(screen.status.render())


async def test_r_mc_2_sent_this_cycle_counts_the_calendar_month(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_manage(app, pilot)
        delta = next(r for r in screen.shown if r.name == "Delta Yoga Studio")
        acme = next(r for r in screen.shown if r.name == "Acme Widgets")
        assert delta.sent_this_cycle == 0  # a New sender has sent nothing
        assert acme.sent_this_cycle > 0
        assert "(2026-11)" in str(screen.status.render())


async def test_sort_cycles_name_users_last_login_sent_and_reverses(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_manage(app, pilot)
        assert names(screen)[0] == "Acme Widgets"
        await press(pilot, "s")
        assert screen.sort == "users" and names(screen)[0] == "Fjord Coffee Roasters"  # 5 users, 4 unblocked
        await press(pilot, "s")
        assert screen.sort == "login" and names(screen)[0] == "Acme Widgets"
        assert names(screen)[-1] == "Granite Law Group"  # never logged in: last
        await press(pilot, "s")
        assert screen.sort == "sent"
        sent = [r.sent_this_cycle for r in screen.shown]
        assert sent == sorted(sent, reverse=True)
        await press(pilot, "S")
        assert [r.sent_this_cycle for r in screen.shown] == sorted(sent)
        assert "sort: sent this cycle (reversed)" in str(screen.query_one("#manage-filters").render())


async def test_filter_picker_by_kind_status_tag_term_and_sender(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_manage(app, pilot)
        await press(pilot, "f")
        assert type(app.screen).__name__ == "FilterPicker"
        await press(pilot, *"lead", "enter")  # typed, the first match picked at once
        assert "1 of 8 match" in str(app.screen.query_one("#filters-title").render())
        await press(pilot, "escape")
        assert names(screen) == ["Delta Yoga Studio"]
        assert "kind lead" in str(screen.query_one("#manage-filters").render())
        await press(pilot, "escape")  # esc clears the filters first
        assert len(screen.shown) == 8 and isinstance(app.screen, ManageClientsScreen)
        await press(pilot, "f", *"unhealthy", "enter", "escape")  # the first match: the tag
        assert names(screen) == ["Cedar & Pine Realty"]
        await press(pilot, "f", *"sender", "down", "space", "down", "space")  # New or Healthy: two values
        assert app.screen.filters.sender == frozenset({"New", "Healthy"})
        assert app.screen.filters.tag == frozenset({"Unhealthy"})
        await press(pilot, "ctrl+x", "up", "space")  # cleared, then a value picked again
        assert app.screen.filters.sender == frozenset({"New"})
        await press(pilot, "escape")
        assert names(screen) == ["Delta Yoga Studio", "Granite Law Group"]


async def test_search_filters_by_name_and_esc_clears(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manage(app, pilot)
        await press(pilot, "slash")
        assert screen.focused is screen.search
        await pilot.press(*"harbor")
        await settle(pilot)
        assert names(screen) == ["Blue Harbor Dental", "Harbor Lights Bakery"]
        await press(pilot, "down")
        assert screen.focused is screen.table
        await press(pilot, "escape")
        assert len(screen.shown) == 8


async def test_removed_companies_only_behind_the_filter(make_ui_app, ui_db_url):
    gone = client_id(ui_db_url, "Granite Law Group")
    removed = NOW - timedelta(days=3)
    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.id == gone).values(deleted_at=removed)))
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_manage(app, pilot)
        assert "Granite Law Group" not in names(screen) and len(screen.shown) == 7
        await press(pilot, "f", *"shown", "enter", "escape")  # removed companies: hidden → shown
        assert "Granite Law Group" in names(screen) and len(screen.shown) == 8
        await press(pilot, "f", *"only", "enter", "escape")  # shown → only
        assert names(screen) == ["Granite Law Group"]
        assert "Removed" in text_of(screen.table)
        assert "Removed on 2026-11-17" in str(screen.query_one("#manage-detail").render())


async def test_r_acc_3_a_salesperson_is_refused_manage_clients_with_the_role_named(make_ui_app):
    app = make_ui_app(login="sam")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        assert isinstance(app.screen, ConsoleScreen)
        assert "Manage Clients needs the Administrator role" in notes(app)[-1]


async def test_r_acc_4_the_list_query_refuses_a_non_admin_even_if_the_screen_opens(make_ui_app):
    app = make_ui_app(login="carla")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ManageClientsScreen(app.console_screen.overview))
        await settle(pilot)
        status = str(app.screen.status.render())
        assert "Manage Clients was refused: it needs the Administrator role; your role is Company Manager" in status
        assert app.screen.shown == []


async def test_r_mc_4_page_menu_lists_the_agency_tools_in_order(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manage(app, pilot)
        await press(pilot, "m")
        assert type(app.screen).__name__ == "PageMenu"
        shown = text_of(app.screen.query_one("OptionList"))
        labels = ["Email Limits", "Client Usage", "Billing Overview", "My Account", "Agency users", "Audit log"]
        positions = [shown.index(label) for label in labels]
        assert positions == sorted(positions)
        await press(pilot, "escape")
        assert isinstance(app.screen, ManageClientsScreen)


async def test_r_mc_4_page_menu_opens_a_screen_or_says_it_is_not_available_yet(make_ui_app, monkeypatch):
    class FakeLimits(Screen):
        pass

    module = types.ModuleType("console_tui.screens.admin.email_limits")
    module.EmailLimitsScreen = FakeLimits
    monkeypatch.setitem(sys.modules, "console_tui.screens.admin.email_limits", module)
    monkeypatch.setitem(sys.modules, "console_tui.screens.admin.audit_log", None)  # import fails like a missing module
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manage(app, pilot)
        await press(pilot, "m", "enter")  # Email Limits
        assert isinstance(app.screen, FakeLimits)
        app.pop_screen()
        await settle(pilot)
        await press(pilot, "m", "end", "enter")  # Audit log
        assert isinstance(app.screen, ManageClientsScreen)
        assert notes(app)[-1] == "Audit log is not available yet."


async def test_enter_opens_the_clients_options_menu(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manage(app, pilot)
        await press(pilot, "j", "enter")
        assert type(app.screen).__name__ == "ClientOptionsScreen"
        assert "Blue Harbor Dental" in str(app.screen.query_one("TitleBar").render())


async def test_user_text_is_data_never_markup(make_ui_app, ui_db_url):
    hostile = "[@click=app.quit]x[/] &[b]B[/b]"
    acme = client_id(ui_db_url, "Acme Widgets")
    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.id == acme).values(name=hostile)))
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_manage(app, pilot)
        row = next(i for i, r in enumerate(screen.shown) if r.id == acme)
        screen.table.cursor = row
        await settle(pilot)
        assert hostile in text_of(screen.table)
        assert str(screen.query_one("#manage-detail").render()).startswith(hostile)
        await press(pilot, "enter")
        assert hostile in str(app.screen.query_one("TitleBar").render())
        await press(pilot, "2")
        assert hostile in str(app.screen.query_one("TitleBar").render())
        assert app.is_running  # nothing was clicked into quitting
