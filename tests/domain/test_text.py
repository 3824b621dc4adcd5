"""clean_text (R-MC-1)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console_tui.domain.text import clean_text, is_clean

BIDI_AND_ZERO_WIDTH = set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff"
)


def pictograph(ch: str) -> bool:
    return unicodedata.category(ch) == "So"


def zwj_between_pictographs(text: str, i: int) -> bool:
    """The joiner at ``text[i]`` sits between two pictographs (variation selector/skin tone allowed)."""
    before = text[:i].rstrip("\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")
    return text[i] == "\u200d" and bool(before) and pictograph(before[-1]) and text[i + 1:i + 2] != "" \
        and pictograph(text[i + 1])


def forbidden_in(text: str) -> list[str]:
    """The characters of ``text`` clean_text must never leave (a joiner inside an emoji sequence may stay)."""
    return [ch for i, ch in enumerate(text) if forbidden(ch) and not zwj_between_pictographs(text, i)]


def forbidden(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or ch in BIDI_AND_ZERO_WIDTH
        or unicodedata.category(ch) in {"Cf", "Cs"}
    )


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b]8;;https://evil.example\x07click\x1b]8;;\x1b\\", "click"),
        ("\x1b]0;title\x1b\\name", "name"),
        ("\x9b2Jname", "name"),
        ("\x1b(Bname\x1b7", "name"),
        ("ab\u202edc", "abdc"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("line\nbreak\ttab\r", "line break tab "),
        ("[b]ACME[/b]", "[b]ACME[/b]"),
        ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
        ("Zoë 日本 🙂", "Zoë 日本 🙂"),
        ("bell\x07 nul\x00 del\x7f c1\x85", "bell nul del c1 "),
    ],
)
def test_r_mc_1_clean_text_examples(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


NASTY = st.sampled_from(
    [*sorted(BIDI_AND_ZERO_WIDTH), "\x1b", "\x9b", "\x9d", "\x07", "\x00", "\x7f", "\n", "\ud800"]
)


@given(st.text(alphabet=st.one_of(st.characters(exclude_categories=()), NASTY), max_size=60))
def test_r_mc_1_clean_text_never_leaves_control_bidi_or_zero_width(raw: str) -> None:
    cleaned = clean_text(raw)
    assert not forbidden_in(cleaned)
    assert clean_text(cleaned) == cleaned and is_clean(cleaned)


@given(
    st.lists(
        st.sampled_from(["\x1b", "[", "]", "31m", "\x07", "\\", "\x9b", "a", "\u202e"]), max_size=30
    )
)
def test_r_mc_1_clean_text_on_escape_fragments(parts: list[str]) -> None:
    cleaned = clean_text("".join(parts))
    assert not forbidden_in(cleaned)


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"]), max_size=60))
def test_r_mc_1_clean_text_keeps_printable_text_unchanged(raw: str) -> None:
    assert clean_text(raw) == raw


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\U0001f469\u200d\U0001f4bb", "\U0001f469\u200d\U0001f4bb"),  # woman technologist
        ("\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f3f3\ufe0f\u200d\U0001f308"),  # rainbow flag
        ("\U0001f44d\U0001f3fd\u200d\u2764", "\U0001f44d\U0001f3fd\u200d\u2764"),  # skin tone, then a dingbat
        ("\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f469\u200d\U0001f469\u200d\U0001f467"),
        ("\U0001f469\u200d\x1b[2J\U0001f4bb", "\U0001f469\u200d\U0001f4bb"),  # the escape goes, the joiner stays
        ("\U0001f469\u200d\u200d\U0001f4bb", "\U0001f469\u200d\U0001f4bb"),  # never two joiners
        ("a\u200db", "ab"),
        ("\u200d\U0001f4bb", "\U0001f4bb"),
        ("\U0001f469\u200d", "\U0001f469"),
        ("x\u200d\U0001f4bb \U0001f469\u200da", "x\U0001f4bb \U0001f469a"),
        ("\U0001f469\u200d\u202e\U0001f4bb", "\U0001f469\U0001f4bb"),
    ],
)
def test_r_mc_1_the_zero_width_joiner_stays_only_inside_emoji_sequences(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert clean_text(clean) == clean
