"""The single changes of one client, checked but not written: each returns a :class:`Change`.

The single commands (``options.py``, ``clients.py``) and a bulk change of many clients (``bulk.py``)
call these same functions, so both apply the same rules (R-BULK-1): a ``Change`` exists only once
every rule of the change has passed; :meth:`Change.commit` writes it with its audit row.

Each function first reads the value the change sets; when it is already the target, the ``Change``
is :attr:`~Change.unchanged` and no rule is asked (nothing would change, so nothing is refused).
The permission is not here: :func:`~console_tui.data.commands.base.unit_of_work` checks it for a
single command, and the bulk run checks the same policy per client.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console_tui.data.commands.base import Change, Work
from console_tui.data.commands.plan import check_room_for_one_more
from console_tui.data.queries.admin import ebs_inputs_in
from console_tui.data.schema import AddonService, AgencyUser, Client, ClientAccess, ClientService, ClientStatus
from console_tui.domain import capacity as cap
from console_tui.domain import lengths
from console_tui.domain.allowances import AllowanceChange, Service
from console_tui.domain.allowances import set_allowance as allowance_rule
from console_tui.domain.configuration import region_for_country, validate_configuration
from console_tui.domain.ebs import EBS_WAIT_DAYS, ebs_toggle_guard
from console_tui.domain.errors import NotFound, RuleRefused, ValidationError
from console_tui.domain.limits import parse_limits
from console_tui.domain.roles import Role
from console_tui.domain.text import clean_text

CONFIG_COLUMNS = ("license_term", "license_start", "billing_contact", "billing_email", "tax_rate",
                  "margin_protection", "region")


def _client(work: Work) -> Client:
    assert work.client is not None
    return work.client


def _flag(work: Work, column: str, value: bool, audit_key: str, action: str | None) -> Change:
    client = _client(work)
    before = getattr(client, column)
    return Change(before, value, lambda: setattr(client, column, value), {audit_key: before}, {audit_key: value},
                  action, result=value)


def direct_support_change(work: Work, enabled: bool) -> Change:
    """Direct Support on/off (R-OPT-6)."""
    return _flag(work, "direct_support", enabled, "direct_support", None)


def rebrand_change(work: Work, locked: bool) -> Change:
    """Client Rebrand lock/unlock (R-OPT-8)."""
    return _flag(work, "rebrand_locked", locked, "rebrand_locked", "set_rebrand_lock")


def suppression_change(work: Work, enabled: bool, tz: tzinfo, ebs_wait_days: int = EBS_WAIT_DAYS) -> Change:
    """EBS on (always allowed) or off (R-SUP-2's guard: the reason and the date it opens)."""
    client = _client(work)
    if not enabled and client.ebs_enabled:
        inputs = ebs_inputs_in(work.session, client)
        today = work.now.astimezone(tz).date()
        ebs_toggle_guard(inputs.sender_status, inputs.last_became_healthy, today, ebs_wait_days).enforce(
            f"Turning EBS off for {client.name}")
    return _flag(work, "ebs_enabled", enabled, "ebs_enabled", "set_suppression")


def limit_change(work: Work, limit: int | str | None) -> Change:
    """One client's email limit per billing cycle (R-EL-1), read by the Email Limits screen's rule.

    The audit row is the Email Limits save's, for this one client.
    """
    client = _client(work)
    text = "" if limit is None else str(limit)
    after = parse_limits({client.id: text}, names={client.id: f"{client.name} (#{client.id})"})[client.id]
    before = client.email_limit
    key = str(client.id)

    def write() -> None:
        client.email_limit = after

    return Change(before, after, write, {"email_limits": {key: before}}, {"email_limits": {key: after}},
                  "set_email_limits")


def _service(session: Session, key: str) -> AddonService:
    row = session.scalars(select(AddonService).where(AddonService.key == key)).first()
    if row is None:
        keys = ", ".join(session.scalars(select(AddonService.key).order_by(AddonService.key)))
        raise NotFound("service", key, f"Choose one of: {keys or 'no services are set up'}")
    return row


def allowance_change(work: Work, service_key: str, allowance: int | str | None) -> Change:
    """One add-on service's monthly allowance (R-OPT-4); ``None`` clears it (not limited).

    **[decision]** (R-BULK-1) clearing is refused while some of the service is active: its active
    amount is kept on the allowance's row. The result is the rule's :class:`AllowanceChange`.
    """
    client = _client(work)
    row = _service(work.session, service_key)
    service = Service(row.key, row.name, row.unit, row.unit_price_cents)
    current = work.session.get(ClientService, (client.id, row.id))
    before = None if current is None else current.allowance
    audit_before = {"service": service.key, **({} if current is None else
                                               {"allowance": current.allowance, "active": current.active_quantity})}
    if allowance is None:
        if current is not None and current.active_quantity:
            raise RuleRefused(f"Clearing the {service.name} allowance",
                              f"{current.active_quantity:,} are active, and the allowance's row keeps that amount",
                              "Set an allowance instead")

        def clear() -> None:
            if current is not None:
                work.session.delete(current)

        return Change(before, None, clear, audit_before, {"service": service.key, "allowance": None}, "set_allowance")
    change: AllowanceChange = allowance_rule(current.active_quantity if current else 0, allowance, service=service)

    def write() -> None:
        target = current
        if target is None:
            target = ClientService(client_id=client.id, service_id=row.id, active_quantity=0)
            work.session.add(target)
        target.allowance = change.allowance

    return Change(before, change.allowance, write, audit_before,
                  {"service": service.key, "allowance": change.allowance, "active": change.active},
                  "set_allowance", result=change)


def managers_of(session: Session, client_id: int) -> list[str]:
    return list(session.scalars(
        select(AgencyUser.login).join(ClientAccess, ClientAccess.agency_user_id == AgencyUser.id)
        .where(ClientAccess.client_id == client_id).order_by(AgencyUser.login)))


def _agency_user(session: Session, login: str) -> AgencyUser:
    user = session.scalars(select(AgencyUser).where(AgencyUser.login == login.strip(), AgencyUser.active)).first()
    if user is None:
        raise NotFound("agency user", login.strip(), "Check the login with `console-tui users list`")
    return user


def manager_change(work: Work, manager_login: str, grant: bool) -> Change:
    """``manager_login`` is a Client Manager of the client, or not (R-OPT-5).

    Giving an Administrator access is refused: they already see and manage every client. The value
    is whether the login is a manager; the result is the managers' logins afterwards.
    """
    client = _client(work)
    user = _agency_user(work.session, manager_login)
    before = managers_of(work.session, client.id)
    is_manager = user.login in before
    if grant and user.role == Role.ADMINISTRATOR:
        raise RuleRefused(f"Adding {user.login} as a Client Manager",
                          f"{user.login} is an Administrator and already sees and manages every client")
    after = sorted({*before, user.login}) if grant else [login for login in before if login != user.login]

    def write() -> None:
        if is_manager == grant:
            return
        if grant:
            work.session.add(ClientAccess(agency_user_id=user.id, client_id=client.id, granted_at=work.now))
        else:
            work.session.delete(work.session.get_one(ClientAccess, (user.id, client.id)))
        work.session.flush()

    return Change(is_manager, grant, write, {"managers": before},
                  {"managers": after, "added" if grant else "removed": user.login},
                  "add_client_manager" if grant else "remove_client_manager", result=tuple(after))


def status_named(session: Session, name: str) -> ClientStatus | None:
    return session.scalars(select(ClientStatus).where(func.lower(ClientStatus.name) == name.lower())).first()


def status_change(work: Work, status: str, *, create: bool = False, warn_pct: int = cap.WARN_PCT) -> Change:
    """A client's status, built-in or custom (R-CAP-1); becoming counted needs room on the plan (R-CAP-3).

    The value is the status's name; the result is ``(status, created, counted, warning)`` where
    ``status`` is the :class:`ClientStatus` row (None: to be created with the typed name).
    """
    client = _client(work)
    name = " ".join(clean_text(status).split())
    if not name or len(name) > lengths.STATUS:
        raise ValidationError({"status": f"must be 1 to {lengths.STATUS} characters"}, what="Changing the status")
    found = status_named(work.session, name)
    old, old_counts = client.status.name, client.status.counts
    if found is not None and found.id == client.status_id:
        return Change(old, old, lambda: None, {"status": old}, {"status": old, "created": False},
                      "set_client_status", {"status": old, "created": False}, (found, False, None, None))
    if found is None and not create:
        names = ", ".join(work.session.scalars(select(ClientStatus.name).order_by(ClientStatus.name)))
        raise ValidationError({"status": f"{name!r} does not exist yet (the statuses are: {names})"},
                              what="Changing the status", todo="Choose a status, or create it as a custom status")
    if found is not None and found.retired_at is not None:
        raise ValidationError({"status": f"{found.name!r} was retired"}, what="Changing the status",
                              todo="Choose another status")
    counts = found.counts if found is not None else True  # a status created here counts (R-CAP-1)
    warning = None
    if cap.becomes_counted(client.kind, old_counts, client.kind, counts):
        warning = check_room_for_one_more(work.session, warn_pct)
    new_name = found.name if found is not None else name

    def write() -> None:
        target = found
        if target is None:
            target = ClientStatus(name=name, builtin=False)
            work.session.add(target)
            work.session.flush()
        client.status_id = target.id
        client.status = target

    return Change(old, new_name, write, {"status": old}, {"status": new_name, "created": found is None},
                  "set_client_status", {"status": old, "created": False},
                  (new_name, found is None, cap.is_counted(client.kind, counts), warning))


def _config_values(client: Client) -> dict[str, Any]:
    return {name: getattr(client, name) for name in CONFIG_COLUMNS}


def configuration_change(work: Work, **fields: Any) -> Change:
    """The Client Configuration (R-MC-3), every field checked at once; the value is the whole of it.

    ``fields`` are :func:`validate_configuration`'s; the region follows from the country.
    """
    client = _client(work)
    config = validate_configuration(**fields)
    before = _config_values(client)
    after = {**before, "license_term": config.term.value if config.term else None, "license_start": config.start_date,
             "billing_contact": config.billing_contact or None, "billing_email": config.billing_email or None,
             "tax_rate": config.tax_rate, "margin_protection": config.margin_protection,
             "region": region_for_country(client.country).value}

    def write() -> None:
        for column, value in after.items():
            setattr(client, column, value)

    return Change(before, after, write, before, after, "save_configuration", result=config)


def term_change(work: Work, term: str | None) -> Change:
    """The license term alone (R-MC-3): the configuration saved with the other fields as they are."""
    client = _client(work)
    whole = configuration_change(
        work, term=term, start_date=client.license_start, billing_contact=client.billing_contact or "",
        billing_email=client.billing_email or "", tax_rate=client.tax_rate, margin_protection=client.margin_protection)
    return Change(client.license_term, whole.after["license_term"], whole.write, whole.audit_before,
                  whole.audit_after, whole.audit_action, result=whole.result)


__all__ = [
    "CONFIG_COLUMNS", "allowance_change", "configuration_change", "direct_support_change", "limit_change",
    "manager_change", "managers_of", "rebrand_change", "status_change", "status_named", "suppression_change",
    "term_change",
]
