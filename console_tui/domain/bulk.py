"""Bulk changes: one single change applied to many clients, with a dry run and an undo (R-BULK).

A bulk action is a value (:class:`BulkAction`): which single change (:class:`BulkKind`), the value
it sets and, for a manager or a service, which one (``key``). Every action sets ONE value on a
client, so "before → after" and an undo ("set it back if it is still what the batch set") mean the
same thing for all of them. The rules and permissions are not here: a bulk change of one client is
the single change of that client (``data/commands/changes.py``), R-BULK-1.

:func:`parse_action` reads the words of ``console-tui bulk … ACTION ARGS`` (and the TUI's choice)
and refuses bad input with one :class:`ValidationError` before anything is read or written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from console_tui.domain.errors import ValidationError
from console_tui.domain.limits import parse_whole_number
from console_tui.domain.permissions import Action
from console_tui.domain.text import clean_text

if TYPE_CHECKING:  # templates read logins with the form rules, loaded when first used
    from console_tui.domain.templates import Setup

NONE_WORDS = ("none", "unlimited")
ON_OFF = {"on": True, "off": False}
LOCK = {"lock": True, "unlock": False}
TERMS = ("monthly", "annual")


class BulkKind(StrEnum):
    """The single changes a bulk change can make (issue's action names)."""

    SET_LIMIT = "set-limit"
    DIRECT_SUPPORT = "direct-support"
    EBS = "ebs"
    GRANT = "grant"
    REVOKE = "revoke"
    STATUS = "status"
    TERM = "term"
    REBRAND = "rebrand"
    ALLOWANCE = "allowance"


#: The permission each single change needs (R-ACC-3); a bulk change needs it for every client (R-BULK-2).
PERMISSION: dict[BulkKind, Action] = {
    BulkKind.SET_LIMIT: Action.EMAIL_LIMITS,
    BulkKind.DIRECT_SUPPORT: Action.DIRECT_SUPPORT,
    BulkKind.EBS: Action.EMAIL_SUPPRESSION,
    BulkKind.GRANT: Action.CLIENT_MANAGERS,
    BulkKind.REVOKE: Action.CLIENT_MANAGERS,
    BulkKind.STATUS: Action.SET_CLIENT_STATUS,
    BulkKind.TERM: Action.CLIENT_CONFIGURATION,
    BulkKind.REBRAND: Action.CLIENT_REBRAND,
    BulkKind.ALLOWANCE: Action.SERVICES_ALLOWANCES,
}

USAGE: dict[BulkKind, str] = {
    BulkKind.SET_LIMIT: "set-limit N|none", BulkKind.DIRECT_SUPPORT: "direct-support on|off",
    BulkKind.EBS: "ebs on|off", BulkKind.GRANT: "grant LOGIN", BulkKind.REVOKE: "revoke LOGIN",
    BulkKind.STATUS: "status NAME", BulkKind.TERM: "term monthly|annual", BulkKind.REBRAND: "rebrand lock|unlock",
    BulkKind.ALLOWANCE: "allowance SERVICE N|none",
}

#: Applying a client template (R-TPL-2): several single changes to each client, one per part.
TEMPLATE = "template"
TEMPLATE_USAGE = "template NAME"

Value = int | bool | str | None


@dataclass(frozen=True)
class BulkAction:
    """One single change as a value: ``kind`` sets ``value`` (on ``key``: a login or a service key).

    ``grant X`` and ``revoke X`` are "X is a Client Manager" set to True / False, so an undo of
    either is the other. ``value`` None is "none": no limit, no allowance, no term (the last only
    as an undo's target).
    """

    kind: BulkKind
    value: Value
    key: str | None = None

    @property
    def permission(self) -> Action:
        return PERMISSION[self.kind]

    def words(self) -> tuple[str, ...]:
        """The action as the CLI writes it (``allowance sms_credits 500``), the batch's ``args``."""
        kind = self.kind
        if kind in (BulkKind.GRANT, BulkKind.REVOKE):
            return (kind.value, self.key or "")
        if kind is BulkKind.ALLOWANCE:
            return (kind.value, self.key or "", _word(self.value))
        if kind in (BulkKind.DIRECT_SUPPORT, BulkKind.EBS):
            return (kind.value, "on" if self.value else "off")
        if kind is BulkKind.REBRAND:
            return (kind.value, "lock" if self.value else "unlock")
        return (kind.value, _word(self.value))

    def __str__(self) -> str:
        return " ".join(self.words())


def _word(value: Value) -> str:
    return "none" if value is None else str(value)


def show(value: Value, kind: BulkKind | None = None) -> str:
    """A value as the dry run shows it: ``none``, ``on``/``off`` (``locked``/``unlocked``,
    ``manager``/``not manager``), a number with separators, a name."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        if kind is BulkKind.REBRAND:
            return "locked" if value else "unlocked"
        if kind in (BulkKind.GRANT, BulkKind.REVOKE):
            return "manager" if value else "not manager"
        return "on" if value else "off"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _bad(words: Sequence[str], why: str, kind: BulkKind | None = None) -> ValidationError:
    usage = USAGE[kind] if kind else ", ".join((*USAGE.values(), TEMPLATE_USAGE))
    return ValidationError({"action": why}, what=f"Reading the bulk action {' '.join(words)!r}",
                           todo=f"Write one of: {usage}")


def _choice(words: Sequence[str], kind: BulkKind, choices: dict[str, bool]) -> bool:
    word = words[1].strip().lower()
    if word not in choices:
        raise _bad(words, f"must be {' or '.join(choices)}", kind)
    return choices[word]


def _number(words: Sequence[str], kind: BulkKind, text: str, field: str) -> int | None:
    if text.strip().lower() in NONE_WORDS:
        return None
    try:
        return parse_whole_number(text, field=field, allow_blank=False)
    except ValidationError as error:
        raise _bad(words, f"{field} {next(iter(error.field_errors.values()))}", kind) from None


def parse_action(words: Sequence[str]) -> BulkAction:
    """Read ``ACTION ARGS`` (R-BULK-1); any mistake is one :class:`ValidationError`, nothing read yet."""
    words = [clean_text(word) for word in words]
    if not words:
        raise _bad(words, "no action was given")
    try:
        kind = BulkKind(words[0].strip().lower())
    except ValueError:
        raise _bad(words, f"{words[0]!r} is not an action") from None
    wanted = 3 if kind is BulkKind.ALLOWANCE else 2
    if len(words) != wanted or not all(word.strip() for word in words):
        raise _bad(words, f"takes {wanted - 1} argument{'s' if wanted > 2 else ''}", kind)
    arg = " ".join(words[1].split())
    if kind is BulkKind.SET_LIMIT:
        return BulkAction(kind, _number(words, kind, arg, "email limit"))
    if kind in (BulkKind.DIRECT_SUPPORT, BulkKind.EBS):
        return BulkAction(kind, _choice(words, kind, ON_OFF))
    if kind is BulkKind.REBRAND:
        return BulkAction(kind, _choice(words, kind, LOCK))
    if kind in (BulkKind.GRANT, BulkKind.REVOKE):
        return BulkAction(kind, kind is BulkKind.GRANT, arg)
    if kind is BulkKind.TERM:
        if arg.lower() not in TERMS:
            raise _bad(words, "must be monthly or annual", kind)
        return BulkAction(kind, arg.lower())
    if kind is BulkKind.ALLOWANCE:
        return BulkAction(kind, _number(words, kind, words[2], "allowance"), arg.lower())
    return BulkAction(kind, arg)  # STATUS: the name is matched as the single change matches it


def template_name_in(words: Sequence[str]) -> str | None:
    """``template Annual starter`` → ``"Annual starter"``; None when the words are another action;
    ``template`` alone is refused (one :class:`ValidationError`)."""
    if not words or clean_text(words[0]).strip().lower() != TEMPLATE:
        return None
    name = " ".join(" ".join(clean_text(word) for word in words[1:]).split())
    if not name:
        raise ValidationError({"action": "takes the template's name"}, what="Reading the bulk action 'template'",
                              todo=f"Write {TEMPLATE_USAGE}")
    return name


def template_actions(setup: Setup) -> tuple[BulkAction, ...]:
    """Every part of a template as the single change that sets it, in ``template_changes``' order: its
    services' allowances, the email limit, a grant per manager (a template adds managers, never
    removes one), Direct Support, EBS, the term and the rebrand lock (R-TPL-2)."""
    actions = [BulkAction(BulkKind.ALLOWANCE, allowance, key) for key, allowance in setup.services]
    if setup.email_limit is not None:
        actions.append(BulkAction(BulkKind.SET_LIMIT, setup.email_limit.limit))
    actions += [BulkAction(BulkKind.GRANT, True, login) for login in setup.managers]
    if setup.direct_support is not None:
        actions.append(BulkAction(BulkKind.DIRECT_SUPPORT, setup.direct_support))
    if setup.ebs is not None:
        actions.append(BulkAction(BulkKind.EBS, setup.ebs))
    if setup.license_term is not None:
        actions.append(BulkAction(BulkKind.TERM, setup.license_term.value))
    if setup.rebrand_lock is not None:
        actions.append(BulkAction(BulkKind.REBRAND, setup.rebrand_lock))
    return tuple(actions)


__all__ = ["PERMISSION", "TEMPLATE", "TEMPLATE_USAGE", "USAGE", "BulkAction", "BulkKind", "Value", "parse_action",
           "show", "template_actions", "template_name_in"]
