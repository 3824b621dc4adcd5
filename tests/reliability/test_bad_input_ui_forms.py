"""The bad-input catalogue through every form field of every form, wizard and dialog.

Each form's text fields are found by querying its ``Input`` widgets (so a field added later is
covered). Each field is pasted one catalogue value its rule accepts and one it refuses
(:func:`~tests.reliability.catalogue.one_of_each`: the k-th field gets the k-th of each, so the
fields together see many different values), one field at a time (the others hold good values),
and the form is submitted; the whole catalogue goes through the same rules without a screen in
test_bad_input_rules.py. The expected outcome comes from the documented rule the command applies
(the domain validator of that form): a refusal names the field beside it (``✗ <label> <problem>``)
and changes nothing — every row and the audit log as before — while an accepted value is stored
exactly as the rule normalises it (clean_text + trim, normalised email/country/phone …), with one
audit row. Throughout: no crash, no escape/control character on screen, markup shown literally.
A field whose rule accepts no catalogue value (a path, a typed company name) gets the
representative values instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import update
from textual.widgets import Input, Select

from console_tui.data.engine import Database
from console_tui.data.schema import Client
from console_tui.domain.client_form import FIELD_LABELS, ClientForm, validate_client_form
from console_tui.domain.configuration import validate_configuration
from console_tui.domain.errors import ValidationError
from console_tui.domain.forms import (
    ProfileForm,
    validate_agency_user,
    validate_client_role,
    validate_person,
    validate_profile,
)
from console_tui.screens.admin.agency_users import AgencyUsersScreen
from console_tui.screens.client.company_avatar import CompanyAvatarScreen
from console_tui.screens.client.edit_forms import ProfileEditForm, UserForm
from console_tui.screens.dialogs.add_user_dialog import AddUserDialog
from console_tui.screens.manage.add_client import AddClientScreen
from console_tui.widgets.configuration_form import ConfigurationForm, parse_day
from console_tui.widgets.form_field import FormField
from tests.reliability.catalogue import GOOD_CLIENT as GOOD
from tests.reliability.catalogue import REPRESENTATIVE, entries, one_of_each
from tests.reliability.test_bad_input_ui import (  # noqa: F401 - _close_databases is a fixture
    _close_databases,
    assert_screen_safe,
    clean_value,
    db_state,
    notes,
    paste,
    press,
    settle,
)
from tests.ui.conftest import make_ui_app, ui_db_url, ui_template  # noqa: F401 - fixtures
from tests.ui.manage.conftest import services_url  # noqa: F401 - fixture
from tests.ui.manage.test_option_screens import make_monthly, open_option


def changed_rows(before: dict, after: dict) -> dict[str, list[tuple]]:
    """Rows that are new or different, by table."""
    return {table: [row for row in rows if row not in before[table]]
            for table, rows in after.items() if table != "audit" and rows != before[table]}


def assert_refused(url: str, before: dict, field: FormField, errors: dict[str, str], label: str) -> None:
    """A refusal: the rule's message beside the field, nothing changed (no row, no audit)."""
    assert field.error == errors[field.field_name], (label, field.error, errors)
    shown = str(field.query_one(".field-error").render())
    assert shown == f"✗ {field.label} {errors[field.field_name]}", (label, shown)
    assert field.has_class("-invalid"), label
    assert db_state(url) == before, f"{label}: a refused form changed the database"


def assert_stored(url: str, before: dict, expected: list, label: str, audits: int = 1) -> None:
    """An acceptance: one audit row, and every expected normalised value is in a changed row."""
    after = db_state(url)
    assert after["audit"][0] == before["audit"][0] + audits, label
    rows = [row for table in changed_rows(before, after).values() for row in table]
    for value in expected:
        assert any(value in row for row in rows), f"{label}: {value!r} not stored; changed rows {rows}"


def accepted_by(errors_of: Callable[[dict[str, str]], dict], good: dict[str, str], name: str) -> Callable[[str], bool]:
    """For one_of_each: whether a form holding ``good`` and, in field ``name``, a value is accepted by
    its rule (``errors_of`` gives the rule's field errors, empty for an acceptance)."""
    return lambda held: not errors_of({**good, name: held})


def client_errors(values: dict[str, str]) -> dict[str, str]:
    try:
        validate_client_form(ClientForm(**values))
    except ValidationError as error:
        return error.field_errors
    return {}


