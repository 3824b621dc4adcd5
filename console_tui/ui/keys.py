"""The one table of key bindings (no screen defines a key of its own).

Every key the console answers to is a :class:`Key` row here, with an ``id`` and a description.
The table feeds each screen's ``BINDINGS`` (:func:`bindings`), the footer (``footer=True``), the
``?`` help screen (:func:`help_rows`) and the command palette (``palette=True``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

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
    "manage": "Manage Clients",
    "filters": "Manage Clients: filters",
    "add": "Add Client",
    "options": "Client options",
    "option": "Client option screens",
    "limits": "Email Limits",
    "editor": "Editing a value",
    "find": "Finding",
    "search": "Search lines",
    "months": "Client Usage",
    "cycles": "Billing Overview",
    "account": "My Account",
    "staff": "Agency users and access",
    "audit": "Audit log",
    "audit_filter": "Audit log: filtering",
    "form": "Forms and questions",
    "fields": "Moving between form fields",
    "dialog": "Dialogs and menus",
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
    help: bool = True  # False: bound, but another row of the scope says it on the help screen


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
    # Focus moves as the key is read (priority), so keys typed after it land in the next field
    Key("app.next", "tab", "app.focus_next", "Next field or list", "app", footer=False, palette=False, priority=True),
    Key("app.previous", "shift+tab", "app.focus_previous", "Previous field or list", "app", footer=False,
        palette=False, display="shift+tab", priority=True),
    # The console
    Key("console.switch", "enter", "switch_in", "Switch into client", "console", display="↵"),
    Key("console.search", "slash", "focus_search", "Search", "console", display="/", priority=True),
    Key("console.clear", "escape", "clear_or_back", "Clear search / back", "console", footer=False,
        palette=False, display="esc"),
    Key("console.detail", "d", "detail", "Client detail", "console"),
    Key("console.options", "x", "client_options", "Client options", "console", footer=False),
    Key("console.users", "u", "users", "User accounts", "console", footer=False),
    Key("console.settings", "s", "settings", "Settings (account)", "console", footer=False),
    Key("console.billing", "b", "billing", "Billing overview", "console", footer=False),
    Key("console.call", "t", "team_call", "Team call", "console", footer=False),
    Key("console.avatar", "a", "avatar", "Company avatar", "console", footer=False),
    Key("console.place", "p", "place", "Open a recent place", "console", footer=False),
    Key("console.reload", "r", "reload", "Reload", "console"),
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
    # Manage Clients (R-MC, R-CAP-1/3; Administrators)
    Key("manage.options", "enter", "options", "Options", "manage", display="↵"),
    Key("manage.add", "n", "add", "Add", "manage"),
    Key("manage.status", "t", "status", "Status…", "manage"),
    Key("manage.purge", "P", "purge", "Purge a removed company…", "manage", footer=False),
    Key("manage.search", "slash", "search", "Search", "manage", footer=False, display="/", priority=True),
    Key("manage.filter", "f", "filter", "Filter", "manage"),
    Key("manage.sort", "s", "sort", "Sort", "manage", footer=False),  # the bar says "sort: …"
    Key("manage.reverse", "S", "reverse", "Reverse sort", "manage", footer=False),
    Key("manage.menu", "m", "page_menu", "Menu", "manage"),
    # The filter picker of Manage Clients: a search line over every value, each picked or not
    Key("filters.done", "escape", "close", "Done", "filters", palette=False, display="esc"),
    Key("filters.pick", "space", "pick", "Pick / unpick", "filters", palette=False, display="space/↵"),
    Key("filters.clear", "ctrl+x", "clear", "Clear all", "filters", palette=False, display="^x"),
    # Add Client (R-MC-1)
    Key("add.save", "ctrl+s", "save", "Next / Save", "add", display="^s"),
    Key("add.leave", "escape", "leave", "Cancel / Later", "add", display="esc"),
    # The per-client options menu (R-OPT-1)
    Key("options.number", "1-9", "pick", "Open the item with that number", "options", bind=False, palette=False),
    *(Key(f"options.{n}", str(n), f"pick({n - 1})", f"Item {n}", "options", footer=False, palette=False, help=False)
      for n in range(1, 10)),
    # The option screens (R-OPT-3..9)
    Key("config.save", "ctrl+s", "save", "Save", "option", display="^s"),
    Key("services.edit", "e", "edit", "Set allowance", "option"),
    Key("managers.add", "a", "add", "Add manager", "option"),
    Key("managers.remove", "d,delete", "remove", "Remove manager", "option"),
    Key("toggle.switch", "t", "switch", "Switch on/off", "option"),
    Key("remove.remove", "x", "remove", "Remove…", "option"),
    # Email Limits (R-EL-1, R-EL-4)
    Key("limits.edit", "enter", "edit", "Edit", "limits", display="↵"),
    Key("limits.save", "ctrl+s", "save", "Save all", "limits", display="^s", priority=True),
    Key("limits.undo", "u", "undo", "Undo row", "limits", footer=False),
    Key("limits.filter", "slash", "filter", "Find", "limits", display="/"),
    Key("limits.keep", "enter", "submit", "Keep", "editor", palette=False, display="↵"),
    Key("limits.cancel", "escape", "cancel_edit", "Cancel", "editor", palette=False, display="esc"),
    Key("limits.close_find", "escape", "close_find", "Close find", "find", footer=False, palette=False,
        display="esc"),
    # Every search line over a list (widgets/search_line.py)
    Key("search.choose", "enter", "choose", "Open the highlighted match", "search", palette=False, display="↵"),
    Key("search.list", "down", "into_list", "Into the list", "search", palette=False, display="↓"),
    # Client Usage (R-CU-1)
    Key("months.previous", "left_square_bracket,left", "previous", "Previous month", "months", display="["),
    Key("months.next", "right_square_bracket,right", "next", "Next month", "months", display="]"),
    # Billing Overview (R-BL-4)
    Key("cycles.previous", "left_square_bracket,left", "previous", "Previous cycle", "cycles", display="["),
    Key("cycles.next", "right_square_bracket,right", "next", "Next cycle", "cycles", display="]"),
    # My Account (R-CAP-3)
    Key("account.change", "c", "change_plan", "Change to this plan", "account"),
    # Agency users and access (R-ACC-1, R-ACC-2)
    Key("staff.add", "a", "add_user", "Add user", "staff"),
    Key("staff.grant", "g", "grant", "Grant client", "staff"),
    Key("staff.revoke", "x", "revoke", "Revoke client", "staff"),
    # The audit log (R-ACC-5)
    Key("audit.filter", "slash", "filter", "Filter", "audit", display="/"),
    Key("audit.older", "n", "older", "Older", "audit"),
    Key("audit.leave_filter", "escape", "leave_filter", "Back to the list", "audit_filter", palette=False,
        display="esc"),
    # Forms and questions (modal dialogs)
    Key("form.save", "ctrl+s", "save", "Save", "form", display="^s"),
    Key("form.cancel", "escape", "cancel", "Cancel", "form", display="esc"),
    # Moving between the fields of a form (widgets/form_field.next_field): within the key press
    Key("fields.enter", "enter", "next_field(1, True)", "Next field (or press the button)", "fields",
        footer=False, palette=False, display="↵", priority=True),
    # Dialogs and menus
    Key("dialog.yes", "y", "yes", "Yes", "dialog", palette=False),
    Key("dialog.no", "n,escape", "no", "No", "dialog", palette=False, display="n/esc"),
    Key("dialog.cancel", "escape", "cancel", "Cancel", "dialog", palette=False, display="esc"),
    Key("dialog.save", "ctrl+s", "save", "Save", "dialog", palette=False, display="^s", priority=True),
    Key("dialog.close", "escape", "close", "Close a menu or list", "dialog", palette=False, display="esc"),
    Key("page_menu.close", "escape,m", "close", "Close the page menu", "dialog", palette=False, display="esc/m"),
    Key("help.close", "escape,question_mark,q", "close", "Close help", "dialog", palette=False,
        display="esc/?/q"),
    # Other screens
    Key("back.back", "escape", "back", "Back", "back", display="esc"),
    Key("back.reload", "r", "reload", "Reload", "back"),
)


def keys_in(scope: str) -> tuple[Key, ...]:
    return tuple(key for key in KEYS if key.scope == scope)


def bindings(*scopes: str, only: tuple[str, ...] = (), hide: tuple[str, ...] = ()) -> list[BindingType]:
    """``BINDINGS`` for a screen or widget, built from the table rows of ``scopes``.

    ``only``: just the rows with these ids; ``hide``: these rows bound but not in the footer.
    """
    return [
        Binding(
            key.keys, key.action, key.description, show=key.footer and key.id not in hide,
            key_display=key.display, priority=key.priority, id=key.id,
        )
        for scope in scopes
        for key in keys_in(scope)
        if key.bind and (not only or key.id in only)
    ]


def shown_keys(key: Key) -> str:
    return key.display or key.keys.replace(",", "/")


def help_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(heading, [(keys, description), …]), …]`` for the help screen."""
    return [(heading, [(shown_keys(k), k.description) for k in keys_in(scope) if k.help])
            for scope, heading in SCOPES.items()]
