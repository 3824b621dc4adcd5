"""What a client search line's text asks for (console_tui.viewmodels.search_filter): plain words stay
the screens' own name search, field terms make a filter, a mistake is kept with where it is."""

from __future__ import annotations

from dataclasses import replace

import pytest

from console_tui.domain.filters import parse_filter, select
from console_tui.viewmodels.search_filter import FactsTable, read_line
from tests.domain.test_filter_evaluate import BASE


@pytest.mark.parametrize("text", ["", "   ", "acme", "bloom flor", "O'Brien", "100%", '"at&t: east"'])
def test_blank_and_plain_words_are_the_name_search(text):
    line = read_line(text, "sam.lee")
    assert not line.is_filter and line.error is None


@pytest.mark.parametrize("text", ["sender:at-risk", "util<25 acme", "-acme", "acme|bloom", "manager:me"])
def test_field_terms_negation_and_alternatives_make_a_filter(text):
    line = read_line(text, "sam.lee")
    assert line.is_filter and line.error is None


def test_a_mistake_is_kept_with_its_caret_lines_fitted_to_the_width():
    line = read_line("util<25 sendr:new", "")
    assert not line.is_filter
    assert line.error_lines(40).splitlines() == [
        "util<25 sendr:new", "        ^^^^^", "unknown field 'sendr' — did you mean 'sender'?"]
    long = read_line("x" * 10_000 + " sendr:new", "")
    assert all(len(shown) <= 60 for shown in long.error_lines(60).splitlines()[:2])


def test_the_filter_keeps_positions_in_the_lists_order_and_skips_clients_without_facts():
    table = FactsTable([replace(BASE, id=1, sender="at-risk"), replace(BASE, id=2),
                        replace(BASE, id=3, sender="at-risk")])
    # id 9 has no facts (removed, or added since)
    assert table.kept(read_line("sender:at-risk", ""), [3, 9, 2, 1]) == [0, 3]


def test_manager_me_reads_the_acting_login():
    table = FactsTable([BASE])
    assert table.kept(read_line("manager:me", "sam.lee"), [1]) == [0]
    assert table.kept(read_line("manager:me", "kim"), [1]) == []


def test_remembered_terms_give_what_the_whole_filter_gives_as_a_filter_is_typed_and_backspaced():
    facts = [replace(BASE, id=i, sender=("healthy", "at-risk", "unhealthy")[i % 3], util=i * 7 % 101,
                     users=i % 6, name=f"Client {i}") for i in range(1, 200)]
    table, ids = FactsTable(facts), [f.id for f in reversed(facts)]  # the list's order: not the facts'
    typed = "sender>=at-risk util<50 users:1..3 -client 1"
    lines = [typed[:n] for n in range(1, len(typed) + 1)] + [typed[:n] for n in range(len(typed), 0, -1)]
    checked = 0
    for text in lines * 2:  # the second time round, every term is remembered
        line = read_line(text, "sam.lee")
        if line.is_filter:
            held = [i for i, client_id in enumerate(ids) if select([table.by_id[client_id]], parse_filter(text))]
            assert table.kept(line, ids) == held, text
            checked += 1
    assert checked > 40


@pytest.mark.parametrize(("text", "pending"), [
    ("sender:healthy u", True), ("sender:healthy util", True), ("sender:healthy Sen", True), ("-f", True),
    ("sender:healthy util ", False),  # a space ends it: a name word
    ("sender:healthy grove", False),  # no field starts so
    ('sender:healthy "util"', False),  # quoted: a name word
    ("util", False), ("ut", False),  # plain words alone: the name search, as always
    ("sender:healthy util<2", False),
])
def test_a_fields_name_typed_at_the_end_of_a_filter_waits_for_the_next_key(text, pending):
    line = read_line(text, "")
    assert line.pending is pending and line.error is None
    assert not (line.pending and line.is_filter)
