"""Snapshots of Manage Clients, the add-client wizard, the options menu and the option screens
(fixed clock, seeded data, no cursor blink), at 80x24 and 120x40.

Every SVG under ``__snapshots__`` was rendered to PNG and looked at before it was accepted.
Update with ``pytest tests/ui/manage/test_manage_snapshots.py --snapshot-update`` — and look again.
"""

from __future__ import annotations

import pytest

from console_tui.screens.options.menu import ClientOptionsScreen
from tests.ui.manage.conftest import client_id, open_refused, press, settle

WIDE, NARROW = (120, 40), (80, 24)
SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])

BAD_FORM = {"full_name": "Ada Lovelace", "email": "ada@", "company_name": "Rose & Thorn Ltd",
            "street": "10 Downing Street", "city": "", "state": "London", "postal_code": "SW1A 2AA",
            "country": "Atlantis", "website": "rose.example.com", "phone": "020 7946 0958"}


def keys(*pressed: str):  # noqa: ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, *pressed)
        await settle(pilot)

    return run_before


def option(name: str, *pressed: str, refused: str = ""):  # noqa: ANN201
    """Manage Clients → search ``name`` → its options menu → ``pressed`` (``refused``: the number of an
    item the menu disables because a rule refuses it today, opened anyway to show the screen's refusal)."""
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, "m", "slash")
        pilot.app.screen.search.value = name
        await settle(pilot)
        await press(pilot, "enter", *pressed)  # enter in the search line opens the highlighted client
        if refused:
            await open_refused(pilot, refused)
        await settle(pilot)

    return run_before


@SIZES
def test_manage_clients(snap_compare, make_ui_app, size):
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=keys("m", "j", "j"))


def test_manage_clients_filtered_and_sorted(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW,
                        run_before=keys("m", "f", "enter", "escape", "s", "s", "s"))


def test_filter_picker(snap_compare, make_ui_app):
    picked = ("down", "space", "down", "down", "space", "up")  # kinds client and prospect, cursor on lead
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=keys("m", "f", *picked))


def test_page_menu(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=keys("m", "m"))


@SIZES
def test_client_statuses_r_cap_4(snap_compare, make_ui_app, size):
    """Manage Clients → page menu → Client statuses, the cursor on the custom one."""
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=keys("m", "m", "end", "up", "enter", "end"))


@SIZES
def test_add_client_with_field_errors(snap_compare, make_ui_app, size):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, "m", "n")
        for name, value in BAD_FORM.items():
            pilot.app.screen.field(name).value = value
        await press(pilot, "ctrl+s")

    assert snap_compare(make_ui_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_options_menu(snap_compare, make_ui_app, size):
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=option("Blue Harbor Dental"))


def test_options_menu_for_a_salesperson(snap_compare, make_ui_app, roles_url):
    acme = client_id(roles_url, "Acme Widgets")

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        pilot.app.push_screen(ClientOptionsScreen(acme, "Acme Widgets"))
        await settle(pilot)

    assert snap_compare(make_ui_app(login="sp"), terminal_size=NARROW, run_before=run_before)


def test_client_configuration(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=option("Acme Widgets", "2"))


def test_services_and_allowances(snap_compare, make_ui_app, services_url):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=option("Acme Widgets", "3"))


def test_client_managers(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=option("Acme Widgets", "4"))


def test_direct_support(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=option("Acme Widgets", "5"))


@SIZES
def test_email_sender(snap_compare, make_ui_app, size):
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=option("Cedar & Pine Realty", "6"))


def test_email_suppression_refused(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=option("Cedar & Pine Realty", refused="7"))


def test_client_rebrand(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=option("Acme Widgets", "8"))


@SIZES
def test_remove_company_refused(snap_compare, make_ui_app, size):
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=option("Acme Widgets", refused="9"))


def test_remove_company_type_the_name(snap_compare, make_ui_app, ui_db_url):
    from sqlalchemy import update

    from console_tui.data.schema import Client
    from tests.ui.manage.conftest import write

    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.name == "Granite Law Group")
                                         .values(license_term="monthly")))
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=option("Granite Law Group", "9", "x"))


# --- the status picker (R-CAP-1), its refusal at 100 % (R-CAP-3) and the purge (R-OPT-9) ------------


@SIZES
def test_status_picker_r_cap_1(snap_compare, make_ui_app, size):
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=keys("m", "t"))


@SIZES
def test_status_refused_on_a_full_plan_r_cap_3(snap_compare, make_ui_app, ui_db_url, size):
    from sqlalchemy import update

    from console_tui.data.schema import Plan
    from tests.ui.manage.conftest import write

    write(ui_db_url, lambda s: s.execute(update(Plan).values(max_clients=4)))
    # Cedar & Pine Realty (Suspended, third in the list) → Active: refused, with the two ways out
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=keys("m", "j", "j", "t", "home", "enter", "y"))


@SIZES
def test_purge_type_the_name_r_opt_9(snap_compare, make_ui_app, ui_db_url, size):
    from datetime import timedelta

    from sqlalchemy import update

    from console_tui.data.schema import Client
    from tests.ui.manage.conftest import write
    from tests.ui.seed import NOW

    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.name == "Granite Law Group")
                                         .values(deleted_at=NOW - timedelta(days=3))))
    removed_only = ("f", *"only", "enter", "escape")
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=keys("m", *removed_only, "P"))


@SIZES
def test_remove_company_what_if_r_wi_2(snap_compare, make_ui_app, ui_db_url, size):
    """The next cycle's charges with and without the company, on the Remove Company screen."""
    from sqlalchemy import update

    from console_tui.data.schema import Client
    from tests.ui.manage.conftest import write

    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.name == "Acme Widgets")
                                         .values(license_term="monthly")))
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=option("Acme Widgets", "9"))


@SIZES
def test_status_what_if_confirm_r_wi_2(snap_compare, make_ui_app, size):
    """Acme Widgets → Suspended: it stops counting, so the charges before and after come first."""
    assert snap_compare(make_ui_app(), terminal_size=size, run_before=keys("m", "t", "down", "enter"))
