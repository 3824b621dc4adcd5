"""Add a client, step 1 (R-MC-1)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from console_tui.domain.client_form import ClientForm, ValidClient, validate_client_form
from console_tui.domain.errors import ValidationError

GOOD = ClientForm(
    full_name="Ann Lee",
    email="ann@Example.COM",
    company_name="[b]ACME[/b]",
    street="1 Main St",
    city="Springfield",
    state="IL",
    postal_code="62701",
    country="United States",
    website="",
    phone="(217) 555-0123",
)


def errors_for(form: ClientForm) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_client_form(form)
    return caught.value.field_errors


def test_r_mc_1_valid_form_is_normalised() -> None:
    valid = validate_client_form(GOOD)
    assert valid == ValidClient(
        full_name="Ann Lee",
        email="ann@example.com",
        company_name="[b]ACME[/b]",
        street="1 Main St",
        city="Springfield",
        state="IL",
        postal_code="62701",
        country="US",
        website=None,
        phone="+12175550123",
    )


def test_r_mc_1_every_missing_field_named_at_once_except_website() -> None:
    errors = errors_for(ClientForm())
    assert set(errors) == {
        "full_name",
        "email",
        "company_name",
        "street",
        "city",
        "state",
        "postal_code",
        "country",
        "phone",
    }
    assert all(message == "is required" for message in errors.values())


def test_r_mc_1_every_invalid_field_named_at_once() -> None:
    form = replace(
        GOOD,
        email="not-an-email",
        country="Narnia",
        phone="12",
        website="ftp://acme.example",
        city="x" * 201,
    )
    errors = errors_for(form)
    assert set(errors) == {"email", "country", "phone", "website", "city"}
    assert "too long" in errors["city"]
    assert "http" in errors["website"]


def test_r_mc_1_message_is_a_sentence_naming_fields_by_label() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_client_form(replace(GOOD, email="", postal_code=" "))
    assert str(caught.value) == (
        "Adding the client was refused: 2 fields need attention (Email is required; "
        "Postal code is required). Correct the fields named and try again."
    )


def test_r_mc_1_phone_checked_for_the_country() -> None:
    uk = replace(GOOD, country="GB", phone="020 7946 0958")
    assert validate_client_form(uk).phone == "+442079460958"
    assert "phone" in errors_for(replace(GOOD, country="GB", phone="(217) 555-0123"))


@pytest.mark.parametrize(
    ("country", "code"),
    [("us", "US"), ("Germany", "DE"), ("UK", "GB"), ("FRA", "FR"), ("  new  zealand ", "NZ")],
)
def test_r_mc_1_country_by_name_or_code_normalised_to_alpha_2(country: str, code: str) -> None:
    form = replace(GOOD, country=country, phone="+1 217 555 0123")
    assert validate_client_form(form).country == code


@pytest.mark.parametrize("website", ["https://acme.example", "http://acme.example/path?q=1"])
def test_r_mc_1_website_optional_but_must_be_http_url(website: str) -> None:
    assert validate_client_form(replace(GOOD, website=website)).website == website
    for bad in ("acme.example", "javascript:alert(1)", "https://", "https://no dots"):
        assert "website" in errors_for(replace(GOOD, website=bad))


def test_r_mc_1_control_characters_removed_markup_kept() -> None:
    form = replace(
        GOOD, company_name="\x1b[31m[@click=app.quit]x[/]\u202e\x07", full_name="Ann\u200b Lee\n"
    )
    valid = validate_client_form(form)
    assert valid.company_name == "[@click=app.quit]x[/]"
    assert valid.full_name == "Ann Lee"


def test_r_mc_1_only_control_characters_counts_as_missing() -> None:
    assert errors_for(replace(GOOD, street="\x1b[2J\u200b"))["street"] == "is required"
