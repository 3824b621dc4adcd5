"""The key table of the administration screens, in the shape of :mod:`console_tui.keys`.

These rows are meant to join ``keys.KEYS`` (and their headings ``keys.SCOPES``) so the ``?`` help
screen and the command palette list them too; until then the screens build their ``BINDINGS``
from here with :func:`bindings`, exactly as ``keys.bindings`` does.
"""

from __future__ import annotations

from textual.binding import Binding

from console_tui.keys import Key

#: Scopes, with the headings the help screen would give them.
SCOPES: dict[str, str] = {
    "limits": "Email Limits",
    "months": "Client Usage",
    "cycles": "Billing Overview",
    "account": "My Account",
    "users": "Agency users and access",
    "audit": "Audit log",
    "dialog": "Dialogs",
    "editor": "Editing a value",
    "find": "Finding",
    "filter": "Filtering",
}

KEYS: tuple[Key, ...] = (
    # Email Limits (R-EL-1, R-EL-4)
    Key("limits.edit", "enter", "edit", "Edit", "limits", display="↵"),
    Key("limits.save", "ctrl+s", "save", "Save all", "limits", display="^s", priority=True),
    Key("limits.undo", "u", "undo", "Undo row", "limits", footer=False),
    Key("limits.filter", "slash", "filter", "Find", "limits", display="/"),
    Key("limits.keep", "enter", "submit", "Keep", "editor", palette=False, display="↵"),
    Key("limits.cancel", "escape", "cancel_edit", "Cancel", "editor", palette=False, display="esc"),
    Key("limits.close_find", "escape", "close_find", "Close find", "find", footer=False, palette=False,
        display="esc"),
    # Client Usage (R-CU-1)
    Key("months.previous", "left_square_bracket,left", "previous", "Previous month", "months", display="["),
    Key("months.next", "right_square_bracket,right", "next", "Next month", "months", display="]"),
    # Billing Overview (R-BL-4)
    Key("cycles.previous", "left_square_bracket,left", "previous", "Previous cycle", "cycles", display="["),
    Key("cycles.next", "right_square_bracket,right", "next", "Next cycle", "cycles", display="]"),
    # My Account (R-CAP-3)
    Key("account.change", "c", "change_plan", "Change to this plan", "account"),
    # Agency users and access (R-ACC-1, R-ACC-2)
    Key("users.add", "a", "add_user", "Add user", "users"),
    Key("users.grant", "g", "grant", "Grant client", "users"),
    Key("users.revoke", "x", "revoke", "Revoke client", "users"),
    # The audit log (R-ACC-5)
    Key("audit.filter", "slash", "filter", "Filter", "audit", display="/"),
    Key("audit.older", "n", "older", "Older", "audit"),
    Key("audit.leave_filter", "escape", "leave_filter", "Back to the list", "filter", palette=False, display="esc"),
    # Dialogs
    Key("dialog.yes", "y", "yes", "Yes", "dialog", palette=False),
    Key("dialog.no", "n,escape", "no", "No", "dialog", palette=False, display="n/esc"),
    Key("dialog.cancel", "escape", "cancel", "Cancel", "dialog", palette=False, display="esc"),
    Key("dialog.save", "ctrl+s", "save", "Save", "dialog", palette=False, display="^s", priority=True),
)


def bindings(*scopes: str, only: tuple[str, ...] = ()) -> list[Binding]:
    """``BINDINGS`` from the rows of ``scopes`` (or just the ids in ``only``)."""
    return [
        Binding(key.keys, key.action, key.description, show=key.footer, key_display=key.display,
                priority=key.priority, id=key.id)
        for scope in scopes
        for key in KEYS
        if key.scope == scope and key.bind and (not only or key.id in only)
    ]
