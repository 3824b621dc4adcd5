"""The parsed filter (frozen dataclasses) and its canonical text (``str(filter)``).

A :class:`Filter` is terms that must all hold; a :class:`Term` is one field with alternatives
(``a|b``: any may hold), negated or not; an :class:`Alt` is one comparison. Values are already
checked and normalised by the parser: a choice is its lower-case word, a number a ``Decimal``, a
text as written, ``None`` the word ``none``. ``str()`` writes the canonical text, which parses
back to an equal filter: bare words for the name, ``-`` for negation, ``d`` after days, quotes
only where needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from console_tui.domain.filters.fields import BY_NAME, Kind


class Op(StrEnum):
    IS = ":"
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    RANGE = ".."


#: The operators that may stand for the ``:`` after a field name (``util<25``).
COMPARISONS = frozenset({Op.LT, Op.LE, Op.GT, Op.GE})

Value = str | Decimal | None

#: Characters that end an unquoted word: the field separators and the alternative bar.
SEPARATORS = frozenset(':<>"|')


@dataclass(frozen=True)
class Alt:
    """One alternative: ``op value`` (``value..high`` for a range)."""

    op: Op
    value: Value
    high: Value = None


@dataclass(frozen=True)
class Term:
    """``field`` compared with any of ``alts``; ``negated`` turns it round."""

    field: str
    alts: tuple[Alt, ...]
    negated: bool = False

    @property
    def bare(self) -> bool:
        """A plain name word: what the console's own name search understands alone."""
        return self.field == "name" and not self.negated and len(self.alts) == 1

    def __str__(self) -> str:
        spec = BY_NAME[self.field]
        sign = "-" if self.negated else ""
        if spec.name == "name" and all(alt.op is Op.IS for alt in self.alts):
            return sign + "|".join(_text(str(alt.value), bare=True) for alt in self.alts)
        parts = [_alt(self.field, alt) for alt in self.alts]
        head = parts[0] if self.alts[0].op in COMPARISONS else ":" + parts[0]
        return sign + self.field + "|".join([head, *parts[1:]])


@dataclass(frozen=True)
class Filter:
    """Terms that must all hold (an empty filter holds for every client)."""

    terms: tuple[Term, ...] = ()

    def __str__(self) -> str:
        return " ".join(str(term) for term in self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def name_query(self) -> str | None:
        """The words, when the filter is nothing but plain name words (``bloom flor``): the console
        then ranks by its own name search (substring, then fuzzy); ``None`` otherwise."""
        if not self.terms or not all(term.bare for term in self.terms):
            return None
        return " ".join(str(term.alts[0].value) for term in self.terms)


def _number(field: str, value: Value) -> str:
    if value is None:
        return "none"
    if isinstance(value, Decimal):
        return format(value, "f") + ("d" if BY_NAME[field].unit == "d" else "")
    return value


def _alt(field: str, alt: Alt) -> str:
    spec = BY_NAME[field]
    if spec.kind is Kind.TEXT:
        return _text(str(alt.value), bare=False)
    if alt.op is Op.RANGE:
        return f"{_number(field, alt.value)}..{_number(field, alt.high)}"
    return ("" if alt.op is Op.IS else alt.op.value) + _number(field, alt.value)


def needs_quotes(text: str, *, bare: bool) -> bool:
    """Whether ``text`` must be quoted to read back as one value (as a bare word, or after ``field:``)."""
    if not text or any(ch.isspace() or ch in '"|' or not ch.isprintable() for ch in text):
        return True
    if text[0] in "!<>" or (bare and (text[0] == "-" or any(ch in SEPARATORS for ch in text))):
        return True
    return False


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(text: str, *, bare: bool) -> str:
    return quote(text) if needs_quotes(text, bare=bare) else text