def field_inputs(screen) -> list[FormField]:  # noqa: ANN001
    """Every text field of the form, found by querying its inputs (a field added later is in)."""
    fields = [inp.parent.parent for inp in screen.query(Input) if isinstance(inp.parent.parent, FormField)]
    assert len(fields) == len(list(screen.query(Input))), "a text field outside FormField: cover it here"
    return fields


# --- Add a client, step 1 (R-MC-1) ----------------------------------------------------------------

async def open_wizard(pilot) -> AddClientScreen:  # noqa: ANN001
    await press(pilot, "n")
    wizard = pilot.app.screen
    assert isinstance(wizard, AddClientScreen) and wizard.step == 1
    return wizard


async def test_r_mc_1_add_client_every_field_refuses_or_stores_each_catalogue_value(make_ui_app, ui_db_url):
    """R-MC-1: every bad field is named beside it and nothing is created; text is cleaned and
    trimmed, email/country/phone normalised; markup-looking names are kept as written."""
    app = make_ui_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        wizard = await open_wizard(pilot)
        fields = field_inputs(wizard.query_one("#step1"))  # step 2 is the configuration form, swept below
        assert {f.field_name for f in fields} == set(FIELD_LABELS)
        for n_field, name in enumerate(f.field_name for f in fields):
            accepts = accepted_by(client_errors, GOOD, name)
            tried = one_of_each(n_field, accepts, wizard.field(name).input.max_length)
            for n_value, (label, value) in enumerate(tried):
                tag = f"{name} / {label}"
                good = {**GOOD, "company_name": f"Rose {n_field}-{n_value}"}  # every accepted client differs
                for other, text in good.items():
                    wizard.field(other).value = text
                wizard.query_one("#kind").query("RadioButton")[1].value = True  # a lead: never counted (R-CAP-1)
                held = await paste(pilot, wizard.field(name).input, value)
                clean_value(held)
                before = db_state(ui_db_url)
                try:
                    valid = validate_client_form(ClientForm(**{**good, name: held}))
                except ValidationError as error:
                    valid, errors = None, error.field_errors
                await press(pilot, "ctrl+s")
                if valid is None:
                    assert set(errors) == {name} and wizard.step == 1, tag
                    assert_refused(ui_db_url, before, wizard.field(name), errors, tag)
                    assert "Nothing was saved" in str(wizard.status.render()), tag
                    if not held.strip() and name != "website":
                        assert errors[name] == "is required", tag
                    assert_screen_safe(app, held if len(held) < 40 else None)
                else:
                    assert wizard.step == 2, tag
                    assert_stored(ui_db_url, before, [v for v in asdict(valid).values() if v], tag)
                    assert_screen_safe(app)
                    await press(pilot, "escape")  # step 2: later
                    assert "was added without its configuration" in notes(app)[-1], tag
                    wizard = await open_wizard(pilot)


# --- Client Configuration (R-OPT-3, R-MC-3) --------------------------------------------------------


def configuration_rule(values: dict) -> tuple[object, dict[str, str]]:
    """(The valid configuration or None, the field errors) of the form's values by its rules: the
    form's own date check, then validate_configuration."""
    try:
        return validate_configuration(**{**values, "start_date": parse_day(values["start_date"])}), {}
    except ValueError as error:  # the form's own date check
        return None, {"start_date": str(error)}
    except ValidationError as error:
        return None, error.field_errors


