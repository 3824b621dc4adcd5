"""Client Configuration (R-MC-3, R-OPT-3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from console_tui.domain.configuration import (
    EU_MEMBER_STATES,
    Configuration,
    Region,
    Term,
    is_complete,
    missing_fields,
    parse_tax_rate,
    region_for_country,
    validate_configuration,
)
from console_tui.domain.errors import ValidationError

COMPLETE = Configuration(
    Term.ANNUAL,
    date(2025, 1, 1),
    "Bo Park",
    "bo@acme.example",
    Decimal("8.25"),
    margin_protection=False,
)


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("US", Region.US),
        ("us", Region.US),
        ("DE", Region.EU),
        ("IE", Region.EU),
        ("HR", Region.EU),
        ("GB", Region.OTHER),
        ("CH", Region.OTHER),
        ("AU", Region.AU_CA_NZ),
        ("CA", Region.AU_CA_NZ),
        ("NZ", Region.AU_CA_NZ),
        ("JP", Region.OTHER),
        ("", Region.OTHER),
    ],
)
def test_r_mc_3_region_from_country(country: str, region: Region) -> None:
    assert region_for_country(country) is region


def test_r_mc_3_eu_is_the_27_member_states() -> None:
    assert len(EU_MEMBER_STATES) == 27 and "GB" not in EU_MEMBER_STATES


def test_r_mc_3_new_configuration_is_incomplete_with_every_required_field_missing() -> None:
    assert missing_fields(Configuration()) == (
        "term",
        "start_date",
        "billing_contact",
        "billing_email",
        "tax_rate",
    )
    assert not is_complete(Configuration())


def test_r_mc_3_complete_configuration() -> None:
    assert missing_fields(COMPLETE) == () and is_complete(COMPLETE)


def test_r_mc_3_tax_rate_zero_counts_as_set_margin_protection_never_missing() -> None:
    config = Configuration(Term.MONTHLY, date(2025, 1, 1), "Bo", "bo@x.example", Decimal(0))
    assert is_complete(config)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", Decimal("0.00")),
        ("8.25", Decimal("8.25")),
        ("100", Decimal("100.00")),
        (" 7.5 % ", Decimal("7.50")),
        ("", None),
    ],
)
def test_r_mc_3_tax_rate_parsing(text: str, value: Decimal | None) -> None:
    assert parse_tax_rate(text) == value


@pytest.mark.parametrize("text", ["-0.01", "100.01", "8.255", "NaN", "Infinity", "abc", "8,25"])
def test_r_mc_3_tax_rate_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_tax_rate(text)


def test_r_opt_3_validate_configuration_names_every_bad_field() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_configuration(
            term="yearly",
            start_date=None,
            billing_email="nope",
            tax_rate="101",
            billing_contact="x" * 201,
        )
    assert set(caught.value.field_errors) == {
        "term",
        "billing_email",
        "tax_rate",
        "billing_contact",
    }


def test_r_opt_3_start_date_required_when_term_set() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_configuration(term="annual", start_date=None)
    assert caught.value.field_errors == {"start_date": "is required when a license term is set"}


def test_r_opt_3_partial_configuration_may_be_saved_and_is_normalised() -> None:
    config = validate_configuration(
        term=" Monthly ", start_date=date(2025, 2, 1), billing_email="Bo@ACME.example", tax_rate="5"
    )
    assert config == Configuration(
        Term.MONTHLY, date(2025, 2, 1), "", "Bo@acme.example", Decimal("5.00"), False
    )
    assert missing_fields(config) == ("billing_contact",)
