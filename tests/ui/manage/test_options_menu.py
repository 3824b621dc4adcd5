"""The per-client options menu (R-OPT-1, R-OPT-2) and the permission matrix seen through it (R-ACC-3):
for each of the six roles, which items are enabled, and which are disabled with which reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from console_tui.data.schema import Client, ClientSnapshot
from console_tui.domain.permissions import OPTIONS_MENU
from console_tui.screens.console.client_instance import ClientInstanceScreen
from console_tui.screens.options.menu import ClientOptionsScreen
from tests.ui.manage.conftest import ROLE_LOGINS, client_id, make_monthly, notes, press, settle, text_of, write
from tests.ui.seed import NOW

LABELS = [label for label, _action in OPTIONS_MENU]
ADMIN_ONLY = "Needs the Administrator role"
SUPPRESSION = "Needs the Administrator, Company Manager or Marketing Manager roles"

#: role -> {label: None (enabled) or the reason shown under it}
MATRIX = {
    "Administrator": dict.fromkeys(LABELS),
    **{role: {label: None if label in ("Switch to Manage", "Email Suppression") else ADMIN_ONLY for label in LABELS}
       for role in ("Company Manager", "Marketing Manager")},
    **{role: {label: None if label == "Switch to Manage" else
              SUPPRESSION if label == "Email Suppression" else ADMIN_ONLY for label in LABELS}
       for role in ("Sales Manager", "Salesperson", "Jr. Salesperson")},
}


async def open_options(app, pilot, cid: int, name: str) -> ClientOptionsScreen:  # noqa: ANN001
    await settle(pilot)
    app.push_screen(ClientOptionsScreen(cid, name))
    await settle(pilot)
    assert isinstance(app.screen, ClientOptionsScreen)
    return app.screen


def rendered_reasons(screen: ClientOptionsScreen) -> dict[str, list[str]]:
    """{label: the lines drawn under it}, read from what the menu draws (a long reason wraps)."""
    lines = [line.strip() for line in text_of(screen.query_one("#options")).splitlines() if line.strip()]
    starts = [next(i for i, line in enumerate(lines) if line.startswith(f"{n}  {label}"))
              for n, label in enumerate(LABELS, start=1)]
    ends = [*starts[1:], len(lines)]
    return {label: [line.removeprefix("✗ ") for line in lines[start + 1:end]]
            for label, start, end in zip(LABELS, starts, ends, strict=True)}


def rendered_menu(screen: ClientOptionsScreen) -> dict[str, str | None]:
    """{label: None or the reason shown under it}."""
    return {label: " ".join(reason) or None for label, reason in rendered_reasons(screen).items()}


@pytest.fixture
def roles_url(roles_url: str) -> str:
    """Acme as no rule refuses anything today (monthly, Healthy for long), so only the role decides."""
    acme = make_monthly(roles_url, "Acme Widgets")
    write(roles_url, lambda s: s.execute(update(ClientSnapshot).where(ClientSnapshot.client_id == acme)
                                         .values(last_became_healthy=date(2026, 9, 1))))
    return roles_url


@pytest.mark.parametrize(("login", "role"), list(ROLE_LOGINS.items()))
async def test_r_acc_3_options_menu_per_role(make_ui_app, roles_url, login, role):
    app = make_ui_app(login=login)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_options(app, pilot, client_id(roles_url, "Acme Widgets"), "Acme Widgets")
        assert rendered_menu(screen) == MATRIX[role]
        menu = screen.query_one("#options")
        assert [menu.get_option_at_index(i).disabled for i in range(9)] == [
            MATRIX[role][label] is not None for label in LABELS]
        enabled = sum(reason is None for reason in MATRIX[role].values())
        assert f"{enabled} of 9 options open to you ({role}" in str(screen.status.render())



@pytest.mark.parametrize(("login", "role"), list(ROLE_LOGINS.items()))
async def test_r_acc_3_options_menu_per_role_reached_from_the_console_with_x(make_ui_app, roles_url, login, role):
    """The same matrix, reached as a person would: the console's ``x`` on Acme Widgets (first in every
    role's list: the non-administrators manage only Acme)."""
    app = make_ui_app(login=login)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert app.console_screen.clients.current.name == "Acme Widgets"
        await press(pilot, "x")
        screen = app.screen
        assert isinstance(screen, ClientOptionsScreen) and screen.client_name == "Acme Widgets"
        assert rendered_menu(screen) == MATRIX[role]
        await press(pilot, "7")  # Email Suppression: open to three roles, refused with the reason to the others
        if MATRIX[role]["Email Suppression"] is None:
            assert type(app.screen).__name__ == "EmailSuppressionScreen"
        else:
            assert isinstance(app.screen, ClientOptionsScreen)
            assert notes(app)[-1] == SUPPRESSION + "."

