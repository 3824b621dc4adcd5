"""Which screen each per-client key opens, and who may open it (R-ACC-3).

The permission is checked here first so a refused key says at once which role it needs; the
data layer checks again before reading (R-ACC-4).
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from console_tui.clock import local_today
from console_tui.data.views.console import ClientSummary, PlaceRef
from console_tui.domain.permissions import Action, check
from console_tui.domain.roles import Role
from console_tui.screens.lazy import SCREENS, client_screen_class
from console_tui.ui.host import ConsoleHost

#: Each per-client key's screen (opened with the client's id and name) and the permission it needs.
ROUTES: dict[str, tuple[str, Action]] = {
    "detail": (f"{SCREENS}.console.client_detail:ClientDetailScreen", Action.VIEW_CLIENT),
    "users": (f"{SCREENS}.client.user_accounts:UserAccountsScreen", Action.MANAGE_CLIENT_USERS),
    "settings": (f"{SCREENS}.client.account_settings:AccountSettingsScreen", Action.EDIT_COMPANY_PROFILE),
    "billing": (f"{SCREENS}.client.billing_overview:BillingOverviewScreen", Action.BILLING),
    "team_call": (f"{SCREENS}.client.team_call:TeamCallScreen", Action.TEAM_CALL),
    "avatar": (f"{SCREENS}.client.company_avatar:CompanyAvatarScreen", Action.SET_AVATAR),
    # every item of the options menu says for itself who may use it (R-OPT-1)
    "options": (f"{SCREENS}.options.menu:ClientOptionsScreen", Action.VIEW_CLIENT),
    # the picker is opened by open_client_screen; the entry chosen opens its own screen
    "place": (f"{SCREENS}.console.client_detail:ClientDetailScreen", Action.RECORD_RECENT_PLACE),
}


def client_screen(name: str, client: ClientSummary) -> Screen[Any]:
    """The screen the per-client key ``name`` opens for ``client``."""
    return client_screen_class(ROUTES[name][0])(client.id, client.name)


def refusal(role: str, action: Action) -> str | None:
    """Why ``role`` may not do ``action`` on a client it can see, or None when it may."""
    decision = check(Role(role), action, is_client_manager=True)  # the list holds only clients it may access
    return None if decision.allowed else f"{decision.reason}."


def place_screen(client: ClientSummary, place: PlaceRef) -> Screen[Any]:
    """What a Recent Places entry opens: its content page, or the users, team calls, avatar or
    settings it was about (info entries are told apart by the titles the commands give them)."""
    from console_tui.domain.wording import AVATAR_PLACE, TEAM_CALL_PLACE

    if place.content_item_id is not None:
        from console_tui.screens.console.content_page import ContentPageScreen  # imported when first opened

        return ContentPageScreen(client.id, place.content_item_id, client.name)
    if place.kind == "user":
        return client_screen("users", client)
    if place.title.startswith(TEAM_CALL_PLACE):
        return client_screen("team_call", client)
    if place.title.startswith(AVATAR_PLACE):
        return client_screen("avatar", client)
    return client_screen("settings", client)


def open_client_screen(app: ConsoleHost, name: str, client: ClientSummary, role: str) -> None:
    action = ROUTES[name][1]
    if reason := refusal(role, action):
        app.notify(reason, title="Not allowed", severity="warning")
        return
    if name != "place":
        app.push_screen(client_screen(name, client))
        return
    if not (client.your_places or client.company_places):
        app.notify("No recent places for this client yet.")
        return
    from console_tui.screens.dialogs.place_picker import PlacePicker

    clock = app.clock

    def chosen(place: PlaceRef | None) -> None:
        if place is not None:
            app.push_screen(place_screen(client, place))

    app.push_screen(PlacePicker(client, local_today(clock), clock.tz), chosen)
