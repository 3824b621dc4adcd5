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


def count(n: int, noun: str = "", plural: str = "") -> str:
    """A number with thousands separators, and the noun in the number it needs.

    ``count(12345)`` -> "12,345"; ``count(1, "user")`` -> "1 user"; ``count(1556, "client")`` ->
    "1,556 clients"; ``count(3, "entry")`` -> "3 entries"; an irregular plural is given:
    ``count(2, "person", "people")``. The one way user-facing text counts things.
    """
    number = f"{n:,}"
    return f"{number} {plural_of(n, noun, plural)}" if noun else number


def needs_attention(fields: int) -> str:
    """ "1 field needs attention", "3 fields need attention": how a refused form starts its message."""
    return f"{count(fields, 'field')} {'needs' if fields == 1 else 'need'} attention"


def plural_of(n: int, noun: str, plural: str = "") -> str:
    """``noun`` as ``n`` of it reads: "user" / "users", "entry" / "entries", "day" / "days"."""
    if n == 1 or n == -1:
        return noun
    if plural:
        return plural
    if noun.endswith("y") and noun[-2:-1] not in ("", *"aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def article(word: str) -> str:
    """``word`` with "a" or "an" before it, by its sound: "an automation", "a landing page", "an SMS".

    Letters said with a vowel sound first ("an MMS", "an X-ray") and "uni…"/"one" words are the
    usual exceptions; the rule here covers the words this console uses.
    """
    text = word.strip()
    first = text[:1]
    head = text.split(" ", 1)[0]
    if head.isupper() and len(head) > 1:  # an abbreviation, said letter by letter
        vowel = first in "AEFHILMNORSX"
    else:
        lower = text.lower()
        vowel = first.lower() in "aeiou" and not lower.startswith(("uni", "use", "usu", "one", "eu"))
        vowel = vowel or lower.startswith(("hour", "honest", "honour", "heir"))
    return f"{'an' if vowel else 'a'} {text}"


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
