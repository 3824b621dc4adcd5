"""Permission matrix and menus (R-ACC-1..4, R-OPT-1, R-OPT-2, R-OPT-5, R-MC-4, R-CMC-1)."""

from __future__ import annotations

import pytest

from console_tui.domain.errors import PermissionDenied
from console_tui.domain.permissions import (
    OPTIONS_MENU,
    PAGE_MENU,
    Action,
    can_see_client,
    check,
    menu_items,
    require,
)
from console_tui.domain.roles import Role, parse_role

ROLE_NAMES = (
    "Administrator",
    "Company Manager",
    "Marketing Manager",
    "Sales Manager",
    "Salesperson",
    "Jr. Salesperson",
)
ADM = frozenset({"Administrator"})
ALL = frozenset(ROLE_NAMES)
SUPP = frozenset({"Administrator", "Company Manager", "Marketing Manager"})
USERS = frozenset({"Administrator", "Company Manager"})

# The expected matrix, written from DOMAIN.md R-ACC-3 (not derived from the code):
# action -> (roles allowed, whether it is about one client and so needs access to it).
EXPECTED: dict[str, tuple[frozenset[str], bool]] = {
    "open_console": (ALL, False),
    "view_client": (ALL, True),
    "switch_into_client": (ALL, True),
    "manage_clients": (ADM, False),
    "client_configuration": (ADM, True),
    "services_allowances": (ADM, True),
    "client_managers": (ADM, True),
    "direct_support": (ADM, True),
    "email_sender": (ADM, True),
    "email_suppression": (SUPP, True),
    "client_rebrand": (ADM, True),
    "remove_company": (ADM, True),
    "purge_company": (ADM, True),
    "email_limits": (ADM, False),
    "client_usage": (ADM, False),
    "billing": (ADM, False),
    "change_plan": (ADM, False),
    "manage_client_users": (USERS, True),
    "edit_company_profile": (ALL, True),
    "team_call": (ALL, True),
    "set_avatar": (ALL, True),
    "record_recent_place": (ALL, True),
    "manage_agency_users": (ADM, False),
    "set_client_status": (ADM, True),
    "manage_statuses": (ADM, False),  # the agency's custom statuses (R-CAP-4)
    "view_audit_log": (ADM, False),
    # [decision] the scripting commands that act on every client at once: Administrators only
    "ingest_events": (ADM, False),
    "run_rollup": (ADM, False),
    "rebuild_database": (ADM, False),
    "snooze_reason": (ALL, True),
    "snooze_agency_reason": (ALL, False),
    # [decision] saved views (R-VIEW-2): everyone keeps private ones; shared ones are Administrators'
    "save_views": (ALL, False),
    "share_views": (ADM, False),
    "manage_templates": (ADM, False),
}

CASES = [
    (role, action, is_cm) for role in ROLE_NAMES for action in EXPECTED for is_cm in (True, False)
]


def test_r_acc_1_roles_are_exactly_the_six() -> None:
    assert tuple(role.value for role in Role) == ROLE_NAMES


def test_r_acc_1_parse_role_is_case_insensitive_and_names_valid_roles() -> None:
    assert parse_role("  jr.  salesperson ") is Role.JR_SALESPERSON
    with pytest.raises(ValueError, match="Company Manager"):
        parse_role("Boss")


def test_r_acc_3_matrix_covers_every_action() -> None:
    assert {action.value for action in Action} == set(EXPECTED)


@pytest.mark.parametrize(("role", "action", "is_cm"), CASES)
def test_r_acc_3_permission_matrix(role: str, action: str, is_cm: bool) -> None:
    allowed_roles, client_scoped = EXPECTED[action]
    has_access = role == "Administrator" or is_cm or not client_scoped
    expected = role in allowed_roles and has_access
    decision = check(Role(role), Action(action), is_client_manager=is_cm)
    assert decision.allowed is expected, decision.reason
    if expected:
        require(Role(role), Action(action), is_client_manager=is_cm)  # does not raise
        return
    with pytest.raises(PermissionDenied) as caught:
        require(Role(role), Action(action), is_client_manager=is_cm)
    message = str(caught.value)
    assert set(caught.value.roles_needed) == allowed_roles
    if role not in allowed_roles:
        for needed in allowed_roles:
            assert needed in decision.reason and needed in message
        for other in ALL - allowed_roles - {"Salesperson"}:
            assert other not in decision.reason
    else:  # right role, but not a Client Manager of this client
        assert "Administrator" in decision.reason and "Client Manager" in decision.reason
        assert "Client Manager" in message


