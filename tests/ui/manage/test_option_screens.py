"""The screen behind each option (R-OPT-3..9), each refusal with its message, and the audit row every
change leaves (R-ACC-5), all driven through the UI."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select, update

from console_tui.data.engine import Database
from console_tui.data.schema import Client, ClientSnapshot, ClientUser, DailyMetric
from console_tui.domain.ebs import EBS_OFF_NOTE
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.screens.options.menu import ClientOptionsScreen
from tests.ui.manage.conftest import (
    audit_rows,
    client_id,
    make_monthly,
    notes,
    open_refused,
    press,
    settle,
    text_of,
    write,
)
from tests.ui.seed import LAST_DAY


async def open_option(app, pilot, name: str, number: str, *, refused: bool = False):  # noqa: ANN001, ANN201
    """Manage Clients → search ``name`` → its options menu → item ``number`` (``refused``: an item the
    menu disables because a rule refuses it today, opened anyway to see the screen's own refusal)."""
    await settle(pilot)
    await press(pilot, "m", "slash")
    app.screen.search.value = name
    await settle(pilot)
    await press(pilot, "enter")  # enter in the search line opens the highlighted client
    assert isinstance(app.screen, ClientOptionsScreen) and app.screen.data.name == name
    if refused:
        await open_refused(pilot, number)
    else:
        await press(pilot, number)
    return app.screen


def actions(url: str) -> list[tuple[str, str, int | None]]:
    return [(actor, action, cid) for actor, action, cid, _before, _after in audit_rows(url)]


def status(screen) -> str:  # noqa: ANN001
    return str(screen.status.render())


# --- Client Configuration (R-OPT-3) -----------------------------------------------------------------


async def test_r_opt_3_save_the_configuration_after_confirming_the_change(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "2")
        assert type(screen).__name__ == "ClientConfigurationScreen"
        assert str(screen.query_one("#region").render()) == "Region: US (from the company's country, US)"
        screen.query_one("ConfigurationForm").field("tax_rate").value = "9"
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "Confirm"
        assert "Tax rate (%): 8.25 → 9.00" in str(app.screen.query_one(".dialog-body").render())
        await press(pilot, "y")
        assert notes(app)[-1] == "Configuration saved; it is complete."
    (actor, action, cid, before, after), = audit_rows(ui_db_url)
    assert (actor, action, cid) == ("admin", "save_configuration", client_id(ui_db_url, "Acme Widgets"))
    assert (before["tax_rate"], after["tax_rate"]) == ("8.25", "9.00")


async def test_r_opt_3_the_commands_field_errors_show_beside_the_fields(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "2")
        screen.query_one("ConfigurationForm").field("start_date").value = ""  # annual with no start date
        await press(pilot, "ctrl+s", "y")
        start_date = screen.query_one("ConfigurationForm").field("start_date")
        assert start_date.error == "is required when a license term is set"
        assert "1 field needs attention" in status(screen)
    assert audit_rows(ui_db_url) == []


async def test_a_conflicting_save_says_to_reload(make_ui_app, ui_db_url):
    app = make_ui_app()
    acme = client_id(ui_db_url, "Acme Widgets")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "2")
        write(ui_db_url, lambda s: s.execute(update(Client).where(Client.id == acme)
                                             .values(version=Client.version + 1)))
        screen.query_one("ConfigurationForm").field("billing_contact").value = "Someone Else"
        await press(pilot, "ctrl+s", "y")
        assert notes(app)[-1] == ("Saving the client configuration was refused: someone else changed it after you "
                                  "opened it. Reload to see their change, then make yours again.")
        assert status(screen).endswith("Press r to reload.")
    assert audit_rows(ui_db_url) == []


# --- Services and Allowances (R-OPT-4) ----------------------------------------------------------------


async def test_r_opt_4_lowering_an_allowance_says_billing_continues_on_the_active_amount(make_ui_app, services_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "3")
        assert type(screen).__name__ == "ServicesScreen"
        table = text_of(screen.query_one("#services"))
        assert "Sales Dialer" in table and "SMS credits" in table
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "AskValue"
        app.screen.query_one("Input").value = "8"
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "Confirm"
        body = str(app.screen.query_one(".dialog-body").render())
        assert "billing continues on the 10 seats active until services are removed" in body
        await press(pilot, "y")
        assert "Nothing is deactivated: billing continues on the 10 seats active" in notes(app)[-1]
        assert "Sales Dialer: The allowance (8 seats) is below the 10 seats already active." in str(
            screen.query_one("#services-notes").render())
    (actor, action, cid, before, after), = audit_rows(services_url)
    assert (actor, action, before["allowance"], after["allowance"], after["active"]) == (
        "admin", "set_allowance", 12, 8, 10)


