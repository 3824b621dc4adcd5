"""Who may do what: permission matrix (R-ACC-2, R-ACC-3, R-ACC-4), menus (R-OPT-1, R-MC-4).

R-ACC-3 as implemented, with the decisions where DOMAIN.md is silent marked **[decision]**:

* **Administrator only**: Manage Clients (list/add), every per-client option (R-OPT) except
  Email Suppression — Client Configuration, Services and Allowances, Client Managers, Direct
  Support, Email Sender, Client Rebrand, Remove Company — plus Email Limits, Client Usage, Billing
  and plan changes. **[decision]** also Administrator only: purging a removed company, setting a
  client's status (it is part of managing clients, and can change the plan count), managing
  agency users, reading the audit log, and listing and managing client templates (they serve
  adding clients and bulk changes, both Administrator only; R-TPL-1).
* **Email Suppression**: Administrator, Company Manager, Marketing Manager.
* **Client users screen** (User Accounts): Administrator, Company Manager.
* **Switch into a client**: Administrator, or a Client Manager of that client. For a
  non-administrator, "Client Manager of that client" is exactly "may access that client"
  (R-ACC-2), so this is every role on the clients they may access.
* **Loading events, running the rollup by hand, rebuilding the database** **[decision]**:
  Administrator only. ``console-tui ingest`` loads events that move every client's sender status
  (and so Email Behaviour Suppression and billing), ``console-tui refresh`` recomputes every
  client's figures (``--since`` rewrites history), and ``console-tui demo --force`` drops the
  whole agency: each acts on every client at once, which only an Administrator may do (R-ACC-2).
  The acting login must be a known, *active* agency user. The nightly job (``console-tui
  worker`` and the console's own scheduler) is the system, not a person: it runs the rollup
  without a login. Building the demo into an EMPTY database needs no user at all (nobody could
  exist yet); the login that asks becomes its Administrator.
* **Everything else in the console**: every role, on the clients they may access. **[decision]**
  This covers opening the console, viewing a client's sections, Settings (company profile),
  Team Call, Company Avatar, recording a Recent Place and snoozing a reason of the attention
  queue (one's own snooze; the agency row's, which everyone sees, is agency-scoped).

Client-scoped actions are refused to a non-administrator who is not a Client Manager of the
client (R-ACC-2): "non-administrators may act only on clients they can access". Agency-scoped
actions (the console itself, Manage Clients, Email Limits, Client Usage, Billing, plans, agency
users, audit log) ignore ``is_client_manager``.

Every refusal names the role(s) needed (R-ACC-4); :func:`require` is what service-layer commands
call before changing anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from console_tui.domain.errors import PermissionDenied
from console_tui.domain.guard import Guard
from console_tui.domain.roles import ALL_ROLES, Role
from console_tui.domain.wording import join_words


class Action(StrEnum):
    """Every user action the console offers (R-ACC-3)."""

    OPEN_CONSOLE = "open_console"
    VIEW_CLIENT = "view_client"
    SWITCH_INTO_CLIENT = "switch_into_client"
    MANAGE_CLIENTS = "manage_clients"
    CLIENT_CONFIGURATION = "client_configuration"
    SERVICES_ALLOWANCES = "services_allowances"
    CLIENT_MANAGERS = "client_managers"
    DIRECT_SUPPORT = "direct_support"
    EMAIL_SENDER = "email_sender"
    EMAIL_SUPPRESSION = "email_suppression"
    CLIENT_REBRAND = "client_rebrand"
    REMOVE_COMPANY = "remove_company"
    PURGE_COMPANY = "purge_company"
    EMAIL_LIMITS = "email_limits"
    CLIENT_USAGE = "client_usage"
    BILLING = "billing"
    CHANGE_PLAN = "change_plan"
    MANAGE_CLIENT_USERS = "manage_client_users"
    EDIT_COMPANY_PROFILE = "edit_company_profile"
    TEAM_CALL = "team_call"
    SET_AVATAR = "set_avatar"
    RECORD_RECENT_PLACE = "record_recent_place"
    MANAGE_AGENCY_USERS = "manage_agency_users"
    SET_CLIENT_STATUS = "set_client_status"
    MANAGE_STATUSES = "manage_statuses"
    VIEW_AUDIT_LOG = "view_audit_log"
    INGEST_EVENTS = "ingest_events"
    RUN_ROLLUP = "run_rollup"
    REBUILD_DATABASE = "rebuild_database"
    SNOOZE_REASON = "snooze_reason"
    SNOOZE_AGENCY_REASON = "snooze_agency_reason"
    SAVE_VIEWS = "save_views"
    SHARE_VIEWS = "share_views"
    MANAGE_TEMPLATES = "manage_templates"


@dataclass(frozen=True)
class Policy:
    """How one action is guarded: label, roles allowed, whether it is about a client (R-ACC-3)."""

    label: str
    roles: frozenset[Role]
    client_scoped: bool


_ADMIN = frozenset({Role.ADMINISTRATOR})
_SUPPRESSION = frozenset({Role.ADMINISTRATOR, Role.COMPANY_MANAGER, Role.MARKETING_MANAGER})
_CLIENT_USERS = frozenset({Role.ADMINISTRATOR, Role.COMPANY_MANAGER})

_POLICIES: dict[Action, Policy] = {
    Action.OPEN_CONSOLE: Policy("Opening the console", ALL_ROLES, False),
    Action.VIEW_CLIENT: Policy("Viewing a client", ALL_ROLES, True),
    Action.SWITCH_INTO_CLIENT: Policy("Switch to Manage", ALL_ROLES, True),
    Action.MANAGE_CLIENTS: Policy("Manage Clients", _ADMIN, False),
    Action.CLIENT_CONFIGURATION: Policy("Client Configuration", _ADMIN, True),
    Action.SERVICES_ALLOWANCES: Policy("Services and Allowances", _ADMIN, True),
    Action.CLIENT_MANAGERS: Policy("Client Managers", _ADMIN, True),
    Action.DIRECT_SUPPORT: Policy("Enable/Disable Direct Support", _ADMIN, True),
    Action.EMAIL_SENDER: Policy("Email Sender", _ADMIN, True),
    Action.EMAIL_SUPPRESSION: Policy("Email Suppression", _SUPPRESSION, True),
    Action.CLIENT_REBRAND: Policy("Client Rebrand", _ADMIN, True),
    Action.REMOVE_COMPANY: Policy("Remove Company", _ADMIN, True),
    Action.PURGE_COMPANY: Policy("Purge Company", _ADMIN, True),
    Action.EMAIL_LIMITS: Policy("Email Limits", _ADMIN, False),
    Action.CLIENT_USAGE: Policy("Client Usage", _ADMIN, False),
    Action.BILLING: Policy("Billing", _ADMIN, False),
    Action.CHANGE_PLAN: Policy("Changing the plan", _ADMIN, False),
    Action.MANAGE_CLIENT_USERS: Policy("User Accounts", _CLIENT_USERS, True),
    Action.EDIT_COMPANY_PROFILE: Policy("Settings", ALL_ROLES, True),
    Action.TEAM_CALL: Policy("Team Call", ALL_ROLES, True),
    Action.SET_AVATAR: Policy("Company Avatar", ALL_ROLES, True),
    Action.RECORD_RECENT_PLACE: Policy("Recent Places", ALL_ROLES, True),
    Action.MANAGE_AGENCY_USERS: Policy("Agency Users", _ADMIN, False),
    Action.SET_CLIENT_STATUS: Policy("Client Status", _ADMIN, True),
    Action.MANAGE_STATUSES: Policy("Client statuses", _ADMIN, False),
    Action.VIEW_AUDIT_LOG: Policy("Audit Log", _ADMIN, False),
    Action.INGEST_EVENTS: Policy("Loading events", _ADMIN, False),
    Action.RUN_ROLLUP: Policy("Running the nightly rollup by hand", _ADMIN, False),
    Action.REBUILD_DATABASE: Policy("Rebuilding the database", _ADMIN, False),
    Action.SNOOZE_REASON: Policy("Snoozing a reason", ALL_ROLES, True),
    Action.SNOOZE_AGENCY_REASON: Policy("Snoozing the agency's reason", ALL_ROLES, False),
    Action.SAVE_VIEWS: Policy("Saved views", ALL_ROLES, False),
    Action.SHARE_VIEWS: Policy("Sharing views with the agency", _ADMIN, False),
    Action.MANAGE_TEMPLATES: Policy("Client templates", _ADMIN, False),
}
#: The permission matrix (R-ACC-3), read-only.
POLICIES = MappingProxyType(_POLICIES)


@dataclass(frozen=True)
class Decision:
    """May this role do this? ``reason`` names the role(s) needed when refused (R-ACC-4)."""

    allowed: bool
    reason: str


def _role_names(roles: frozenset[Role]) -> list[str]:
    return [role.value for role in Role if role in roles]  # in R-ACC-1 order


def can_see_client(role: Role, is_client_manager: bool) -> bool:
    """Administrators see every client; anyone else only the clients they manage (R-ACC-2)."""
    return role is Role.ADMINISTRATOR or is_client_manager


def check(role: Role, action: Action, *, is_client_manager: bool = False) -> Decision:
    """Decide whether ``role`` may do ``action`` (R-ACC-2, R-ACC-3, R-ACC-4).

    ``is_client_manager`` says whether the user is a Client Manager of the client concerned; it is
    ignored for agency-scoped actions.
    """
    role, policy = Role(role), POLICIES[Action(action)]
    if role not in policy.roles:
        names = join_words(_role_names(policy.roles))
        plural = "roles" if len(policy.roles) > 1 else "role"
        return Decision(False, f"{policy.label} needs the {names} {plural}")
    if policy.client_scoped and not can_see_client(role, is_client_manager):
        others = policy.roles - {Role.ADMINISTRATOR}
        if others == ALL_ROLES - {Role.ADMINISTRATOR}:
            who = "any other role"
        else:
            who = f"the {join_words(_role_names(others))} role"
        return Decision(
            False,
            f"{policy.label} needs the Administrator role, or {who} "
            "as a Client Manager of this client",
        )
    return Decision(True, f"{role.value} may use {policy.label}")


def require(role: Role, action: Action, *, is_client_manager: bool = False) -> None:
    """Raise :class:`PermissionDenied` naming the role(s) needed unless allowed (R-ACC-4)."""
    decision = check(role, action, is_client_manager=is_client_manager)
    if not decision.allowed:
        policy = POLICIES[Action(action)]
        why = decision.reason.removeprefix(policy.label)  # "… needs the X role"
        raise PermissionDenied(
            policy.label,
            f"it{why}; your role is {Role(role).value}",
            _role_names(policy.roles),
        )


@dataclass(frozen=True)
class MenuItem:
    """One menu entry for a user: enabled or disabled with the reason (R-OPT-1)."""

    label: str
    action: Action
    enabled: bool
    reason: str
    opens_on: date | None = None  # a rule's refusal: the first day the item may be used, when known


#: The per-client options menu, in the order R-OPT-1 gives.
OPTIONS_MENU: tuple[tuple[str, Action], ...] = (
    ("Switch to Manage", Action.SWITCH_INTO_CLIENT),
    ("Client Configuration", Action.CLIENT_CONFIGURATION),
    ("Services and Allowances", Action.SERVICES_ALLOWANCES),
    ("Client Managers", Action.CLIENT_MANAGERS),
    ("Enable/Disable Direct Support", Action.DIRECT_SUPPORT),
    ("Email Sender", Action.EMAIL_SENDER),
    ("Email Suppression", Action.EMAIL_SUPPRESSION),
    ("Client Rebrand", Action.CLIENT_REBRAND),
    ("Remove Company", Action.REMOVE_COMPANY),
)

#: The Manage Clients page-level menu (R-MC-4).
PAGE_MENU: tuple[tuple[str, Action], ...] = (
    ("Email Limits", Action.EMAIL_LIMITS),
    ("Client Usage", Action.CLIENT_USAGE),
)


def menu_items(
    menu: tuple[tuple[str, Action], ...], role: Role, *, is_client_manager: bool = False
) -> tuple[MenuItem, ...]:
    """A menu as this user sees it: every item, the forbidden ones disabled with why (R-OPT-1)."""
    items = []
    for label, action in menu:
        decision = check(role, action, is_client_manager=is_client_manager)
        items.append(MenuItem(label, action, decision.allowed, decision.reason))
    return tuple(items)


def refused_by_rule(item: MenuItem, guard: Guard, what: str = "") -> MenuItem:
    """The item, disabled with the rule's reason and opening date when ``guard`` refuses it today.

    The same guard the item's screen and command enforce (R-OPT-9, R-SUP-2), so the menu says
    before the item is opened what opening it would say (R-OPT-1). ``what`` prefixes the reason
    when the item does more than the refused change (Email Suppression: "EBS is on and …").
    An item already disabled (by role or removal) keeps its own reason.
    """
    if not item.enabled or guard.allowed:
        return item
    return MenuItem(item.label, item.action, False, f"{what}{guard.reason}", guard.opens_on)
