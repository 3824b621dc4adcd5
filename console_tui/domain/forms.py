"""Field validation the commands share, built on the add-client form's rules (R-MC-1).

The company profile (Settings) and client users have a subset of the add-client form's fields.
Rather than copy those rules, :func:`validate_profile` and :func:`validate_person` run the very
same :func:`~console_tui.domain.client_form.validate_client_form`, with the fields they do not
edit filled with known-good placeholders (so those can never produce an error), and keep the
normalised values of the fields they do edit. Same required fields, lengths, email, country,
phone and website rules, same messages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from console_tui.domain import lengths
from console_tui.domain.client_form import FIELD_LABELS, ClientForm, ValidClient, validate_client_form
from console_tui.domain.errors import ValidationError
from console_tui.domain.roles import Role, parse_role
from console_tui.domain.text import clean_text, is_clean

_PERSON = {"full_name": "Placeholder Person", "email": "placeholder@example.com"}
_COMPANY = {
    "company_name": "Placeholder Ltd", "street": "1 Placeholder Street", "city": "London", "state": "London",
    "postal_code": "SW1A 1AA", "country": "GB", "website": "", "phone": "+44 20 7946 0958",
}
MAX_LOGIN = lengths.LOGIN
MAX_ROLE = lengths.ROLE
AGENCY_USER_LABELS = {"login": "Login", "full_name": "Full name", "email": "Email", "role": "Role"}


@dataclass(frozen=True)
class ProfileForm:
    """The company profile on the client's Account screen (Settings), as typed."""

    company_name: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""
    website: str = ""
    phone: str = ""


def _validate(form: ClientForm, what: str) -> ValidClient:
    try:
        return validate_client_form(form)
    except ValidationError as error:
        raise ValidationError(error.field_errors, what=what, labels=FIELD_LABELS) from None


def validate_profile(form: ProfileForm, *, what: str = "Saving the company profile") -> ValidClient:
    """The profile fields checked and normalised exactly as in the add-client form (R-MC-1)."""
    return _validate(ClientForm(**_PERSON, **asdict(form)), what)


def validate_person(full_name: str, email: str, *, what: str) -> tuple[str, str]:
    """A person's name and email checked as in the add-client form; returns them normalised."""
    valid = _validate(ClientForm(full_name=full_name, email=email, **_COMPANY), what)
    return valid.full_name, valid.email


def validate_client_role(role: str) -> str:
    """A client user's role: free text (the client's own naming), cleaned, 1-40 characters."""
    text = clean_text(role).strip()
    if not text or len(text) > MAX_ROLE:
        raise ValidationError({"role": f"must be 1 to {MAX_ROLE} characters"}, what="Saving the client user")
    return text


def validate_role(role: str, what: str = "Adding the agency user") -> Role:
    """An agency user's role, any case (R-ACC-1); refused naming the roles there are."""
    try:
        return parse_role(role)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise ValidationError({"role": f"must be one of {names} (you wrote {clean_text(role)[:40]!r})"},
                              what=what, labels=AGENCY_USER_LABELS) from None


def login_problem(login: str) -> str | None:
    """Why ``login`` (stripped) is not an agency user's login (an OS login name), or None (R-ACC-1)."""
    if not login:
        return "is required"
    if len(login) > MAX_LOGIN or not login.isprintable() or not is_clean(login) or any(c.isspace() for c in login):
        return f"must be 1 to {MAX_LOGIN} characters with no spaces (an OS login name)"
    return None


def validate_agency_user(login: str, full_name: str, email: str, role: str) -> tuple[str, str, str, Role]:
    """An agency user's login, name, email and role (R-ACC-1); every bad field named at once."""
    errors: dict[str, str] = {}
    login = login.strip()
    problem = login_problem(login)
    if problem is not None:
        errors["login"] = problem
    name = mail = ""
    try:
        name, mail = validate_person(full_name, email, what="Adding the agency user")
    except ValidationError as error:
        errors.update(error.field_errors)
    parsed: Role | None = None
    try:
        parsed = validate_role(role)
    except ValidationError as error:
        errors.update(error.field_errors)
    if errors:
        ordered = {key: errors[key] for key in AGENCY_USER_LABELS if key in errors}
        raise ValidationError(ordered, what="Adding the agency user", labels=AGENCY_USER_LABELS)
    assert parsed is not None
    return login, name, mail, parsed
