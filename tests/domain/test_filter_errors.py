"""A filter that cannot be read says where (a caret under the mistake), what was expected and why."""

from __future__ import annotations

import pickle

import pytest

from console_tui.domain.filters import FilterError, format_error, parse_filter


def error_for(text: str) -> FilterError:
    with pytest.raises(FilterError) as caught:
        parse_filter(text)
    return caught.value


# (text, position, length, words the message holds)
MISTAKES = [
    ("sendr:healthy", 0, 5, ["unknown field 'sendr'", "did you mean 'sender'?"]),
    ("bloom utl<5", 6, 3, ["did you mean 'util'?"]),
    ("http://x", 0, 4, ["unknown field 'http'", "put the word in quotes"]),
    ("sender:helthy", 7, 6, ["did you mean 'healthy'?", "new, healthy, at-risk, unhealthy, limited"]),
    ("level:cat", 6, 3, ["grasshopper, rabbit, tiger, dragon"]),
    ("util:150", 5, 3, ["'150' is out of range", "util is 0 to 100"]),
    ("open<101", 5, 3, ["out of range"]),
    ("util:50..25", 5, 6, ["empty range"]),
    ("sender:limited..healthy", 7, 16, ["empty range"]),
    ("users:2.5", 6, 3, ["whole number"]),
    ("login>30h", 6, 3, ["number of days", "login>30d"]),
    ("util:none", 5, 4, ["never missing"]),
    ("util<none", 5, 4, ["expected a number"]),
    ("util:", 5, 1, ["expected a value for util, found the end"]),
    ("util: 5", 5, 1, ["found a space"]),
    ("a|", 2, 1, ["expected a word"]),
    ("- bloom", 1, 1, ["after '-'"]),
    ('tag:"EBS Active', 4, 11, ["unterminated quote"]),
    ('tag:"a"b', 7, 1, ["after the closing quote"]),
    ('ab"c"', 2, 1, ["a quote starts a value"]),
    ("kind<lead", 4, 1, ["'<' does not apply to kind"]),
    ("tag>=x", 3, 2, ["'>=' does not apply to tag"]),
    ("util:<25..50", 5, 1, ["a range takes ':'"]),
    ("-sender:!new", 8, 1, ["negated once"]),
    ("tag:a|!b", 6, 1, ["'!' negates the whole term"]),
    ("util=5", 4, 1, ["write util:value"]),
    (":x", 0, 1, ["expected a field name"]),
    ("util>>5", 5, 1, ["expected a value"]),
]


@pytest.mark.parametrize(("text", "position", "length", "words"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_named_at_its_position(text: str, position: int, length: int, words: list[str]) -> None:
    error = error_for(text)
    assert (error.position, error.length) == (position, length), error.message
    for word in words:
        assert word in error.message
    assert error.expected


def test_the_display_is_the_text_a_caret_line_and_the_message() -> None:
    text = "bloom sendr:healthy"
    assert format_error(text, error_for(text)).splitlines() == [
        "bloom sendr:healthy",
        "      ^^^^^",
        "unknown field 'sendr' — did you mean 'sender'?",
    ]


def test_a_mistake_at_the_end_is_marked_after_the_text() -> None:
    assert format_error("util:", error_for("util:")).splitlines()[1] == "     ^"


def test_control_characters_are_shown_as_one_replacement_cell_each() -> None:
    text = "\x1b[2J\tsendr:x"
    shown, carets, _ = format_error(text, error_for(text)).splitlines()
    assert "\x1b" not in shown and "\t" not in shown
    assert shown == "\ufffd[2J\ufffdsendr:x" and carets == "     ^^^^^"


def test_the_caret_stays_under_the_mistake_after_wide_characters() -> None:
    text = "花屋 sendr:x"  # two wide characters take four cells
    shown, carets, _ = format_error(text, error_for(text)).splitlines()
    assert carets == "     ^^^^^"


def test_markup_in_the_text_is_shown_as_written() -> None:
    text = "[bold]x[/bold] sendr:x"
    assert format_error(text, error_for(text)).splitlines()[0] == text


def test_a_long_filter_is_cut_around_the_mistake_to_the_width() -> None:
    text = "a " * 5000 + "sendr:x " + "b " * 5000
    shown, carets, message = format_error(text, error_for(text), width=60).splitlines()
    assert len(shown) <= 60 and shown.startswith("…") and shown.endswith("…")
    assert shown[carets.index("^"):].startswith("sendr")
    assert message.startswith("unknown field 'sendr'")


def test_a_long_value_is_shortened_in_the_message() -> None:
    error = error_for("util:" + "9" * 10_000)
    assert len(error.message) < 120 and "out of range" in error.message


def test_str_names_the_column_and_the_error_survives_pickling() -> None:
    error = error_for("bloom sendr:x")
    assert str(error) == "column 7: unknown field 'sendr' — did you mean 'sender'?"
    again = pickle.loads(pickle.dumps(error))
    assert (again.position, again.length, again.expected, again.message) == (
        error.position, error.length, error.expected, error.message)
