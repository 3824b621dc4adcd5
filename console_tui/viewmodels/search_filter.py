"""What a client search line's text asks for, and which clients it keeps (the console and Manage
Clients share this; no Textual).

A line is read once per text (:func:`read_line`):

* **blank or plain name words** (``acme``, ``bloom flor``) — the screen's own name search, exactly as
  before the filter language: the console's substring-then-fuzzy :class:`ClientIndex`, Manage
  Clients' substring match;
* **a filter** (``sender:at-risk util<25 acme``) — compiled once into a predicate over
  :class:`ClientFacts`; the clients shown are those it holds for, in the list's order, name words
  inside it matched by the filter's own name rule. The facts are loaded once, off the event loop;
* **a mistake** — the :class:`FilterError`: the list keeps its last good result while it is shown.

``?`` typed as a word of its own opens the fields' help (the search line's ``on_help``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from console_tui.domain.filters import ClientFacts, FilterError, Predicate, compile_filter, format_error, parse_filter

#: Filter texts kept compiled (typing on and backspacing finds them again).
REMEMBERED = 64


@dataclass(frozen=True, slots=True)
class LineQuery:
    """One search line text, read: plain words (``keep`` and ``error`` None), a filter, or a mistake."""

    text: str
    keep: Predicate | None = None
    error: FilterError | None = None

    @property
    def is_filter(self) -> bool:
        return self.keep is not None

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
    return LineQuery(text, keep=compile_filter(parsed, me=me))


class FactsTable:
    """The loaded facts by client id, and which of a list's clients a filter holds for."""

    def __init__(self, facts: Iterable[ClientFacts]) -> None:
        self.by_id: dict[int, ClientFacts] = {f.id: f for f in facts}

    def __len__(self) -> int:
        return len(self.by_id)

    def kept(self, keep: Predicate, ids: Sequence[int]) -> list[int]:
        """Positions in ``ids`` (a list's client ids, in its order) whose facts ``keep`` holds for; a
        client without facts (removed, or added since they were loaded) is not kept."""
        get = self.by_id.get
        return [i for i, client_id in enumerate(ids) if (f := get(client_id)) is not None and keep(f)]
