"""Client Configuration: license term, billing contact, tax, region, margin protection (R-MC-3).

Required for a complete configuration: the license term with its start date, the billing contact
and billing email, and the tax rate. Until all are set the client is **configuration incomplete**:
tagged ``Config incomplete`` (R-MC-2) and its charges are provisional (R-BL-3, R-BL-4).
Margin protection is a switch (off by default), never missing. The region is not stored: it
follows from the company's country (:func:`region_for_country`).

:func:`validate_configuration` accepts a partial configuration (saving an incomplete one is
allowed) but refuses invalid values, every bad field at once: an unknown term, a term without a
start date, an invalid billing email, a tax rate outside 0–100 or with more than 2 decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from console_tui.domain import lengths
from console_tui.domain.errors import ValidationError
from console_tui.domain.text import clean_text

MAX_TEXT = lengths.PERSON_NAME  # the billing contact's name


class Term(StrEnum):
    """License terms (R-MC-3)."""

    MONTHLY = "monthly"
    ANNUAL = "annual"


class Region(StrEnum):
    """Billing regions, derived from the company's country (R-MC-3)."""

    US = "US"
    EU = "EU"
    AU_CA_NZ = "AU/CA/NZ"
    OTHER = "Other"


#: The 27 member states of the European Union (ISO 3166-1 alpha-2).
EU_MEMBER_STATES: frozenset[str] = frozenset(
    {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
    | {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
)


def region_for_country(alpha2: str) -> Region:
    """The region for an ISO alpha-2 code, case-insensitive; unknown codes are Other (R-MC-3)."""
    code = alpha2.strip().upper()
    if code == "US":
        return Region.US
    if code in EU_MEMBER_STATES:
        return Region.EU
    if code in {"AU", "CA", "NZ"}:
        return Region.AU_CA_NZ
    return Region.OTHER


@dataclass(frozen=True)
class Configuration:
    """A client's configuration; ``None``/"" mean not yet set (R-MC-3)."""

    term: Term | None = None
    start_date: date | None = None
    billing_contact: str = ""
    billing_email: str = ""
    tax_rate: Decimal | None = None
    margin_protection: bool = False


#: Required fields, in the order the screen shows them (R-MC-3).
REQUIRED_FIELDS: tuple[str, ...] = (
    "term",
    "start_date",
    "billing_contact",
    "billing_email",
    "tax_rate",
)


def missing_fields(config: Configuration) -> tuple[str, ...]:
    """The required fields not yet set, in :data:`REQUIRED_FIELDS` order (R-MC-3)."""
    return tuple(name for name in REQUIRED_FIELDS if getattr(config, name) in (None, ""))


def is_complete(config: Configuration) -> bool:
    """True when every required configuration field is set (R-MC-3)."""
    return not missing_fields(config)


def parse_tax_rate(value: str | Decimal | int | None) -> Decimal | None:
    """A tax rate percentage, 0–100 with at most 2 decimals; blank means not set (R-MC-3).

    Raises ``ValueError`` with a message for anything else (NaN, infinity, "12,5", 100.01 …).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("must be a number from 0 to 100")
    try:
        text = value.strip().removesuffix("%").strip() if isinstance(value, str) else value
        rate = Decimal(text)
    except InvalidOperation:
        raise ValueError("must be a number from 0 to 100, e.g. 8.25") from None
    if not rate.is_finite():
        raise ValueError("must be a number from 0 to 100, e.g. 8.25")
    if rate < 0 or rate > 100:
        raise ValueError("must be from 0 to 100")
    exponent = rate.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and rate != rate.quantize(Decimal("0.01")):
        raise ValueError("may have at most 2 decimals")
    return rate.quantize(Decimal("0.01"))


def validate_configuration(
    *,
    term: str | None,
    start_date: date | None,
    billing_contact: str = "",
    billing_email: str = "",
    tax_rate: str | Decimal | int | None = None,
    margin_protection: bool = False,
) -> Configuration:
    """Check a configuration being saved and return it normalised (R-MC-3, R-OPT-3).

    Raises :class:`ValidationError` naming every bad field at once.
    """
    errors: dict[str, str] = {}
    parsed_term: Term | None = None
    term_text = clean_text(term or "").strip().lower()
    if term_text:
        try:
            parsed_term = Term(term_text)
        except ValueError:
            errors["term"] = "must be monthly or annual"
    if parsed_term is not None and start_date is None:
        errors["start_date"] = "is required when a license term is set"
    contact = clean_text(billing_contact).strip()
    if len(contact) > MAX_TEXT:
        errors["billing_contact"] = f"is too long (at most {MAX_TEXT} characters)"
    email = clean_text(billing_email).strip()
    if email:
        from email_validator import EmailNotValidError, validate_email  # loads when a form is checked

        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError as exc:
            errors["billing_email"] = f"is not a valid email address ({str(exc).rstrip('.')})"
    try:
        rate = parse_tax_rate(tax_rate)
    except ValueError as exc:
        errors["tax_rate"] = str(exc)
        rate = None
    if errors:
        raise ValidationError(errors, what="Saving the client configuration")
    return Configuration(parsed_term, start_date, contact, email, rate, bool(margin_protection))
