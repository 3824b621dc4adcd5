"""An audit row's before and after as plain-text changes, field by field (R-ACC-5).

The stored ``before``/``after`` are JSON objects (possibly nested, possibly absent). They are
flattened to dotted field names and every value becomes plain text here, so the screen only
ever shows strings — as data, never markup (the screen cleans them again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console_tui.data.views.agency import Change

ABSENT = ""  # the field is not on that side (created, deleted, or not recorded)
NONE = "none"  # recorded as null: e.g. an email limit of none (unlimited)
MAX_VALUE = 400


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, Mapping):
        if not value and prefix:
            out[prefix] = value
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        out[prefix or "value"] = value


def flatten(value: Any) -> dict[str, Any]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``; a non-object becomes ``{"value": …}``."""
    out: dict[str, Any] = {}
    if value is not None:
        _flatten(value, "", out)
    return out


def text_of(value: Any) -> str:
    """One value as plain text: none, true/false, numbers as written, lists joined."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "(nothing)" if not value else ", ".join(f"{k}: {text_of(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "(nothing)" if not value else ", ".join(text_of(v) for v in value)
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def changes_of(before: Any, after: Any) -> tuple[Change, ...]:
    """Every field named on either side, in the order recorded, before and after."""
    old, new = flatten(before), flatten(after)
    fields = list(dict.fromkeys([*old, *new]))
    return tuple(
        Change(field, text_of(old[field]) if field in old else ABSENT, text_of(new[field]) if field in new else ABSENT)
        for field in fields
    )


def relabel_limits(changes: tuple[Change, ...], names: Mapping[str, str]) -> tuple[Change, ...]:
    """``email_limits.12`` → ``email limit · Acme Widgets (#12)`` when the client is known."""
    out = []
    for change in changes:
        head, _, key = change.field.partition(".")
        if head == "email_limits" and key in names:
            change = Change(f"email limit · {names[key]} (#{key})", change.before, change.after)
        out.append(change)
    return tuple(out)


def summary(changes: tuple[Change, ...], limit: int = 2) -> str:
    """A short line for the list: the first changes as ``field: before → after``."""
    parts = []
    for change in changes[:limit]:
        if change.before == change.after:
            parts.append(f"{change.field}: {change.after}")
        elif change.before == ABSENT:
            parts.append(f"{change.field}: {change.after}")
        else:
            parts.append(f"{change.field}: {change.before} → {change.after or '—'}")
    more = len(changes) - limit
    return "; ".join(parts) + (f"; +{more} more" if more > 0 else "")
