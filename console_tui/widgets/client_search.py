"""Client search over the loaded names: case-insensitive substring first, then fuzzy.

Search is in memory (the names are already loaded for the list), so ``%``, ``_``, quotes and
backslashes are ordinary characters. The index is built once per load, in the loading thread:
display names cleaned and case-folded for matching.

A fuzzy match means "the name holds something close to what was typed": the query is aligned
inside the name (``partial_ratio``). A name shorter than the query cannot hold it, so it must be
close to the whole query instead (``ratio``); otherwise a one-character name such as ``[`` would
match every query that contains a ``[``. Queries shorter than :data:`FUZZY_MIN_LENGTH` (``[``,
``]``, ``a``) match the names that contain them, substring-wise, and nothing else.

At 50,000 names a keystroke must not scan them all in Python: the substring pass runs in C
(``compress``/``map``), and a query that contains one searched recently (typing on, ``acm`` →
``acme``) only looks among that query's matches, since a name holding ``acme`` holds ``acm``.
Results are kept for the last :data:`REMEMBERED` queries, so backspace costs nothing. Fuzzy
matching (rapidfuzz, over every name) runs only when the substring matches are few, and only for
queries long enough that it can find anything more (:func:`fuzzy_can_add`).
"""

from __future__ import annotations

import math
import operator
import sys
from bisect import bisect_left
from collections.abc import Sequence
from itertools import compress, islice, repeat
from operator import contains
from typing import SupportsIndex

from console_tui.data.views.console import ClientSummary
from console_tui.display import safe

#: Fuzzy matching starts when the substring matches are fewer than this.
FEW_MATCHES = 25
#: Fuzzy matches kept, at most.
FUZZY_LIMIT = 50
#: rapidfuzz partial_ratio score (0–100) a fuzzy match needs; short queries need more.
FUZZY_CUTOFF = 80
SHORT_QUERY_CUTOFF = 86
#: The command palette's "Jump to client" is looser: it ranks, and shows the score.
PALETTE_CUTOFF = 70
#: Queries shorter than this are matched as substrings only (fuzzy on one letter is noise).
FUZZY_MIN_LENGTH = 3
#: Queries whose results are kept (typing on narrows from them; backspace finds them).
REMEMBERED = 24


def fold(text: str) -> str:
    return " ".join(safe(text).casefold().split())


def fuzzy_cutoff(wanted: str) -> int:
    return SHORT_QUERY_CUTOFF if len(wanted) <= 4 else FUZZY_CUTOFF


def fuzzy_can_add(wanted: str) -> bool:
    """Whether the fuzzy pass can find a name the substring pass did not.

    The score is 200·LCS/(m+k) for the query (m letters) against a window of the name (k ≤ m
    letters), or the whole of a shorter name. A name that does not contain the query shares at most
    m-1 letters with any window, so it scores at most 200(m-1)/(2m-1): 80 at 3 letters and 85.7 at
    4, under the short queries' cutoff. Queries that short find only their substring matches.
    """
    m = len(wanted)
    return m >= FUZZY_MIN_LENGTH and 200 * (m - 1) / (2 * m - 1) >= fuzzy_cutoff(wanted)


class Matches(tuple[int, ...]):
    """Positions matching a query, best first: the substring matches in list order, then the fuzzy
    ones (by score). ``index`` finds a position without a scan (bisect in the ordered part)."""

    ordered: int  # how many leading positions are ascending (the substring matches)

    def __new__(cls, hits: Sequence[int], fuzzy: Sequence[int] = ()) -> Matches:
        matches = super().__new__(cls, (*hits, *fuzzy) if fuzzy else hits)
        matches.ordered = len(hits)
        return matches

    @property
    def substring_matches(self) -> tuple[int, ...]:
        return self if self.ordered == len(self) else self[: self.ordered]

    def index(self, position: object, start: SupportsIndex = 0, stop: SupportsIndex = sys.maxsize) -> int:
        """Where ``position`` is from ``start`` (ValueError when it is not there), as ``tuple.index``."""
        first, end = operator.index(start), min(operator.index(stop), len(self))
        ordered = max(first, min(end, self.ordered))
        if isinstance(position, int):
            at = bisect_left(self, position, first, ordered)
            if at < ordered and self[at] == position:
                return at
        return super().index(position, ordered, end)


