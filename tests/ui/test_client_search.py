"""The console's client search and the palette's "Jump to client": what a short name or query matches."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console_tui.widgets.client_search import ClientIndex, fold, fuzzy_can_add, fuzzy_cutoff

NAMES = ["[", "]", "a", "Acme Corp", "[b]ACME[/b]", "Bloom Florists", "Fjord Coffee Roasters"]


@pytest.fixture
def index() -> ClientIndex:
    return ClientIndex([SimpleNamespace(id=i, name=name) for i, name in enumerate(NAMES)])  # type: ignore[misc]


def found(index: ClientIndex, query: str) -> list[str]:
    return [index.names[i] for i in index.search(query) or []]


def jumped(index: ClientIndex, query: str) -> list[str]:
    return [index.names[i] for i, _score in index.best(query)]


@pytest.mark.parametrize("query", ["acme", "[b]acme[/b]", "corp]", "acme corp [x]", "bloom [florists]", "fjrod coffee"])
def test_one_character_names_do_not_match_longer_queries_that_contain_their_character(index, query) -> None:
    for matches in (found(index, query), jumped(index, query)):
        assert not {"[", "]", "a"} & set(matches), (query, matches)


@pytest.mark.parametrize(("query", "names"), [
    ("[", ["[", "[b]ACME[/b]"]),
    ("]", ["]", "[b]ACME[/b]"]),
    ("[b", ["[b]ACME[/b]"]),
])
def test_a_short_query_matches_the_names_that_contain_it_and_nothing_else(index, query, names) -> None:
    assert found(index, query) == names
    assert jumped(index, query) == names


def test_fuzzy_matching_still_finds_a_misspelt_name(index) -> None:
    assert found(index, "fjrod coffee") == ["Fjord Coffee Roasters"]
    assert jumped(index, "blom florist")[0] == "Bloom Florists"


#: Few letters, so that names share substrings and queries match many, few or none.
LETTERS = "abcé É[ "
names_st = st.lists(st.text(LETTERS, max_size=10), max_size=40)
#: A typing session: each step types a few letters or erases a few.
steps_st = st.lists(st.one_of(st.text(LETTERS, min_size=1, max_size=3), st.integers(1, 3)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(names=names_st, steps=steps_st)
def test_a_query_typed_on_from_an_earlier_one_finds_what_a_fresh_search_finds(names, steps) -> None:
    clients = [SimpleNamespace(id=i, name=name) for i, name in enumerate(names)]
    typing = ClientIndex(clients)  # type: ignore[arg-type]
    query = ""
    for step in steps:
        query = query[:-step] if isinstance(step, int) else query + step
        narrowed = typing.search(query)
        fresh = ClientIndex(clients).search(query)  # type: ignore[arg-type]
        assert (None if narrowed is None else list(narrowed)) == (None if fresh is None else list(fresh)), query


@given(names=names_st, query=st.text("abcé[", min_size=1, max_size=3))
def test_matches_find_a_position_where_a_scan_does(names, query) -> None:
    index = ClientIndex([SimpleNamespace(id=i, name=name) for i, name in enumerate(names)])  # type: ignore[misc]
    matches = index.search(query)
    assert matches is not None
    for position in range(len(names)):
        if position in list(matches):
            assert matches.index(position) == list(matches).index(position)
        else:
            with pytest.raises(ValueError):
                matches.index(position)


def test_the_fuzzy_matches_come_after_the_substring_matches_and_are_found_too(index) -> None:
    matches = index.search("fjrod coffee")
    assert matches is not None and matches.ordered == 0 and list(matches) == [NAMES.index("Fjord Coffee Roasters")]
    assert matches.index(NAMES.index("Fjord Coffee Roasters")) == 0


@settings(max_examples=200, deadline=None)
@given(names=names_st, query=st.text("abcé É[", min_size=3, max_size=6))
def test_where_the_fuzzy_pass_is_skipped_it_would_have_found_nothing_more(names, query) -> None:
    index = ClientIndex([SimpleNamespace(id=i, name=name) for i, name in enumerate(names)])  # type: ignore[misc]
    wanted = fold(query)
    if fuzzy_can_add(wanted):
        return
    hits = {i for i, name in enumerate(index.folded) if wanted in name}
    assert index._close(wanted, fuzzy_cutoff(wanted), hits) == []


@pytest.mark.parametrize(("length", "adds"), [(2, False), (3, False), (4, False), (5, True), (12, True)])
def test_the_fuzzy_pass_starts_at_five_letters(length, adds) -> None:
    assert fuzzy_can_add("x" * length) is adds


@settings(max_examples=300, deadline=None)
@given(names=st.lists(st.text("abcde fgé", min_size=1, max_size=14), min_size=1, max_size=30),
       query=st.text("abcde fgé", min_size=3, max_size=10), cutoff=st.sampled_from([70, 80, 86]))
def test_the_cheap_pass_before_the_aligned_one_never_drops_a_close_name(names, query, cutoff) -> None:
    """The fuzzy pass scores only the names whose common subsequence with the query could reach the
    cutoff; it finds what scoring every name finds, in the same order."""
    from rapidfuzz import fuzz, process

    index = ClientIndex([SimpleNamespace(id=i, name=name) for i, name in enumerate(names)])  # type: ignore[misc]
    wanted = fold(query)
    if len(wanted) < 3:
        return
    every = process.extract(wanted, index.folded, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None)
    expected = [(i, score) for name, score, i in every if len(name) >= len(wanted)
                or fuzz.ratio(wanted, name, score_cutoff=cutoff)]
    expected = [(i, fuzz.ratio(wanted, index.folded[i]) if len(index.folded[i]) < len(wanted) else score)
                for i, score in expected]
    assert index._close(wanted, cutoff, set()) == sorted(expected, key=lambda hit: -hit[1])
