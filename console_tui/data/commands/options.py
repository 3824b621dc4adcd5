"""Per-client options (R-OPT-4..8): Direct Support, Email Suppression, Client Rebrand, Services and
Allowances, Client Managers. Each checks its change in ``changes.py`` (shared with bulk changes)
and commits it.

Decisions: adding an Administrator as a Client Manager is refused (Administrators already see and
manage every client, R-ACC-2); adding someone twice or removing a non-manager is refused too, so
every audit row records a real change. An allowance is kept per client and service in
``client_service``; lowering it below the active amount deactivates nothing and the result's
``note`` says so (R-OPT-4).
"""

from __future__ import annotations

from sqlalchemy import select

from console_tui.clock import Clock
from console_tui.data.commands.base import unit_of_work
from console_tui.data.commands.changes import (
    allowance_change,
    direct_support_change,
    manager_change,
    rebrand_change,
    suppression_change,
)
from console_tui.data.engine import Database
from console_tui.data.schema import AddonService, ClientService
from console_tui.data.views.results import SuppressionSet
from console_tui.domain.allowances import AllowanceChange
from console_tui.domain.ebs import EBS_OFF_NOTE, EBS_WAIT_DAYS
from console_tui.domain.errors import RuleRefused
from console_tui.domain.permissions import Action


def toggle_direct_support(db: Database, clock: Clock, login: str, client_id: int, *, enabled: bool,
                          seen_version: int | None = None) -> bool:
    """Turn the paid Direct Support add-on on or off for one client (R-OPT-6). Returns the new value."""
    with unit_of_work(db, clock, login, Action.DIRECT_SUPPORT, client_id=client_id) as work:
        assert work.client is not None
        work.expect_version(work.client, seen_version, "Changing Direct Support")
        return bool(direct_support_change(work, enabled).commit(work))


def set_suppression(db: Database, clock: Clock, login: str, client_id: int, *, enabled: bool,
                    ebs_wait_days: int = EBS_WAIT_DAYS, seen_version: int | None = None) -> SuppressionSet:
    """Turn engagement-based suppression on (always allowed) or off (R-SUP-2's guard).

    Turning it off is refused unless the sender is Healthy or At Risk and ``ebs_wait_days`` have
    passed since it last became Healthy; the refusal says why and the date it opens. The result's
    ``note`` is R-SUP-4's: turning EBS off does not lift time-based suppressions.
    """
    with unit_of_work(db, clock, login, Action.EMAIL_SUPPRESSION, client_id=client_id) as work:
        assert work.client is not None
        work.expect_version(work.client, seen_version, "Changing Email Suppression")
        suppression_change(work, enabled, clock.tz, ebs_wait_days).commit(work)
        return SuppressionSet(enabled, None if enabled else EBS_OFF_NOTE)


def set_rebrand_lock(db: Database, clock: Clock, login: str, client_id: int, *, locked: bool,
                     seen_version: int | None = None) -> bool:
    """Lock or unlock the client's own logo upload (R-OPT-8). Returns the new value."""
    with unit_of_work(db, clock, login, Action.CLIENT_REBRAND, client_id=client_id) as work:
        assert work.client is not None
        work.expect_version(work.client, seen_version, "Changing Client Rebrand")
        return bool(rebrand_change(work, locked).commit(work))


def set_allowance(db: Database, clock: Clock, login: str, client_id: int, service_key: str, allowance: int | str, *,
                  seen_version: int | None = None) -> AllowanceChange:
    """Set the monthly allowance of one add-on service for the client (R-OPT-4).

    ``seen_version`` is the ``client_service`` row's version (None for a service not set yet).
    The result's ``note`` says when the allowance is below what is active: nothing is deactivated.
    """
    with unit_of_work(db, clock, login, Action.SERVICES_ALLOWANCES, client_id=client_id) as work:
        change = allowance_change(work, service_key, allowance)
        service = work.session.scalars(select(AddonService).where(AddonService.key == service_key)).one()
        current = work.session.get(ClientService, (client_id, service.id))
        if current is not None:
            work.expect_version(current, seen_version, f"Changing the {service.name} allowance")
        result: AllowanceChange = change.commit(work)
        return result


def add_client_manager(db: Database, clock: Clock, login: str, client_id: int, manager_login: str) -> tuple[str, ...]:
    """Give an agency user access to the client as a Client Manager (R-OPT-5, R-ACC-2).

    Returns the client's managers' logins afterwards. Adding someone twice is refused, so every
    audit row records a real change.
    """
    with unit_of_work(db, clock, login, Action.CLIENT_MANAGERS, client_id=client_id) as work:
        change = manager_change(work, manager_login, grant=True)
        if change.unchanged:
            who = manager_login.strip()
            raise RuleRefused(f"Adding {who} as a Client Manager", f"{who} is already a Client Manager of this client")
        return tuple(change.commit(work))


def remove_client_manager(db: Database, clock: Clock, login: str, client_id: int,
                          manager_login: str) -> tuple[str, ...]:
    """Take a Client Manager's access to the client away (R-OPT-5). Returns the managers left."""
    with unit_of_work(db, clock, login, Action.CLIENT_MANAGERS, client_id=client_id) as work:
        change = manager_change(work, manager_login, grant=False)
        if change.unchanged:
            who = manager_login.strip()
            raise RuleRefused(f"Removing {who} as a Client Manager", f"{who} is not a Client Manager of this client")
        return tuple(change.commit(work))
