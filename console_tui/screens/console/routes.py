"""Which screen each key of the key table opens, and who may open it (R-ACC-3).

The permission is checked here first so a refused key says at once which role it needs; the
data layer checks again before reading (R-ACC-4).
"""

from __future__ import annotations

from typing import Any, cast

from textual.screen import Screen

from console_tui.clock import local_today
from console_tui.data.views.console import ClientSummary, ConsoleOverview, PlaceRef
from console_tui.domain.permissions import Action, check
from console_tui.domain.roles import Role
from console_tui.screens.lazy import SCREENS, OverviewScreen, OverviewScreenFactory, client_screen_class, screen_class
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost


def _routes(scope: str) -> dict[str, tuple[str, Action]]:
    return {id: (f"{SCREENS}.{key.screen}", cast(Action, key.needs)) for id, key in keys.routes(scope).items()}


#: Each per-client key's screen (opened with the client's id and name) and the permission it
#: needs, read from the key table's ``console`` rows.
ROUTES = _routes("console")
#: Each global key's agency screen and the permission it needs, read from the ``app`` rows.
AGENCY_ROUTES = _routes("app")
#: The per-client key that opens the Recent Places picker rather than a screen.
PLACES = "console.place"


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
        return client_screen("console.users", client)
    if place.title.startswith(TEAM_CALL_PLACE):
        return client_screen("console.call", client)
    if place.title.startswith(AVATAR_PLACE):
        return client_screen("console.avatar", client)
    return client_screen("console.settings", client)


def open_client_screen(app: ConsoleHost, name: str, client: ClientSummary, role: str) -> None:
    action = ROUTES[name][1]
    if reason := refusal(role, action):
        app.notify(reason, title="Not allowed", severity="warning")
        return
    if name != PLACES:
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


def agency_screen_class(name: str) -> type[Screen[Any]]:
    """The class of the screen the global key ``name`` opens (imported now, when first needed)."""
    return screen_class(AGENCY_ROUTES[name][0])


def agency_screen(name: str, overview: ConsoleOverview) -> Screen[Any]:
    """The screen the global key ``name`` opens: built from the console's overview when it is an
    :class:`OverviewScreen` (the agency dashboard, Manage Clients), else with no arguments."""
    found = agency_screen_class(name)
    if issubclass(found, OverviewScreen):
        return cast(OverviewScreenFactory, found)(overview)
    return found()
