"""An audit row's before and after as plain-text changes, field by field (R-ACC-5).

The stored ``before``/``after`` are JSON objects (possibly nested, possibly absent). They are
flattened to dotted field names and every value becomes plain text here, so the screen only
ever shows strings — as data, never markup (the screen cleans them again).

What is stored stays the commands' codes (``set_suppression``, ``ebs_enabled``); what a person
reads is words: :func:`action_text` ("Email suppression changed"), field labels ("EBS") and
switches as on/off, yes/no for other true/false values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console_tui.data.views.agency import Change

#: What each recorded action did, as a person says it; an unknown code reads as its words.
ACTIONS: dict[str, str] = {
    "activate_agency_user": "Agency user reactivated", "add_agency_user": "Agency user added",
    "add_client": "Client added", "add_client_manager": "Client Manager added",
    "change_plan": "Plan changed", "create_client_user": "Client user added",
    "delete_client_user": "Client user deleted", "purge_company": "Company purged",
    "record_recent_place": "Recent place recorded", "remove_client_manager": "Client Manager removed",
    "remove_company": "Company removed", "save_configuration": "Client configuration saved",
    "schedule_email_job": "Email job scheduled", "set_allowance": "Service allowance set",
    "set_avatar": "Company avatar set", "set_client_status": "Client status changed",
    "set_email_limits": "Email limits changed", "set_rebrand_lock": "Client rebrand lock changed",
    "set_suppression": "Email suppression (EBS) turned on or off", "start_team_call": "Team call started",
    "update_client_user": "Client user changed", "update_company_profile": "Company profile changed",
    "direct_support": "Direct Support turned on or off", "ebs_forced_on": "EBS turned on by the sender status",
    "edit_company_profile": "Company profile changed", "manage_agency_users": "Agency user changed",
    "snooze_reason": "Attention reason snoozed", "unsnooze_reason": "Attention reason unsnoozed",
    "add_view": "Saved view added", "remove_view": "Saved view removed", "import_views": "Saved views imported",
    "save_template": "Template saved", "remove_template": "Template removed",
}
#: Field labels where the stored name is not plain words.
FIELDS: dict[str, str] = {
    "ebs_enabled": "EBS", "direct_support": "Direct Support", "rebrand_locked": "client rebrand lock",
    "margin_protection": "margin protection", "users_blocked": "users blocked", "max_clients": "most clients",
    "mime_type": "file type", "url": "web address", "deleted_at": "removed at",
}
#: Fields whose true/false reads on/off; every other true/false reads yes/no.
SWITCHES = frozenset({"ebs_enabled", "direct_support", "rebrand_locked", "margin_protection"})

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


def action_text(code: str) -> str:
    """``set_suppression`` → "Email suppression (EBS) turned on or off"; unknown codes as words."""
    return ACTIONS.get(code) or code.replace("_", " ").capitalize()


def field_text(field: str) -> str:
    """``ebs_enabled`` → "EBS", ``license_term`` → "license term"; dotted parts each worded."""
    return " · ".join(FIELDS.get(part, part.replace("_", " ")) for part in field.split("."))


def text_of(value: Any, switch: bool = False) -> str:
    """One value as plain text: none, on/off or yes/no, numbers as written, lists joined."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return ("on" if value else "off") if switch else ("yes" if value else "no")
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
        Change(field_text(field), text_of(old[field], _switch(field)) if field in old else ABSENT,
               text_of(new[field], _switch(field)) if field in new else ABSENT)
        for field in fields
    )


def _switch(field: str) -> bool:
    return field.rsplit(".", 1)[-1] in SWITCHES


def relabel_limits(changes: tuple[Change, ...], names: Mapping[str, str]) -> tuple[Change, ...]:
    """``email_limits.12`` → ``email limit · Acme Widgets (#12)`` when the client is known."""
    out = []
    for change in changes:
        head, _, key = change.field.partition(" · ")
        if head == "email limits" and key in names:
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
