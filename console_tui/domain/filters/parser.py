"""Reading a filter's text into a :class:`Filter`, or a :class:`FilterError` saying where and why.

Grammar (a term is one space-separated piece; every term must hold)::

    filter  = { space } [ term { space { space } term } ] { space }
    term    = [ "-" | "!" ] ( word-alts | field sep [ "!" ] alt { "|" alt } )
    sep     = ":" | "<" | "<=" | ">" | ">="
    alt     = [ "<" | "<=" | ">" | ">=" ] value [ ".." value ]
    value   = '"' { char | "\\" char } '"' | unquoted characters up to a space, '"' or "|"

A bare word ends at a space, ``"``, ``|``, ``:``, ``<`` or ``>``; a word followed by ``:``, ``<`` or
``>`` is a field name. ``|`` binds tighter than the space, and a negation (``-`` before the term or
``!`` before its value) turns round the whole term, all its alternatives: ``-sender:a|b`` holds for
a sender that is neither. A range is inclusive and only unquoted. The parser never recurses, so
any length of text costs linear time.
"""

from __future__ import annotations

import re
from decimal import Decimal

from console_tui.domain.filters.errors import FilterError
from console_tui.domain.filters.fields import BY_NAME, Field, Kind, nearest_choice, nearest_field
from console_tui.domain.filters.syntax import COMPARISONS, Alt, Filter, Op, Term, Value

#: Characters that end a bare word (a name search) and the field name before a separator.
WORD_END = frozenset(':<>"|=')
_NUMBER = re.compile(r"(\d+)(\.\d+)?(d|%)?", re.ASCII)
_SHOWN = 30  # characters of a value quoted back in a message, at most


def parse_filter(text: str) -> Filter:
    """The filter ``text`` says; raises :class:`FilterError` at the first mistake."""
    return _Parser(text).parse()