class ClientIndex:
    """Display names and folded names of the clients, by position in the loaded tuple."""

    def __init__(self, clients: Sequence[ClientSummary]) -> None:
        self.names: tuple[str, ...] = tuple(safe(c.name) for c in clients)
        self.folded: tuple[str, ...] = tuple(" ".join(name.casefold().split()) for name in self.names)
        self.ids: tuple[int, ...] = tuple(c.id for c in clients)
        self.positions: dict[int, int] = {client_id: i for i, client_id in enumerate(self.ids)}
        self._all = tuple(range(len(self.names)))  # one int object per position, shared by every result
        self._found: dict[str, Matches] = {}  # folded query → its result, the newest last

    def __len__(self) -> int:
        return len(self.names)

    def search(self, query: str) -> Matches | None:
        """Positions matching ``query``, best first; ``None`` means "no filter" (empty query)."""
        wanted = fold(query)
        if not wanted:
            return None
        if (found := self._found.pop(wanted, None)) is None:
            hits = self._substring(wanted)
            if len(hits) >= FEW_MATCHES or not fuzzy_can_add(wanted):
                found = Matches(hits)
            else:
                found = Matches(hits, self._fuzzy(wanted, set(hits)))
            while len(self._found) >= REMEMBERED:
                del self._found[next(iter(self._found))]  # the oldest
        self._found[wanted] = found
        return found

    def _substring(self, wanted: str) -> tuple[int, ...]:
        """Positions whose folded name contains ``wanted``, ascending; among the matches of the
        longest remembered query that ``wanted`` contains, when there is one."""
        within = max((query for query in self._found if query in wanted), key=len, default=None)
        if within is None:
            return tuple(compress(self._all, map(contains, self.folded, repeat(wanted))))
        candidates = self._found[within].substring_matches
        names = map(self.folded.__getitem__, candidates)
        return tuple(compress(candidates, map(contains, names, repeat(wanted))))

    def _fuzzy(self, wanted: str, exclude: set[int]) -> list[int]:
        return [i for i, _score in self._close(wanted, fuzzy_cutoff(wanted), exclude)][:FUZZY_LIMIT]

    def _close(self, wanted: str, cutoff: float, exclude: set[int]) -> list[tuple[int, float]]:
        """Positions of the names that hold something close to ``wanted``, best first, with their
        0-100 score: the query aligned inside the name; a name shorter than the query must be close
        to all of it. Short queries get nothing here (they match as substrings only)."""
        from rapidfuzz import fuzz, process

        if len(wanted) < FUZZY_MIN_LENGTH:
            return []
        candidates = self._may_be_close(wanted, cutoff)
        found = process.extract(wanted, [self.folded[i] for i in candidates], scorer=fuzz.partial_ratio,
                                score_cutoff=cutoff, limit=None)
        close = []
        for name, score, j in found:
            i = candidates[j]
            if i in exclude:
                continue
            if len(name) < len(wanted):
                score = fuzz.ratio(wanted, name, score_cutoff=cutoff)
                if not score:
                    continue
            close.append((i, score))
        return sorted(close, key=lambda hit: -hit[1])

    def _may_be_close(self, wanted: str, cutoff: float) -> list[int]:
        """Positions of the names that can score ``cutoff`` against ``wanted``, ascending: a cheap pass
        (the longest common subsequence, bit-parallel in rapidfuzz) before the costly aligned one.

        With L the longest common subsequence of the query (m letters) and the whole name, any
        window of k letters scores at most 200·min(L, k)/(m+k) ≤ 200·L/(m+L), and a name shorter
        than the query, 200·L/(m+n) with L ≤ n, no more. So a name scores ``cutoff`` only if
        L ≥ cutoff·m/(200−cutoff): two thirds of the query at the cutoff of 80. At 50,000 names this
        pass costs 2-4 ms and leaves a few hundred to a few thousand for the aligned one."""
        from rapidfuzz import process
        from rapidfuzz.distance import LCSseq

        need = math.ceil(cutoff * len(wanted) / (200 - cutoff) - 1e-9)
        found = process.extract(wanted, self.folded, scorer=LCSseq.similarity, score_cutoff=need, limit=None)
        return sorted(i for _name, _length, i in found)

    def best(self, query: str, limit: int = 20) -> list[tuple[int, float]]:
        """The ``limit`` best positions for ``query`` with a 0–1 score (for the command palette)."""
        wanted = fold(query)
        if not wanted:
            return []
        exact = [(i, 1.0) for i in islice(self.search(wanted) or (), limit)]
        if len(exact) >= limit:
            return exact
        fuzzy = self._close(wanted, PALETTE_CUTOFF, {i for i, _ in exact})
        return exact + [(i, score / 100) for i, score in fuzzy][: limit - len(exact)]
