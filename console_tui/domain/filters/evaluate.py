"""A parsed filter compiled once into a predicate over :class:`ClientFacts` (a chain of closures).

Each term becomes one closure that reads one attribute and compares it with values prepared at
compile time (folded text, a set of allowed choice words, floats); the filter is their
conjunction. ``manager:me`` reads the acting login given to :func:`compile_filter`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable
from decimal import Decimal

from console_tui.domain.filters.facts import ClientFacts, fold
from console_tui.domain.filters.fields import BY_NAME, Field, Kind
from console_tui.domain.filters.syntax import Alt, Filter, Op, Term
from console_tui.domain.utilization import level

Predicate = Callable[[ClientFacts], bool]

_COMPARE: dict[Op, Callable[[float, float], bool]] = {
    Op.LT: operator.lt, Op.LE: operator.le, Op.GT: operator.gt, Op.GE: operator.ge,
}

#: Each choice field: the attribute it reads and, where that is not the word itself, the stored value
#: each word stands for (``level`` stands for the scores of its band, R-UT-2).
_CHOICE_OF: dict[str, tuple[str, dict[str, Iterable[object]]]] = {
    "kind": ("kind", {}),
    "sender": ("sender", {}),
    "level": ("util", {word: [s for s in range(101) if level(s).value.casefold() == word]
                       for word in BY_NAME["level"].choices}),
    "term": ("term", {"none": [None]}),
    "config": ("config_complete", {"complete": [True], "incomplete": [False]}),
    "ebs": ("ebs", {"on": [True], "off": [False]}),
}
#: Text fields: the folded attribute, and whether it is a set of values.
_TEXT_OF: dict[str, str] = {"name": "name_key", "status": "status_key", "tag": "tag_keys", "manager": "manager_keys"}


def compile_filter(parsed: Filter, *, me: str = "") -> Predicate:
    """The predicate ``parsed`` stands for; ``me`` is the acting login (``manager:me``)."""
    checks = compile_terms(parsed, me=me)
    if not checks:
        return lambda r: True
    if len(checks) == 1:
        return checks[0]
    return _all(checks)


def compile_terms(parsed: Filter, *, me: str = "") -> list[Predicate]:
    """One predicate per term of ``parsed``, in order; the filter holds where all of them do."""
    return [_term(term, fold(me)) for term in parsed.terms]


def _all(checks: list[Predicate]) -> Predicate:
    """Every check holds: one frame around the checks (a loop, never nested closures), in order."""
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda r: first(r) and second(r)

    def every(r: ClientFacts) -> bool:
        for check in checks:
            if not check(r):
                return False
        return True
    return every


def select(rows: Iterable[ClientFacts], parsed: Filter, *, me: str = "") -> list[ClientFacts]:
    """The rows ``parsed`` holds for, in their order."""
    check = compile_filter(parsed, me=me)
    return [row for row in rows if check(row)]


def _term(term: Term, me: str) -> Predicate:
    spec = BY_NAME[term.field]
    if spec.kind is Kind.TEXT:
        check = _text(spec, term.alts, me)
    elif spec.kind is Kind.CHOICE:
        check = _choice(spec, term.alts)
    else:
        checks = [_number(spec, alt) for alt in term.alts]
        check = checks[0] if len(checks) == 1 else _any(checks)
    if term.negated:
        return lambda r: not check(r)
    return check


def _any(checks: list[Predicate]) -> Predicate:
    def some(r: ClientFacts) -> bool:
        for check in checks:
            if check(r):
                return True
        return False
    return some


def _text(spec: Field, alts: tuple[Alt, ...], me: str) -> Predicate:
    wanted = tuple(me if spec.name == "manager" and fold(str(a.value)) == "me" else fold(str(a.value)) for a in alts)
    get = operator.attrgetter(_TEXT_OF[spec.name])
    if spec.substring:
        if len(wanted) == 1:
            one = wanted[0]
            return lambda r: one in get(r)
        return lambda r: any(w in get(r) for w in wanted)
    allowed = frozenset(wanted)
    if spec.many:
        return lambda r: not allowed.isdisjoint(get(r))
    return lambda r: get(r) in allowed


def _choice(spec: Field, alts: tuple[Alt, ...]) -> Predicate:
    """Every alternative turned into the set of words it allows; the term is one set lookup."""
    allowed: set[str] = set()
    rank = {word: i for i, word in enumerate(spec.choices)}
    for alt in alts:
        if alt.op is Op.IS:
            allowed.add(str(alt.value))
        elif alt.op is Op.RANGE:
            allowed.update(w for w in spec.choices if rank[str(alt.value)] <= rank[w] <= rank[str(alt.high)])
        else:
            compare = _COMPARE[alt.op]
            allowed.update(w for w in spec.choices if compare(rank[w], rank[str(alt.value)]))
    if spec.many:
        words = frozenset(allowed)
        return lambda r: not words.isdisjoint(r.features)
    attribute, stands_for = _CHOICE_OF[spec.name]
    stored = frozenset(value for word in allowed for value in stands_for.get(word, [word]))
    get = operator.attrgetter(attribute)
    return lambda r: get(r) in stored


def _number(spec: Field, alt: Alt) -> Predicate:
    get = operator.attrgetter(spec.name)
    if alt.value is None:
        return lambda r: get(r) is None
    x = float(alt.value)
    if alt.op is Op.RANGE:
        assert isinstance(alt.high, Decimal)
        hi = float(alt.high)
        return lambda r: (v := get(r)) is not None and x <= v <= hi
    if alt.op is Op.IS:
        if spec.whole:
            return lambda r: get(r) == x
        # A percentage equals the number written at the precision written, rounded half up.
        scale = 10.0 ** max(0, -int(alt.value.as_tuple().exponent)) if isinstance(alt.value, Decimal) else 1.0
        scaled = round(x * scale)
        return lambda r: (v := get(r)) is not None and v < math.inf and math.floor(v * scale + 0.5) == scaled
    compare = _COMPARE[alt.op]
    if spec.none_is_infinite and alt.op in (Op.GT, Op.GE):
        return lambda r: (v := get(r)) is None or compare(v, x)
    return lambda r: (v := get(r)) is not None and compare(v, x)
