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
    uk = replace(GOOD, country="GB", phone="020 7946 0958", state="London", postal_code="SW1A 1AA")
    assert validate_client_form(uk).phone == "+442079460958"
    assert "phone" in errors_for(replace(uk, phone="(217) 555-0123"))


@pytest.mark.parametrize(
    ("country", "code"),
    [("us", "US"), ("Germany", "DE"), ("UK", "GB"), ("FRA", "FR"), ("  new  zealand ", "NZ")],
)
def test_r_mc_1_country_by_name_or_code_normalised_to_alpha_2(country: str, code: str) -> None:
    state, postal = {"US": ("IL", "62701"), "DE": ("Berlin", "10115"), "GB": ("London", "SW1A 1AA"),
                     "FR": ("Île-de-France", "75008"), "NZ": ("Wellington", "6011")}[code]
    form = replace(GOOD, country=country, phone="+1 217 555 0123", state=state, postal_code=postal)
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


# --- addresses that can exist ---------------------------------------------------------------------------


def test_r_mc_1_a_state_the_country_does_not_have_is_refused() -> None:
    assert errors_for(replace(GOOD, state="ZZ")) == {"state": "is not a state, province or region of United States"}
    assert errors_for(replace(GOOD, state="Ontario"))["state"].endswith("of United States")


@pytest.mark.parametrize(("country", "state"), [
    ("US", "tx"), ("US", "US-TX"), ("US", "Texas"), ("CA", "QC"), ("CA", "Québec"), ("CA", "quebec"),
    ("IE", "County Cork"), ("ES", "Cataluña"), ("ES", "Comunidad de Madrid"), ("DE", "Baden-Wurttemberg"),
    ("GB", "Greater London"), ("NZ", "Wellington"),  # free text there: no official region line
    ("JP", "Tokyo"),
])
def test_r_mc_1_a_state_is_known_by_code_or_name_as_addresses_write_it(country: str, state: str) -> None:
    phone = {"US": GOOD.phone, "CA": "+1 416 555 0123", "IE": "+353 1 555 0123", "ES": "+34 91 555 0123",
             "DE": "+49 30 23091234", "GB": "+44 20 7946 0958", "NZ": "+64 4 555 0123", "JP": "+81 3 1234 5678"}
    postal = {"US": "62701", "CA": "M5V 3L9", "IE": "D02 X285", "ES": "28013", "DE": "10115", "GB": "SW1A 1AA",
              "NZ": "6011", "JP": "100-0001"}
    valid = validate_client_form(replace(GOOD, country=country, state=state, phone=phone[country],
                                         postal_code=postal[country]))
    assert valid.state == state


@pytest.mark.parametrize(("country", "postal", "stored"), [
    ("US", "62701-1234", "62701-1234"), ("GB", "sw1a  1aa", "SW1A 1AA"), ("CA", "m5v3l9", "M5V3L9"),
    ("NL", "1012 ab", "1012 AB"), ("BR", "01310-000", "01310-000"), ("JP", "100-0001", "100-0001"),
])
def test_r_mc_1_a_postal_code_in_the_countrys_format_is_stored_in_capitals(country: str, postal: str,
                                                                          stored: str) -> None:
    state = {"US": "IL", "GB": "", "CA": "ON", "NL": "Noord-Holland", "BR": "SP", "JP": "Tokyo"}[country]
    phone = {"US": GOOD.phone, "GB": "+44 20 7946 0958", "CA": "+1 416 555 0123", "NL": "+31 20 555 0123",
             "BR": "+55 11 5555 0123", "JP": "+81 3 1234 5678"}[country]
    form = replace(GOOD, country=country, state=state or "London", postal_code=postal, phone=phone)
    assert validate_client_form(form).postal_code == stored


@pytest.mark.parametrize(("country", "postal", "example"), [
    ("US", "ABCDE", "12345 or 12345-6789"), ("US", "1234", "12345 or 12345-6789"), ("GB", "12345", "SW1A 1AA"),
    ("DE", "1011", "10115"), ("CA", "12345", "K1A 0B1"),
])
def test_r_mc_1_a_postal_code_not_in_the_countrys_format_is_refused(country: str, postal: str, example: str) -> None:
    state = {"US": "IL", "GB": "London", "DE": "Berlin", "CA": "ON"}[country]
    phone = {"US": GOOD.phone, "GB": "+44 20 7946 0958", "DE": "+49 30 23091234", "CA": "+1 416 555 0123"}[country]
    errors = errors_for(replace(GOOD, country=country, state=state, postal_code=postal, phone=phone))
    assert errors["postal_code"].startswith("is not a postal code of ") and errors["postal_code"].endswith(
        f"(e.g. {example})")


def test_r_mc_1_the_address_is_not_judged_against_an_unknown_country() -> None:
    assert set(errors_for(replace(GOOD, country="Atlantis", state="ZZ", postal_code="ABCDE"))) == {"country", "phone"}
