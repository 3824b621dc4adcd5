"""The one table of key bindings (no screen defines a key of its own).

Every key the console answers to is a :class:`Key` row here, with an ``id`` and a description.
The table feeds each screen's ``BINDINGS`` (:func:`bindings`), the footer (``footer=True``), the
``?`` help screen (:func:`help_rows`) and the command palette (``palette=True``).

A row made with :func:`opens` also says which screen its key opens (``"area.module:Class"`` under
``console_tui.screens``, imported when first opened) and the permission that guards it: the
routes are read from here (``screens/console/routes.py``), and one generic ``open`` action opens
any of them — ``ConsoleScreen.action_open`` for a per-client screen (the client under the cursor),
``ConsoleApp.action_open`` for an agency screen. A new screen is one module and one such row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding, BindingType

from console_tui.domain.permissions import Action

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
    "statuses": "Client statuses",
    "templates": "Client templates",
    "audit": "Audit log",
    "audit_filter": "Audit log: filtering",
    "attention": "Attention queue",
    "tray": "Picking clients to compare",
    "compare": "Comparing clients",
    "select": "Selecting clients (bulk changes)",
    "bulk": "Bulk changes: the dry run",
    "bulk_dialog": "Bulk changes: the action",
    "batches": "Bulk changes made",
    "export": "Every list",
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
    screen: str | None = None  # the screen it opens, "area.module:Class" under console_tui.screens
    needs: Action | None = None  # the permission that screen needs (checked before it is opened)


def opens(id: str, keys: str, description: str, scope: str, screen: str, needs: Action, *,
          footer: bool = True) -> Key:
    """A row whose key opens ``screen`` (guarded by ``needs``) through the scope's ``open`` action:
    ``app.open(id)`` for a global key, ``open(id)`` on the console (the client under the cursor)."""
    action = f"app.open('{id}')" if scope == "app" else f"open('{id}')"
    return Key(id, keys, action, description, scope, footer=footer, screen=screen, needs=needs)


KEYS: tuple[Key, ...] = (
    # Everywhere
    Key("app.help", "question_mark", "app.help", "Help", "app", display="?"),
    Key("app.palette", "ctrl+p", "app.command_palette", "Command palette (jump to client)", "app",
        footer=False, palette=False, display="^p", bind=False),
    opens("app.agency", "g", "Agency dashboard", "app", "admin.agency_dashboard:AgencyDashboardScreen",
          Action.OPEN_CONSOLE, footer=False),
    opens("app.manage", "m", "Manage Clients", "app", "manage.manage_clients:ManageClientsScreen",
          Action.MANAGE_CLIENTS, footer=False),
    # The agency's administration (also in Manage Clients' page menu)
    opens("app.limits", "E", "Email Limits", "app", "admin.email_limits:EmailLimitsScreen", Action.EMAIL_LIMITS,
          footer=False),
    opens("app.usage", "C", "Client Usage", "app", "admin.client_usage:ClientUsageScreen", Action.CLIENT_USAGE,
          footer=False),
    opens("app.billing", "B", "Agency billing overview", "app", "admin.agency_billing:AgencyBillingScreen",
          Action.BILLING, footer=False),
    opens("app.account", "A", "My Account (the plan)", "app", "admin.my_account:MyAccountScreen",
          Action.OPEN_CONSOLE, footer=False),
    opens("app.users", "U", "Agency users and access", "app", "admin.agency_users:AgencyUsersScreen",
          Action.MANAGE_AGENCY_USERS, footer=False),
    opens("app.statuses", "T", "Client statuses", "app", "manage.statuses:StatusesScreen", Action.MANAGE_STATUSES,
          footer=False),
    opens("app.templates", "K", "Client templates", "app", "manage.templates:TemplatesScreen",
          Action.MANAGE_TEMPLATES, footer=False),
    opens("app.audit", "L", "Audit log", "app", "admin.audit_log:AuditLogScreen", Action.VIEW_AUDIT_LOG,
          footer=False),
    # the clients that need someone, most urgent first (screens/console/attention.py)
    replace(opens("app.attention", "exclamation_mark", "Attention queue", "app", "console.attention:AttentionScreen",
                  Action.OPEN_CONSOLE, footer=False), display="!"),
    # every bulk change made, newest first; u undoes one (screens/bulk/batches.py)
    opens("app.batches", "H", "Bulk changes made (batches)", "app", "bulk.batches:BatchesScreen",
          Action.OPEN_CONSOLE, footer=False),
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
    # the client under the cursor: each screen is opened with the client's id and name
    opens("console.detail", "d", "Client detail", "console", "console.client_detail:ClientDetailScreen",
          Action.VIEW_CLIENT),
    # every item of the options menu says for itself who may use it (R-OPT-1)
    opens("console.options", "x", "Client options", "console", "options.menu:ClientOptionsScreen",
          Action.VIEW_CLIENT, footer=False),
    opens("console.users", "u", "User accounts", "console", "client.user_accounts:UserAccountsScreen",
          Action.MANAGE_CLIENT_USERS, footer=False),
    opens("console.settings", "s", "Settings (account)", "console", "client.account_settings:AccountSettingsScreen",
          Action.EDIT_COMPANY_PROFILE, footer=False),
    opens("console.billing", "b", "Billing overview", "console", "client.billing_overview:BillingOverviewScreen",
          Action.BILLING, footer=False),
    opens("console.call", "t", "Team call", "console", "client.team_call:TeamCallScreen", Action.TEAM_CALL,
          footer=False),
    # the jobs live in the client's instance: who may switch into it may read them (R-WI-1)
    opens("console.jobs", "e", "Scheduled email jobs", "console", "client.scheduled_jobs:ScheduledJobsScreen",
          Action.SWITCH_INTO_CLIENT, footer=False),
    opens("console.avatar", "a", "Company avatar", "console", "client.company_avatar:CompanyAvatarScreen",
          Action.SET_AVATAR, footer=False),
    # a picker of the client's Recent Places; the entry chosen opens its own screen
    opens("console.place", "p", "Open a recent place", "console", "dialogs.place_picker:PlacePicker",
          Action.RECORD_RECENT_PLACE, footer=False),
    Key("console.reload", "r", "reload", "Reload", "console"),
    Key("console.changes", "w", "toggle_changes", "Changes: yesterday / 7 days", "console", footer=False),
    Key("console.briefing", "W", "briefing", "Morning briefing (what changed)", "console", footer=False),
    Key("console.views", "v", "views", "Saved views…", "console", footer=False),
    # Moving in lists (the client list and every table)
    Key("list.down", "down,j", "cursor_down", "Next", "list", footer=False, palette=False, display="↓/j"),
    Key("list.up", "up,k", "cursor_up", "Previous", "list", footer=False, palette=False, display="↑/k"),
    Key("list.page_down", "pagedown", "page_down", "Page down", "list", footer=False, palette=False),
    Key("list.page_up", "pageup", "page_up", "Page up", "list", footer=False, palette=False),
    Key("list.first", "home", "first", "First", "list", footer=False, palette=False),
    Key("list.last", "end", "last", "Last", "list", footer=False, palette=False),
    # The client detail view
    Key("detail.window", "space", "toggle_window", "30 / 90 / 365 days", "detail"),
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
    Key("manage.views", "v", "views", "Saved views…", "manage", footer=False),
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
    Key("limits.jobs", "e", "jobs", "Jobs", "limits"),  # the client's scheduled email jobs; short: ? Help fits at 80
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
    Key("cycles.history", "h", "history", "12 cycles", "cycles"),
    # My Account (R-CAP-3)
    Key("account.change", "c", "change_plan", "Change to this plan", "account"),
    # Agency users and access (R-ACC-1, R-ACC-2)
    Key("staff.add", "a", "add_user", "Add user", "staff"),
    Key("staff.grant", "g", "grant", "Grant client", "staff"),
    Key("staff.revoke", "x", "revoke", "Revoke client", "staff"),
    Key("staff.role", "e", "change_role", "Change role", "staff"),
    Key("staff.active", "d", "toggle_active", "Deactivate / reactivate", "staff"),
    # Client statuses (R-CAP-4)
    Key("statuses.add", "a", "add_status", "Add status", "statuses"),
    Key("statuses.rename", "e", "rename_status", "Rename status", "statuses"),
    Key("statuses.retire", "x", "retire_status", "Retire status", "statuses"),
    # Client templates (R-TPL-1)
    Key("templates.save", "a", "save_from_client", "Save from a client", "templates"),
    Key("templates.edit", "e", "edit_template", "Edit template", "templates"),
    Key("templates.remove", "x", "remove_template", "Remove template", "templates"),
    # The add-client wizard's template (R-TPL-2)
    Key("add.template", "ctrl+t", "choose_template", "Start from a template", "add", display="^t"),
    # The audit log (R-ACC-5)
    Key("audit.filter", "slash", "filter", "Filter", "audit", display="/"),
    Key("audit.older", "n", "older", "Older", "audit"),
    Key("audit.leave_filter", "escape", "leave_filter", "Back to the list", "audit_filter", palette=False,
        display="esc"),
    # The attention queue: enter opens what fixes the row's most urgent reason; each reason's own key
    # opens its screen for the client under the cursor (the domain's reasons name these rows)
    Key("attention.fix", "enter", "fix", "Open what fixes it", "attention", display="↵"),
    # Snoozes (R-ATT-3): z snoozes the row's most urgent reason; Z shows one's snoozes, where z unsnoozes
    Key("attention.snooze", "z", "snooze", "Snooze", "attention"),
    Key("attention.snoozed", "Z", "toggle_snoozed", "Snoozes", "attention"),
    opens("attention.sender", "s", "Email sender", "attention", "options.email_sender:EmailSenderScreen",
          Action.EMAIL_SENDER, footer=False),
    opens("attention.config", "c", "Client configuration", "attention",
          "options.configuration:ClientConfigurationScreen", Action.CLIENT_CONFIGURATION, footer=False),
    opens("attention.ebs", "e", "Email suppression (EBS)", "attention", "options.suppression:EmailSuppressionScreen",
          Action.EMAIL_SUPPRESSION, footer=False),
    opens("attention.users", "u", "User accounts", "attention", "client.user_accounts:UserAccountsScreen",
          Action.MANAGE_CLIENT_USERS, footer=False),
    opens("attention.detail", "d", "Client detail", "attention", "console.client_detail:ClientDetailScreen",
          Action.VIEW_CLIENT, footer=False),
    opens("attention.options", "x", "Client options", "attention", "options.menu:ClientOptionsScreen",
          Action.VIEW_CLIENT, footer=False),
    # The compare tray, on the console and the attention queue (screens/console/compare_tray.py): + puts the
    # client under the cursor in it or takes it out, = opens the comparison (R-CMP-1)
    Key("tray.toggle", "plus", "compare_toggle", "Add to / take out of the comparison", "tray", footer=False,
        display="+"),
    Key("tray.open", "equals_sign", "compare_open", "Compare the clients picked", "tray", footer=False,
        display="="),
    # The comparison (screens/console/compare.py); ←/→ move the column cursor (widgets/compare_grid.py)
    Key("compare.switch", "enter", "switch_in", "Switch into client", "compare", display="↵"),
    Key("compare.remove", "x,delete,minus", "remove", "Take out", "compare", display="x"),
    Key("compare.next", "right,l", "column(1)", "Next client", "compare", footer=False, palette=False, display="→/l"),
    Key("compare.previous", "left,h", "column(-1)", "Previous client", "compare", footer=False, palette=False,
        display="←/h"),
    # Selecting clients for a bulk change, on the console, Manage Clients and the attention queue
    # (screens/selecting.py); esc clears the selection before its other meanings
    Key("select.toggle", "space", "toggle_selected", "Select / unselect the client", "select", footer=False,
        palette=False),
    Key("select.down", "shift+down", "extend_selection(1)", "Extend the selection down", "select", footer=False,
        palette=False, display="shift+↓"),
    Key("select.up", "shift+up", "extend_selection(-1)", "Extend the selection up", "select", footer=False,
        palette=False, display="shift+↑"),
    Key("select.all", "asterisk", "select_all", "Select every client shown", "select", footer=False, display="*"),
    Key("select.bulk", "M", "bulk", "Change many clients (bulk change)…", "select", footer=False),
    # The dry run of a bulk change (screens/bulk/dry_run.py) and the batches (screens/bulk/batches.py)
    Key("bulk_dialog.down", "down", "pick(1)", "Next action", "bulk_dialog", footer=False, palette=False,
        display="↓"),
    Key("bulk_dialog.up", "up", "pick(-1)", "Previous action", "bulk_dialog", footer=False, palette=False,
        display="↑"),
    Key("bulk.run", "enter", "confirm", "Run it", "bulk", display="↵"),
    Key("bulk.all", "a", "toggle_all_or_nothing", "All or nothing", "bulk"),
    Key("bulk.outcome", "o", "next_outcome", "Outcome shown", "bulk"),
    Key("bulk.edit", "escape", "edit", "Edit", "bulk", display="esc"),
    Key("batches.undo", "u", "undo", "Undo the batch", "batches"),
    # Every list screen (the console, Manage Clients, the attention queue, the audit log, billing,
    # usage, email limits): what it shows, as a CSV or JSON file (screens/exporting.py). ctrl+e is
    # free on all of them, and a priority key works from their search lines too (where an Input's
    # ctrl+e would only move to the end; the end key still does).
    Key("export.export", "ctrl+e", "export", "Export this list (CSV or JSON)", "export", footer=False,
        display="^e", priority=True),
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
    Key("briefing.close", "escape,enter", "close", "Close the briefing", "dialog", palette=False, display="esc/↵"),
    Key("help.close", "escape,question_mark,q", "close", "Close help", "dialog", palette=False,
        display="esc/?/q"),
    # Other screens
    Key("back.back", "escape", "back", "Back", "back", display="esc"),
    Key("back.reload", "r", "reload", "Reload", "back"),
)


def keys_in(scope: str) -> tuple[Key, ...]:
    return tuple(key for key in KEYS if key.scope == scope)


def routes(scope: str) -> dict[str, Key]:
    """The rows of ``scope`` that open a screen, by id: what the scope's ``open`` action may open."""
    return {key.id: key for key in keys_in(scope) if key.screen is not None}


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


def scopes_of(ids: set[str]) -> list[str]:
    """The scopes of the rows with these binding ids, in :data:`SCOPES` order."""
    found = {key.scope for key in KEYS if key.id in ids}
    return [scope for scope in SCOPES if scope in found]


def help_rows(first: tuple[str, ...] = ()) -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(heading, [(keys, description), …]), …]`` for the help screen: the scopes ``first`` (the
    screen in front), then the global keys, then every other scope."""
    order = [*(scope for scope in first if scope != "app"), "app"]
    order += [scope for scope in SCOPES if scope not in order]
    return [(SCOPES[scope], [(shown_keys(k), k.description) for k in keys_in(scope) if k.help])
            for scope in order]
