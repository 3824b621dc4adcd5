"""Screens named by where they live and imported when first opened.

A route table names each screen as ``"package.module:Class"``; :func:`screen_class` imports it the
first time it is opened, so what only one screen needs (plotext, image handling, form rules) never
delays the console's first frame. :func:`client_screen_class` does the same for a screen opened for
one client (``Screen(client_id, client_name)``). An agency screen is opened with no arguments,
or, if it is an :class:`OverviewScreen`, with the console's overview.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Protocol, cast

from textual.screen import Screen

from console_tui.data.views.console import ConsoleOverview

SCREENS = "console_tui.screens"


class ClientScreenFactory(Protocol):
    """A screen class opened for one client: called with the client's id and name."""

    def __call__(self, client_id: int, name: str) -> Screen[Any]: ...


class OverviewScreenFactory(Protocol):
    """An agency screen class opened with the console's overview (its clients, the user's role)."""

    def __call__(self, overview: ConsoleOverview) -> Screen[Any]: ...


class OverviewScreen:
    """Mixed into an agency screen that is opened with the console's overview (``Screen(overview)``)."""


def screen_class(path: str) -> type[Screen[Any]]:
    """``"console_tui.screens.admin.agency_users:AgencyUsersScreen"`` → the class, imported now."""
    module, _, name = path.partition(":")
    found = getattr(import_module(module), name)
    if not (isinstance(found, type) and issubclass(found, Screen)):
        raise TypeError(f"{path} is not a screen")
    return found


def client_screen_class(path: str) -> ClientScreenFactory:
    """``"console_tui.screens.client.team_call:TeamCallScreen"`` → the class, imported now, typed as
    what it is called with: the client's id and name."""
    return cast(ClientScreenFactory, screen_class(path))
