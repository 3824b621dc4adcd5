"""Client templates in Manage Clients (R-TPL-1, R-TPL-2): the list screen (the template under the cursor in
full; save from a client, edit as TOML, remove, each audited), and the add-client wizard's template picker,
whose template the new client starts from. Snapshots of both at 80x24 and 120x40."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from textual.widgets import OptionList, Static, TextArea

from console_tui.data.commands.templates import add_template
from console_tui.data.engine import Database
from console_tui.data.queries.templates import client_setup_in, client_templates
from console_tui.data.schema import Client
from console_tui.domain.configuration import Term
from console_tui.domain.templates import EmailLimit, Setup
from console_tui.screens.dialogs.admin_dialogs import ClientPicker
from console_tui.screens.dialogs.confirm import AskValue, Confirm
from console_tui.screens.dialogs.template_editor import TemplateEditor
from console_tui.screens.manage.add_client import AddClientScreen
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.screens.manage.template_picker import EMPTY, TemplatePicker
from console_tui.screens.manage.templates import TemplatesScreen
from tests.ui.manage.conftest import audit_rows, notes, press, settle, text_of
from tests.ui.manage.test_add_client import GOOD, fill_step1

WIDE, NARROW = (120, 40), (80, 24)
STARTER = Setup(services=(("sms_credits", 500),), email_limit=EmailLimit(10_000), direct_support=True,
                license_term=Term.ANNUAL, rebrand_lock=True)


@pytest.fixture
def with_templates(services_url: str, clock) -> str:  # noqa: ANN001
    database = Database(services_url)
    add_template(database, clock, "admin", "Annual starter", STARTER)
    add_template(database, clock, "admin", "Quiet [b]one[/b]", Setup(email_limit=EmailLimit(None), ebs=False))
    database.dispose()
    return services_url


async def open_templates(app, pilot) -> TemplatesScreen:  # noqa: ANN001
    await settle(pilot)
    await press(pilot, "m")
    assert isinstance(app.screen, ManageClientsScreen)
    await press(pilot, "m", "end", "up", "up", "enter")  # the page menu: Client templates, above Client statuses
    await settle(pilot)
    assert isinstance(app.screen, TemplatesScreen)
    return app.screen


def rows(app) -> list[tuple[str, ...]]:  # noqa: ANN001
    return list(app.screen.query_one("#templates")._rows)


def notice(app) -> str:  # noqa: ANN001
    return app.screen.query_one("#notice").text


async def test_r_tpl_1_the_list_shows_each_template_and_the_one_under_the_cursor_in_full(make_ui_app,
                                                                                        with_templates) -> None:
    app = make_ui_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_templates(app, pilot)
        assert [(r[0], r[1], r[3]) for r in rows(app)] == [
            ("Annual starter", "admin", "limit 10,000 · 1 service · annual · DS on · rebrand locked"),
            ("Quiet [b]one[/b]", "admin", "no limit · EBS off")]
        detail = text_of(screen.query_one("#template-detail", Static))
        assert "Annual starter  saved by admin" in detail and "Services and allowances sms_credits 500" in detail
        await press(pilot, "down")
        detail = text_of(screen.query_one("#template-detail", Static))
        assert detail.splitlines()[0].startswith("Quiet [b]one[/b]")  # a name is text, never markup
        assert "Email limit             none" in detail


async def test_r_tpl_1_save_from_a_client_edit_and_remove_each_audited(make_ui_app, with_templates) -> None:
    url = with_templates
    app = make_ui_app(url=url)
    async with app.run_test(size=NARROW) as pilot:
        await open_templates(app, pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, ClientPicker)
        app.screen.query_one("#picker-find").value = "acme"
        await press(pilot, "enter")
        assert isinstance(app.screen, AskValue)
        app.screen.query_one("#value").value = "Like Acme"
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, TemplatesScreen)
        assert notice(app).startswith("Saved Acme Widgets's setup as the template Like Acme")
        assert [r[0] for r in rows(app)] == ["Annual starter", "Like Acme", "Quiet [b]one[/b]"]
        assert rows(app)[1][3].startswith("no limit · 1 service")
        assert app.screen.query_one("#templates").cursor == 1

        await press(pilot, "e")
        assert isinstance(app.screen, TemplateEditor)
        area = app.screen.query_one(TextArea)
        area.text = 'email_limit = "lots"\nebs = 3\n'
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TemplateEditor)  # stays open, every bad part named
        message = str(app.screen.query_one("#editor-message", Static).render())
        assert "Email limit (email_limit) must be a whole number" in message and "EBS (ebs) must be true" in message
        area.text = "email_limit = 2500\n"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TemplatesScreen)
        assert rows(app)[1][3] == "limit 2,500" and notice(app).startswith("Saved the template Like Acme")

        await press(pilot, "x")
        assert isinstance(app.screen, Confirm)
        await press(pilot, "y")
        await settle(pilot)
        assert [r[0] for r in rows(app)] == ["Annual starter", "Quiet [b]one[/b]"]
    actions = [row[1] for row in audit_rows(url)]
    assert actions[-3:] == ["save_template", "save_template", "remove_template"]


async def test_r_tpl_2_the_wizard_s_picker_starts_the_new_client_from_a_template(make_ui_app, with_templates) -> None:
    url = with_templates
    app = make_ui_app(url=url)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "m", "n")
        wizard = app.screen
        assert isinstance(wizard, AddClientScreen)
        await press(pilot, "ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TemplatePicker)
        assert app.screen.query_one(OptionList).option_count == 3  # no template, then the two
        await press(pilot, "down", "enter")
        assert app.screen is wizard and wizard.template is not None and wizard.template.name == "Annual starter"
        assert str(wizard.query_one("#template-sets", Static).render()).startswith("limit 10,000")
        await fill_step1(pilot, GOOD)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert wizard.step == 2
        assert any("From the template Annual starter: Allowance sms_credits: none → 500" in n for n in notes(app))
    database = Database(url)
    with database.read() as session:
        client = session.scalars(select(Client).where(Client.name == GOOD["company_name"])).one()
        setup = client_setup_in(session, client)
    database.dispose()
    assert (setup.services, setup.email_limit, setup.license_term, setup.rebrand_lock) == (
        {"sms_credits": 500}, 10_000, Term.ANNUAL, True)


async def test_r_tpl_2_the_picker_keeps_the_choice_on_esc_and_says_when_there_are_none(make_ui_app,
                                                                                       services_url) -> None:
    app = make_ui_app(url=services_url)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "m", "n", "ctrl+t")
        await settle(pilot)
        assert str(app.screen.query_one("#templates-state", Static).render()) == EMPTY
        await press(pilot, "escape")
        assert isinstance(app.screen, AddClientScreen) and app.screen.template is None
    database = Database(services_url)
    assert client_templates(database, "admin") == ()
    database.dispose()


def _open(keys_after_manage: tuple[str, ...]):  # noqa: ANN202
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, "m", *keys_after_manage)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_the_templates_screen(snap_compare, make_ui_app, with_templates, size) -> None:  # noqa: ANN001
    app = make_ui_app(url=with_templates)
    assert snap_compare(app, terminal_size=size, run_before=_open(("m", "end", "up", "up", "enter")))


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_the_template_picker(snap_compare, make_ui_app, with_templates, size) -> None:  # noqa: ANN001
    app = make_ui_app(url=with_templates)
    assert snap_compare(app, terminal_size=size, run_before=_open(("n", "ctrl+t")))
