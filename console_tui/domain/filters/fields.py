"""The fields a filter may name, what each holds and how ``:`` reads for it (the help lists them).

Three kinds of field:

* **text** — ``name`` matches a case-insensitive substring of the name, folded as the console's
  search folds it; ``status``, ``tag`` and ``manager`` match a whole value, case-insensitively
  (``status:active`` is not ``Inactive``). Only ``:`` applies.
* **choice** — one of a fixed set of words (``sender:at-risk``). An ordered choice (``sender``,
  ``level``) also takes ``< <= > >=`` and ranges ``a..b`` in its order (``sender>=at-risk``).
* **number** — ``:`` is equality (``users:0``; a percentage is compared at the precision written:
  ``open:25`` holds from 24.5 to under 25.5), ``< <= > >=`` compare, ``a..b`` is an inclusive range.
  Days may be written ``30d``, percentages ``90%``. ``none`` is the missing value where a field
  has one (``limit:none``). A missing value fails every comparison, except for ``login`` (never
  logged in is longer ago than any number of days) and ``limit`` (no limit is above every number).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    NUMBER = "number"


#: The largest number a filter may name for a field without an upper bound.
MAX_NUMBER = Decimal(10) ** 12


@dataclass(frozen=True)
class Field:
    """One field of the language: its kind, its words or bounds, and its line in the help."""

    name: str
    kind: Kind
    summary: str
    example: str
    choices: tuple[str, ...] = ()  # a choice field's words, in order (worst/lowest first where ordered)
    ordered: bool = False  # a choice field that takes < <= > >= and ranges
    many: bool = False  # the client has several values (tags, managers, features): any may match
    whole: bool = True  # a number field takes whole numbers only
    low: Decimal = Decimal(0)
    high: Decimal = MAX_NUMBER
    unit: str = ""  # "d" (days) or "%": the suffix a number may carry
    none: str = ""  # what ``none`` means for this field; "" = the field has no missing value
    none_is_infinite: bool = False  # a missing value is above every number (login, limit)
    substring: bool = False  # a text field matched as a substring (name)

    @property
    def operators(self) -> str:
        return ": < <= > >= .." if self.kind is Kind.NUMBER or self.ordered else ":"


def _choice(name: str, summary: str, example: str, choices: tuple[str, ...], *, ordered: bool = False,
            many: bool = False) -> Field:
    return Field(name, Kind.CHOICE, summary, example, choices, ordered=ordered, many=many)


def _number(name: str, summary: str, example: str, **more: Any) -> Field:
    return Field(name, Kind.NUMBER, summary, example, **more)


PERCENT: dict[str, Any] = {"whole": False, "high": Decimal(100), "unit": "%"}

FIELDS: tuple[Field, ...] = (
    Field("name", Kind.TEXT, "the client's name contains it (what bare words search)", 'name:"bloom flor"',
          substring=True),
    _choice("kind", "client, lead or prospect", "kind:lead|prospect", ("client", "lead", "prospect")),
    Field("status", Kind.TEXT, "the client's status, whole (Active, Suspended, a custom one)", "status:suspended"),
    Field("tag", Kind.TEXT, "one of its tags, whole (as Manage Clients shows them)", '-tag:"EBS Active"', many=True),
    _choice("sender", "sender status, in order of health", "sender>=at-risk",
            ("new", "healthy", "at-risk", "unhealthy", "limited"), ordered=True),
    _number("util", "Company Utilization Score, 0–100", "util<25", **PERCENT),
    _choice("level", "utilization level, lowest first", "level:tiger|dragon",
            ("grasshopper", "rabbit", "tiger", "dragon"), ordered=True),
    _number("sent", "emails sent in the last 30 days", "sent>1000"),
    _number("opened", "emails opened in the last 30 days", "opened:0"),
    _number("open", "open rate % over 30 days (none: nothing sent)", "open<10", none="nothing was sent", **PERCENT),
    _number("contacts", "contacts added in the last 30 days", "contacts:0"),
    _number("users", "client users (not blocked)", "users>=5"),
    _number("login", "days since a client user last logged in (none: never)", "login>30d", unit="d",
            none="no client user ever logged in", none_is_infinite=True),
    _number("renews", "days until the license renews (none: no term)", "renews<30", unit="d",
            none="no license term and start date"),
    _choice("term", "license term (none: not set)", "term:annual", ("monthly", "annual", "none")),
    _number("limit", "email limit per billing cycle (none: unlimited)", "limit:none", none="no email limit",
            none_is_infinite=True),
    _number("usage", "% of the email limit used this cycle, scheduled jobs included", "usage>=90",
            none="no email limit", whole=False, unit="%"),
    Field("manager", Kind.TEXT, "a Client Manager's login (me: you)", "manager:me", many=True),
    _choice("feature", "a feature the client uses", "-feature:crm", ("crm", "api", "cart", "ads", "brand", "support"),
            many=True),
    _choice("config", "Client Configuration", "config:incomplete", ("complete", "incomplete")),
    _choice("ebs", "engagement-based suppression", "ebs:off", ("on", "off")),
)

BY_NAME: dict[str, Field] = {field.name: field for field in FIELDS}

#: The field bare words search.
NAME = BY_NAME["name"]


def nearest_field(word: str) -> str | None:
    """The field name closest to a mistyped one, if any is close (``sendr`` → ``sender``)."""
    close = difflib.get_close_matches(word.casefold(), BY_NAME, n=1, cutoff=0.6)
    return close[0] if close else None


def nearest_choice(field: Field, word: str) -> str | None:
    close = difflib.get_close_matches(word, field.choices, n=1, cutoff=0.6)
    return close[0] if close else None


@dataclass(frozen=True)
class FieldHelp:
    """One line of the help: the field, what it holds, the operators it takes, an example."""

    field: str
    summary: str
    operators: str
    values: str
    example: str


def field_help() -> tuple[FieldHelp, ...]:
    """The help the console's ``?`` and ``clients list --where-help`` show, one row per field."""
    rows = []
    for f in FIELDS:
        if f.kind is Kind.CHOICE:
            values = "|".join(f.choices)
        elif f.kind is Kind.NUMBER:
            amount = {"d": "days", "%": "%"}.get(f.unit, "number")
            values = amount if f.high == MAX_NUMBER else f"{f.low}..{f.high} {amount}"
            values += " or none" if f.none else ""
        else:
            values = "me or a login" if f.name == "manager" else "text"
        rows.append(FieldHelp(f.name, f.summary, f.operators, values, f.example))
    return tuple(rows)


#: How the language reads, for the head of the help.
SYNTAX = (
    "Words search the name; field:value, field<n, field>=n, field:25..50 filter; every term must hold.",
    'a|b inside a value means either; -term or field:!value negates; quote values with spaces: tag:"EBS Active".',
)
