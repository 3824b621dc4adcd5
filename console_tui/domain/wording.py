"""Small wording helpers shared by the rule modules' messages.

Messages are read by people on an 80-column terminal, so numbers get thousands separators,
money is shown in dollars and lists read as English ("A, B or C").
"""

from __future__ import annotations

from collections.abc import Sequence

#: How the commands title the Recent Places entries they add; choosing one opens the screen it names.
TEAM_CALL_PLACE = "Team call"
AVATAR_PLACE = "Company avatar"


def join_words(items: Sequence[str], last: str = "or") -> str:
    """Join items as English: "A", "A or B", "A, B or C"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def count(n: int) -> str:
    """Format an integer with thousands separators: 12345 -> "12,345"."""
    return f"{n:,}"


def money(cents: int) -> str:
    """Format integer cents as dollars: 123456 -> "$1,234.56", -5 -> "-$0.05"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}${whole:,}.{part:02d}"


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop (unless it already ends a sentence)."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
