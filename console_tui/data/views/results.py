"""What commands return: plain frozen dataclasses, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from console_tui.data.views.templates import TemplateApplied


@dataclass(frozen=True)
class AddedClient:
    """add_client (R-MC-1): the new ids, and the plan warning when the count nears the plan (R-CAP-2)."""

    client_id: int
    client_user_id: int
    counted: bool
    direct_support: bool
    capacity_warning: str | None
    template: TemplateApplied | None = None  # the template it started from (R-TPL-2)


@dataclass(frozen=True)
class ConfigurationSaved:
    """save_configuration (R-MC-3): complete or the required fields still missing; derived region."""

    version: int
    complete: bool
    missing: tuple[str, ...]
    region: str


@dataclass(frozen=True)
class ProfileSaved:
    """update_company_profile: the new version and the region that follows from the country."""

    version: int
    region: str


@dataclass(frozen=True)
class LimitChange:
    """One client's email limit before and after a save (R-EL-1, R-EL-4); None = unlimited."""

    client_id: int
    name: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class LimitsSaved:
    """set_email_limits: only the clients whose limit changed."""

    changes: tuple[LimitChange, ...]


@dataclass(frozen=True)
class JobScheduled:
    """schedule_email_job (R-EL-2): the job and the cycle's usage after it."""

    job_id: int
    cycle: str
    limit: int | None
    used: int
    remaining: int | None


@dataclass(frozen=True)
class SuppressionSet:
    """set_suppression (R-SUP-2): the new state; ``note`` is R-SUP-4's when EBS is off."""

    enabled: bool
    note: str | None


@dataclass(frozen=True)
class StatusSet:
    """set_client_status (R-CAP-1, R-CAP-3)."""

    status: str
    created: bool
    counted: bool
    capacity_warning: str | None


@dataclass(frozen=True)
class StatusChanged:
    """add_status, rename_status, retire_status (R-CAP-4): the status as it now is."""

    name: str
    counts: bool
    restored: bool = False  # added again after it was retired


@dataclass(frozen=True)
class CompanyRemoved:
    """remove_company (R-OPT-9): soft delete."""

    client_id: int
    name: str
    removed_at: datetime
    users_blocked: int


@dataclass(frozen=True)
class CompanyPurged:
    """purge_company: what was deleted."""

    client_id: int
    name: str
    client_users: int
    events: int


@dataclass(frozen=True)
class PlanChanged:
    """change_plan (R-CAP-3)."""

    before: str
    after: str
    max_clients: int
    upgrade: bool


@dataclass(frozen=True)
class TeamCallStarted:
    """start_team_call: the joinable link (R-CMC-3 Information)."""

    call_id: int
    url: str
    room: str
    participant_ids: tuple[int, ...]


@dataclass(frozen=True)
class AvatarSet:
    """set_avatar: what was stored."""

    mime_type: str
    width: int
    height: int
    size_bytes: int


@dataclass(frozen=True)
class AgencyUserRole:
    """set_agency_user_role (R-ACC-1): the login as stored, its role before and after."""

    login: str
    before: str
    after: str


@dataclass(frozen=True)
class AgencyUserAdded:
    """add_agency_user (R-ACC-1); ``team_warning`` when the team nears or passes the plan (R-CAP-2);
    ``database_note``: in per-user mode, the new user's database role made, or what to run to make it."""

    user_id: int
    login: str
    role: str
    bootstrap: bool
    team_warning: str | None
    database_note: str = ""