async def test_r_mc_3_configuration_every_field_refuses_or_stores_each_catalogue_value(make_ui_app, ui_db_url):
    """R-MC-3: start date YYYY-MM-DD, tax rate 0-100 with 2 decimals (no NaN/infinity), a valid
    billing email; refusals named beside the field after the confirmation, nothing saved."""
    app = make_ui_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "2")
        form = screen.query_one(ConfigurationForm)
        for n_field, field in enumerate(field_inputs(screen)):
            view = screen.view
            form.load(view)
            good = {"term": view.term, "start_date": form.field("start_date").value,
                    **{k: form.field(k).value for k in ("billing_contact", "billing_email", "tax_rate")},
                    "margin_protection": view.margin_protection}
            accepts = accepted_by(lambda values: configuration_rule(values)[1], good, field.field_name)
            for label, value in one_of_each(n_field + 2, accepts, field.input.max_length):
                tag = f"{field.field_name} / {label}"
                form.load(view)
                held = await paste(pilot, field.input, value)
                clean_value(held)
                before = db_state(ui_db_url)
                valid, errors = configuration_rule({**good, field.field_name: held})
                await press(pilot, "ctrl+s")
                if type(app.screen).__name__ == "Confirm":
                    assert_screen_safe(app)
                    await press(pilot, "y")
                if valid is None:
                    assert set(errors) == {field.field_name}, tag
                    assert_refused(ui_db_url, before, field, errors, tag)
                    assert "Nothing was saved" in str(screen.status.render()), tag
                elif db_state(ui_db_url) != before:
                    stored = [valid.billing_contact, valid.billing_email, valid.tax_rate, valid.start_date]
                    assert_stored(ui_db_url, before, [v for v in stored if v], tag)
                    assert notes(app)[-1].startswith("Configuration saved"), tag
                else:
                    assert notes(app)[-1] == "Nothing changed, so there is nothing to save.", tag
                assert_screen_safe(app, held if len(held) < 40 else None)


# --- Services and Allowances (R-OPT-4): the allowance asked for --------------------------------------


async def test_r_opt_4_allowance_refuses_or_stores_each_catalogue_value(make_ui_app, services_url):
    """R-OPT-4 with R-EL-1's whole-number rule: a bad allowance is refused with its reason."""
    from console_tui.domain.limits import parse_whole_number

    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "3")

        def accepts(held: str) -> bool:
            try:
                return parse_whole_number(held, field="allowance", allow_blank=False) is not None
            except ValidationError:
                return False

        for label, value in one_of_each(4, accepts):  # no catalogue value is an allowance: one refused
            before = db_state(services_url)
            screen.query_one("#services").cursor = 0
            await press(pilot, "enter")
            ask = app.screen
            assert type(ask).__name__ == "AskValue", label
            held = await paste(pilot, ask.query_one(Input), value)
            clean_value(held)
            try:
                allowance = parse_whole_number(held, field="allowance", allow_blank=False)
            except ValidationError:
                allowance = None
            await press(pilot, "enter")
            if type(app.screen).__name__ == "Confirm":  # lowering below what is active
                assert allowance is not None and allowance < 10, label
                await press(pilot, "y")
            assert app.screen is screen, label
            if allowance is None:
                assert db_state(services_url) == before, label
                assert "allowance" in notes(app)[-1].lower(), (label, notes(app)[-1])
            else:
                assert_stored(services_url, before, [allowance], label)
            assert_screen_safe(app)


# --- Remove Company: the typed name (R-OPT-9) ------------------------------------------------------


async def test_r_opt_9_a_typed_name_that_is_not_the_company_removes_nothing(make_ui_app, ui_db_url):
    """R-OPT-9: removal is confirmed by typing the company's name; no catalogue value is it (the
    representative ones are tried)."""
    make_monthly(ui_db_url, "Acme Widgets")
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_option(app, pilot, "Acme Widgets", "9")
        for label, value in entries(REPRESENTATIVE):
            before = db_state(ui_db_url)
            await pilot.press("x")
            await settle(pilot)
            ask = app.screen
            assert type(ask).__name__ == "TypeToConfirm", label
            held = await paste(pilot, ask.query_one(Input), value)
            clean_value(held)
            await press(pilot, "enter")
            assert app.screen is screen and db_state(ui_db_url) == before, label
            assert "Acme Widgets" in notes(app)[-1] or "name" in notes(app)[-1].lower(), (label, notes(app)[-1])
            assert_screen_safe(app)


# --- The client's users (User Accounts) and company profile (Settings) -------------------------------


def user_rule(values: dict[str, str]) -> tuple[dict[str, str], list]:
    """(field errors, normalised values) of a client user by its rules (R-MC-1 person, role text)."""
    errors: dict[str, str] = {}
    stored: list = []
    try:
        stored += validate_person(values["full_name"], values["email"], what="Saving the user")
    except ValidationError as error:
        errors.update(error.field_errors)
    try:
        stored.append(validate_client_role(values["role"]))
    except ValidationError as error:
        errors.update(error.field_errors)
    return errors, stored


