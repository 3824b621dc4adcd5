"""Manage Clients' door to the data: the queries and commands of R-MC and R-OPT for one user.

Built once in ``make_app`` from the app's :class:`~console_tui.services.console.Services` (``.db``,
``.login``, ``.clock``) and the settings (``pre_renewal_days``, ``ebs_wait_days``,
``capacity_warning_pct``). Every method is synchronous and may block: call them from thread
workers only, never on the event loop. They return
frozen dataclasses and raise :class:`~console_tui.domain.errors.DomainError` with a readable
message when refused. Every change goes through a command: permission, rule, one audit row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from console_tui.clock import local_today
from console_tui.config import Settings
from console_tui.data.commands import clients as client_commands
from console_tui.data.commands import options as option_commands
from console_tui.data.commands import removal as removal_commands
from console_tui.data.commands import statuses as status_commands
from console_tui.data.queries import manage as mq
from console_tui.data.queries import statuses as status_queries
from console_tui.data.queries import what_if as wq
from console_tui.data.views.manage import (
    ClientOptions,
    ConfigurationView,
    FlagsView,
    ManageList,
    ManagersView,
    RemovalView,
    SenderView,
    ServicesView,
    StatusChoices,
    StatusRow,
    SuppressionView,
)
from console_tui.data.views.results import (
    AddedClient,
    CompanyPurged,
    CompanyRemoved,
    ConfigurationSaved,
    StatusChanged,
    StatusSet,
    SuppressionSet,
)
from console_tui.data.views.templates import TemplateRow, TemplateSaved
from console_tui.data.views.what_if import ChargesWhatIf
from console_tui.domain.allowances import AllowanceChange
from console_tui.domain.client_form import ClientForm
from console_tui.domain.permissions import Action
from console_tui.domain.templates import Setup
from console_tui.services.console import Services


class ManageServices:
    """What Manage Clients may ask of the data layer, on behalf of the acting agency user."""

    def __init__(self, services: Services, settings: Settings) -> None:
        self.db = services.db
        self.login = services.login
        self.clock = services.clock
        self.pre_renewal_days = settings.pre_renewal_days
        self.ebs_wait_days = settings.ebs_wait_days
        self.warn_pct = settings.capacity_warning_pct

    @property
    def today(self) -> date:
        return local_today(self.clock)

    # --- reads ---------------------------------------------------------------------------------

    def clients(self) -> ManageList:
        return mq.manage_list(self.db, self.login, self.today, self.clock.tz,
                              pre_renewal_days=self.pre_renewal_days, warn_pct=self.warn_pct)

    def options(self, client_id: int) -> ClientOptions:
        return mq.client_options(self.db, self.login, client_id, self.today, window_days=self.pre_renewal_days,
                                 wait_days=self.ebs_wait_days)

    def configuration(self, client_id: int) -> ConfigurationView:
        return mq.configuration(self.db, self.login, client_id)

    def services(self, client_id: int) -> ServicesView:
        return mq.services(self.db, self.login, client_id)

    def managers(self, client_id: int) -> ManagersView:
        return mq.managers(self.db, self.login, client_id)

    def flags(self, client_id: int, action: Action) -> FlagsView:
        return mq.flags(self.db, self.login, client_id, action)

    def sender(self, client_id: int) -> SenderView:
        return mq.sender(self.db, self.login, client_id, self.today)

    def suppression(self, client_id: int) -> SuppressionView:
        return mq.suppression(self.db, self.login, client_id, self.today, self.ebs_wait_days)

    def status_choices(self, client_id: int) -> StatusChoices:
        return mq.status_choices(self.db, self.login, client_id)

    def removal(self, client_id: int) -> RemovalView:
        return mq.removal(self.db, self.login, client_id, self.today, self.pre_renewal_days)

    def charges_what_if(self, *, removed: Iterable[int] = (),
                        counts: Mapping[int, bool] | None = None) -> ChargesWhatIf:
        """The next cycle's charges before and after removing clients or giving them a status that
        counts (True) or not (R-WI-2)."""
        return wq.charges_what_if(self.db, self.login, self.today, removed=removed, counts=counts)

    def check_switch_into(self, client_id: int) -> str:
        from console_tui.data.queries.client import check_switch_into

        return check_switch_into(self.db, self.login, client_id)

    # --- changes (each one command: permission + rule + one audit row) ---------------------------

    def add_client(self, form: ClientForm, kind: str, template: str | None = None) -> AddedClient:
        return client_commands.add_client(self.db, self.clock, self.login, form, kind=kind, warn_pct=self.warn_pct,
                                          template=template)

    # --- client templates (R-TPL-1) -----------------------------------------------------------------

    def templates(self) -> tuple[TemplateRow, ...]:
        from console_tui.data.queries.templates import client_templates

        return client_templates(self.db, self.login)

    def save_template_from_client(self, name: str, client_id: int, replace_existing: bool = False) -> TemplateSaved:
        from console_tui.data.commands.templates import save_template_from_client

        return save_template_from_client(self.db, self.clock, self.login, name, client_id,
                                         replace_existing=replace_existing)

    def save_template(self, name: str, setup: Setup, replace_existing: bool = False) -> TemplateSaved:
        from console_tui.data.commands.templates import add_template

        return add_template(self.db, self.clock, self.login, name, setup, replace_existing=replace_existing)

    def remove_template(self, name: str) -> str:
        from console_tui.data.commands.templates import remove_template

        return remove_template(self.db, self.clock, self.login, name)

    def save_configuration(self, client_id: int, *, term: str | None, start_date: date | None,
                           billing_contact: str, billing_email: str, tax_rate: str | Decimal | None,
                           margin_protection: bool, seen_version: int | None) -> ConfigurationSaved:
        return client_commands.save_configuration(
            self.db, self.clock, self.login, client_id, term=term, start_date=start_date,
            billing_contact=billing_contact, billing_email=billing_email, tax_rate=tax_rate,
            margin_protection=margin_protection, seen_version=seen_version)

    def set_allowance(self, client_id: int, service_key: str, allowance: str,
                      seen_version: int | None) -> AllowanceChange:
        return option_commands.set_allowance(self.db, self.clock, self.login, client_id, service_key, allowance,
                                             seen_version=seen_version)

    def add_manager(self, client_id: int, manager_login: str) -> tuple[str, ...]:
        return option_commands.add_client_manager(self.db, self.clock, self.login, client_id, manager_login)

    def remove_manager(self, client_id: int, manager_login: str) -> tuple[str, ...]:
        return option_commands.remove_client_manager(self.db, self.clock, self.login, client_id, manager_login)

    def set_direct_support(self, client_id: int, enabled: bool, seen_version: int | None) -> bool:
        return option_commands.toggle_direct_support(self.db, self.clock, self.login, client_id, enabled=enabled,
                                                     seen_version=seen_version)

    def set_suppression(self, client_id: int, enabled: bool, seen_version: int | None) -> SuppressionSet:
        return option_commands.set_suppression(self.db, self.clock, self.login, client_id, enabled=enabled,
                                               ebs_wait_days=self.ebs_wait_days, seen_version=seen_version)

    def set_rebrand_lock(self, client_id: int, locked: bool, seen_version: int | None) -> bool:
        return option_commands.set_rebrand_lock(self.db, self.clock, self.login, client_id, locked=locked,
                                                seen_version=seen_version)

    def remove_company(self, client_id: int, confirm_name: str, seen_version: int | None) -> CompanyRemoved:
        return removal_commands.remove_company(self.db, self.clock, self.login, client_id, confirm_name=confirm_name,
                                               pre_renewal_days=self.pre_renewal_days, seen_version=seen_version)

    def set_client_status(self, client_id: int, status: str, seen_version: int | None) -> StatusSet:
        """Suspend, deactivate or reactivate a client (R-CAP-1); reactivating on a full plan is refused (R-CAP-3)."""
        return client_commands.set_client_status(self.db, self.clock, self.login, client_id, status,
                                                 warn_pct=self.warn_pct, seen_version=seen_version)

    def purge_company(self, client_id: int, confirm_name: str) -> CompanyPurged:
        """Delete a removed company's data for good, after its name was typed (R-OPT-9's purge)."""
        return removal_commands.purge_company(self.db, self.clock, self.login, client_id, confirm_name=confirm_name)


    # --- the agency's client statuses (R-CAP-4) --------------------------------------------------

    def statuses(self) -> tuple[StatusRow, ...]:
        return status_queries.client_statuses(self.db, self.login)

    def add_status(self, name: str, counts: bool) -> StatusChanged:
        return status_commands.add_status(self.db, self.clock, self.login, name, counts=counts)

    def rename_status(self, old: str, new: str) -> StatusChanged:
        return status_commands.rename_status(self.db, self.clock, self.login, old, new)

    def retire_status(self, name: str) -> StatusChanged:
        return status_commands.retire_status(self.db, self.clock, self.login, name)