async def test_r_opt_4_an_allowance_that_is_not_a_whole_number_is_refused(make_ui_app, services_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_option(app, pilot, "Acme Widgets", "3")
        await press(pilot, "j", "e")  # SMS credits, not set yet
        app.screen.query_one("Input").value = "ten"
        await press(pilot, "enter")
        assert notes(app)[-1].startswith("Setting the allowance was refused")
        assert "whole number" in notes(app)[-1]
    assert audit_rows(services_url) == []


async def test_r_opt_4_a_negative_allowance_is_refused_and_the_console_stays_up(make_ui_app, services_url):
    """-1 is below what is active, so the screen asks the domain for the lowering note first: the
    domain's refusal must come back as a sentence, never close the console."""
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_option(app, pilot, "Acme Widgets", "3")
        await press(pilot, "enter")  # Sales Dialer, 10 seats active
        app.screen.query_one("Input").value = "-1"
        await press(pilot, "enter")
        assert app.is_running and app.return_code is None
        assert type(app.screen).__name__ == "ServicesScreen"
        assert notes(app)[-1].startswith("Setting the allowance was refused")
        assert "whole number of 0 or more" in notes(app)[-1]
    assert audit_rows(services_url) == []


# --- Client Managers (R-OPT-5) -------------------------------------------------------------------------


async def test_r_opt_5_add_and_remove_client_managers(make_ui_app, ui_db_url):
    app = make_ui_app()
    acme = client_id(ui_db_url, "Acme Widgets")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "4")
        assert [m.login for m in screen.view.managers] == ["sam"]
        await press(pilot, "a")
        assert type(app.screen).__name__ == "StaffPicker"
        assert [e.login for e in app.screen.shown] == ["carla"]  # Administrators see every client
        await press(pilot, *"xyz")
        assert app.screen.shown == []
        await press(pilot, "backspace", "backspace", "backspace", *"CARL")
        await press(pilot, "enter", "y")
        assert [m.login for m in screen.view.managers] == ["carla", "sam"]
        await press(pilot, "j", "d")
        assert "Sam Seller will no longer see or switch into this client" in str(
            app.screen.query_one(".dialog-body").render())
        await press(pilot, "y")
        assert [m.login for m in screen.view.managers] == ["carla"]
    rows = audit_rows(ui_db_url)
    assert [(r[0], r[1], r[2]) for r in rows] == [("admin", "add_client_manager", acme),
                                                  ("admin", "remove_client_manager", acme)]
    assert rows[0][4]["added"] == "carla" and rows[1][4]["removed"] == "sam"


# --- Direct Support (R-OPT-6) and Client Rebrand (R-OPT-8) ----------------------------------------------


async def test_r_opt_6_turn_direct_support_off_after_confirming(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "5")
        assert "Direct Support is on for Acme Widgets" in str(screen.query_one("#toggle-state").render())
        assert "New clients start with it on, because this agency does not use the billing platform" in str(
            screen.query_one("#toggle-about").render())
        await press(pilot, "t", "y")
        assert notes(app)[-1] == "Direct Support is now off."
        assert "Direct Support is off" in str(screen.query_one("#toggle-state").render())
    assert [(a[1], a[3], a[4]) for a in audit_rows(ui_db_url)] == [
        ("direct_support", {"direct_support": True}, {"direct_support": False})]


