"""Reading a bulk action's words (R-BULK-1): every action, its values, and one clear refusal for bad input."""

from __future__ import annotations

import pytest

from console_tui.domain.bulk import BulkAction, BulkKind, parse_action
from console_tui.domain.errors import ValidationError
from console_tui.domain.permissions import Action


@pytest.mark.parametrize(("words", "action"), [
    (["set-limit", "5000"], BulkAction(BulkKind.SET_LIMIT, 5000)),
    (["set-limit", "none"], BulkAction(BulkKind.SET_LIMIT, None)),
    (["SET-LIMIT", "0"], BulkAction(BulkKind.SET_LIMIT, 0)),
    (["direct-support", "on"], BulkAction(BulkKind.DIRECT_SUPPORT, True)),
    (["ebs", "OFF"], BulkAction(BulkKind.EBS, False)),
    (["grant", "kim"], BulkAction(BulkKind.GRANT, True, "kim")),
    (["revoke", "kim"], BulkAction(BulkKind.REVOKE, False, "kim")),
    (["status", "On  hold"], BulkAction(BulkKind.STATUS, "On hold")),
    (["term", "Annual"], BulkAction(BulkKind.TERM, "annual")),
    (["rebrand", "lock"], BulkAction(BulkKind.REBRAND, True)),
    (["allowance", "SMS_credits", "500"], BulkAction(BulkKind.ALLOWANCE, 500, "sms_credits")),
    (["allowance", "sms_credits", "none"], BulkAction(BulkKind.ALLOWANCE, None, "sms_credits")),
])
def test_r_bulk_1_each_action_reads_its_words_and_writes_them_back(words, action) -> None:  # noqa: ANN001
    assert parse_action(words) == action
    assert parse_action(action.words()) == action


@pytest.mark.parametrize(("words", "says"), [
    ([], "no action was given"),
    (["explode", "1"], "'explode' is not an action"),
    (["set-limit"], "takes 1 argument"),
    (["set-limit", "-5"], "email limit"),
    (["set-limit", "1.5"], "email limit"),
    (["ebs", "maybe"], "must be on or off"),
    (["term", "weekly"], "must be monthly or annual"),
    (["rebrand", "on"], "must be lock or unlock"),
    (["allowance", "sms_credits"], "takes 2 arguments"),
    (["grant", "  "], "takes 1 argument"),
])
def test_r_bulk_1_bad_words_are_one_refusal_naming_the_usage(words, says) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as refused:
        parse_action(words)
    assert says in str(refused.value) and "Write one of" in str(refused.value)


def test_r_bulk_2_each_action_needs_its_single_changes_permission() -> None:
    assert parse_action(["ebs", "on"]).permission is Action.EMAIL_SUPPRESSION
    assert parse_action(["set-limit", "1"]).permission is Action.EMAIL_LIMITS
    assert parse_action(["grant", "x"]).permission is parse_action(["revoke", "x"]).permission is Action.CLIENT_MANAGERS
