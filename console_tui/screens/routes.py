"""Which screen each per-client key opens, and who may open it (R-ACC-3).

The permission is checked here first so a refused key says at once which role it needs; the
data layer checks again before reading (R-ACC-4).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.screen import Screen

from console_tui.clock import local_today
from console_tui.data.views import ClientSummary, PlaceRef
from console_tui.domain.permissions import Action, check
from console_tui.domain.roles import Role


def _detail(client: ClientSummary) -> Screen:
    from console_tui.screens.client_detail import ClientDetailScreen  # plotext loads on first use

    return ClientDetailScreen(client.id, client.name)


def _users(client: ClientSummary) -> Screen:
    from console_tui.screens.user_accounts import UserAccountsScreen

    return UserAccountsScreen(client.id, client.name)


def _settings(client: ClientSummary) -> Screen:
    from console_tui.screens.account_settings import AccountSettingsScreen

    return AccountSettingsScreen(client.id, client.name)


def _billing(client: ClientSummary) -> Screen:
    from console_tui.screens.billing_overview import BillingOverviewScreen

    return BillingOverviewScreen(client.id, client.name)


def _team_call(client: ClientSummary) -> Screen:
    from console_tui.screens.team_call import TeamCallScreen

    return TeamCallScreen(client.id, client.name)


def _avatar(client: ClientSummary) -> Screen:
    from console_tui.screens.company_avatar import CompanyAvatarScreen

    return CompanyAvatarScreen(client.id, client.name)


def _options(client: ClientSummary) -> Screen:
    from console_tui.screens.client_options import ClientOptionsScreen

    return ClientOptionsScreen(client.id, client.name)


ROUTES: dict[str, tuple[Callable[[ClientSummary], Screen], Action]] = {
    "detail": (_detail, Action.VIEW_CLIENT),
    "users": (_users, Action.MANAGE_CLIENT_USERS),
    "settings": (_settings, Action.EDIT_COMPANY_PROFILE),
    "billing": (_billing, Action.BILLING),
    "team_call": (_team_call, Action.TEAM_CALL),
    "avatar": (_avatar, Action.SET_AVATAR),
    "options": (_options, Action.VIEW_CLIENT),  # every item says for itself who may use it (R-OPT-1)
    "place": (_detail, Action.RECORD_RECENT_PLACE),  # the picker is opened by open_client_screen
}


def refusal(role: str, action: Action) -> str | None:
    """Why ``role`` may not do ``action`` on a client it can see, or None when it may."""
    decision = check(Role(role), action, is_client_manager=True)  # the list holds only clients it may access
    return None if decision.allowed else f"{decision.reason}."


def place_screen(client: ClientSummary, place: PlaceRef) -> Screen:
    """What a Recent Places entry opens: its content page, or the users, team calls, avatar or
    settings it was about (info entries are told apart by the titles the commands give them)."""
    from console_tui.domain.wording import AVATAR_PLACE, TEAM_CALL_PLACE

    if place.content_item_id is not None:
        from console_tui.screens.content_page import ContentPageScreen

        return ContentPageScreen(client.id, place.content_item_id, client.name)
    if place.kind == "user":
        return _users(client)
    if place.title.startswith(TEAM_CALL_PLACE):
        return _team_call(client)
    if place.title.startswith(AVATAR_PLACE):
        return _avatar(client)
    return _settings(client)


def open_client_screen(app: App, name: str, client: ClientSummary, role: str) -> None:
    factory, action = ROUTES[name]
    if reason := refusal(role, action):
        app.notify(reason, title="Not allowed", severity="warning")
        return
    if name != "place":
        app.push_screen(factory(client))
        return
    if not (client.your_places or client.company_places):
        app.notify("No recent places for this client yet.")
        return
    from console_tui.screens.place_picker import PlacePicker

    clock = app.clock  # type: ignore[attr-defined]

    def chosen(place: PlaceRef | None) -> None:
        if place is not None:
            app.push_screen(place_screen(client, place))

    app.push_screen(PlacePicker(client, local_today(clock), clock.tz), chosen)