async def test_a_cancelled_confirmation_changes_nothing(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_option(app, pilot, "Acme Widgets", "5")
        await press(pilot, "t", "n")
        assert notes(app)[-1] == "Turning Direct Support off: cancelled, nothing was changed."
    assert audit_rows(ui_db_url) == []


async def test_r_opt_8_lock_the_logo_upload(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "8")
        assert "Logo upload is unlocked" in str(screen.query_one("#toggle-state").render())
        await press(pilot, "t", "y")
        assert "Logo upload is locked" in str(screen.query_one("#toggle-state").render())
        assert "Your agency's logo is shown" in str(screen.query_one("#toggle-about").render())
    assert [(a[0], a[1], a[4]) for a in audit_rows(ui_db_url)] == [
        ("admin", "set_rebrand_lock", {"rebrand_locked": True})]


# --- Email Sender (R-OPT-7) ------------------------------------------------------------------------------


def sums_30_days(url: str, cid: int) -> tuple[int, int]:
    database = Database(url)
    try:
        with database.read() as session:
            sent, opened = session.execute(
                select(func.sum(DailyMetric.emails_sent), func.sum(DailyMetric.emails_opened))
                .where(DailyMetric.client_id == cid, DailyMetric.day > LAST_DAY - timedelta(days=30))).one()
            return int(sent), int(opened)
    finally:
        database.dispose()


async def test_r_opt_7_email_sender_shows_the_four_windows_and_the_history(make_ui_app, ui_db_url):
    sent, opened = sums_30_days(ui_db_url, client_id(ui_db_url, "Cedar & Pine Realty"))
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Cedar & Pine Realty", "6")
        assert type(screen).__name__ == "EmailSenderScreen"
        assert "Sender status Unhealthy · EBS on" in str(screen.query_one("#sender-status").render())
        breakdown = text_of(screen.query_one("#breakdown")).splitlines()
        assert [line.split()[0] for line in breakdown[1:5]] == ["24", "7", "30", "90"]
        assert "Opens" in breakdown[0] and "Bounces" in breakdown[0] and "Unsubscribes" in breakdown[0]
        assert breakdown[3].split()[:5] == ["30", "days", f"{sent:,}", f"{opened:,}", f"{100 * opened / sent:.2f}"]
        history = text_of(screen.query_one("#history"))
        assert "At Risk → Unhealthy" in history and "New → Healthy" in history
        assert "to 19 Nov 2026" in status(screen)


# --- Email Suppression (R-SUP-2..4) ----------------------------------------------------------------------


async def test_r_sup_2_ebs_off_refused_for_an_unhealthy_sender_with_the_reason(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Cedar & Pine Realty", "7", refused=True)
        about = str(screen.query_one("#toggle-about").render())
        assert "EBS cannot be turned off now: the sender status is Unhealthy" in about
        assert EBS_OFF_NOTE in about  # R-SUP-4
        await press(pilot, "t")
        assert type(app.screen).__name__ == "EmailSuppressionScreen"  # refused without asking
        assert notes(app)[-1] == (
            "Turning EBS off for Cedar & Pine Realty was refused: the sender status is Unhealthy; EBS can be "
            "turned off only for a Healthy or At Risk sender, 60 days after it became Healthy.")
    assert audit_rows(ui_db_url) == []


async def test_r_sup_2_ebs_off_refused_before_60_healthy_days_with_the_date_it_opens(make_ui_app, ui_db_url):
    fjord = client_id(ui_db_url, "Fjord Coffee Roasters")
    write(ui_db_url, lambda s: s.execute(update(ClientSnapshot).where(ClientSnapshot.client_id == fjord)
                                         .values(last_became_healthy=date(2026, 11, 10))))
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Fjord Coffee Roasters", "7", refused=True)
        assert "It opens on 9 Jan 2027." in str(screen.query_one("#toggle-about").render())
        await press(pilot, "t")
        assert notes(app)[-1].endswith("from 2027-01-09. Try again on or after 2027-01-09.")
    assert audit_rows(ui_db_url) == []


async def test_r_sup_2_turning_ebs_on_says_when_it_can_be_turned_off_again(make_ui_app, ui_db_url):
    fjord = client_id(ui_db_url, "Fjord Coffee Roasters")
    write(ui_db_url, lambda s: s.execute(update(ClientSnapshot).where(ClientSnapshot.client_id == fjord)
                                         .values(last_became_healthy=date(2026, 11, 10))))
    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.id == fjord).values(ebs_enabled=False)))
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_option(app, pilot, "Fjord Coffee Roasters", "7")
        await press(pilot, "t")
        body = " ".join(str(app.screen.query_one(".dialog-body").render()).split())
        assert ("Once on, EBS cannot be turned off again until 60 days after the client is Healthy: it became "
                "Healthy on 10 Nov 2026, so not before 9 Jan 2027.") in body
        await press(pilot, "y")
        assert notes(app)[-1] == "EBS is now on."


async def test_r_sup_4_turning_ebs_off_says_time_based_suppressions_remain(make_ui_app, ui_db_url):
    acme = client_id(ui_db_url, "Acme Widgets")
    write(ui_db_url, lambda s: s.execute(update(ClientSnapshot).where(ClientSnapshot.client_id == acme)
                                         .values(last_became_healthy=date(2026, 9, 1))))
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "7")
        assert "EBS can be turned off now." in str(screen.query_one("#toggle-about").render())
        await press(pilot, "t")
        assert EBS_OFF_NOTE in str(app.screen.query_one(".dialog-body").render())
        await press(pilot, "y")
        assert notes(app)[-1] == f"EBS is now off. {EBS_OFF_NOTE}"
    assert [(a[0], a[1], a[2], a[4]) for a in audit_rows(ui_db_url)] == [
        ("admin", "set_suppression", acme, {"ebs_enabled": False})]


