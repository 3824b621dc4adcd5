"""The filter language's parser and printer (console_tui.domain.filters): every field and operator,
precedence, negation, quoting, hostile input, and printing that parses back to the same filter."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console_tui.domain.filters import FIELDS, Alt, Filter, Kind, Op, Term, parse_filter
from console_tui.domain.filters.fields import MAX_NUMBER


def one(text: str) -> Term:
    parsed = parse_filter(text)
    assert len(parsed.terms) == 1, parsed
    return parsed.terms[0]


# Every field, with each operator it takes: (text, the term it reads as).
CASES = [
    ("bloom", Term("name", (Alt(Op.IS, "bloom"),))),
    ('name:"bloom flor"', Term("name", (Alt(Op.IS, "bloom flor"),))),
    ("kind:lead|prospect", Term("kind", (Alt(Op.IS, "lead"), Alt(Op.IS, "prospect")))),
    ("status:suspended", Term("status", (Alt(Op.IS, "suspended"),))),
    ('tag:"EBS Active"', Term("tag", (Alt(Op.IS, "EBS Active"),))),
    ("sender:at-risk", Term("sender", (Alt(Op.IS, "at-risk"),))),
    ('sender:"At Risk"', Term("sender", (Alt(Op.IS, "at-risk"),))),
    ("sender>=at-risk", Term("sender", (Alt(Op.GE, "at-risk"),))),
    ("sender<healthy", Term("sender", (Alt(Op.LT, "healthy"),))),
    ("sender:healthy..unhealthy", Term("sender", (Alt(Op.RANGE, "healthy", "unhealthy"),))),
    ("util:50", Term("util", (Alt(Op.IS, D(50)),))),
    ("util<25", Term("util", (Alt(Op.LT, D(25)),))),
    ("util<=25", Term("util", (Alt(Op.LE, D(25)),))),
    ("util>90", Term("util", (Alt(Op.GT, D(90)),))),
    ("util>=90%", Term("util", (Alt(Op.GE, D(90)),))),
    ("util:>90", Term("util", (Alt(Op.GT, D(90)),))),
    ("util:25..50", Term("util", (Alt(Op.RANGE, D(25), D(50)),))),
    ("util<25|>90", Term("util", (Alt(Op.LT, D(25)), Alt(Op.GT, D(90))))),
    ("level:tiger|dragon", Term("level", (Alt(Op.IS, "tiger"), Alt(Op.IS, "dragon")))),
    ("level>rabbit", Term("level", (Alt(Op.GT, "rabbit"),))),
    ("sent>1000", Term("sent", (Alt(Op.GT, D(1000)),))),
    ("opened:0", Term("opened", (Alt(Op.IS, D(0)),))),
    ("open<12.5", Term("open", (Alt(Op.LT, D("12.5")),))),
    ("open:none", Term("open", (Alt(Op.IS, None),))),
    ("contacts:0..10", Term("contacts", (Alt(Op.RANGE, D(0), D(10)),))),
    ("users>=5", Term("users", (Alt(Op.GE, D(5)),))),
    ("login>30d", Term("login", (Alt(Op.GT, D(30)),))),
    ("login>30", Term("login", (Alt(Op.GT, D(30)),))),
    ("login:none", Term("login", (Alt(Op.IS, None),))),
    ("renews<30", Term("renews", (Alt(Op.LT, D(30)),))),
    ("term:annual", Term("term", (Alt(Op.IS, "annual"),))),
    ("term:none", Term("term", (Alt(Op.IS, "none"),))),
    ("limit:none", Term("limit", (Alt(Op.IS, None),))),
    ("limit<5000", Term("limit", (Alt(Op.LT, D(5000)),))),
    ("usage>=90", Term("usage", (Alt(Op.GE, D(90)),))),
    ("usage>150%", Term("usage", (Alt(Op.GT, D(150)),))),
    ("manager:me", Term("manager", (Alt(Op.IS, "me"),))),
    ("manager:sam.lee", Term("manager", (Alt(Op.IS, "sam.lee"),))),
    ("feature:crm|api", Term("feature", (Alt(Op.IS, "crm"), Alt(Op.IS, "api")))),
    ("config:incomplete", Term("config", (Alt(Op.IS, "incomplete"),))),
    ("ebs:off", Term("ebs", (Alt(Op.IS, "off"),))),
    ("EBS:ON", Term("ebs", (Alt(Op.IS, "on"),))),
]


@pytest.mark.parametrize(("text", "term"), CASES, ids=[case[0] for case in CASES])
def test_each_field_and_operator_reads_as_its_term(text: str, term: Term) -> None:
    assert one(text) == term


def test_every_field_is_covered_by_a_case() -> None:
    assert {term.field for _text, term in CASES} == {field.name for field in FIELDS}


def test_every_field_example_parses() -> None:
    for field in FIELDS:
        assert parse_filter(field.example).terms[0].field == field.name


def test_spaces_join_terms_that_must_all_hold_and_bar_binds_tighter() -> None:
    parsed = parse_filter("  bloom   sender:new|healthy util>50 ")
    assert [t.field for t in parsed.terms] == ["name", "sender", "util"]
    assert parsed.terms[1].alts == (Alt(Op.IS, "new"), Alt(Op.IS, "healthy"))


def test_negation_turns_the_whole_term_round_with_dash_or_bang() -> None:
    assert one("-tag:a|b") == Term("tag", (Alt(Op.IS, "a"), Alt(Op.IS, "b")), negated=True)
    assert one("sender:!healthy|new") == one("-sender:healthy|new") == one("!sender:healthy|new")
    assert one("-bloom") == one("!bloom") == Term("name", (Alt(Op.IS, "bloom"),), negated=True)


def test_a_dash_inside_a_word_is_part_of_the_name() -> None:
    assert one("hewlett-packard") == Term("name", (Alt(Op.IS, "hewlett-packard"),))


def test_quotes_hold_spaces_separators_and_escaped_quotes() -> None:
    assert one(r'"say \"hi\" a:b|c"') == Term("name", (Alt(Op.IS, 'say "hi" a:b|c'),))
    assert one(r'tag:"back\\slash"') == Term("tag", (Alt(Op.IS, "back\\slash"),))
    assert one('"a b"|c') == Term("name", (Alt(Op.IS, "a b"), Alt(Op.IS, "c")))


def test_empty_text_is_the_empty_filter() -> None:
    assert parse_filter("") == parse_filter("   ") == Filter()
    assert not parse_filter("")


def test_name_query_is_set_only_for_plain_name_words() -> None:
    assert parse_filter("bloom  flor").name_query == "bloom flor"
    assert parse_filter("bloom util>5").name_query is None
    assert parse_filter("-bloom").name_query is None
    assert parse_filter("").name_query is None


@pytest.mark.parametrize("text", [
    "[bold]ACME[/bold]", "[@click=app.quit]x[/]", "\x1b[2Jclear", "café\u202eevil", "emoji👩‍💻", "%_'\\",
])
def test_hostile_words_are_plain_name_text(text: str) -> None:
    term = one(text)
    assert term.field == "name" and "".join(str(a.value) for a in term.alts).replace("|", "") in text


def test_ten_thousand_characters_parse_in_one_pass() -> None:
    words = parse_filter("a " * 5000)
    assert len(words.terms) == 5000
    long_value = "x" * 10_000
    assert one(f'tag:"{long_value}"').alts[0].value == long_value


def test_canonical_text_examples() -> None:
    assert str(parse_filter('sender:!healthy  -tag:"EBS Active" util:>90 login>30 open:12.50')) == (
        '-sender:healthy -tag:"EBS Active" util>90 login>30d open:12.50')
    assert str(parse_filter('name:bloom "-x"')) == 'bloom "-x"'


# --- printing parses back ---------------------------------------------------------------------------

#: Text values: the language's own characters often, any other character (controls included) too.
TEXT = st.text(st.one_of(st.sampled_from(' "\\|:<>!-.=%d\t\x1b[]'), st.characters(exclude_categories=("Cs",))),
               min_size=1, max_size=12)


def _number(field) -> st.SearchStrategy[D]:  # noqa: ANN001
    top = 100 if field.high != MAX_NUMBER else 10**6
    whole = st.integers(0, top).map(D)
    if field.whole:
        return whole
    return st.one_of(whole, st.decimals(0, top, places=2, allow_nan=False, allow_infinity=False))


@st.composite
def alts(draw, field) -> Alt:  # noqa: ANN001
    if field.kind is Kind.TEXT:
        return Alt(Op.IS, draw(TEXT))
    if field.kind is Kind.CHOICE:
        values = st.sampled_from(field.choices)
        ops = [Op.IS] + ([Op.LT, Op.LE, Op.GT, Op.GE, Op.RANGE] if field.ordered else [])
        op = draw(st.sampled_from(ops))
        if op is Op.RANGE:
            low, high = sorted(draw(st.lists(values, min_size=2, max_size=2)), key=field.choices.index)
            return Alt(op, low, high)
        return Alt(op, draw(values))
    op = draw(st.sampled_from([Op.IS, Op.LT, Op.LE, Op.GT, Op.GE, Op.RANGE]))
    if op is Op.RANGE:
        low, high = sorted(draw(st.lists(_number(field), min_size=2, max_size=2)))
        return Alt(op, low, high)
    if op is Op.IS and field.none and draw(st.booleans()):
        return Alt(op, None)
    return Alt(op, draw(_number(field)))


@st.composite
def terms(draw) -> Term:  # noqa: ANN001
    field = draw(st.sampled_from(FIELDS))
    return Term(field.name, tuple(draw(st.lists(alts(field), min_size=1, max_size=3))), draw(st.booleans()))


@settings(suppress_health_check=[HealthCheck.too_slow])  # nested strategies: slow to draw on a busy machine
@given(st.lists(terms(), max_size=5).map(lambda ts: Filter(tuple(ts))))
def test_printing_a_filter_parses_back_to_the_same_filter(parsed: Filter) -> None:
    assert parse_filter(str(parsed)) == parsed


#: Pieces of filter text, glued at random: most glues are mistakes, some are filters.
PIECES = st.sampled_from([*(f.name for f in FIELDS), ":", "<", ">=", "|", "..", " ", '"', "\\", "-", "!", "d", "%",
                          "0", "25", "7.5", "none", "me", "at-risk", "tiger", "crm", "on", "x y", "[b]", "\x1b", "é"])


@given(st.lists(PIECES, max_size=12).map("".join))
def test_any_text_that_parses_prints_to_text_that_parses_the_same(text: str) -> None:
    from console_tui.domain.filters import FilterError

    try:
        parsed = parse_filter(text)
    except FilterError as error:
        assert 0 <= error.position <= len(text) and error.message
        return
    assert parse_filter(str(parsed)) == parsed
