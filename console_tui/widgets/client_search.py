"""Client search over the loaded names: case-insensitive substring first, then fuzzy.

Search is in memory (the names are already loaded for the list), so ``%``, ``_``, quotes and
backslashes are ordinary characters. The index is built once per load, in the loading thread:
display names cleaned (DESIGN.md habit 6) and case-folded for matching.
"""

from __future__ import annotations

from collections.abc import Sequence

from console_tui.data.views import ClientSummary
from console_tui.text import safe

#: Fuzzy matching starts when the substring matches are fewer than this.
FEW_MATCHES = 25
#: Fuzzy matches kept, at most.
FUZZY_LIMIT = 50
#: rapidfuzz partial_ratio score (0–100) a fuzzy match needs; short queries need more.
FUZZY_CUTOFF = 80
SHORT_QUERY_CUTOFF = 86
#: Queries shorter than this are matched as substrings only (fuzzy on one letter is noise).
FUZZY_MIN_LENGTH = 3


def fold(text: str) -> str:
    return " ".join(safe(text).casefold().split())


class ClientIndex:
    """Display names and folded names of the clients, by position in the loaded tuple."""

    def __init__(self, clients: Sequence[ClientSummary]) -> None:
        self.names: tuple[str, ...] = tuple(safe(c.name) for c in clients)
        self.folded: tuple[str, ...] = tuple(" ".join(name.casefold().split()) for name in self.names)
        self.positions: dict[int, int] = {c.id: i for i, c in enumerate(clients)}

    def __len__(self) -> int:
        return len(self.names)

    def search(self, query: str) -> list[int] | None:
        """Positions matching ``query``, best first; ``None`` means "no filter" (empty query)."""
        wanted = fold(query)
        if not wanted:
            return None
        folded = self.folded
        hits = [i for i, name in enumerate(folded) if wanted in name]
        if len(hits) >= FEW_MATCHES or len(wanted) < FUZZY_MIN_LENGTH:
            return hits
        return hits + self._fuzzy(wanted, set(hits))

    def _fuzzy(self, wanted: str, exclude: set[int]) -> list[int]:
        from rapidfuzz import fuzz, process

        cutoff = SHORT_QUERY_CUTOFF if len(wanted) <= 4 else FUZZY_CUTOFF
        found = process.extract(
            wanted, self.folded, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=FUZZY_LIMIT + len(exclude)
        )
        return [i for _name, _score, i in found if i not in exclude][:FUZZY_LIMIT]

    def best(self, query: str, limit: int = 20) -> list[tuple[int, float]]:
        """The ``limit`` best positions for ``query`` with a 0–1 score (for the command palette)."""
        from rapidfuzz import fuzz, process

        wanted = fold(query)
        if not wanted:
            return []
        exact = [(i, 1.0) for i in self.search(wanted) or []][:limit]
        if len(exact) >= limit:
            return exact
        seen = {i for i, _ in exact}
        fuzzy = process.extract(wanted, self.folded, scorer=fuzz.partial_ratio, score_cutoff=70, limit=limit * 2)
        return exact + [(i, score / 100) for _n, score, i in fuzzy if i not in seen][: limit - len(exact)]