async def test_r_acc_3_a_marketing_manager_may_use_email_suppression(make_ui_app, roles_url):
    acme = client_id(roles_url, "Acme Widgets")
    write(roles_url, lambda s: s.execute(update(ClientSnapshot).where(ClientSnapshot.client_id == acme)
                                         .values(last_became_healthy=date(2026, 9, 1))))
    app = make_ui_app(login="mm")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ClientOptionsScreen(acme, "Acme Widgets"))
        await settle(pilot)
        await press(pilot, "7", "t", "y")
        assert notes(app)[-1].startswith("EBS is now off.")
    assert actions(roles_url) == [("mm", "set_suppression", acme)]


# --- Remove Company (R-OPT-9) ---------------------------------------------------------------------------


async def test_r_opt_9_an_annual_client_outside_pre_renewal_is_refused_with_the_date(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "9", refused=True)
        refusal = ("Removing Acme Widgets was refused: the client is on an annual term renewing on 2027-02-01; "
                   "annual clients can be removed only in the last 30 days before renewal, from 2027-01-02. "
                   "Try again on or after 2027-01-02.")
        assert str(screen.query_one("#remove-guard").render()) == f"✗ {refusal}"
        await press(pilot, "x")
        assert type(app.screen).__name__ == "RemoveCompanyScreen"  # no name to type: refused at once
        assert notes(app)[-1] == refusal
    assert audit_rows(ui_db_url) == []


async def test_r_opt_9_a_name_that_does_not_match_is_refused(make_ui_app, ui_db_url):
    make_monthly(ui_db_url, "Acme Widgets")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_option(app, pilot, "Acme Widgets", "9")
        await press(pilot, "x")
        assert type(app.screen).__name__ == "TypeToConfirm"
        app.screen.query_one("Input").value = "acme widgets"
        await press(pilot, "enter")
        assert notes(app)[-1] == ("Removing Acme Widgets was refused: the name typed does not match the company's "
                                  "name. Type the company's name exactly as shown: Acme Widgets.")
    assert audit_rows(ui_db_url) == []


async def test_r_opt_9_remove_a_monthly_company_soft_delete(make_ui_app, ui_db_url):
    acme = make_monthly(ui_db_url, "Acme Widgets")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_option(app, pilot, "Acme Widgets", "9")
        await press(pilot, "x")
        app.screen.query_one("Input").value = "Acme Widgets"
        await press(pilot, "enter")
        assert notes(app)[-1].startswith("Acme Widgets was removed: 3 users blocked; its data is kept.")
        assert isinstance(app.screen, ClientOptionsScreen)
        assert "Removed on 2026-11-20" in status(app.screen)
        await press(pilot, "escape")
        assert isinstance(app.screen, ManageClientsScreen)
        assert "Acme Widgets" not in [r.name for r in app.screen.shown]
        await press(pilot, "escape", "f", *"only", "enter", "escape")  # removed: only
        assert [r.name for r in app.screen.shown] == ["Acme Widgets"]
    database = Database(ui_db_url)
    with database.read() as session:
        client = session.get(Client, acme)
        assert client.deleted_at is not None and client.name == "Acme Widgets"  # the data is kept
        assert all(session.scalars(select(ClientUser.blocked).where(ClientUser.client_id == acme)))
    database.dispose()
    assert actions(ui_db_url) == [("admin", "remove_company", acme)]


# --- R-ACC-4: the screens' own queries refuse, whatever opened them -----------------------------------


async def test_r_acc_4_an_option_screen_opened_by_a_salesperson_says_which_role_it_needs(make_ui_app, ui_db_url):
    from console_tui.screens.options.services import ServicesScreen

    app = make_ui_app(login="sam")  # a Client Manager of Acme, but not an Administrator
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ServicesScreen(client_id(ui_db_url, "Acme Widgets"), "Acme Widgets"))
        await settle(pilot)
        assert notes(app)[-1] == ("Services and Allowances was refused: it needs the Administrator role; your "
                                  "role is Salesperson. Ask an Administrator to do it or to change your access.")


async def test_r_wi_2_remove_company_shows_the_next_cycle_before_and_after(make_ui_app, ui_db_url):
    make_monthly(ui_db_url, "Acme Widgets")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "9")
        panel = str(screen.query_one("#remove-whatif").render()).split("\n")
        assert panel == [
            "Next cycle (December 2026), the agency's charges: $177.54 → $104.47: the agency saves $73.07 a month.",
            "Licenses $106.00 → $67.50.",
            "Fjord Coffee Roasters moves into the in-pack discount: license $36.00 → $22.50.",
            "Acme Widgets stops paying a license ($25.00)."]
        await press(pilot, "x")
        body = app.screen.body.plain
        assert "\n".join(panel) in body and body.index("Removing blocks") < body.index("Next cycle")
        await press(pilot, "escape")
    assert audit_rows(ui_db_url) == []
