"""The audit log shows what was done in words, not the commands' codes (R-ACC-5)."""

from __future__ import annotations

from console_tui.data.queries.audit_text import action_text, changes_of, summary


def test_r_acc_5_an_action_code_reads_as_what_was_done() -> None:
    assert action_text("set_suppression") == "Email suppression (EBS) turned on or off"
    assert action_text("remove_company") == "Company removed"
    assert action_text("some_future_thing") == "Some future thing"  # an unknown code still reads as words


def test_r_acc_5_switches_read_on_and_off_and_fields_by_their_names() -> None:
    changes = changes_of({"ebs_enabled": False}, {"ebs_enabled": True})
    assert summary(changes) == "EBS: off → on"
    assert summary(changes_of({"blocked": False, "license_term": "monthly"},
                              {"blocked": True, "license_term": "annual"})) == (
        "blocked: no → yes; license term: monthly → annual")
