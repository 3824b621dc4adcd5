"""The administration screens' door to the data: queries and commands on behalf of the acting user.

Built once in ``make_app`` from the app's :class:`~console_tui.services.console.Services` (its
``db``, ``login`` and ``clock``) and the settings (``capacity_warning_pct``). Every method is
synchronous and may block: call them from thread workers only, never on the event loop. Reads
return frozen dataclasses; every change goes through a command (permission, rule and one audit
row in one transaction, R-ACC-4, R-ACC-5); refusals raise
:class:`~console_tui.domain.errors.DomainError` whose ``str()`` says what was refused, why and
what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime

from console_tui.clock import local_today
from console_tui.config import Settings
from console_tui.data.commands.attention import snooze_reason, unsnooze_reason
from console_tui.data.commands.limits import set_email_limits
from console_tui.data.commands.options import add_client_manager, remove_client_manager
from console_tui.data.commands.plan import change_plan
from console_tui.data.commands.users import add_agency_user, set_agency_user_active, set_agency_user_role
from console_tui.data.queries import agency as aq
from console_tui.data.queries import what_if as wq
from console_tui.data.queries.attention import attention_inputs, open_marks, thresholds, user_snoozes
from console_tui.data.views.agency import (
    AccountPage,
    AuditFilter,
    AuditPage,
    BillingPage,
    ClientRef,
    CycleTotals,
    EmailLimitsPage,
    UsagePage,
    UsersPage,
)
from console_tui.data.views.results import AgencyUserAdded, AgencyUserRole, LimitsSaved, PlanChanged
from console_tui.data.views.what_if import LimitsWhatIf, PlanWhatIf
from console_tui.domain import capacity as cap
from console_tui.domain.attention import AttentionRow, Mark, attention_queue
from console_tui.domain.snooze import Snooze, apply_snoozes
from console_tui.services.console import Services


class AdminServices:
    """Email limits, client usage, billing, the plan, agency users and the audit log."""

    def __init__(self, services: Services, settings: Settings) -> None:
        self.db = services.db
        self.login = services.login
        self.clock = services.clock
        self.warn_pct = settings.capacity_warning_pct
        self.thresholds = thresholds(settings)

    @property
    def today(self) -> date:
        return local_today(self.clock)

    # --- The attention queue (R-ATT-1, R-ATT-2) ----------------------------------------------------

    def attention(self) -> tuple[AttentionRow, ...]:
        """Every client the user may access that needs someone, and the agency row, most urgent first;
        without the reasons the user snoozed (R-ATT-3)."""
        today = self.today
        inputs = attention_inputs(self.db, self.login, today, self.clock.tz, self.thresholds)
        return apply_snoozes(attention_queue(inputs.clients, today, self.thresholds, inputs.agency),
                             inputs.snoozes, today)

    def attention_marks(self) -> dict[int, Mark]:
        """The console cards' marks: each client's open reasons in :meth:`attention` (R-ATT-4)."""
        return open_marks(self.db, self.login, self.today, self.clock.tz, self.thresholds)

    def snoozes(self) -> tuple[Snooze, ...]:
        """The user's snoozes still running, soonest end first."""
        return user_snoozes(self.db, self.login, self.today)

    def snooze(self, client_id: int | None, code: str, until: date, note: str) -> Snooze:
        return snooze_reason(self.db, self.clock, self.login, client_id, code, until=until, note=note,
                             thresholds=self.thresholds)

    def unsnooze(self, client_id: int | None, code: str) -> None:
        unsnooze_reason(self.db, self.clock, self.login, client_id, code)

    # --- Email Limits (R-EL-1..4) ------------------------------------------------------------------

    def email_limits(self) -> EmailLimitsPage:
        return aq.email_limits_page(self.db, self.login, self.today, self.clock.tz)

    def limits_what_if(self, limits: Mapping[int, int | None]) -> LimitsWhatIf:
        """Each client's cycle so far against the new limit given for it: sent, its scheduled jobs
        and which of them the limit would block (R-WI-1)."""
        return wq.limits_what_if(self.db, self.login, limits, self.today, self.clock.tz)

    def save_email_limits(self, texts: Mapping[int, str], seen_versions: Mapping[int, int]) -> LimitsSaved:
        """All or nothing: one bad value or one conflict and nothing is saved (R-EL-4)."""
        return set_email_limits(self.db, self.clock, self.login, dict(texts), seen_versions=dict(seen_versions))

    # --- Client Usage (R-CU-1) and Billing (R-BL-4) ------------------------------------------------

    def usage(self, month: date | None = None) -> UsagePage:
        return aq.usage_page(self.db, self.login, self.today, self.clock.tz, month)

    def billing(self, cycle: date | None = None) -> BillingPage:
        return aq.billing_page(self.db, self.login, self.today, self.clock.tz, cycle)

    def billing_history(self) -> tuple[CycleTotals, ...]:
        """The agency's totals in the last 12 closed billing cycles, newest first (R-BL-5)."""
        from console_tui.data.queries.billing_history import agency_history

        return agency_history(self.db, self.login)

    # --- My Account (R-CAP-1..3) -------------------------------------------------------------------

    def account(self) -> AccountPage:
        return aq.account_page(self.db, self.login, self.warn_pct)

    def plan_what_if(self, rank: int) -> PlanWhatIf:
        """Capacity and the next cycle's charges on the plan of that rank, before changing (R-WI-3)."""
        return wq.plan_what_if(self.db, self.login, self.today, rank, self.warn_pct)

    def change_plan(self, rank: int, seen_version: int | None) -> PlanChanged:
        """Move to the plan of that rank at once; audited; a downgrade that does not fit is refused (R-CAP-3)."""
        return change_plan(self.db, self.clock, self.login, rank, seen_version=seen_version)

    # --- Agency users and access (R-ACC-1, R-ACC-2) ------------------------------------------------

    def users(self) -> UsersPage:
        return aq.users_page(self.db, self.login)

    def clients(self) -> tuple[ClientRef, ...]:
        return aq.client_refs(self.db, self.login)

    def add_user(self, *, login: str, full_name: str, email: str, role: str) -> AgencyUserAdded:
        added = add_agency_user(self.db, self.clock, self.login, new_login=login, full_name=full_name, email=email,
                                role=role, warn_pct=self.warn_pct)
        return replace(added, database_note=self._database_role(added.login))

    def set_role(self, user_login: str, role: str) -> AgencyUserRole:
        """Give the user another role (R-ACC-1); the last active Administrator keeps theirs."""
        return set_agency_user_role(self.db, self.clock, self.login, target=user_login, role=role)

    def set_active(self, user_login: str, active: bool) -> str:
        """Deactivate or reactivate the user; the last active Administrator stays active. Returns what
        happened to the user's database role in per-user mode (or what to run), '' otherwise."""
        stored = set_agency_user_active(self.db, self.clock, self.login, target=user_login, active=active)
        return self._database_role(stored)

    def _database_role(self, login: str) -> str:
        """Per-user mode (PostgreSQL): the user's own role follows when this connection may, else the
        sentence saying what to run; '' in the single-password mode and on SQLite."""
        from console_tui.data.pgaccess.roles import keep_in_step

        return keep_in_step(self.db, login)

    def grant_access(self, user_login: str, client_id: int) -> tuple[str, ...]:
        """Make the user a Client Manager of the client (R-OPT-5, R-ACC-2); the managers after."""
        return add_client_manager(self.db, self.clock, self.login, client_id, user_login)

    def revoke_access(self, user_login: str, client_id: int) -> tuple[str, ...]:
        return remove_client_manager(self.db, self.clock, self.login, client_id, user_login)

    # --- The audit log (R-ACC-5) -------------------------------------------------------------------

    def audit(self, filters: AuditFilter, older_than: tuple[datetime, int] | None = None) -> AuditPage:
        return aq.audit_page(self.db, self.login, filters, older_than=older_than)


def capacity_banner(services: Services, warn_pct: int = cap.WARN_PCT) -> str | None:
    """The plan warning for the management bar while it applies (R-CAP-2), else None.

    Blocking: call it from a thread worker, e.g. with the console's overview load, and pass
    ``settings.capacity_warning_pct``. Every role may read it.
    """
    return aq.capacity_banner_text(services.db, services.login, warn_pct)