def profile_rule(values: dict[str, str]) -> tuple[dict[str, str], list]:
    try:
        valid = validate_profile(ProfileForm(**values))
    except ValidationError as error:
        return error.field_errors, []
    return {}, [v for k, v in asdict(valid).items() if v and k not in ("full_name", "email")]


async def sweep_edit_form(pilot, url: str, open_form: Callable, rule: Callable, good: Callable,  # noqa: ANN001
                          offset: int = 0) -> set[str]:
    """One value the rule accepts and one it refuses into each field of the EditForm ``open_form``
    opens (the k-th field gets the (k + offset)-th of each); returns the names of the fields tried."""
    app = pilot.app
    form = await open_form()
    tried, names = 0, set()
    for n_field, name in enumerate([field.field_name for field in field_inputs(form)]):
        accepts = accepted_by(lambda values: rule(values)[0], good(0), name)
        for label, value in one_of_each(n_field + offset, accepts, form.fields[name].input.max_length):
            names.add(name)
            field = form.fields[name]  # (the form is opened again after each save)
            tag = f"{type(form).__name__} {name} / {label}"
            for other, text in good(tried).items():  # unique per try: a saved email is taken
                form.fields[other].value = text
            held = await paste(pilot, field.input, value)
            clean_value(held)
            errors, stored = rule(form.values())
            before = db_state(url)
            await press(pilot, "ctrl+s")
            tried += 1
            if errors:
                assert set(errors) == {name} and app.screen is form, tag
                assert_refused(url, before, field, errors, tag)
                assert "Nothing was saved" in str(form.query_one("#form-status").render()), tag
                assert_screen_safe(app, held if len(held) < 30 else None)
            else:
                assert app.screen is not form, f"{tag}: not saved ({form.query_one('#form-status').render()})"
                assert_stored(url, before, stored, tag)
                assert_screen_safe(app)
                form = await open_form()
    return names


async def test_r_cmc_3_add_client_user_every_field(make_ui_app, ui_db_url):
    """R-CMC-3 User Accounts (add): name and email as in R-MC-1, role free text of 1-40."""
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "u")

        async def open_form() -> UserForm:
            await press(pilot, "n")
            assert isinstance(app.screen, UserForm)
            return app.screen

        def good(n: int) -> dict[str, str]:
            return {"full_name": "Zoe Quinn", "email": f"zoe{n}@example.com", "role": "User"}

        assert await sweep_edit_form(pilot, ui_db_url, open_form, user_rule, good, offset=1) == {"full_name", "email",
                                                                                              "role"}


async def test_r_cmc_3_edit_client_user_every_field(make_ui_app, ui_db_url):
    """R-CMC-3 User Accounts (edit): the same rules as adding; a refusal leaves the user as it was."""
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "u")

        async def open_form() -> UserForm:
            app.screen.table.cursor = 0
            await press(pilot, "e")
            assert isinstance(app.screen, UserForm) and app.screen.user is not None
            return app.screen

        def good(n: int) -> dict[str, str]:
            return {"full_name": f"Edited Person {n}", "email": f"edited{n}@example.com", "role": "Editor"}

        assert await sweep_edit_form(pilot, ui_db_url, open_form, user_rule, good, offset=3) == {"full_name", "email",
                                                                                              "role"}


async def test_r_mc_1_company_profile_every_field(make_ui_app, ui_db_url):
    """R-CMC-3 Settings: the company profile is checked exactly as the add-client form (R-MC-1)."""
    app = make_ui_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")

        async def open_form() -> ProfileEditForm:
            await press(pilot, "e")
            assert isinstance(app.screen, ProfileEditForm)
            return app.screen

        def good(n: int) -> dict[str, str]:
            return {"company_name": f"Acme Widgets {n}", "street": "1 Main Street", "city": "Springfield",
                    "state": "IL", "postal_code": "62701", "country": "US", "website": "https://example.com",
                    "phone": "+1 217 555 0100"}

        tried = await sweep_edit_form(pilot, ui_db_url, open_form, profile_rule, good, offset=5)
        assert tried == {"company_name", "street", "city", "state", "postal_code", "country", "website", "phone"}


# --- Add an agency user (R-ACC-1) --------------------------------------------------------------------


def agency_user(n: int) -> dict[str, str]:
    return {"login": f"dana{n}", "full_name": "Dana Dev", "email": f"dana{n}@northwind.example"}