def _quoted(text: str) -> str:
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, message: str, at: int, *, expected: str = "", length: int = 1) -> FilterError:
        return FilterError(message, at, expected=expected, length=length)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def at_break(self) -> bool:
        return self.pos >= len(self.text) or self.text[self.pos].isspace()

    def parse(self) -> Filter:
        terms: list[Term] = []
        while True:
            while self.pos < len(self.text) and self.text[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(self.text):
                return Filter(tuple(terms))
            terms.append(self.term())
            if not self.at_break():
                raise self.fail(f"unexpected {self.peek()!r}: expected a space before the next term", self.pos,
                                expected="a space")

    def term(self) -> Term:
        start = self.pos
        negated = self.peek() in ("-", "!")
        if negated:
            self.pos += 1
            if self.at_break():
                raise self.fail(f"expected a word or field:value after {self.text[start]!r}", self.pos,
                                expected="a term")
        word_start = self.pos
        while not self.at_break() and self.peek() not in WORD_END:
            self.pos += 1
        word = self.text[word_start:self.pos]
        ch = self.peek()
        if ch and ch in ":<>":
            return self.field_term(word, word_start, negated)
        if ch == "=" and word.casefold() in BY_NAME:
            raise self.fail(f"write {word}:value for equality ('=' is not an operator here)", self.pos,
                            expected="':'")
        self.pos = word_start
        return Term("name", tuple(self.alts(BY_NAME["name"], Op.IS, bare=True)), negated)

    def field_term(self, word: str, word_start: int, negated: bool) -> Term:
        if not word:
            raise self.fail(f"expected a field name before {self.peek()!r} (put a word with it in quotes)",
                            self.pos, expected="a field name")
        spec = BY_NAME.get(word.casefold())
        if spec is None:
            raise self.fail(_unknown_field(word), word_start, expected="a field name", length=len(word))
        sep_at = self.pos
        op = self.separator()
        if op is Op.IS and self.peek() == "!":
            if negated:
                raise self.fail("a term is negated once: '-' or '!', not both", self.pos, expected="a value")
            negated = True
            self.pos += 1
        return Term(spec.name, tuple(self.alts(spec, op, bare=False, op_at=sep_at)), negated)

    def separator(self) -> Op:
        for op in (Op.LE, Op.GE, Op.LT, Op.GT, Op.IS):
            if self.text.startswith(op.value, self.pos):
                self.pos += len(op.value)
                return op
        raise AssertionError("separator called off a separator")  # pragma: no cover

    def alts(self, spec: Field, first: Op, *, bare: bool, op_at: int = 0) -> list[Alt]:
        alts = [self.alt(spec, first, bare=bare, op_at=op_at)]
        while self.peek() == "|":
            self.pos += 1
            alts.append(self.alt(spec, Op.IS, bare=bare))
        return alts

    def alt(self, spec: Field, given: Op, *, bare: bool, op_at: int = 0) -> Alt:
        """One alternative; ``given`` is the operator written as the separator (at ``op_at``)."""
        if given is Op.IS:
            op_at = self.pos
        op = given
        if given is Op.IS and not bare:
            for candidate in (Op.LE, Op.GE, Op.LT, Op.GT):
                if self.text.startswith(candidate.value, self.pos):
                    op = candidate
                    self.pos += len(candidate.value)
                    break
        elif self.peek() in ("<", ">", "="):
            raise self.fail(f"unexpected {self.peek()!r}: expected a value", self.pos, expected="a value")
        at = self.pos
        raw, quoted = self.value("a word" if bare else f"a value for {spec.name}")
        if not quoted and raw.startswith("!"):
            raise self.fail("'!' negates the whole term: put it first, as in sender:!a|b", at, expected="a value")
        if op is not Op.IS and spec.kind is Kind.TEXT or op in COMPARISONS and not (
                spec.kind is Kind.NUMBER or spec.ordered):
            raise self.fail(f"{op.value!r} does not apply to {spec.name}: it takes ':' only", op_at,
                            expected="':'", length=len(op.value))
        if not quoted and ".." in raw and (spec.kind is Kind.NUMBER or spec.ordered):
            if op is not Op.IS:
                raise self.fail(f"a range takes ':', as in {spec.name}:{raw}", op_at, expected="':'")
            low_text, _, high_text = raw.partition("..")
            low = _convert(spec, low_text, at, allow_none=False)
            high = _convert(spec, high_text, at + len(low_text) + 2, allow_none=False)
            if _order(spec, low) > _order(spec, high):
                raise self.fail(f"empty range {raw}: the first end must not be above the second", at,
                                expected="a range low..high", length=len(raw))
            return Alt(Op.RANGE, low, high)
        if spec.kind is Kind.TEXT:
            return Alt(Op.IS, raw)
        return Alt(op, _convert(spec, raw, at, allow_none=op is Op.IS, quoted=quoted))

    def value(self, wanted: str) -> tuple[str, bool]:
        """The next value, unquoted or quoted, with whether it was quoted."""
        bare = wanted == "a word"
        start = self.pos
        if self.peek() == '"':
            return self.quoted(), True
        stops = WORD_END - {"="} if bare else frozenset('"|')
        while not self.at_break() and self.peek() not in stops:
            self.pos += 1
        if self.pos == start:
            ch = self.peek()
            what = "the end" if not ch else "a space" if ch.isspace() else repr(ch)
            raise self.fail(f"expected {wanted}, found {what}", start, expected=wanted)
        if self.peek() == '"':
            raise self.fail("a quote starts a value: put a space or '|' before it", self.pos, expected="a space")
        return self.text[start:self.pos], False

    def quoted(self) -> str:
        start = self.pos
        self.pos += 1
        out: list[str] = []
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch == "\\" and self.pos + 1 < len(text):
                out.append(text[self.pos + 1])
                self.pos += 2
            elif ch == '"':
                self.pos += 1
                if not (self.at_break() or self.peek() == "|"):
                    raise self.fail("expected a space or '|' after the closing quote", self.pos,
                                    expected="a space")
                return "".join(out)
            else:
                out.append(ch)
                self.pos += 1
        raise self.fail('unterminated quote: expected a closing "', start, expected='"', length=len(text) - start)


def _unknown_field(word: str) -> str:
    near = nearest_field(word)
    if near:
        return f"unknown field {_quoted(word)} — did you mean {near!r}?"
    return (f"unknown field {_quoted(word)} — fields are {', '.join(BY_NAME)} "
            "(to search names for it, put the word in quotes)")


def _order(spec: Field, value: Value) -> Decimal:
    if spec.kind is Kind.CHOICE:
        return Decimal(spec.choices.index(str(value)))
    assert isinstance(value, Decimal)
    return value


def choice_key(text: str) -> str:
    """A choice word as the language writes it: lower case, words joined by '-' (``At Risk`` → ``at-risk``)."""
    return "-".join(text.casefold().replace("_", " ").replace("-", " ").split())


def _convert(spec: Field, raw: str, at: int, *, allow_none: bool, quoted: bool = False) -> Value:
    """``raw`` as a value of ``spec`` (a choice word or a number), or the error saying what it takes."""
    if spec.kind is Kind.CHOICE:
        key = choice_key(raw)
        if key in spec.choices:
            return key
        near = nearest_choice(spec, key)
        hint = f" — did you mean {near!r}?" if near else ""
        raise FilterError(f"unknown {spec.name} {_quoted(raw)}{hint} ({spec.name} is one of "
                          f"{', '.join(spec.choices)})", at, expected=" or ".join(spec.choices), length=len(raw))
    if raw.casefold() == "none" and allow_none:
        if spec.none:
            return None
        raise FilterError(f"{spec.name} is never missing, so 'none' does not apply", at, expected="a number",
                          length=len(raw))
    match = None if quoted else _NUMBER.fullmatch(raw)
    if match is None or (match[3] and match[3] != spec.unit):
        unit = {"d": " of days", "%": " (a percentage)"}.get(spec.unit, "")
        none = " or none" if spec.none and allow_none else ""
        raise FilterError(f"expected a number{unit}{none} for {spec.name}, as in {spec.example}, not {_quoted(raw)}",
                          at, expected="a number", length=len(raw))
    if spec.whole and match[2]:
        raise FilterError(f"{spec.name} takes a whole number, not {_quoted(raw)}", at, expected="a whole number",
                          length=len(raw))
    value = Decimal(match[1] + (match[2] or ""))
    if not spec.low <= value <= spec.high:
        raise FilterError(f"{_quoted(raw)} is out of range: {spec.name} is {spec.low} to {spec.high}", at,
                          expected=f"a number from {spec.low} to {spec.high}", length=len(raw))
    return value