async def test_r_opt_1_items_are_in_the_order_of_the_rule(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_options(app, pilot, client_id(ui_db_url, "Acme Widgets"), "Acme Widgets")
        menu = screen.query_one("#options")
        assert [str(menu.get_option_at_index(i).prompt).split("  ")[1].strip() for i in range(9)] == LABELS


async def test_r_acc_3_a_disabled_item_asked_by_number_says_why(make_ui_app, roles_url):
    app = make_ui_app(login="sp")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_options(app, pilot, client_id(roles_url, "Acme Widgets"), "Acme Widgets")
        await press(pilot, "9")
        assert isinstance(app.screen, ClientOptionsScreen)
        assert notes(app)[-1] == "Needs the Administrator role."


async def test_r_acc_2_a_user_who_does_not_manage_the_client_gets_no_menu(make_ui_app, ui_db_url):
    app = make_ui_app(login="sam")  # sam manages Acme and Blue Harbor only
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_options(app, pilot, client_id(ui_db_url, "Cedar & Pine Realty"), "Cedar & Pine Realty")
        assert "needs the Administrator role, or any other role as a Client Manager of this client" in notes(app)[-1]
        assert screen.query_one("#options").option_count == 0


async def test_r_opt_2_switch_to_manage_enters_the_client(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "m", "j", "enter")
        assert isinstance(app.screen, ClientOptionsScreen)
        await press(pilot, "enter")  # the first item, highlighted
        assert isinstance(app.screen, ClientInstanceScreen)
        assert app.inside is not None and app.inside.name == "Blue Harbor Dental"
        assert len(app.screen_stack) == 2  # Manage Clients and the menu were closed


async def test_r_opt_2_a_client_manager_may_switch_from_the_menu(make_ui_app, ui_db_url):
    app = make_ui_app(login="sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_options(app, pilot, client_id(ui_db_url, "Acme Widgets"), "Acme Widgets")
        await press(pilot, "1")
        assert isinstance(app.screen, ClientInstanceScreen) and app.inside.name == "Acme Widgets"


async def test_r_opt_9_a_removed_companys_items_are_all_disabled_with_the_date(make_ui_app, ui_db_url):
    gone = client_id(ui_db_url, "Granite Law Group")
    removed = NOW - timedelta(days=3)
    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.id == gone).values(deleted_at=removed)))
    app = make_ui_app()
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await open_options(app, pilot, gone, "Granite Law Group")
        assert set(rendered_menu(screen).values()) == {"The company was removed on 2026-11-17"}
        assert "Removed on 2026-11-17: nothing can be changed" in str(screen.status.render())


# --- items a rule refuses today (R-OPT-9, R-SUP-2) are disabled in the menu itself, with why and when ------


async def test_r_opt_1_remove_company_outside_pre_renewal_is_disabled_in_the_menu_with_the_date(make_ui_app,
                                                                                               ui_db_url):
    """Acme is annual, renewing 2027-02-01: removal opens 2027-01-02, so the menu says so before opening."""
    app = make_ui_app()
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await open_options(app, pilot, client_id(ui_db_url, "Acme Widgets"), "Acme Widgets")
        reason = " ".join(rendered_reasons(screen)["Remove Company"])
        assert reason == ("The client is on an annual term renewing on 2027-02-01; annual clients can be removed "
                          "only in the last 30 days before renewal, from 2027-01-02")
        assert screen.query_one("#options").get_option_at_index(8).disabled
        await press(pilot, "9")
        assert isinstance(app.screen, ClientOptionsScreen)  # not opened: refused with the same words
        assert notes(app)[-1] == reason + "."


async def test_r_opt_1_email_suppression_is_disabled_while_ebs_cannot_be_turned_off(make_ui_app, ui_db_url):
    fjord = client_id(ui_db_url, "Fjord Coffee Roasters")
    write(ui_db_url, lambda s: s.execute(update(ClientSnapshot).where(ClientSnapshot.client_id == fjord)
                                         .values(last_became_healthy=date(2026, 11, 10))))
    app = make_ui_app()
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await open_options(app, pilot, fjord, "Fjord Coffee Roasters")
        reason = " ".join(rendered_reasons(screen)["Email Suppression"])
        assert reason == ("EBS is on and cannot be turned off now: the client became Healthy on 2026-11-10, 10 days "
                          "ago; EBS can be turned off 60 days after that, from 2027-01-09")
        assert "7 of 9 options open to you" in str(screen.status.render())  # Remove Company too: annual


async def test_r_opt_1_items_the_rules_allow_stay_enabled(make_ui_app, ui_db_url):
    """Monthly, EBS off: nothing refused (turning EBS on is always allowed)."""
    acme = make_monthly(ui_db_url, "Acme Widgets")
    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.id == acme).values(ebs_enabled=False)))
    app = make_ui_app()
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await open_options(app, pilot, acme, "Acme Widgets")
        assert rendered_menu(screen) == dict.fromkeys(LABELS)