def agency_user_rule(values: dict[str, str]) -> tuple[tuple, dict[str, str]]:
    """(The normalised values, the field errors) of an agency user with the dialog's role."""
    try:
        return validate_agency_user(values["login"], values["full_name"], values["email"], "Marketing Manager"), {}
    except ValidationError as error:
        return (), error.field_errors


async def test_r_acc_1_add_agency_user_every_field(make_ui_app, ui_db_url):
    """R-ACC-1: login (no spaces), name and email as in R-MC-1, one of the roles; a refused field is
    named under it and nobody is added."""
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(AgencyUsersScreen())
        await settle(pilot)

        async def open_dialog() -> AddUserDialog:
            await press(pilot, "a")
            assert isinstance(app.screen, AddUserDialog)
            return app.screen

        dialog = await open_dialog()
        inputs = list(dialog.query(Input))
        assert [i.id for i in inputs] == ["add-login", "add-full_name", "add-email"]
        tried = 0
        for n_field, inp_id in enumerate([i.id for i in inputs]):
            name = inp_id.removeprefix("add-")
            accepts = accepted_by(lambda values: agency_user_rule(values)[1], agency_user(0), name)
            for label, value in one_of_each(n_field + 2, accepts, dialog.query_one(f"#{inp_id}", Input).max_length):
                tag = f"{name} / {label}"
                good = agency_user(tried)  # unique per try: a saved login is taken
                tried += 1
                for other, text in good.items():
                    dialog.query_one(f"#add-{other}", Input).value = text
                dialog.query_one("#add-role", Select).value = "Marketing Manager"
                held = await paste(pilot, dialog.query_one(f"#{inp_id}", Input), value)
                clean_value(held)
                before = db_state(ui_db_url)
                stored, errors = agency_user_rule({**good, name: held})
                await press(pilot, "ctrl+s")
                if errors:
                    assert set(errors) == {name} and app.screen is dialog, tag
                    shown = dialog.query_one(f"#error-{name}")
                    assert shown.has_class("-shown") and str(shown.render()) == errors[name], tag
                    assert str(dialog.query_one("#add-message").render()) == (
                        "Nothing was added: correct the fields named above."), tag
                    assert db_state(ui_db_url) == before, tag
                    assert_screen_safe(app, held if len(held) < 30 else None)
                else:
                    assert app.screen is not dialog, tag
                    assert_stored(ui_db_url, before, [str(v) for v in stored], tag)
                    assert_screen_safe(app)
                    dialog = await open_dialog()


# --- Company Avatar: the path (R-CMC-3, R-OPT-8) -----------------------------------------------------


async def test_r_cmc_3_avatar_path_names_the_problem_and_stores_nothing(make_ui_app, ui_db_url, tmp_path: Path,
                                                                       monkeypatch):
    """No catalogue value is the path of a PNG or JPEG: each is named beside the field and no
    picture is stored (relative paths resolve in an empty folder)."""
    monkeypatch.chdir(tmp_path)
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "a")  # Blue Harbor Dental: no avatar yet
        screen = app.screen
        assert isinstance(screen, CompanyAvatarScreen)
        (field,) = field_inputs(screen)
        for label, value in entries(REPRESENTATIVE):
            before = db_state(ui_db_url)
            held = await paste(pilot, field.input, value)
            clean_value(held)
            await press(pilot, "enter")
            assert db_state(ui_db_url) == before, label
            assert field.error, f"{label}: no message beside the path ({screen.status.render()})"
            assert str(field.query_one(".field-error").render()).startswith("✗ Image file "), label
            if not held.strip():
                assert field.error == "is required: type the path of a PNG or JPEG file", label
            assert_screen_safe(app)


# --- Hostile text already in the database ----------------------------------------------------------


async def test_a_stored_value_with_escapes_opens_in_a_form_as_plain_data(make_ui_app, ui_db_url):
    """A company name stored with an escape sequence (written before validation, or by another tool)
    opens in the profile editor cleaned: the field holds data, the terminal receives no escape."""
    database = Database(ui_db_url)
    try:
        with database.write() as session:
            session.execute(update(Client).where(Client.name == "Acme Widgets")
                            .values(street="1 Main\x1b[2J Street\x9b31m\u202e"))
    finally:
        database.dispose()
    app = make_ui_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, ProfileEditForm)
        assert form.fields["street"].value == "1 Main Street"
        assert_screen_safe(app)
