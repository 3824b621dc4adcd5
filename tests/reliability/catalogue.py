"""The bad-input catalogue: what every entry point must survive.

Each entry is (label, text). Entry points must answer each with a clear message or take it
literally as data — never crash, never half-apply, never emit an escape sequence of their own.

The whole catalogue goes through every form's rules in test_bad_input_rules.py (no screen, fast);
through the screens, each field gets one value its rule accepts and one it refuses
(:func:`one_of_each`) and each search box a few representative values (:data:`REPRESENTATIVE`).
"""

from __future__ import annotations

from collections.abc import Callable

from console_tui.display import safe_paste
from console_tui.widgets.client_search import fold

HOSTILE: tuple[tuple[str, str], ...] = (
    ("markup click", "[@click=app.quit]x[/]"),
    ("markup link", "[link=https://evil.example]y[/link]"),
    ("rich bold", "[b]ACME[/b]"),
    ("OSC 8 hyperlink", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\"),
    ("CSI clear", "\x1b[2J\x1b[H"),
    ("C1 CSI", "\x9b31mred"),
    ("bidi override", "abc\u202edcba"),
    ("zero width", "a\u200bb\u200dc\ufeff"),
    ("NUL and BEL", "nul\x00bel\x07"),
    ("huge", "W" * 100_000),
    ("empty", ""),
    ("spaces", "   "),
    ("NaN", "NaN"),
    ("infinity", "inf"),
    ("minus infinity", "-Infinity"),
    ("percent wildcard", "100%"),
    ("underscore wildcard", "a_b"),
    ("quotes", "O'Brien \"Ltd\""),
    ("backslash", "C:\\temp\\"),
    ("sql", "x'; DROP TABLE client; --"),
    ("impossible date", "2026-02-30"),
    ("wide and emoji", "株式会社 🚀👩‍👩‍👧"),
    ("newline", "line1\nline2\r\n"),
    ("emoji ZWJ", "Dev \U0001f469\u200d\U0001f4bb \U0001f3f3\ufe0f\u200d\U0001f308"),
    ("overlong postal code", "9" * 21),
    ("OSC 52 clipboard", "\x1b]52;c;ZWNobyBwd25lZA==\x07Acme"),
    ("CSV formula", '=HYPERLINK("http://evil.example","x")'),
    ("CSV at and pipe", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("CSV minus", "-2+3"),
)

#: Good values for every field of the add-client form (R-MC-1): the other fields hold these while one
#: field is tried with a catalogue value.
GOOD_CLIENT = {"full_name": "Ada Lovelace", "email": "ada@rose.example.com", "company_name": "Rose & Thorn Ltd",
               "street": "10 Downing Street", "city": "London", "state": "London", "postal_code": "SW1A 2AA",
               "country": "UK", "website": "https://rose.example.com", "phone": "+44 20 7946 0958"}

#: Labels of the values a search box, find line, filter or typed confirmation is tried with through the
#: screen: markup, escape sequences (7-bit and C1), bidi, huge, blank, and the SQL wildcards and quotes
#: (which must not act as wildcards). The whole catalogue goes through their rules without a screen.
REPRESENTATIVE = ("markup click", "OSC 8 hyperlink", "C1 CSI", "bidi override", "huge", "empty",
                  "percent wildcard", "quotes")


def entries(labels: tuple[str, ...]) -> list[tuple[str, str]]:
    """The catalogue entries with these labels, in catalogue order."""
    chosen = [entry for entry in HOSTILE if entry[0] in labels]
    assert len(chosen) == len(labels), f"unknown labels in {labels}"
    return chosen


def as_pasted(value: str, max_length: int = 0) -> str:
    """What an empty ``Input`` holds once ``value`` is pasted into it: the app cleans a paste
    (display.safe_paste), the Input keeps its first line and refuses one longer than ``max_length``."""
    lines = safe_paste(value).splitlines()
    line = lines[0] if lines else ""
    return "" if max_length and len(line) > max_length else line


def one_of_each(k: int, accepts: Callable[[str], bool], max_length: int = 0) -> list[tuple[str, str]]:
    """The ``k``-th catalogue entry a field's rule accepts and the ``k``-th it refuses (each counted
    round the catalogue), judged on what the field holds once the value is pasted; give the k-th
    field k, so that together the fields see many different entries. A rule that accepts (or
    refuses) no entry of the catalogue gets only the other kind."""
    taken, refused = [], []
    for entry in HOSTILE:
        (taken if accepts(as_pasted(entry[1], max_length)) else refused).append(entry)
    return [group[k % len(group)] for group in (taken, refused) if group]


#: The labels of the values that would act as wildcards or break quoting in SQL: a search for one of
#: them must not show every name.
WILDCARDS = ("percent wildcard", "underscore wildcard", "sql", "quotes", "backslash")


def expected_hits(names: list[str], query: str) -> set[str] | None:
    """The names a search for ``query`` must at least show: substring matches of the folded text
    (``%``, ``_``, quotes and backslashes are ordinary characters); None = no filter."""
    wanted = fold(query)
    if not wanted:
        return None
    return {name for name in names if wanted in fold(name)}


ESCAPE_CHARS = ("\x1b", "\x9b", "\x00", "\x07")


def no_escapes(text: str) -> bool:
    """True when ``text`` holds none of the escape/control characters of the catalogue."""
    return not any(char in text for char in ESCAPE_CHARS)


#: Database URLs naming something that cannot be used, with the exit code the CLI answers them with
#: (2: bad input, 3: the database is unavailable or not a database). ``{tmp}`` is a scratch directory
#: holding ``junk.db`` (not SQLite). Each is one line on stderr, whichever entry point it came from.
BAD_DATABASE_URLS: tuple[tuple[str, str, int], ...] = (
    ("postgresql down", "postgresql://x:secretpw@127.0.0.1:1/db", 3),
    ("postgresql unknown host", "postgresql://x:secretpw@no-such-host.invalid/db", 3),
    ("missing directory", "sqlite:///{tmp}/no/such/dir/console.db", 2),
    ("a directory", "sqlite:///{tmp}", 3),
    ("not sqlite", "sqlite:///{tmp}/junk.db", 3),
)
