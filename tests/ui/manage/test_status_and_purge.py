"""Manage Clients' status key ``t`` (R-CAP-1, R-CAP-3) and purge key ``P`` (R-OPT-9's explicit purge):
the picker, the refusals with their reasons, the refusal at 100 % with its two ways out, the row and
capacity line refreshed, and one audit row per change (R-ACC-5)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from console_tui.data.engine import Database
from console_tui.data.schema import Client, ClientUser, Plan
from console_tui.screens.base import first_sentence
from console_tui.screens.dialogs.choose import Choose
from console_tui.screens.dialogs.confirm import Confirm, TypeToConfirm
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from tests.ui.manage.conftest import audit_rows, client_id, notes, press, settle, write
from tests.ui.seed import NOW

REMOVED_ONLY = ("f", *"only", "enter", "escape")  # the filter: removed companies only


async def open_manage(app, pilot, name: str | None = None) -> ManageClientsScreen:  # noqa: ANN001
    await settle(pilot)
    await press(pilot, "m")
    screen = app.screen
    assert isinstance(screen, ManageClientsScreen)
    if name is not None:
        screen.search.value = name
        await settle(pilot)
        assert screen.current is not None and screen.current.name == name
        screen.table.focus()
    return screen


def row(screen: ManageClientsScreen, name: str):  # noqa: ANN201
    return next(r for r in screen.data.rows if r.name == name)


def capacity_line(screen) -> str:  # noqa: ANN001
    line = screen.query_one("CapacityLine")
    return str(line.render()) if line.display else ""


def set_max_clients(url: str, n: int) -> None:
    write(url, lambda s: s.execute(update(Plan).values(max_clients=n)))


def remove(url: str, name: str) -> int:
    cid = client_id(url, name)
    write(url, lambda s: s.execute(update(Client).where(Client.id == cid).values(deleted_at=NOW - timedelta(days=3))))
    return cid


# --- status (R-CAP-1, R-CAP-3) --------------------------------------------------------------------


async def test_r_cap_1_t_opens_a_picker_of_every_status_saying_what_counts(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manage(app, pilot, "Acme Widgets")
        await press(pilot, "t")
        picker = app.screen
        assert isinstance(picker, Choose)
        menu = picker.query_one("OptionList")
        prompts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert prompts == ["Active (now)  counted toward the plan", "Inactive  not counted",
                           "Suspended  not counted", "Onboarding  counted toward the plan"]
        assert menu.get_option_at_index(0).disabled  # the status it has now
        body = str(picker.query_one(".dialog-body").render())
        assert body.startswith("Suspended and Inactive clients are not counted toward the plan")
        await press(pilot, "escape")
        assert isinstance(app.screen, ManageClientsScreen)
        assert notes(app)[-1] == "Changing the status of Acme Widgets: cancelled, nothing was changed."
    assert audit_rows(ui_db_url) == []


async def test_r_cap_1_suspending_a_client_stops_counting_it_and_is_audited(make_ui_app, ui_db_url):
    acme = client_id(ui_db_url, "Acme Widgets")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manage(app, pilot, "Acme Widgets")
        await press(pilot, "t")
        assert app.screen.query_one("OptionList").highlighted == 1  # the first status it does not have
        await press(pilot, "down", "enter")  # Inactive, then Suspended: it stops counting
        confirm = app.screen
        assert isinstance(confirm, Confirm) and confirm.title_text == "Make Acme Widgets Suspended?"
        assert confirm.lines[0] == "The client no longer counts toward the plan."  # then the charges (R-WI-2)
        assert confirm.lines[2].startswith("Next cycle (December 2026), the agency's charges: ")
        assert "Acme Widgets stops paying a license" in confirm.lines[-1]
        await press(pilot, "y")
        assert notes(app)[-1] == "Acme Widgets is now Suspended: not counted toward the plan."
        assert isinstance(app.screen, ManageClientsScreen)
        suspended = row(screen, "Acme Widgets")
        assert suspended.status == "Suspended" and not suspended.counted
        assert screen.current.name == "Acme Widgets"  # the cursor stays on the row
        assert "Suspended" in str(screen.query_one("#manage-detail").render())
    assert [(a, action, cid, before, after) for a, action, cid, before, after in audit_rows(ui_db_url)] == [
        ("admin", "set_client_status", acme, {"status": "Active"}, {"status": "Suspended", "created": False})]


async def test_r_cap_3_reactivating_on_a_full_plan_is_refused_with_its_two_ways_out(make_ui_app, ui_db_url):
    set_max_clients(ui_db_url, 4)  # Acme, Blue Harbor, Evergreen and Fjord count: full
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manage(app, pilot, "Cedar & Pine Realty")  # Suspended
        assert capacity_line(screen).startswith("⚠ All 4 clients of the plan are used")
        await press(pilot, "t", "home", "enter", "y")  # Active: the charges after, then yes
        refusal = app.screen
        assert isinstance(refusal, Choose)
        body = str(refusal.query_one(".dialog-body").render())
        assert body == ("✗ Adding another counted client was refused: the Growth plan allows 4 counted clients "
                        "and 4 are already counted. "
                        "Either upgrade the plan, or suspend or remove clients you no longer work with (suspended "
                        "and inactive clients are not counted).")
        menu = refusal.query_one("OptionList")
        assert [str(menu.get_option_at_index(i).prompt) for i in range(2)] == [
            "Upgrade the plan (My Account)", "Suspend or remove clients (list the counted ones)"]
        assert "The plan is full: upgrade it, or suspend or remove clients" in str(screen.status.render())
        await press(pilot, "down", "enter")  # the second way out: the counted clients are listed
        assert isinstance(app.screen, ManageClientsScreen)
        assert screen.filters.kind == frozenset({"client"})
        assert notes(app)[-1].startswith("Counted clients are listed: press t on one to suspend it")
        assert row(screen, "Cedar & Pine Realty").status == "Suspended"
    assert audit_rows(ui_db_url) == []


async def test_r_cap_3_the_first_way_out_opens_my_account(make_ui_app, ui_db_url):
    set_max_clients(ui_db_url, 4)
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manage(app, pilot, "Harbor Lights Bakery")  # Inactive
        await press(pilot, "t", "home", "enter", "y", "enter")  # Active: refused; Upgrade the plan
        assert type(app.screen).__name__ == "MyAccountScreen"


async def test_r_cap_2_reactivating_near_the_limit_warns_and_the_capacity_line_follows(make_ui_app, ui_db_url):
    set_max_clients(ui_db_url, 5)  # 4 of 5 counted: 80 %
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manage(app, pilot, "Cedar & Pine Realty")
        assert capacity_line(screen) == ""
        await press(pilot, "t", "home", "enter", "y")  # Active: the fifth of five
        assert notes(app)[-2:] == ["Cedar & Pine Realty is now Active: counted toward the plan.",
                                   "All 5 clients of the plan are used: upgrade the plan, or suspend or remove "
                                   "clients, before adding another"]
        assert row(screen, "Cedar & Pine Realty").counted
        assert capacity_line(screen).startswith("⚠ All 5 clients of the plan are used")


async def test_r_cap_1_a_removed_company_has_no_status_to_change(make_ui_app, ui_db_url):
    remove(ui_db_url, "Granite Law Group")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manage(app, pilot)
        await press(pilot, *REMOVED_ONLY, "t")
        assert isinstance(app.screen, ManageClientsScreen)
        expected = ("Granite Law Group was removed on 2026-11-17: its status cannot change. "
                    "Purge it with P, or leave it removed.")
        assert notes(app)[-1] == expected and first_sentence(expected) in str(screen.status.render())
    assert audit_rows(ui_db_url) == []


async def test_r_cap_1_a_status_changed_meanwhile_is_a_conflict(make_ui_app, ui_db_url):
    acme = client_id(ui_db_url, "Acme Widgets")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manage(app, pilot, "Acme Widgets")
        await press(pilot, "t")  # the picker is open: the client's version was read with the statuses
        write(ui_db_url, lambda s: s.execute(update(Client).where(Client.id == acme)
                                             .values(version=Client.version + 1)))
        await press(pilot, "down", "enter", "y")
        assert "someone else changed" in notes(app)[-1]
        assert "Press r to reload." in str(screen.status.render())
    assert audit_rows(ui_db_url) == []


# --- purge (R-OPT-9) --------------------------------------------------------------------------------


def exists(url: str, cid: int) -> bool:
    database = Database(url)
    try:
        with database.read() as session:
            return session.get(Client, cid) is not None
    finally:
        database.dispose()


async def test_r_opt_9_purge_is_only_for_a_removed_company(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manage(app, pilot, "Acme Widgets")
        await press(pilot, "P")
        assert isinstance(app.screen, ManageClientsScreen)
        expected = ("Only a removed company can be purged, and Acme Widgets has not been removed. Remove it first "
                    "(enter, then Remove Company); press f to show removed companies.")
        assert notes(app)[-1] == expected and first_sentence(expected) in str(screen.status.render())
    assert audit_rows(ui_db_url) == []


async def test_r_opt_9_purge_refuses_a_name_that_does_not_match(make_ui_app, ui_db_url):
    gone = remove(ui_db_url, "Granite Law Group")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manage(app, pilot)
        await press(pilot, *REMOVED_ONLY, "P")
        assert isinstance(app.screen, TypeToConfirm)
        app.screen.query_one("Input").value = "granite law group"
        await press(pilot, "enter")
        assert notes(app)[-1] == ("Purging Granite Law Group was refused: the name typed does not match the "
                                  "company's name. Type the company's name exactly as shown: Granite Law Group.")
    assert exists(ui_db_url, gone) and audit_rows(ui_db_url) == []


async def test_r_opt_9_purge_a_removed_company_after_typing_its_name(make_ui_app, ui_db_url):
    gone = remove(ui_db_url, "Harbor Lights Bakery")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manage(app, pilot)
        await press(pilot, *REMOVED_ONLY)
        assert [r.name for r in screen.shown] == ["Harbor Lights Bakery"]
        await press(pilot, "P")
        assert isinstance(app.screen, TypeToConfirm)
        app.screen.query_one("Input").value = "Harbor Lights Bakery"
        await press(pilot, "enter")
        assert notes(app)[-1] == "Harbor Lights Bakery was purged: 1 client user and 0 events deleted for good."
        assert isinstance(app.screen, ManageClientsScreen)
        assert screen.shown == [] and "Harbor Lights Bakery" not in [r.name for r in screen.data.rows]
    assert not exists(ui_db_url, gone)
    database = Database(ui_db_url)
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(ClientUser).where(ClientUser.client_id == gone)) == 0
    database.dispose()
    [(actor, action, cid, before, after)] = audit_rows(ui_db_url)
    assert (actor, action, cid, after) == ("admin", "purge_company", None, {"purged": True})
    assert before["client_id"] == gone and before["name"] == "Harbor Lights Bakery"


async def test_r_opt_9_purge_cancelled_changes_nothing(make_ui_app, ui_db_url):
    gone = remove(ui_db_url, "Granite Law Group")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manage(app, pilot)
        await press(pilot, *REMOVED_ONLY, "P", "escape")
        assert isinstance(app.screen, ManageClientsScreen)
        assert notes(app)[-1] == "Purging Granite Law Group: cancelled, nothing was changed."
    assert exists(ui_db_url, gone) and audit_rows(ui_db_url) == []


async def test_r_cap_1_a_client_removed_meanwhile_has_no_picker_and_says_so(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manage(app, pilot, "Acme Widgets")
        remove(ui_db_url, "Acme Widgets")  # by someone else, after the list was read
        await press(pilot, "t")
        assert isinstance(app.screen, ManageClientsScreen)
        assert "Reload the list: it may have been removed" in notes(app)[-1]
    assert audit_rows(ui_db_url) == []
