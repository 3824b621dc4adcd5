"""Quoting for the SQL the per-user mode generates: identifiers, literals, arrays of actions."""

from __future__ import annotations

from console_tui.domain.permissions import Action


def ident(name: str) -> str:
    """A quoted SQL identifier: any text (a login is user text) is safe inside it."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def actions_array(actions: tuple[Action, ...]) -> str:
    return "ARRAY[" + ", ".join(literal(a.value) for a in actions) + "]::text[]"
