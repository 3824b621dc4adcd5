"""The one helper for counts, plurals and articles in user-facing text, and that nothing bypasses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from console_tui.domain.wording import article, count, plural_of

PACKAGE = Path(__file__).resolve().parents[2] / "console_tui"


@pytest.mark.parametrize(("n", "noun", "text"), [
    (0, "user", "0 users"), (1, "user", "1 user"), (6, "user", "6 users"), (1556, "client", "1,556 clients"),
    (1, "entry", "1 entry"), (3, "entry", "3 entries"), (1, "day", "1 day"), (2, "day", "2 days"),
    (2, "field", "2 fields"), (2, "address", "2 addresses"), (2, "match", "2 matches"),
    (1_000_000, "email", "1,000,000 emails"), (-1, "day", "-1 day"),
])
def test_count_says_the_number_with_separators_and_the_noun_in_its_number(n: int, noun: str, text: str) -> None:
    assert count(n, noun) == text


def test_count_without_a_noun_is_the_number_and_irregular_plurals_are_given() -> None:
    assert count(12345) == "12,345"
    assert count(2, "person", "people") == "2 people" and count(1, "person", "people") == "1 person"
    assert plural_of(1, "seat") == "seat" and plural_of(5, "seat") == "seats"


@pytest.mark.parametrize(("word", "text"), [
    ("automation", "an automation"), ("email", "an email"), ("landing page", "a landing page"),
    ("form", "a form"), ("user", "a user"), ("hour", "an hour"), ("SMS credit", "an SMS credit"),
    ("URL", "a URL"), ("blog post", "a blog post"), ("one-off job", "a one-off job"),
])
def test_article_follows_the_sound(word: str, text: str) -> None:
    assert article(word) == text


def _user_strings(source: str) -> list[str]:
    """String literals outside comments and docstrings, roughly: what a person may read."""
    out = []
    for line in source.splitlines():
        code = line.split("#", 1)[0] if not line.lstrip().startswith(("\"\"\"", "'''")) else ""
        out.extend(re.findall(r"[\"']([^\"']*)[\"']", code))
    return out


def test_no_user_facing_string_hedges_a_plural_with_s_in_brackets() -> None:
    """ "3 field(s)" reads as a form, not a sentence: counts go through ``count``."""
    hedged = [(path.relative_to(PACKAGE).as_posix(), text) for path in sorted(PACKAGE.rglob("*.py"))
              for text in _user_strings(path.read_text(encoding="utf-8")) if re.search(r"\w\((s|es)\)", text)]
    assert hedged == []
