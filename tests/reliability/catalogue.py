"""The bad-input catalogue (issue 7): what every entry point must survive.

Each entry is (label, text). Entry points must answer each with a clear message or take it
literally as data — never crash, never half-apply, never emit an escape sequence of their own.
"""

from __future__ import annotations

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
    # index 24: the form tests' round-robin gives it to the postal code field (24 % 5 == 4)
    ("overlong postal code", "9" * 21),
    ("OSC 52 clipboard", "\x1b]52;c;ZWNobyBwd25lZA==\x07Acme"),
    ("CSV formula", '=HYPERLINK("http://evil.example","x")'),
    ("CSV at and pipe", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("CSV minus", "-2+3"),
)

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
