"""Manage Clients: add a client, its configuration, its company profile and its status.

* :func:`add_client` (R-MC-1, R-OPT-6, R-SUP-1, R-CAP-3) — Administrators.
* :func:`save_configuration` (R-MC-3, R-OPT-3) — Administrators.
* :func:`update_company_profile` (the client's Account screen, "Settings") — every role on the
  clients they may access (R-ACC-3 [decision] in permissions.py).
* :func:`set_client_status` (R-CAP-1, R-CAP-3) — Administrators.

Decisions: a new client starts ``Active`` with EBS on (R-SUP-1), Direct Support from the agency's
billing platform (R-OPT-6) and its region from its country (R-MC-3); its first client user has the
role ``User``. Status names match existing ones case-insensitively ("suspended" is Suspended, so
it is not counted, R-CAP-1); a name that matches none is created as a custom status only when the
caller says so (``create=True``), so a typo never invents a status that silently counts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from console_tui.clock import Clock
from console_tui.data.commands.activity import note_place
from console_tui.data.commands.base import unit_of_work
from console_tui.data.commands.changes import configuration_change, status_change, status_named
from console_tui.data.commands.plan import check_room_for_one_more
from console_tui.data.commands.templates import apply_template_to_new_in
from console_tui.data.engine import Database
from console_tui.data.queries.admin import agency_in
from console_tui.data.schema import Client, ClientStatus, ClientUser
from console_tui.data.views.results import AddedClient, ConfigurationSaved, ProfileSaved, StatusSet
from console_tui.domain import capacity as cap
from console_tui.domain import lengths
from console_tui.domain.client_form import FIELD_LABELS, ClientForm, validate_client_form
from console_tui.domain.configuration import missing_fields, region_for_country
from console_tui.domain.ebs import EBS_DEFAULT_ON
from console_tui.domain.errors import ValidationError
from console_tui.domain.forms import ProfileForm, validate_profile
from console_tui.domain.permissions import Action
from console_tui.domain.support import direct_support_default
from console_tui.domain.tags import ACTIVE_STATUS

KINDS = ("client", "lead", "prospect")
MAX_STATUS = lengths.STATUS
PROFILE_COLUMNS = ("name", "street", "city", "state", "postal_code", "country", "website", "phone", "region")


def _values(client: Client, columns: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(client, name) for name in columns}


def _status_id(session: Session, name: str) -> int:
    status = status_named(session, name)
    if status is None:
        status = ClientStatus(name=name, builtin=name in (ACTIVE_STATUS, *cap.NOT_COUNTED_STATUSES))
        session.add(status)
        session.flush()
    return status.id


def add_client(db: Database, clock: Clock, login: str, form: ClientForm, *, kind: str = "client",
               warn_pct: int = cap.WARN_PCT, template: str | None = None) -> AddedClient:
    """Create a client and its first client user from the add-client form (R-MC-1).

    Every bad field is named at once and nothing is created. A counted kind is refused when the
    plan is full, naming both ways out (R-CAP-3); the result carries the advance warning (R-CAP-2).
    ``template``: the client starts from that template's setup, in the same transaction (R-TPL-2).
    """
    with unit_of_work(db, clock, login, Action.MANAGE_CLIENTS) as work:
        errors: dict[str, str] = {}
        try:
            valid = validate_client_form(form)
        except ValidationError as error:
            errors.update(error.field_errors)
        if kind not in KINDS:
            errors["kind"] = f"must be one of {', '.join(KINDS)}"
        if errors:
            raise ValidationError(errors, what="Adding the client", labels={**FIELD_LABELS, "kind": "Kind"})
        session = work.session
        agency = agency_in(session)
        counted = cap.is_counted(kind, cap.default_counts(ACTIVE_STATUS))
        warning = check_room_for_one_more(session, warn_pct) if counted else None
        client = Client(
            name=valid.company_name, kind=kind, status_id=_status_id(session, ACTIVE_STATUS), created_at=work.now,
            street=valid.street, city=valid.city, state=valid.state, postal_code=valid.postal_code,
            country=valid.country, website=valid.website, phone=valid.phone,
            region=region_for_country(valid.country).value,
            direct_support=direct_support_default(agency.uses_billing_platform), ebs_enabled=EBS_DEFAULT_ON,
        )
        session.add(client)
        session.flush()
        user = ClientUser(client_id=client.id, full_name=valid.full_name, email=valid.email, created_at=work.now)
        session.add(user)
        session.flush()
        work.client = client
        applied = None
        if template is not None:
            applied = apply_template_to_new_in(work, client, template, work.now.astimezone(clock.tz).date())
        note_place(work, "info", client.name, "created")
        work.audit(before=None, after={
            "name": client.name, "kind": kind, "status": ACTIVE_STATUS, "country": client.country,
            "direct_support": client.direct_support, "ebs_enabled": client.ebs_enabled,
            "first_user": {"id": user.id, "full_name": user.full_name, "email": user.email},
            **({"template": applied.name, "changes": [change.text for change in applied.changes]} if applied else {}),
        }, client_id=client.id, action="add_client")
        return AddedClient(client.id, user.id, counted, client.direct_support, warning, applied)


def save_configuration(db: Database, clock: Clock, login: str, client_id: int, *, term: str | None,
                       start_date: date | None, billing_contact: str = "", billing_email: str = "",
                       tax_rate: str | Decimal | int | None = None, margin_protection: bool = False,
                       seen_version: int | None = None) -> ConfigurationSaved:
    """Save the Client Configuration (R-MC-3); an incomplete one is saved and reported as such.

    The region is not typed: it follows from the company's country.
    """
    with unit_of_work(db, clock, login, Action.CLIENT_CONFIGURATION, client_id=client_id) as work:
        client = work.client
        assert client is not None
        work.expect_version(client, seen_version, "Saving the client configuration")
        config = configuration_change(work, term=term, start_date=start_date, billing_contact=billing_contact,
                                      billing_email=billing_email, tax_rate=tax_rate,
                                      margin_protection=margin_protection).commit(work)
        work.session.flush()
        return ConfigurationSaved(client.version, not missing_fields(config), missing_fields(config),
                                  region_for_country(client.country).value)


def _normalised_profile(client: Client) -> dict[str, Any]:
    """The stored profile as the form would save it unchanged (a phone typed ``(555) 010-2030`` is
    ``+15550102030``), so saving it untouched changes nothing; the stored values if they no longer pass."""
    stored = _values(client, PROFILE_COLUMNS)
    try:
        valid = validate_profile(ProfileForm(
            company_name=client.name, street=client.street or "", city=client.city or "", state=client.state or "",
            postal_code=client.postal_code or "", country=client.country or "", website=client.website or "",
            phone=client.phone or ""))
    except ValidationError:
        return stored
    return {**stored, "name": valid.company_name, "street": valid.street, "city": valid.city, "state": valid.state,
            "postal_code": valid.postal_code, "country": valid.country, "website": valid.website,
            "phone": valid.phone, "region": region_for_country(valid.country).value}


def update_company_profile(db: Database, clock: Clock, login: str, client_id: int, form: ProfileForm, *,
                           seen_version: int | None = None) -> ProfileSaved:
    """Save the company's name, address, website and phone (the client's Account screen)."""
    with unit_of_work(db, clock, login, Action.EDIT_COMPANY_PROFILE, client_id=client_id) as work:
        client = work.client
        assert client is not None
        work.expect_version(client, seen_version, "Saving the company profile")
        valid = validate_profile(form)
        before = _values(client, PROFILE_COLUMNS)
        stored = _normalised_profile(client)
        client.name, client.street, client.city, client.state = (valid.company_name, valid.street, valid.city,
                                                                 valid.state)
        client.postal_code, client.country, client.website, client.phone = (valid.postal_code, valid.country,
                                                                            valid.website, valid.phone)
        client.region = region_for_country(valid.country).value
        note_place(work, "info", "Company profile", "edited")
        work.audit(before=before, after=_values(client, PROFILE_COLUMNS), compare=stored,
                   action="update_company_profile")
        work.session.flush()
        return ProfileSaved(client.version, client.region)


def set_client_status(db: Database, clock: Clock, login: str, client_id: int, status: str, *,
                      create: bool = False, warn_pct: int = cap.WARN_PCT,
                      seen_version: int | None = None) -> StatusSet:
    """Set a client's status, built-in or custom (R-CAP-1). Administrators only.

    Moving a ``client`` record from Suspended/Inactive into a counted status is refused when the
    plan is full (R-CAP-3). ``create=True`` creates an unknown name as a custom status.
    """
    with unit_of_work(db, clock, login, Action.SET_CLIENT_STATUS, client_id=client_id) as work:
        assert work.client is not None
        work.expect_version(work.client, seen_version, "Changing the client's status")
        name, created, counted, warning = status_change(work, status, create=create, warn_pct=warn_pct).commit(work)
        return StatusSet(name, created, counted, warning)
