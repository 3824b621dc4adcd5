"""The console's client search and the palette's "Jump to client": what a short name or query matches."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from console_tui.widgets.client_search import ClientIndex

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
