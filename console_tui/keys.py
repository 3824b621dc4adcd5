"""The one table of key bindings (DESIGN.md habit 7).

Every key the console answers to is a :class:`Key` row here, with an ``id`` and a description.
The table feeds each screen's ``BINDINGS`` (:func:`bindings`), the footer (``footer=True``), the
``?`` help screen (:func:`help_rows`) and the command palette (``palette=True``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

#: Scopes, in the order the help screen lists them, with their headings.
SCOPES: dict[str, str] = {
    "app": "Everywhere",
    "console": "Console",
    "list": "Moving in lists",
    "detail": "Client detail",
    "instance": "Inside a client",
    "users": "User Accounts",
    "profile": "Settings",
    "call": "Team Call",
    "avatar": "Company Avatar",
    "form": "Forms and questions",
    "back": "Other screens",
}


@dataclass(frozen=True, slots=True)
class Key:
    id: str
    keys: str  # Textual key names; a comma separates alternatives
    action: str
    description: str
    scope: str
    footer: bool = True
    palette: bool = True
    display: str | None = None
    bind: bool = True  # False: Textual binds it already; listed for help only
    priority: bool = False


KEYS: tuple[Key, ...] = (
    # Everywhere
    Key("app.help", "question_mark", "app.help", "Help", "app", display="?"),
    Key("app.palette", "ctrl+p", "app.command_palette", "Command palette (jump to client)", "app",
        footer=False, palette=False, display="^p", bind=False),
    Key("app.agency", "g", "app.agency_dashboard", "Agency dashboard", "app", footer=False),
    Key("app.manage", "m", "app.manage_clients", "Manage Clients", "app", footer=False),
    Key("app.portal", "o", "app.partner_portal", "Open the Partner Portal", "app", footer=False),
    Key("app.console", "c", "app.console", "Back to the console", "app", footer=False),
    Key("app.quit", "q", "app.quit", "Quit", "app"),
    # The console
    Key("console.switch", "enter", "switch_in", "Switch into client", "console", display="↵"),
    Key("console.search", "slash", "focus_search", "Search", "console", display="/"),
    Key("console.clear", "escape", "clear_or_back", "Clear search / back", "console", footer=False,
        palette=False, display="esc"),
    Key("console.detail", "d", "detail", "Client detail", "console"),
    Key("console.users", "u", "users", "User accounts", "console", footer=False),
    Key("console.settings", "s", "settings", "Settings (account)", "console", footer=False),
    Key("console.billing", "b", "billing", "Billing overview", "console", footer=False),
    Key("console.call", "t", "team_call", "Team call", "console", footer=False),
    Key("console.avatar", "a", "avatar", "Company avatar", "console", footer=False),
    Key("console.place", "p", "place", "Open a recent place", "console", footer=False),
    Key("console.reload", "r", "reload", "Reload", "console", footer=False),
    # Moving in lists (the client list and every table)
    Key("list.down", "down,j", "cursor_down", "Next", "list", footer=False, palette=False, display="↓/j"),
    Key("list.up", "up,k", "cursor_up", "Previous", "list", footer=False, palette=False, display="↑/k"),
    Key("list.page_down", "pagedown", "page_down", "Page down", "list", footer=False, palette=False),
    Key("list.page_up", "pageup", "page_up", "Page up", "list", footer=False, palette=False),
    Key("list.first", "home", "first", "First", "list", footer=False, palette=False),
    Key("list.last", "end", "last", "Last", "list", footer=False, palette=False),
    # The client detail view
    Key("detail.window", "space", "toggle_window", "30 / 90 days", "detail"),
    # Inside a client (R-CMC-5)
    Key("instance.return", "ctrl+r", "return_to_agency", "Return to agency", "instance", display="^r",
        priority=True),
    Key("instance.open", "enter", "open_content", "Open content", "instance", display="↵"),
    Key("instance.escape", "escape", "explain_return", "How to leave", "instance", footer=False,
        palette=False, display="esc"),
    # User Accounts (R-CMC-3; Administrator or Company Manager)
    Key("users.add", "n", "add_user", "Add user", "users"),
    Key("users.edit", "e", "edit_user", "Edit user", "users", display="e/↵"),
    Key("users.delete", "x,delete", "delete_user", "Delete user", "users", display="x/del"),
    # Settings: the company profile
    Key("profile.edit", "e", "edit_profile", "Edit company profile", "profile"),
    # Team Call
    Key("call.start", "ctrl+s", "start_call", "Start the call", "call", display="^s"),
    Key("call.copy", "y", "copy_link", "Copy the link", "call"),
    # Company Avatar
    Key("avatar.path", "slash", "focus_path", "Type a file path", "avatar", display="/"),
    # Forms and questions (modal dialogs)
    Key("form.save", "ctrl+s", "save", "Save", "form", display="^s"),
    Key("form.cancel", "escape", "cancel", "Cancel", "form", display="esc"),
    # Other screens
    Key("back.back", "escape", "back", "Back", "back", display="esc"),
    Key("back.reload", "r", "reload", "Reload", "back"),
)


def keys_in(scope: str) -> tuple[Key, ...]:
    return tuple(key for key in KEYS if key.scope == scope)


def bindings(*scopes: str) -> list[Binding]:
    """``BINDINGS`` for a screen or widget, built from the table rows of ``scopes``."""
    return [
        Binding(
            key.keys, key.action, key.description, show=key.footer, key_display=key.display,
            priority=key.priority, id=key.id,
        )
        for scope in scopes
        for key in keys_in(scope)
        if key.bind
    ]


def shown_keys(key: Key) -> str:
    return key.display or key.keys.replace(",", "/")


def help_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(heading, [(keys, description), …]), …]`` for the help screen."""
    return [(heading, [(shown_keys(k), k.description) for k in keys_in(scope)]) for scope, heading in SCOPES.items()]
