"""A saved view is a checked name, filter and sort (R-VIEW-1), and the TOML file round-trips."""

from __future__ import annotations

import tomllib

import pytest

from console_tui.domain.errors import ValidationError
from console_tui.domain.saved_views import BadView, ViewSpec, check_view
from console_tui.domain.views_file import dump_views, read_views, toml_string


def test_r_view_1_a_view_is_cleaned_and_its_filter_stored_as_canonical_text() -> None:
    spec = check_view("  Senders \x1b[31m at   risk ", "Sender>=At-Risk  -tag:\"EBS Active\"", "SENT:desc")
    assert spec == ViewSpec("Senders at risk", 'sender>=at-risk -tag:"EBS Active"', "sent", True, False)
    assert spec.sort_text == "sent:desc"
    assert check_view("All", "").filter == ""  # a view may only sort
    assert check_view("A", "x", "login:asc").sort_text == "login"


def test_r_view_1_a_filter_that_cannot_be_read_names_the_view_and_keeps_the_mistake() -> None:
    with pytest.raises(BadView) as caught:
        check_view("Risky", "sendr:healthy")
    error = caught.value
    assert error.view_name == "Risky" and error.filter_text == "sendr:healthy"
    assert error.filter_error is not None and error.filter_error.position == 0
    assert "The view 'Risky''s filter cannot be read: unknown field 'sendr'" in str(error)


@pytest.mark.parametrize(("name", "filter_text", "sort", "field", "says"), [
    (" \t ", "x", "name", "name", "must be 1 to 60 characters"),
    ("x" * 61, "x", "name", "name", "must be 1 to 60 characters"),
    ("A", "x " * 600, "name", "filter", "longer than 1000 characters"),
    ("A", "x", "util", "sort", "must be one of name, users, login, sent"),
    ("A", "x", "name:up", "sort", "optionally followed by :asc or :desc"),
])
def test_r_view_1_bad_views_are_refused_saying_which_part(name: str, filter_text: str, sort: str, field: str,
                                                         says: str) -> None:
    with pytest.raises(BadView) as caught:
        check_view(name, filter_text, sort)
    assert field in caught.value.field_errors and says in caught.value.field_errors[field]


def test_toml_strings_escape_what_toml_needs() -> None:
    text = 'a "quoted" \\ back\tslash \x7f del é'
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_r_view_1_a_views_file_reads_back_what_was_written() -> None:
    views = [ViewSpec("Senders at risk", "sender>=at-risk", "sent", True, True),
             ViewSpec('Say "hi" \\ there', '"a \\"b\\""', "name", False, False)]
    assert read_views(dump_views(views)) == views
    assert read_views('[[view]]\nname = "X"\nfilter = "login:none"\n') == [ViewSpec("X", "login:none")]
    assert read_views("") == []


@pytest.mark.parametrize(("text", "says"), [
    ("[[view]\n", "is not TOML"),
    ('views = 1\n', "besides [[view]] tables"),
    ('view = "x"\n', "must list its views as [[view]] tables"),
    ('[[view]]\nname = "A"\nfilter = "x"\ncolour = "red"\n', "The view 'A''s keys include colour"),
    ('[[view]]\nname = "A"\n', "The view 'A''s filter is missing"),
    ('[[view]]\nfilter = "x"\n', "The view '#1''s name is missing"),
    ('[[view]]\nname = "A"\nfilter = "x"\nshared = "yes"\n', "shared must be true or false"),
    ('[[view]]\nname = "Ok"\nfilter = "x"\n[[view]]\nname = "B"\nfilter = "util:150"\n',
     "The view 'B''s filter cannot be read: '150' is out of range"),
])
def test_r_view_1_a_bad_views_file_names_the_view_and_the_problem(text: str, says: str) -> None:
    with pytest.raises(ValidationError, match=None) as caught:
        read_views(text)
    assert says in str(caught.value)
