"""Screens named by where they live and imported when first opened.

A route table names each screen as ``"package.module:Class"``; :func:`screen_class` imports it the
first time it is opened, so what only one screen needs (plotext, image handling, form rules) never
delays the console's first frame.
"""

from __future__ import annotations

from importlib import import_module

from textual.screen import Screen

SCREENS = "console_tui.screens"


def screen_class(path: str) -> type[Screen]:
    """``"console_tui.screens.client.team_call:TeamCallScreen"`` → the class, imported now."""
    module, _, name = path.partition(":")
    found = getattr(import_module(module), name)
    if not (isinstance(found, type) and issubclass(found, Screen)):
        raise TypeError(f"{path} is not a screen")
    return found
