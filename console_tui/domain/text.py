"""Cleaning user text before it is stored or shown (R-MC-1).

User text is data, never markup and never terminal control: :func:`clean_text` removes
everything a terminal might act on and leaves everything else exactly as written — so a client
called ``[b]ACME[/b]`` or ``[@click=app.quit]x[/]`` keeps that name (escaping markup is the
display layer's job; it puts text into ``Text``/``Content`` objects, not markup strings).

Removed:

* escape sequences as a whole — CSI (``ESC [ … final``, and the 8-bit ``0x9B`` form), strings
  such as OSC hyperlinks/titles (``ESC ] … BEL`` or ``… ESC \\``; also DCS, SOS, PM, APC and their
  8-bit forms) and two-character escapes (``ESC 7``, ``ESC ( B`` …);
* every remaining control character: C0 (``0x00``–``0x1F``), DEL and C1 (``0x80``–``0x9F``);
* every format character (Unicode category Cf): bidirectional overrides, embeddings and
  isolates (U+202A–U+202E, U+2066–U+2069), marks (U+200E, U+200F, U+061C), zero-width
  characters (U+200B–U+200D, U+2060, U+FEFF), soft hyphen and the like;
* lone surrogates (category Cs), which cannot even be written as UTF-8.

**[decision]** Kept: the zero-width joiner (U+200D) between two pictographs, as in the emoji
sequences 👩‍💻 or 🏳️‍🌈 — without it they fall apart into 👩💻. A pictograph here is a character of
category So (other symbol: every emoji and dingbat), optionally followed by a variation selector
(U+FE0F) or a skin-tone modifier (U+1F3FB–U+1F3FF) before the joiner. A joiner anywhere else
(between letters, doubled, at either end) is removed like every other format character.

**[decision]** Whitespace controls (tab, line feed, carriage return, vertical tab, form feed,
NEL) and the Unicode line/paragraph separators become a single space each instead of vanishing,
so "ACME\\nCorp" reads "ACME Corp" rather than "ACMECorp". Nothing else is changed: no trimming,
no case change.
"""

from __future__ import annotations

import re
import unicodedata

_ESCAPE_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]                    # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])             # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)                   # ... up to BEL or ST
    | \x1b [ -/]* [0-~]?                                      # two-character escapes, lone ESC
    """,
    re.VERBOSE,
)

_TO_SPACE = frozenset("\t\n\r\v\f\x85\u2028\u2029")
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
ZWJ = "\u200d"
_EMOJI_MODIFIERS = frozenset("\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")


def _pictograph_before(out: list[str]) -> bool:
    """True when the text kept so far ends with a pictograph (and its modifiers)."""
    for ch in reversed(out):
        if ch not in _EMOJI_MODIFIERS:
            return unicodedata.category(ch) == "So"
    return False


def _pictograph_after(s: str, i: int) -> bool:
    return i + 1 < len(s) and unicodedata.category(s[i + 1]) == "So"


def clean_text(s: str) -> str:
    """Remove escape sequences and control, bidi and zero-width characters from ``s`` (R-MC-1);
    a zero-width joiner between two pictographs (an emoji sequence) is kept."""
    s = _ESCAPE_SEQUENCE.sub("", s)
    out: list[str] = []
    for i, ch in enumerate(s):
        if ch in _TO_SPACE:
            out.append(" ")
        elif unicodedata.category(ch) not in _REMOVED_CATEGORIES:
            out.append(ch)
        elif ch == ZWJ and _pictograph_after(s, i) and _pictograph_before(out):
            out.append(ch)
    return "".join(out)


def is_clean(s: str) -> bool:
    """True when ``s`` holds nothing :func:`clean_text` would remove or replace (R-MC-1)."""
    return clean_text(s) == s
