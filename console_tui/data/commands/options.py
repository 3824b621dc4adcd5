"""Per-client options (R-OPT-4..8): Direct Support, Email Suppression, Client Rebrand, Services and
Allowances, Client Managers.

Decisions: adding an Administrator as a Client Manager is refused (Administrators already see and
manage every client, R-ACC-2); adding someone twice or removing a non-manager is refused too, so
every audit row records a real change. An allowance is kept per client and service in
``client_service``; lowering it below the active amount deactivates nothing and the result's
``note`` says so (R-OPT-4).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console_tui.clock import Clock
from console_tui.data.commands.base import unit_of_work
from console_tui.data.engine import Database
from console_tui.data.queries.admin import ebs_inputs_in
from console_tui.data.schema import AddonService, AgencyUser, ClientAccess, ClientService
from console_tui.data.views.results import SuppressionSet
from console_tui.domain.allowances import AllowanceChange, Service
from console_tui.domain.allowances import set_allowance as allowance_rule
from console_tui.domain.ebs import EBS_OFF_NOTE, EBS_WAIT_DAYS, ebs_toggle_guard
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.permissions import Action
from console_tui.domain.roles import Role


def toggle_direct_support(db: Database, clock: Clock, login: str, client_id: int, *, enabled: bool,
                          seen_version: int | None = None) -> bool:
    """Turn the paid Direct Support add-on on or off for one client (R-OPT-6). Returns the new value."""
    with unit_of_work(db, clock, login, Action.DIRECT_SUPPORT, client_id=client_id) as work:
        client = work.client
        assert client is not None
        work.expect_version(client, seen_version, "Changing Direct Support")
        before = client.direct_support
        client.direct_support = enabled
        work.audit(before={"direct_support": before}, after={"direct_support": enabled})
        return enabled


def set_suppression(db: Database, clock: Clock, login: str, client_id: int, *, enabled: bool,
                    ebs_wait_days: int = EBS_WAIT_DAYS, seen_version: int | None = None) -> SuppressionSet:
    """Turn engagement-based suppression on (always allowed) or off (R-SUP-2's guard).

    Turning it off is refused unless the sender is Healthy or At Risk and ``ebs_wait_days`` have
    passed since it last became Healthy; the refusal says why and the date it opens. The result's
    ``note`` is R-SUP-4's: turning EBS off does not lift time-based suppressions.
    """
    with unit_of_work(db, clock, login, Action.EMAIL_SUPPRESSION, client_id=client_id) as work:
        client = work.client
        assert client is not None
        work.expect_version(client, seen_version, "Changing Email Suppression")
        if not enabled:
            inputs = ebs_inputs_in(work.session, client)
            today = work.now.astimezone(clock.tz).date()
            ebs_toggle_guard(inputs.sender_status, inputs.last_became_healthy, today, ebs_wait_days).enforce(
                f"Turning EBS off for {client.name}")
        before = client.ebs_enabled
        client.ebs_enabled = enabled
        work.audit(before={"ebs_enabled": before}, after={"ebs_enabled": enabled}, action="set_suppression")
        return SuppressionSet(enabled, None if enabled else EBS_OFF_NOTE)


def set_rebrand_lock(db: Database, clock: Clock, login: str, client_id: int, *, locked: bool,
                     seen_version: int | None = None) -> bool:
    """Lock or unlock the client's own logo upload (R-OPT-8). Returns the new value."""
    with unit_of_work(db, clock, login, Action.CLIENT_REBRAND, client_id=client_id) as work:
        client = work.client
        assert client is not None
        work.expect_version(client, seen_version, "Changing Client Rebrand")
        before = client.rebrand_locked
        client.rebrand_locked = locked
        work.audit(before={"rebrand_locked": before}, after={"rebrand_locked": locked}, action="set_rebrand_lock")
        return locked


def set_allowance(db: Database, clock: Clock, login: str, client_id: int, service_key: str, allowance: int | str, *,
                  seen_version: int | None = None) -> AllowanceChange:
    """Set the monthly allowance of one add-on service for the client (R-OPT-4).

    ``seen_version`` is the ``client_service`` row's version (None for a service not set yet).
    The result's ``note`` says when the allowance is below what is active: nothing is deactivated.
    """
    with unit_of_work(db, clock, login, Action.SERVICES_ALLOWANCES, client_id=client_id) as work:
        session = work.session
        row = session.scalars(select(AddonService).where(AddonService.key == service_key)).first()
        if row is None:
            keys = ", ".join(session.scalars(select(AddonService.key).order_by(AddonService.key)))
            raise NotFound("service", service_key, f"Choose one of: {keys or 'no services are set up'}")
        service = Service(row.key, row.name, row.unit, row.unit_price_cents)
        current = session.get(ClientService, (client_id, row.id))
        if current is not None:
            work.expect_version(current, seen_version, f"Changing the {service.name} allowance")
        change = allowance_rule(current.active_quantity if current else 0, allowance, service=service)
        before = None if current is None else {"allowance": current.allowance, "active": current.active_quantity}
        if current is None:
            current = ClientService(client_id=client_id, service_id=row.id, active_quantity=0)
            session.add(current)
        current.allowance = change.allowance
        work.audit(before={"service": service.key, **(before or {})},
                   after={"service": service.key, "allowance": change.allowance, "active": change.active},
                   action="set_allowance")
        return change


def _managers(work_session: Session, client_id: int) -> list[str]:
    return list(work_session.scalars(
        select(AgencyUser.login).join(ClientAccess, ClientAccess.agency_user_id == AgencyUser.id)
        .where(ClientAccess.client_id == client_id).order_by(AgencyUser.login)))


def _agency_user(work_session: Session, login: str) -> AgencyUser:
    user = work_session.scalars(select(AgencyUser).where(AgencyUser.login == login.strip(), AgencyUser.active)).first()
    if user is None:
        raise NotFound("agency user", login.strip(), "Check the login with `console-tui users list`")
    return user


def add_client_manager(db: Database, clock: Clock, login: str, client_id: int, manager_login: str) -> tuple[str, ...]:
    """Give an agency user access to the client as a Client Manager (R-OPT-5, R-ACC-2).

    Returns the client's managers' logins afterwards.
    """
    with unit_of_work(db, clock, login, Action.CLIENT_MANAGERS, client_id=client_id) as work:
        user = _agency_user(work.session, manager_login)
        what = f"Adding {user.login} as a Client Manager"
        if user.role == Role.ADMINISTRATOR:
            raise RuleRefused(what, f"{user.login} is an Administrator and already sees and manages every client")
        before = _managers(work.session, client_id)
        if user.login in before:
            raise RuleRefused(what, f"{user.login} is already a Client Manager of this client")
        work.session.add(ClientAccess(agency_user_id=user.id, client_id=client_id, granted_at=work.now))
        work.session.flush()
        after = _managers(work.session, client_id)
        work.audit(before={"managers": before}, after={"managers": after, "added": user.login},
                   action="add_client_manager")
        return tuple(after)


def remove_client_manager(db: Database, clock: Clock, login: str, client_id: int,
                          manager_login: str) -> tuple[str, ...]:
    """Take a Client Manager's access to the client away (R-OPT-5). Returns the managers left."""
    with unit_of_work(db, clock, login, Action.CLIENT_MANAGERS, client_id=client_id) as work:
        user = _agency_user(work.session, manager_login)
        access = work.session.get(ClientAccess, (user.id, client_id))
        if access is None:
            raise RuleRefused(f"Removing {user.login} as a Client Manager",
                              f"{user.login} is not a Client Manager of this client")
        before = _managers(work.session, client_id)
        work.session.delete(access)
        work.session.flush()
        after = _managers(work.session, client_id)
        work.audit(before={"managers": before}, after={"managers": after, "removed": user.login},
                   action="remove_client_manager")
        return tuple(after)
