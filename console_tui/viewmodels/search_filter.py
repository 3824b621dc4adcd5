"""What a client search line's text asks for, and which clients it keeps (the console and Manage
Clients share this; no Textual).

A line is read once per text (:func:`read_line`):

* **blank or plain name words** (``acme``, ``bloom flor``) — the screen's own name search, exactly as
  before the filter language: the console's substring-then-fuzzy :class:`ClientIndex`, Manage
  Clients' substring match;
* **a filter** (``sender:at-risk util<25 acme``) — each term compiled once into a predicate over
  :class:`ClientFacts`; the clients shown are those every term holds for, in the list's order, name
  words inside it matched by the filter's own name rule. The facts are loaded once, off the event
  loop, and the clients each term holds for are remembered: a key typed changes one term, so only
  that term is run over every client, and the rest is the intersection of remembered sets;
* **a mistake** — the :class:`FilterError`: the list keeps its last good result while it is shown;
* **a field being typed** — a filter whose last word, typed right up to the end of the line, is the
  start of a field's name (``sender:healthy ut``, on the way to ``util<25``): read as a name word it
  would empty the list for a key or two, so the list keeps its last result until the word is a field
  term or a space ends it (then it is a name word, as always).

``?`` typed as a word of its own opens the fields' help (the search line's ``on_help``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from console_tui.domain.filters import (
    FIELDS,
    ClientFacts,
    FilterError,
    Op,
    Predicate,
    Term,
    compile_terms,
    format_error,
    parse_filter,
)

#: Filter texts kept compiled (typing on and backspacing finds them again), and terms' results kept.
REMEMBERED = 64


@dataclass(frozen=True, slots=True)
class LineQuery:
    """One search line text, read: plain words (``keep`` and ``error`` None), a filter, or a mistake."""

    text: str
    #: A filter's terms, each with its predicate (and the acting login ``manager:me`` reads); the
    #: filter holds where every one does.
    terms: tuple[tuple[Term, str, Predicate], ...] | None = None
    error: FilterError | None = None
    #: A field's name is being typed at the end of a filter: nothing to apply yet, nothing wrong.
    pending: bool = False

    @property
    def is_filter(self) -> bool:
        return self.terms is not None

    def error_lines(self, width: int) -> str:
        """The mistake as three lines fitted to ``width`` cells (the text, carets, the message)."""
        assert self.error is not None
        return format_error(self.text, self.error, width)


@lru_cache(maxsize=REMEMBERED)
def read_line(text: str, me: str) -> LineQuery:
    """What ``text`` asks for; ``me`` is the acting login (``manager:me``)."""
    try:
        parsed = parse_filter(text)
    except FilterError as error:
        return LineQuery(text, error=error)
    if not parsed.terms or parsed.name_query is not None:
        return LineQuery(text)
    if _typing_a_field(text, parsed.terms[-1]):
        return LineQuery(text, pending=True)
    return LineQuery(text, terms=tuple(zip(parsed.terms, [me] * len(parsed.terms), compile_terms(parsed, me=me),
                                           strict=True)))


_FIELD_NAMES = tuple(field.name for field in FIELDS)


def _typing_a_field(text: str, last: Term) -> bool:
    """``last`` is a name word at the very end of ``text`` that a field's name starts with."""
    if text[-1:].isspace() or last.field != "name" or len(last.alts) != 1 or last.alts[0].op is not Op.IS:
        return False
    word = str(last.alts[0].value).casefold()
    return bool(word) and text.endswith(str(last.alts[0].value)) and any(
        name.startswith(word) for name in _FIELD_NAMES)


class FactsTable:
    """The loaded facts by client id, and which of a list's clients a filter holds for."""

    def __init__(self, facts: Iterable[ClientFacts]) -> None:
        self.by_id: dict[int, ClientFacts] = {f.id: f for f in facts}
        self._place = {client_id: place for place, client_id in enumerate(self.by_id)}
        #: Each remembered term: a byte per client (in ``by_id``'s order), 1 where the term holds,
        #: read as one integer so that terms meet in a single ``&``. The latest used is last.
        self._holding: dict[tuple[Term, str], int] = {}

    def __len__(self) -> int:
        return len(self.by_id)

    def kept(self, line: LineQuery, ids: Sequence[int]) -> list[int]:
        """Positions in ``ids`` (a list's client ids, in its order) whose facts every term of the
        filter ``line`` holds for; a client without facts (removed, or added since they were loaded)
        is not kept."""
        assert line.terms
        every = -1
        for term, me, check in line.terms:
            every &= self._holds(term, me, check)
        held = every.to_bytes(len(self.by_id), "little")
        place = self._place.get
        return [i for i, client_id in enumerate(ids) if (at := place(client_id)) is not None and held[at]]

    def _holds(self, term: Term, me: str, check: Predicate) -> int:
        """Where ``term`` holds (a byte per client): run over every client once, then remembered."""
        key = (term, me)
        held = self._holding.pop(key, None)
        if held is None:
            held = int.from_bytes(bytes([check(facts) for facts in self.by_id.values()]), "little")
            if len(self._holding) >= REMEMBERED:
                del self._holding[next(iter(self._holding))]
        self._holding[key] = held
        return held
