"""What each field and operator holds for, over plain ClientFacts (console_tui.domain.filters)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from console_tui.domain.filters import ClientFacts, compile_filter, parse_filter, select

BASE = ClientFacts(
    id=1, name="Bloom  Florists", kind="client", status="Active", tags=("EBS Active", "Annual"), sender="healthy",
    util=60, sent=2000, opened=500, open=25.0, contacts=12, users=3, login=10, renews=45, term="annual",
    limit=10_000, usage=42.5, managers=frozenset({"sam.lee"}), features=frozenset({"crm", "api"}),
    config_complete=True, ebs=True,
)


def holds(text: str, facts: ClientFacts = BASE, me: str = "") -> bool:
    return compile_filter(parse_filter(text), me=me)(facts)


# (filter, holds for BASE)
CASES = [
    ("bloom", True), ("BLOOM FLOR", True), ("bloom rose", False), ('"bloom florists"', True), ("name:flor", True),
    ("rose", False),
    ("rose|flor", True), ("kind:client", True), ("kind:lead|prospect", False), ("status:active", True),
    ("status:act", False), ('tag:"ebs active"', True), ("tag:ebs", False), ("-tag:annual", False),
    ("sender:healthy", True), ("sender>healthy", False), ("sender>=healthy", True), ("sender<at-risk", True),
    ("sender:new..healthy", True), ("util:60", True), ("util>60", False), ("util>=60", True), ("util<61", True),
    ("util<=59", False), ("util:50..60", True), ("util:61..70", False), ("level:tiger", True),
    ("level>=dragon", False), ("level:rabbit..tiger", True), ("level<tiger", False), ("sent>1999", True),
    ("opened:500", True), ("open:25", True), ("open:25.0", True), ("open<25", False), ("open:none", False),
    ("contacts:10..12", True), ("users>=3", True), ("login>30d", False), ("login<=10", True),
    ("login:none", False), ("renews<30", False), ("renews:45", True), ("term:annual", True), ("term:none", False),
    ("limit:none", False), ("limit:10000", True), ("usage>=90", False), ("usage:42.5", True), ("usage:43", True),
    ("usage:42", False), ("manager:SAM.LEE", True), ("manager:sam", False), ("feature:crm", True),
    ("feature:cart|ads", False), ("-feature:support", True), ("config:complete", True), ("config:incomplete", False),
    ("ebs:on", True), ("ebs:off", False), ("", True),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0] or "empty" for case in CASES])
def test_each_field_and_operator_holds_as_documented(text: str, expected: bool) -> None:
    assert holds(text) is expected


def test_all_terms_must_hold_and_negation_turns_a_term_round() -> None:
    assert holds("bloom util>50 ebs:on")
    assert not holds("bloom util>50 ebs:off")
    assert holds("-sender:at-risk|unhealthy") and not holds("sender:!healthy|new")


def test_many_terms_still_all_must_hold() -> None:
    assert holds("bloom " * 50)
    assert not holds("bloom " * 50 + "rose")


def test_manager_me_is_the_acting_login() -> None:
    assert holds("manager:me", me="sam.lee")
    assert not holds("manager:me", me="dara.lopez")
    assert not holds("manager:me")


def test_a_missing_value_fails_comparisons_except_login_and_limit_where_it_is_infinite() -> None:
    never = replace(BASE, login=None, open=None, renews=None, limit=None, usage=None, term=None)
    assert holds("login>30d", never) and holds("login:none", never) and not holds("login<30", never)
    assert holds("limit>5000", never) and holds("limit:none", never) and not holds("limit<5000", never)
    assert not holds("open<10", never) and not holds("open>=0", never) and holds("open:none", never)
    assert not holds("renews<30", never) and not holds("renews:0..400", never) and holds("renews:none", never)
    assert not holds("usage>=0", never) and holds("usage:none", never) and holds("term:none", never)


def test_an_unbounded_usage_is_above_every_percentage() -> None:
    over = replace(BASE, limit=0, usage=math.inf)
    assert holds("usage>=100", over) and holds("usage:100..1000000", over) is False and not holds("usage:100", over)


def test_level_follows_the_score() -> None:
    for score, word in ((0, "grasshopper"), (24, "grasshopper"), (25, "rabbit"), (50, "rabbit"), (51, "tiger"),
                        (90, "tiger"), (91, "dragon"), (100, "dragon")):
        assert holds(f"level:{word}", replace(BASE, util=score)), (score, word)


def test_names_match_folded_as_the_console_search_folds_them() -> None:
    hostile = replace(BASE, name="[b]ACME\x1b[2J\u202e Corp[/b]")
    assert holds("acme", hostile) and holds('"acme corp[/b]"', hostile) and holds("[b]", hostile)
    assert not holds("2j", hostile)  # the escape sequence is not part of the name


def test_select_keeps_the_matching_rows_in_order() -> None:
    rows = [replace(BASE, id=i, util=i * 10) for i in range(10)]
    assert [r.id for r in select(rows, parse_filter("util:30..60"))] == [3, 4, 5, 6]
