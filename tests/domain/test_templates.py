"""A client template's setup is checked by the rules' own validators (R-TPL-1), round-trips through its
document and its TOML file, and turns into the changes it would make to a client (R-TPL-2)."""

from __future__ import annotations

import tomllib

import pytest

from console_tui.domain.configuration import Term
from console_tui.domain.errors import ValidationError
from console_tui.domain.templates import (
    Change,
    ClientSetup,
    EmailLimit,
    Setup,
    read_setup,
    setup_document,
    setup_lines,
    setup_of,
    setup_summary,
    template_changes,
    template_name,
)
from console_tui.domain.templates_file import dump_setup, read_setup_file

FULL = Setup(services=(("sales_dialer", 2), ("sms_credits", 500)), email_limit=EmailLimit(10_000),
             managers=("alex", "sam"), direct_support=True, ebs=True, license_term=Term.ANNUAL, rebrand_lock=False)


def test_r_tpl_1_a_setup_is_read_from_its_document_and_written_back_the_same() -> None:
    document = {"email_limit": 10000, "managers": [" sam", "alex"], "services": {"sms_credits": 500, "sales_dialer": 2},
                "direct_support": True, "ebs": True, "license_term": "Annual", "rebrand_lock": False}
    setup = read_setup(document)
    assert setup == FULL
    assert read_setup(setup_document(setup)) == setup
    assert read_setup({"email_limit": "None"}) == Setup(email_limit=EmailLimit(None))  # unlimited
    assert setup_document(Setup(email_limit=EmailLimit(None))) == {"email_limit": "none"}


@pytest.mark.parametrize(("document", "field", "words"), [
    ({"email_limit": -5}, "email_limit", "cannot be negative"),  # parse_limit's own message (R-EL-1)
    ({"email_limit": "010"}, "email_limit", "leading zeros"),
    ({"email_limit": True}, "email_limit", "whole number"),
    ({"services": {"sms_credits": -1}}, "services", "whole number of 0 or more"),  # parse_allowance (R-OPT-4)
    ({"services": {"sms_credits": "1,000"}}, "services", "separators"),
    ({"services": ["sms"]}, "services", "table"),
    ({"managers": ["has space"]}, "managers", "no spaces"),  # login_problem (R-ACC-1)
    ({"managers": ["sam", "SAM"]}, "managers", "twice"),
    ({"managers": "sam"}, "managers", "list of logins"),
    ({"license_term": "weekly"}, "license_term", "monthly or annual"),
    ({"ebs": "yes"}, "ebs", "true or false"),
    ({"colour": "red"}, "keys", "colour"),
    ({}, "setup", "sets nothing"),
])
def test_r_tpl_1_a_bad_part_is_named_with_the_rule_s_own_message(document: dict[str, object], field: str,
                                                                  words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        read_setup(document)
    assert words in caught.value.field_errors[field]


def test_r_tpl_1_every_bad_part_is_named_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        read_setup({"email_limit": "lots", "ebs": 1, "license_term": 3})
    assert set(caught.value.field_errors) == {"email_limit", "ebs", "license_term"}


def test_r_tpl_1_a_name_is_cleaned_and_at_most_60_characters() -> None:
    assert template_name("  Annual \x1b[31m  starter ") == "Annual starter"
    for bad in ("", "   ", "x" * 61):
        with pytest.raises(ValidationError):
            template_name(bad)


def test_r_tpl_1_the_toml_file_round_trips_and_quotes_what_it_must() -> None:
    text = dump_setup(FULL, 'Annual "starter"')
    assert text.startswith('# console-tui client template "Annual \\"starter\\""\n')
    assert read_setup_file(text) == FULL
    odd = Setup(services=(("odd key", 1),), managers=('a"b',))
    assert tomllib.loads(dump_setup(odd))["services"] == {"odd key": 1}
    assert read_setup_file(dump_setup(odd)) == odd
    with pytest.raises(ValidationError, match="is not TOML"):
        read_setup_file("email_limit = ")


def test_r_tpl_1_saving_from_a_client_keeps_every_part() -> None:
    client = ClientSetup({"sms_credits": 500, "sales_dialer": 2}, 10_000, frozenset({"sam", "alex"}), True, True,
                         Term.ANNUAL, False)
    assert setup_of(client) == FULL
    assert setup_of(ClientSetup()).license_term is None  # no term yet: the template sets none
    assert setup_lines(FULL) == [
        ("Services and allowances", "sales_dialer 2, sms_credits 500"), ("Email limit", "10,000"),
        ("Client managers", "alex, sam"), ("Direct Support", "on"), ("EBS", "on"), ("License term", "annual"),
        ("Rebrand lock", "unlocked")]
    assert setup_summary(FULL) == "limit 10,000 · 2 services · 2 managers · annual · DS on · EBS on · rebrand unlocked"
    assert setup_summary(Setup(email_limit=EmailLimit(None))) == "no limit"


def test_r_tpl_2_the_changes_are_each_part_that_differs_with_before_and_after() -> None:
    current = ClientSetup({"sms_credits": 500, "call_tracking": 3}, None, frozenset({"sam", "kim"}), False, True,
                          Term.MONTHLY, True)
    changes = template_changes(FULL, current)
    assert changes == (
        Change("allowance", "sales_dialer", None, 2),
        Change("set-limit", "", None, 10_000),
        Change("grant", "alex", False, True),  # kim keeps access: a template revokes no one
        Change("direct-support", "", False, True),
        Change("term", "", "monthly", "annual"),
        Change("rebrand", "", True, False),
    )
    assert [change.text for change in changes[1:3]] == ["Email limit: none → 10,000",
                                                        "Client manager alex: not a manager → manager"]
    assert template_changes(FULL, ClientSetup({"sms_credits": 500, "sales_dialer": 2}, 10_000,
                                              frozenset({"alex", "sam", "kim"}), True, True, Term.ANNUAL)) == ()
    assert template_changes(Setup(email_limit=EmailLimit(None)), ClientSetup(email_limit=7)) == (
        Change("set-limit", "", 7, None),)