def test_r_acc_3_roles_allowed_for_suppression() -> None:
    allowed = {role for role in Role if check(role, Action.EMAIL_SUPPRESSION, is_client_manager=True).allowed}
    assert allowed == {
        Role.ADMINISTRATOR,
        Role.COMPANY_MANAGER,
        Role.MARKETING_MANAGER,
    }


def test_r_acc_3_suppression_refusal_names_the_three_roles() -> None:
    decision = check(Role.SALES_MANAGER, Action.EMAIL_SUPPRESSION, is_client_manager=True)
    assert decision == type(decision)(
        False,
        "Email Suppression needs the Administrator, Company Manager or Marketing Manager roles",
    )


def test_r_acc_2_administrators_see_every_client_others_only_managed() -> None:
    assert can_see_client(Role.ADMINISTRATOR, False)
    for role in Role:
        assert can_see_client(role, True)
        if role is not Role.ADMINISTRATOR:
            assert not can_see_client(role, False)


def test_r_acc_4_require_raises_with_what_why_and_todo() -> None:
    with pytest.raises(PermissionDenied) as caught:
        require(Role.SALESPERSON, Action.BILLING)
    error = caught.value
    assert error.what == "Billing"
    assert "needs the Administrator role" in error.why and "Salesperson" in error.why
    assert error.todo
    assert str(error) == (
        "Billing was refused: it needs the Administrator role; your role is Salesperson. "
        "Ask an Administrator to do it or to change your access."
    )


def test_r_cmc_1_every_role_may_open_the_console() -> None:
    assert all(check(role, Action.OPEN_CONSOLE).allowed for role in Role)


def test_r_opt_2_switch_needs_admin_or_client_manager() -> None:
    assert check(Role.ADMINISTRATOR, Action.SWITCH_INTO_CLIENT, is_client_manager=False).allowed
    assert check(Role.JR_SALESPERSON, Action.SWITCH_INTO_CLIENT, is_client_manager=True).allowed
    refused = check(Role.COMPANY_MANAGER, Action.SWITCH_INTO_CLIENT, is_client_manager=False)
    assert not refused.allowed
    assert refused.reason == (
        "Switch to Manage needs the Administrator role, or any other role as a Client Manager "
        "of this client"
    )


def test_r_opt_5_client_managers_option_is_administrator_only() -> None:
    assert check(Role.ADMINISTRATOR, Action.CLIENT_MANAGERS).allowed
    assert not check(Role.COMPANY_MANAGER, Action.CLIENT_MANAGERS, is_client_manager=True).allowed


def test_r_opt_1_options_menu_order_and_actions() -> None:
    assert OPTIONS_MENU == (
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


def test_r_opt_1_disabled_items_carry_the_reason() -> None:
    items = menu_items(OPTIONS_MENU, Role.MARKETING_MANAGER, is_client_manager=True)
    assert [item.label for item in items] == [label for label, _ in OPTIONS_MENU]
    enabled = {item.label for item in items if item.enabled}
    assert enabled == {"Switch to Manage", "Email Suppression"}
    remove = items[-1]
    assert not remove.enabled and remove.reason == "Remove Company needs the Administrator role"


def test_r_opt_1_administrator_has_every_item_enabled() -> None:
    assert all(item.enabled for item in menu_items(OPTIONS_MENU, Role.ADMINISTRATOR))


def test_r_mc_4_page_menu_offers_email_limits_and_client_usage() -> None:
    assert [label for label, _ in PAGE_MENU] == ["Email Limits", "Client Usage"]
    items = menu_items(PAGE_MENU, Role.COMPANY_MANAGER, is_client_manager=True)
    assert [item.enabled for item in items] == [False, False]
    assert all(item.enabled for item in menu_items(PAGE_MENU, Role.ADMINISTRATOR))
