"""Client templates (R-TPL-1) and a client's setup as a template sees it (R-TPL-2).

:func:`client_setup_in` reads what :func:`~console_tui.domain.templates.template_changes` compares a
template with: a bulk change's dry run and run read it per client, inside their own session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user
from console_tui.data.schema import AddonService, AgencyUser, Client, ClientAccess, ClientService, ClientTemplate
from console_tui.data.views.templates import TemplateRow
from console_tui.domain.configuration import Term
from console_tui.domain.errors import NotFound
from console_tui.domain.permissions import Action, require
from console_tui.domain.roles import Role
from console_tui.domain.templates import ClientSetup, read_setup


def client_setup_in(session: Session, client: Client) -> ClientSetup:
    """``client``'s setup now: its allowances by service key, limit, managers' logins and switches."""
    services = {key: allowance for key, allowance in session.execute(
        select(AddonService.key, ClientService.allowance)
        .join(ClientService, ClientService.service_id == AddonService.id).where(ClientService.client_id == client.id))}
    managers = frozenset(session.scalars(
        select(AgencyUser.login).join(ClientAccess, ClientAccess.agency_user_id == AgencyUser.id)
        .where(ClientAccess.client_id == client.id)))
    return ClientSetup(services, client.email_limit, managers, client.direct_support, client.ebs_enabled,
                       Term(client.license_term) if client.license_term else None, client.rebrand_locked)


def no_template(name: str) -> NotFound:
    """The refusal for a template name that names none."""
    return NotFound("template", repr(" ".join(name.split())), "See the templates with `console-tui templates list`")


def template_named_in(session: Session, name: str) -> ClientTemplate | None:
    """The template called ``name`` (spaces collapsed, any case), or None."""
    wanted = " ".join(name.split()).lower()
    return session.scalars(select(ClientTemplate).where(func.lower(ClientTemplate.name) == wanted)).first()


def _row(template: ClientTemplate, owner: str | None) -> TemplateRow:
    setup_document: Mapping[str, Any] = template.setup
    return TemplateRow(template.id, template.name, owner or "", template.created_at, template.updated_at,
                       read_setup(setup_document, f"Reading the template {template.name}"), template.version)


def client_templates(db: Database, login: str) -> tuple[TemplateRow, ...]:
    """Every template, by name (case-insensitively); Administrators only (R-TPL-1)."""
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.MANAGE_TEMPLATES)
        rows = session.execute(select(ClientTemplate, AgencyUser.login)
                               .outerjoin(AgencyUser, AgencyUser.id == ClientTemplate.owner_id)
                               .order_by(func.lower(ClientTemplate.name), ClientTemplate.id))
        return tuple(_row(template, owner) for template, owner in rows)


def client_template(db: Database, login: str, name: str) -> TemplateRow:
    """The template called ``name``, or :class:`NotFound` naming the command that lists them."""
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.MANAGE_TEMPLATES)
        template = template_named_in(session, name)
        if template is None:
            raise no_template(name)
        owner = session.get(AgencyUser, template.owner_id) if template.owner_id is not None else None
        return _row(template, owner.login if owner else None)


def clients_named(db: Database, login: str, text: str) -> tuple[tuple[int, str], ...]:
    """The clients (id, name) that ``text`` names: its id, or its exact name in any case; removed
    companies are not among them (``templates add --from-client``)."""
    wanted = " ".join(text.split())
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.MANAGE_TEMPLATES)
        named = func.lower(Client.name) == wanted.lower()
        where = (Client.id == int(wanted)) | named if wanted.isascii() and wanted.isdigit() else named
        return tuple((id_, name) for id_, name in session.execute(
            select(Client.id, Client.name).where(where, Client.deleted_at.is_(None)).order_by(Client.id)))
