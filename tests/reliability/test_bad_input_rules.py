"""The whole bad-input catalogue through the rules every form applies, without a screen (fast).

Each form's command runs a domain validator or parser; here every value of
tests/reliability/catalogue.py goes through it, field by field, with the other fields good. Each
value ends in one of two ways: a ``ValidationError`` naming exactly that field with a message, or
an accepted value that is clean (nothing a terminal acts on: ``is_clean``) and normalised as the
rule says (cleaned and trimmed; email, country and phone normalised; whole numbers canonical).
The searches and filters of the console and Manage Clients take every value as plain text.

The screens get one accepted and one refused value per field (test_bad_input_ui_forms.py) and the
representative values per search box (test_bad_input_ui.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, fields
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from email_validator import validate_email

from console_tui.data.views.admin import EmailLimitRow
from console_tui.data.views.agency import EmailLimitsPage
from console_tui.data.views.manage import ManageRow
from console_tui.domain.client_form import FIELD_LABELS, FIELD_LIMITS, ClientForm, country_code, validate_client_form
from console_tui.domain.configuration import MAX_TEXT, validate_configuration
from console_tui.domain.cycles import Cycle
from console_tui.domain.errors import ValidationError
from console_tui.domain.forms import (
    MAX_LOGIN,
    MAX_ROLE,
    ProfileForm,
    validate_agency_user,
    validate_client_role,
    validate_person,
    validate_profile,
)
from console_tui.domain.limits import MAX_LIMIT, parse_limit, parse_whole_number, possible_overage
from console_tui.domain.text import clean_text, is_clean
from console_tui.viewmodels.limit_sheet import LimitSheet
from console_tui.viewmodels.manage_rows import Filters, select_rows
from console_tui.widgets.client_search import ClientIndex
from console_tui.widgets.configuration_form import parse_day
from tests.reliability.catalogue import GOOD_CLIENT, HOSTILE, WILDCARDS, as_pasted, expected_hits, no_escapes
from tests.ui.seed import CLIENTS
from tests.ui.seed import HOSTILE as HOSTILE_NAMES

E164 = re.compile(r"\+[1-9]\d{1,14}")


def refused_field(field: str, label: str, call: Callable, /, *args: object, **kwargs: object) -> str:
    """``call(*args, **kwargs)`` is refused naming exactly ``field`` with a message (returned)."""
    with pytest.raises(ValidationError) as refused:
        call(*args, **kwargs)
    errors = refused.value.field_errors
    assert set(errors) == {field}, (label, errors)
    message = errors[field]
    assert message.strip() and str(refused.value).strip(), label
    assert is_clean(message) and no_escapes(str(refused.value)), (label, message)  # the value is never echoed raw
    return message


def outcome(call: Callable, /, *args: object, **kwargs: object) -> tuple:
    """(``call(*args, **kwargs)``, None) or (None, the ValidationError it raised)."""
    try:
        return call(*args, **kwargs), None
    except ValidationError as error:
        return None, error


def text_rule(value: str, limit: int) -> str | None:
    """A plain text field's rule (R-MC-1): cleaned and trimmed, required, at most ``limit``; the
    stored value, or None when refused."""
    text = clean_text(value).strip()
    return text if 0 < len(text) <= limit else None


# --- Add a client (R-MC-1), the company profile and the people (same rules) ----------------------------


def check_client_field(name: str, value: str, label: str, valid, error) -> None:  # noqa: ANN001
    """One field of the add-client rules tried with ``value``: refused naming it, or stored
    normalised (every other field as the good form's)."""
    text = clean_text(value).strip()
    if error is not None:
        assert set(error.field_errors) == {name}, (label, error.field_errors)
        message = error.field_errors[name]
        assert message.strip() and is_clean(message) and no_escapes(str(error)), (label, message)
        if not text and name != "website":
            assert message == "is required", label
        elif len(text) > FIELD_LIMITS[name]:
            assert message.startswith("is too long"), label
        assert FIELD_LABELS[name] in str(error), label
        return
    stored = getattr(valid, name)
    assert stored is None or is_clean(stored), (label, stored)
    if name == "email":
        assert stored == validate_email(text, check_deliverability=False).normalized, label
    elif name == "country":
        assert stored == country_code(text) and len(stored) == 2, label
    elif name == "phone":
        assert E164.fullmatch(stored), (label, stored)
    elif name == "website":
        assert stored == (text or None), label
    else:
        assert stored == text_rule(value, FIELD_LIMITS[name]), label


GOOD_VALID = validate_client_form(ClientForm(**GOOD_CLIENT))


@pytest.mark.parametrize("name", list(FIELD_LABELS))
def test_r_mc_1_add_client_rules_refuse_or_normalise_each_catalogue_value(name: str) -> None:
    for label, value in HOSTILE:
        valid, error = outcome(validate_client_form, ClientForm(**{**GOOD_CLIENT, name: value}))
        check_client_field(name, value, label, valid, error)
        if valid is not None:
            others = {k: v for k, v in asdict(valid).items() if k != name}
            assert others == {k: v for k, v in asdict(GOOD_VALID).items() if k != name}, label


PROFILE_FIELDS = [f.name for f in fields(ProfileForm)]


@pytest.mark.parametrize("name", PROFILE_FIELDS)
def test_company_profile_rules_are_the_add_client_rules_for_each_catalogue_value(name: str) -> None:
    good = {k: GOOD_CLIENT[k] for k in PROFILE_FIELDS}
    for label, value in HOSTILE:
        valid, error = outcome(validate_profile, ProfileForm(**{**good, name: value}))
        check_client_field(name, value, label, valid, error)
        same = outcome(validate_client_form, ClientForm(**{**GOOD_CLIENT, name: value}))
        assert (valid is None) == (same[0] is None), label
        if error is not None:
            assert error.field_errors == same[1].field_errors and "company profile" in str(error), label


@pytest.mark.parametrize("name", ["full_name", "email"])
def test_a_person_is_checked_as_in_the_add_client_form_for_each_catalogue_value(name: str) -> None:
    good = {"full_name": "Zoe Quinn", "email": "zoe@example.com"}
    for label, value in HOSTILE:
        values = {**good, name: value}
        person, error = outcome(validate_person, values["full_name"], values["email"], what="Saving the user")
        valid = None if person is None else SimpleNamespace(full_name=person[0], email=person[1])
        check_client_field(name, value, label, valid, error)
        if person is not None:
            assert person[1 - ["full_name", "email"].index(name)] == good["email" if name == "full_name" else
                                                                        "full_name"], label


def test_r_cmc_3_client_role_is_free_text_of_1_to_40_for_each_catalogue_value() -> None:
    for label, value in HOSTILE:
        expected = text_rule(value, MAX_ROLE)
        if expected is None:
            assert refused_field("role", label, validate_client_role, value) == \
                f"must be 1 to {MAX_ROLE} characters", label
        else:
            assert validate_client_role(value) == expected and is_clean(expected), label


@pytest.mark.parametrize("name", ["login", "full_name", "email"])
def test_r_acc_1_agency_user_refuses_or_normalises_each_catalogue_value(name: str) -> None:
    good = {"login": "dana", "full_name": "Dana Dev", "email": "dana@northwind.example"}
    for label, value in HOSTILE:
        values = {**good, name: value}
        result, error = outcome(validate_agency_user, values["login"], values["full_name"], values["email"],
                                "Marketing Manager")
        if name == "login":
            login = value.strip()
            fine = 0 < len(login) <= MAX_LOGIN and login.isprintable() and is_clean(login) and \
                not any(c.isspace() for c in login)
            if not fine:
                assert error is not None and set(error.field_errors) == {"login"}, label
                assert error.field_errors["login"].strip() and no_escapes(str(error)), label
            else:
                assert result is not None and result[0] == login and is_clean(result[0]), label
            continue
        valid = None if result is None else SimpleNamespace(full_name=result[1], email=result[2])
        check_client_field(name, value, label, valid, error)
        if error is not None:
            assert "agency user" in str(error), label


# --- Client Configuration (R-MC-3) -----------------------------------------------------------------

GOOD_CONFIGURATION = {"term": "monthly", "start_date": "2026-01-01", "billing_contact": "Bill Payer",
                      "billing_email": "billing@example.com", "tax_rate": "8.25", "margin_protection": False}


def configure(values: dict):  # noqa: ANN001, ANN201
    """What the configuration form's save runs: its own date check, then validate_configuration."""
    try:
        start = parse_day(values["start_date"])
    except ValueError as error:  # the form names the start date beside it
        raise ValidationError({"start_date": str(error)}) from None
    return validate_configuration(**{**values, "start_date": start})


@pytest.mark.parametrize("name", ["term", "start_date", "billing_contact", "billing_email", "tax_rate"])
def test_r_mc_3_configuration_refuses_or_normalises_each_catalogue_value(name: str) -> None:
    for label, value in HOSTILE:
        values = {**GOOD_CONFIGURATION, name: value}
        valid, error = outcome(configure, values)
        text = clean_text(value).strip()
        if error is not None:
            refused_field(name, label, configure, values)
            continue
        stored = getattr(valid, name)
        if name == "term":
            assert text == "" and stored is None, label  # no catalogue value is a term but blank
        elif name == "start_date":
            assert stored == date.fromisoformat(value.strip()), label
        elif name == "billing_contact":
            assert stored == text and len(text) <= MAX_TEXT and is_clean(stored), label
        elif name == "billing_email":
            assert stored == (validate_email(text, check_deliverability=False).normalized if text else ""), label
            assert is_clean(stored), label
        else:
            assert stored is None or (isinstance(stored, Decimal) and stored.is_finite() and 0 <= stored <= 100
                                      and stored == stored.quantize(Decimal("0.01"))), (label, stored)


# --- Whole numbers: email limits (R-EL-1) and allowances (R-OPT-4) ----------------------------------


@pytest.mark.parametrize("allow_blank", [True, False], ids=["limit", "allowance"])
def test_r_el_1_whole_numbers_refuse_or_read_each_catalogue_value(allow_blank: bool) -> None:
    field = "limit" if allow_blank else "allowance"
    for label, value in HOSTILE:
        number, error = outcome(parse_whole_number, value, field=field, allow_blank=allow_blank)
        stripped = value.strip()
        if error is not None:
            message = refused_field(field, label, parse_whole_number, value, field=field, allow_blank=allow_blank)
            if not stripped:
                assert not allow_blank and message == "is required", label
            continue
        if not stripped:
            assert allow_blank and number is None, label
        else:
            assert stripped.isascii() and stripped.isdigit() and str(number) == stripped, label
            assert 0 <= number <= MAX_LIMIT, label


def test_r_el_1_limit_sheet_names_each_bad_catalogue_value() -> None:
    """The LimitSheet (the rows behind Email Limits) for every value as typed: a bad one is named
    with the client and what to write, marks its row, and refuses the whole save (R-EL-1, R-EL-4);
    the texts it makes for the screen hold no control character beyond the typed value's."""
    row = EmailLimitRow(client_id=7, name="Acme Widgets", version=1, limit=5000, sent=1200, scheduled=300,
                        overage=possible_overage(5000, 10_000, 500))
    page = EmailLimitsPage(cycle=Cycle(date(2026, 11, 1), date(2026, 11, 30)), included_emails=10_000,
                           overage_per_1000_cents=500, rows=(row,))
    for label, value in HOSTILE:
        sheet = LimitSheet(page)
        problem = sheet.edit(row.client_id, value)
        limit, error = outcome(parse_limit, value)
        ok = error is None
        assert (problem is None) == ok, label
        cells, tone = sheet.cells(row)
        detail, summary = sheet.detail(row), sheet.summary(len(page.rows))
        if ok:
            assert tone != "error" and (limit == row.limit or cells[0] == "*"), label
            continue
        assert tone == "error" and cells[0] == "!" and cells[-1] == "fix the limit", label
        assert problem.startswith(f"{row.name}: the limit") and "whole number" in problem, label
        assert "The new limit" in detail and "(1 to fix)" in summary, label
        assert no_escapes(problem) and no_escapes(detail.replace(value.strip(), "")), label  # repr'd, not raw
        with pytest.raises(ValidationError) as refused:
            sheet.to_save()
        assert row.name in str(refused.value) and sheet.edits == {row.client_id: value}, label


# --- The searches: the console's client search (R-CMC-2) and Manage Clients (R-MC-2) -------------------

#: The names searched: the seeded agency's, its hostile ones, and every catalogue value a name could be
#: (not blank, at most a company name's length).
NAMES = [name for name, *_ in CLIENTS] + HOSTILE_NAMES + [value for _, value in HOSTILE if value.strip()
                                                          and len(value) <= FIELD_LIMITS["company_name"]]


def test_r_cmc_2_client_search_takes_each_catalogue_value_as_plain_text() -> None:
    """The console's search (ClientIndex) over plain, hostile and catalogue names, for every value
    as the search box holds it once pasted, and as raw text: substring matches are never lost,
    wildcards and quotes are ordinary characters, and what is shown is clean."""
    index = ClientIndex([SimpleNamespace(id=i, name=name) for i, name in enumerate(NAMES)])
    for label, value in HOSTILE:
        for query in (as_pasted(value), value):
            found = index.search(query)
            hits = expected_hits(NAMES, query)
            if hits is None:
                assert found is None, label
                continue
            shown = {index.names[i] for i in found}
            assert {index.names[NAMES.index(n)] for n in hits} <= shown, label
            assert all(is_clean(name) for name in shown), label
            if label in WILDCARDS:
                assert len(shown) < len(NAMES), f"{label}: {value!r} acted as a wildcard"


def test_r_mc_2_manage_clients_search_takes_each_catalogue_value_as_plain_text() -> None:
    rows = tuple(ManageRow(id=i, name=name, kind="client", status="Active", term=None, tags=(), user_count=0,
                           last_login=None, sent_this_cycle=0, sender_status="Healthy", removed_at=None, counted=True)
                 for i, name in enumerate(NAMES))
    for label, value in HOSTILE:
        held = as_pasted(value)
        shown = {row.name for row in select_rows(rows, Filters(), held)}
        wanted = " ".join(held.split()).casefold()
        assert shown == {name for name in NAMES if wanted in name.casefold()}, label
        if not wanted:
            assert shown == set(NAMES), label
        if label in WILDCARDS:
            assert len(shown) < len(NAMES), f"{label}: {value!r} acted as a wildcard"
        raw = {row.name for row in select_rows(rows, Filters(), value)}  # raw text: matched literally too
        assert raw == {name for name in NAMES if " ".join(value.split()).casefold() in name.casefold()}, label
