"""The add-client wizard (R-MC-1 → R-MC-3) and the capacity refusal (R-CAP-3), driven through the UI."""

from __future__ import annotations

from sqlalchemy import func, select, update

from console_tui.data.engine import Database
from console_tui.data.schema import Client, Plan
from console_tui.screens.manage.add_client import AddClientScreen
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from tests.ui.manage.conftest import audit_rows, notes, press, settle, write

GOOD = {
    "full_name": "Ada Lovelace", "email": "ada@rose.example.com", "company_name": "Rose & Thorn Ltd",
    "street": "10 Downing Street", "city": "London", "state": "London", "postal_code": "SW1A 2AA",
    "country": "UK", "website": "https://rose.example.com", "phone": "020 7946 0958",
}


def client_count(url: str) -> int:
    database = Database(url)
    try:
        with database.read() as session:
            return session.scalar(select(func.count()).select_from(Client)) or 0
    finally:
        database.dispose()


async def open_wizard(app, pilot) -> AddClientScreen:  # noqa: ANN001
    await settle(pilot)
    await press(pilot, "m", "n")
    assert isinstance(app.screen, AddClientScreen)
    return app.screen


async def fill_step1(pilot, values: dict[str, str]) -> None:  # noqa: ANN001
    for name, value in values.items():
        pilot.app.screen.field(name).value = value
    await settle(pilot)


async def test_r_mc_1_errors_are_shown_beside_each_field_and_nothing_is_created(make_ui_app, ui_db_url):
    before = client_count(ui_db_url)
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(app, pilot)
        await fill_step1(pilot, {**GOOD, "email": "not-an-email", "city": "", "country": "Atlantis",
                                 "website": "rose.example.com"})
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AddClientScreen) and wizard.step == 1
        errors = {name: wizard.field(name).error for name in GOOD if wizard.field(name).error}
        assert set(errors) == {"email", "city", "country", "website", "phone"}
        assert errors["city"] == "is required"
        assert errors["phone"].startswith("cannot be checked without a valid country")
        assert errors["country"].startswith("is not a country we know")
        assert errors["website"] == "must be a web address starting with http:// or https://"
        shown = str(wizard.field("city").query_one(".field-error").render())
        assert shown == "✗ City is required"
        assert "5 fields need attention" in str(wizard.status.render())
        assert wizard.focused is wizard.field("email").input  # the first bad field
    assert client_count(ui_db_url) == before
    assert audit_rows(ui_db_url) == []


async def test_r_mc_1_then_r_mc_3_add_and_configure_a_client(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(app, pilot)
        await fill_step1(pilot, GOOD)
        await press(pilot, "ctrl+s")
        assert wizard.step == 2 and wizard.added is not None
        assert "Region: EU" not in str(wizard.query_one("#region").render())
        assert "Region: Other (from the company's country, GB)" == str(wizard.query_one("#region").render())
        form = wizard.query_one("ConfigurationForm")
        form.query_one("#term-annual").value = True
        form.field("start_date").value = "2026-11-20"
        form.field("billing_contact").value = "Ada Lovelace"
        form.field("billing_email").value = "billing@rose.example.com"
        form.field("tax_rate").value = "20"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ManageClientsScreen)
        assert "Rose & Thorn Ltd was added and its configuration is complete." in notes(app)
        row = app.screen.current
        assert row.name == "Rose & Thorn Ltd" and row.tags == ("EBS Active", "Annual", "Direct Support")
        new_id = wizard.added.client_id
    assert [(actor, action, cid) for actor, action, cid, _b, _a in audit_rows(ui_db_url)] == [
        ("admin", "add_client", new_id), ("admin", "save_configuration", new_id)]


async def test_r_mc_3_a_client_left_unconfigured_is_tagged_config_incomplete(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_wizard(app, pilot)
        await fill_step1(pilot, GOOD)
        await press(pilot, "ctrl+s", "escape")  # step 2: later
        assert isinstance(app.screen, ManageClientsScreen)
        assert app.screen.current.name == "Rose & Thorn Ltd"
        assert "Config incomplete" in app.screen.current.tags
        assert "tagged Config incomplete" in notes(app)[-1]


async def test_r_mc_3_configuration_errors_beside_their_fields(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(app, pilot)
        await fill_step1(pilot, GOOD)
        await press(pilot, "ctrl+s")
        form = wizard.query_one("ConfigurationForm")
        form.query_one("#term-monthly").value = True
        form.field("start_date").value = "2026-13-01"
        form.field("billing_email").value = "billing@"
        form.field("tax_rate").value = "120"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AddClientScreen)
        assert form.field("start_date").error == "must be a date written YYYY-MM-DD, e.g. 2026-11-20"
        assert form.field("billing_email").error.startswith("is not a valid email address")
        assert form.field("tax_rate").error == "must be from 0 to 100"
        form.field("start_date").value = "2026-11-01"
        form.field("billing_email").value = "billing@rose.example.com"
        form.field("tax_rate").value = "12.5%"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ManageClientsScreen)
        assert "Config incomplete" in app.screen.current.tags  # no billing contact yet
        assert "Its configuration is incomplete (billing contact)" in notes(app)[-1]


async def test_r_cap_3_a_full_plan_refuses_with_its_two_ways_out(make_ui_app, ui_db_url):
    write(ui_db_url, lambda s: s.execute(update(Plan).values(max_clients=4)))  # 4 counted clients already
    before = client_count(ui_db_url)
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(app, pilot)
        await fill_step1(pilot, GOOD)
        await press(pilot, "ctrl+s")
        assert wizard.step == 1
        message = str(wizard.query_one("#capacity-message").render())
        assert message == ("✗ Adding another counted client was refused: the Growth plan allows 4 counted clients "
                           "and 4 are already counted. Either upgrade the plan, or suspend or remove clients you no "
                           "longer work with (suspended and inactive clients are not counted).")
        assert wizard.query_one("#capacity").has_class("-shown")
        assert str(wizard.query_one("#upgrade").label) == "Upgrade the plan (My Account)"
        assert str(wizard.query_one("#free-up").label) == "Suspend or remove clients"
        await press(pilot, "tab", "enter")  # Suspend or remove clients
        assert isinstance(app.screen, ManageClientsScreen)
        assert app.screen.filters.kind == frozenset({"client"})
        assert "Counted clients are listed" in notes(app)[-1]
    assert client_count(ui_db_url) == before and audit_rows(ui_db_url) == []


async def test_r_cap_3_a_lead_is_not_counted_so_a_full_plan_still_takes_it(make_ui_app, ui_db_url):
    write(ui_db_url, lambda s: s.execute(update(Plan).values(max_clients=4)))
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(app, pilot)
        await fill_step1(pilot, GOOD)
        wizard.query_one("#kind").query("RadioButton")[1].value = True  # Lead
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert wizard.step == 2


async def test_esc_on_a_filled_first_step_asks_before_discarding(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wizard(app, pilot)
        await fill_step1(pilot, {"full_name": "Ada"})
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "Confirm"
        await press(pilot, "n")
        assert isinstance(app.screen, AddClientScreen)
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, ManageClientsScreen)
    assert audit_rows(ui_db_url) == []
