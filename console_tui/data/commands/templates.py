"""Client templates (R-TPL-1, R-TPL-2): save one (written, or from a client), remove one, and apply
one to a client inside a command's transaction. Saving and removing are one audited command each;
templates are managed by Administrators (``Action.MANAGE_TEMPLATES``).

A template names add-on services and agency users, which may change after it is saved:
:func:`check_setup_in` checks them when a template is saved and again when it is applied.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from console_tui.clock import Clock
from console_tui.data.commands.base import Work, unit_of_work
from console_tui.data.engine import Database
from console_tui.data.queries.admin import ebs_inputs_in
from console_tui.data.queries.templates import client_setup_in, no_template, template_named_in
from console_tui.data.schema import AddonService, AgencyUser, Client, ClientAccess, ClientService, ClientTemplate
from console_tui.data.views.templates import TemplateApplied, TemplateSaved
from console_tui.domain.ebs import EBS_WAIT_DAYS, ebs_toggle_guard
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.permissions import Action
from console_tui.domain.roles import Role
from console_tui.domain.templates import (
    Change,
    Setup,
    read_setup,
    setup_document,
    setup_of,
    template_changes,
    template_name,
)

EBS_STAYS_ON = ("EBS stays on: every new client starts with it on, and it may be turned off only once its "
                "sender is Healthy (Email Suppression)")


def _service(session: Session, key: str, what: str) -> AddonService:
    row = session.scalars(select(AddonService).where(AddonService.key == key)).first()
    if row is None:
        keys = ", ".join(session.scalars(select(AddonService.key).order_by(AddonService.key)))
        raise RuleRefused(what, f"there is no add-on service {key!r}", f"Choose one of: {keys or 'none are set up'}")
    return row


def _manager(session: Session, login: str, what: str) -> AgencyUser:
    user = session.scalars(select(AgencyUser).where(AgencyUser.login == login, AgencyUser.active)).first()
    if user is None:
        raise RuleRefused(what, f"there is no active agency user {login!r}",
                          "Check the login with `console-tui users list`")
    if user.role == Role.ADMINISTRATOR:
        raise RuleRefused(what, f"{login} is an Administrator and already sees and manages every client",
                          "Take the login out of the template's managers")
    return user


def check_setup_in(session: Session, setup: Setup, what: str) -> None:
    """Refuse a setup naming a service not in the catalogue, or a manager who is not an active agency
    user other than an Administrator (R-TPL-1, R-OPT-4, R-OPT-5)."""
    for key, _allowance in setup.services:
        _service(session, key, what)
    for login in setup.managers:
        _manager(session, login, what)


def _store(work: Work, name: str, setup: Setup, replace_existing: bool) -> TemplateSaved:
    what = f"Saving the template {name}"
    check_setup_in(work.session, setup, what)
    template = template_named_in(work.session, name)
    if template is not None and not replace_existing:
        raise RuleRefused(what, f"a template called {template.name} already exists",
                          "Choose another name, or replace it")
    document = setup_document(setup)
    before = None if template is None else {"name": template.name, "setup": template.setup}
    if template is None:
        template = ClientTemplate(name=name, created_at=work.now)
        work.session.add(template)
    template.name, template.setup, template.owner_id, template.updated_at = name, document, work.user.id, work.now
    work.audit(before=before, after={"name": name, "setup": document}, action="save_template")
    return TemplateSaved(name, before is not None, setup)


def add_template(db: Database, clock: Clock, login: str, name: str, setup: Setup, *,
                 replace_existing: bool = False) -> TemplateSaved:
    """Save ``setup`` as the template ``name`` (replacing one of that name only when asked) (R-TPL-1)."""
    cleaned = template_name(name)
    with unit_of_work(db, clock, login, Action.MANAGE_TEMPLATES) as work:
        return _store(work, cleaned, setup, replace_existing)


def save_template_from_client(db: Database, clock: Clock, login: str, name: str, client_id: int, *,
                              replace_existing: bool = False) -> TemplateSaved:
    """Save a client's setup as it is now as the template ``name`` (R-TPL-1)."""
    cleaned = template_name(name)
    with unit_of_work(db, clock, login, Action.MANAGE_TEMPLATES) as work:
        client = work.session.get(Client, client_id)
        if client is None or client.deleted_at is not None:
            raise NotFound("client", client_id, "Reload the list: it may have been removed")
        return _store(work, cleaned, setup_of(client_setup_in(work.session, client)), replace_existing)


def remove_template(db: Database, clock: Clock, login: str, name: str) -> str:
    """Remove the template ``name``; clients added from it keep their setup (R-TPL-1). Returns its name."""
    with unit_of_work(db, clock, login, Action.MANAGE_TEMPLATES) as work:
        template = template_named_in(work.session, name)
        if template is None:
            raise no_template(name)
        work.audit(before={"name": template.name, "setup": template.setup}, after=None, action="remove_template")
        work.session.delete(template)
        return template.name


def apply_changes_in(work: Work, client: Client, changes: tuple[Change, ...], today: date, *,
                     ebs_wait_days: int = EBS_WAIT_DAYS) -> None:
    """Make ``changes`` (from ``template_changes``) to ``client`` inside ``work``'s transaction (R-TPL-2).

    Values were checked by the domain; services and managers by :func:`check_setup_in`. A term given
    to a client with no start date starts today. Turning EBS off goes through R-SUP-2's guard, so a
    refusal stops the whole transaction.
    """
    session = work.session
    for change in changes:
        if change.action == "ebs" and change.after is False:
            inputs = ebs_inputs_in(session, client)
            ebs_toggle_guard(inputs.sender_status, inputs.last_became_healthy, today, ebs_wait_days).enforce(
                f"Turning EBS off for {client.name}")
        if change.action == "allowance":
            service = _service(session, change.target, "Applying the template")
            row = session.get(ClientService, (client.id, service.id))
            if row is None:
                row = ClientService(client_id=client.id, service_id=service.id, active_quantity=0)
                session.add(row)
            row.allowance = int(change.after or 0)
        elif change.action == "grant":
            user = _manager(session, change.target, "Applying the template")
            session.add(ClientAccess(agency_user_id=user.id, client_id=client.id, granted_at=work.now))
        elif change.action == "term":
            client.license_term = str(change.after)
            client.license_start = client.license_start or today
        else:
            column = {"set-limit": "email_limit", "direct-support": "direct_support", "ebs": "ebs_enabled",
                      "rebrand": "rebrand_locked"}[change.action]
            setattr(client, column, change.after)
    session.flush()


def apply_template_to_new_in(work: Work, client: Client, name: str, today: date) -> TemplateApplied:
    """Apply the template ``name`` to ``client``, just added in ``work`` (R-TPL-2): everything it sets
    but EBS off, which a new client may not have (R-SUP-1, R-SUP-2) and is told so."""
    template = template_named_in(work.session, name)
    if template is None:
        raise no_template(name)
    setup = read_setup(template.setup, f"Applying the template {template.name}")
    check_setup_in(work.session, setup, f"Applying the template {template.name}")
    note = EBS_STAYS_ON if setup.ebs is False else None
    changes = template_changes(replace(setup, ebs=None) if note else setup, client_setup_in(work.session, client))
    apply_changes_in(work, client, changes, today)
    return TemplateApplied(template.name, changes, note)
