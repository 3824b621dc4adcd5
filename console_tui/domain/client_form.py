"""Add a client, step 1: the first client user and the company's profile (R-MC-1).

All fields are required except the website (CAN-SPAM needs the physical address). Every bad
field is named at once in one :class:`ValidationError` and nothing is created. Text is cleaned
with :func:`clean_text` (control and escape characters removed, markup-looking text kept as
written) and trimmed before checking. Each field is at most :data:`FIELD_LIMITS` characters: the
length of the column it is stored in (:mod:`console_tui.domain.lengths`).

* email: ``email_validator`` (syntax only, no DNS), stored normalised;
* country: ``pycountry``, by name, alpha-2 or alpha-3 code (plus "UK"), stored as alpha-2;
* state/province and postal code: they must exist in that country (:mod:`console_tui.domain.address`);
* phone: ``phonenumbers``, parsed with the country as the default region, stored as E.164;
* website: optional; if given an ``http://`` or ``https://`` URL with a host name.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from urllib.parse import urlsplit

import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email

from console_tui.domain import lengths
from console_tui.domain.address import check_postal_code, check_state
from console_tui.domain.errors import ValidationError
from console_tui.domain.text import clean_text

#: The most characters each field may hold (cleaned and trimmed), from the columns' lengths.
FIELD_LIMITS: dict[str, int] = {
    "full_name": lengths.PERSON_NAME,
    "email": lengths.EMAIL,
    "company_name": lengths.COMPANY_NAME,
    "street": lengths.STREET,
    "city": lengths.CITY,
    "state": lengths.STATE,
    "postal_code": lengths.POSTAL_CODE,
    "country": lengths.COUNTRY_TYPED,  # a name as typed; stored as its 2-letter code
    "website": lengths.WEBSITE,
    "phone": lengths.PHONE,  # as typed; stored as E.164 (at most 16 characters)
}
_COUNTRY_ALIASES = {"UK": "GB", "GREAT BRITAIN": "GB", "ENGLAND": "GB"}

#: Human labels for the form's fields, in the order the screen shows them.
FIELD_LABELS: dict[str, str] = {
    "full_name": "Full name",
    "email": "Email",
    "company_name": "Company name",
    "street": "Street address",
    "city": "City",
    "state": "State/province",
    "postal_code": "Postal code",
    "country": "Country",
    "website": "Website",
    "phone": "Phone",
}


@dataclass(frozen=True)
class ClientForm:
    """What the add-client form holds, as typed (R-MC-1)."""

    full_name: str = ""
    email: str = ""
    company_name: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""
    website: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ValidClient:
    """A validated, normalised add-client form (R-MC-1)."""

    full_name: str
    email: str
    company_name: str
    street: str
    city: str
    state: str
    postal_code: str
    country: str  # ISO alpha-2
    website: str | None
    phone: str  # E.164


def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a country name or code, or None when unknown (R-MC-1)."""
    text = " ".join(text.split())
    if not text:
        return None
    alias = _COUNTRY_ALIASES.get(text.upper())
    if alias:
        return alias
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


def _check_email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"is not a valid email address ({str(exc).rstrip('.')})") from None


def _check_phone(value: str, region: str | None) -> str:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        if region is None and not value.startswith("+"):
            raise ValueError(
                "cannot be checked without a valid country (start it with the country code, "
                "e.g. +44 20 7946 0958)"
            ) from None
        raise ValueError("is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        where = f" for {region}" if region else ""
        raise ValueError(f"is not a valid phone number{where}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _check_website(value: str) -> str:
    parts = urlsplit(value)
    host = parts.hostname or ""
    if parts.scheme.lower() not in {"http", "https"} or not host:
        raise ValueError("must be a web address starting with http:// or https://")
    if " " in value or ("." not in host and host != "localhost"):
        raise ValueError("is not a valid web address, e.g. https://example.com")
    return value


def validate_client_form(form: ClientForm) -> ValidClient:
    """Check the add-client form and return it normalised, or name every bad field (R-MC-1)."""
    values = {f.name: clean_text(getattr(form, f.name)).strip() for f in fields(form)}
    errors: dict[str, str] = {}
    for name, value in values.items():
        if not value and name != "website":
            errors[name] = "is required"
        elif len(value) > FIELD_LIMITS[name]:
            errors[name] = f"is too long (at most {FIELD_LIMITS[name]} characters)"
    region = country_code(values["country"]) if "country" not in errors else None
    if region is None and "country" not in errors:
        errors["country"] = "is not a country we know (use its name or 2-letter code, e.g. US)"
    checks = (
        ("email", _check_email, ()),
        ("state", check_state, (region,)),
        ("postal_code", check_postal_code, (region,)),
        ("phone", _check_phone, (region,)),
        ("website", _check_website, ()),
    )
    for name, check, extra in checks:
        if name in errors or not values[name] or (name in ("state", "postal_code") and region is None):
            continue  # an address is judged against its country, when known
        try:
            values[name] = check(values[name], *extra)
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        ordered = {name: errors[name] for name in FIELD_LABELS if name in errors}
        raise ValidationError(ordered, what="Adding the client", labels=FIELD_LABELS)
    return ValidClient(
        full_name=values["full_name"],
        email=values["email"],
        company_name=values["company_name"],
        street=values["street"],
        city=values["city"],
        state=values["state"],
        postal_code=values["postal_code"],
        country=region or "",
        website=values["website"] or None,
        phone=values["phone"],
    )
