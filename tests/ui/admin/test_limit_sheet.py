"""LimitSheet: what the Email Limits rows mean, without Textual (R-EL-1, R-EL-3, R-EL-4)."""

from __future__ import annotations

import pytest

from console_tui.data.views.admin import EmailLimitRow
from console_tui.data.views.agency import EmailLimitsPage
from console_tui.domain.cycles import cycle_for
from console_tui.domain.errors import ValidationError
from console_tui.domain.limits import possible_overage
from console_tui.viewmodels.limit_sheet import SHOWN_IN_CONFIRM, LimitSheet
from tests.conftest import FIXED_NOW


def page(*limits: int | None) -> EmailLimitsPage:
    rows = tuple(EmailLimitRow(n + 1, f"Client {n + 1:02d}", 7, limit, 1_000 * n, 100,
                               possible_overage(limit, 10_000, 150)) for n, limit in enumerate(limits))
    return EmailLimitsPage(cycle_for(FIXED_NOW.date()), 10_000, 150, rows)


def test_r_el_3_cells_show_usage_and_the_possible_overage() -> None:
    sheet = LimitSheet(page(None, 25_000, 500, 10_000))
    cells = [sheet.cells(row) for row in sheet.page.rows]
    assert cells[0] == (("", "Client 01", "unlimited", "100", "unbounded"), None)
    assert cells[1] == (("", "Client 02", "25,000", "1,100", "+15,000 · $22.50"), None)
    assert cells[2] == (("", "Client 03", "500", "2,100", "none"), "warn")  # already over its limit
    assert cells[3][0][4] == "none"  # exactly the included emails: no overage


def test_r_el_1_edits_are_kept_marked_and_a_bad_one_is_named() -> None:
    sheet = LimitSheet(page(None, 25_000))
    assert sheet.edit(1, " 20000 ") is None and sheet.cells(sheet.page.rows[0]) == (
        ("*", "Client 01", "20,000", "100", "+10,000 · $15.00"), "edited")
    assert sheet.edit(2, "1.5") == ("Client 02: the limit must be a whole number (you wrote '1.5'). Write a whole "
                                    "number of 0 or more, or leave it blank for unlimited; saving is refused until "
                                    "it is corrected.")
    assert sheet.cells(sheet.page.rows[1]) == (("!", "Client 02", "1.5", "1,100", "fix the limit"), "error")
    assert "The new limit must be a whole number (you wrote '1.5')" in sheet.detail(sheet.page.rows[1])
    assert sheet.summary(2).endswith("· 2 unsaved (1 to fix)")
    sheet.edit(2, "25000")  # back to what is saved: no change any more
    assert sheet.edits == {1: " 20000 "}


def test_r_el_4_one_bad_value_refuses_the_whole_save() -> None:
    sheet = LimitSheet(page(None, 25_000, None))
    sheet.edit(1, "100")
    sheet.edit(3, "-3")
    with pytest.raises(ValidationError, match=r"Client 03 \(#3\) cannot be negative") as caught:
        sheet.to_save()
    assert "nothing was saved" in str(caught.value)


def test_r_el_4_what_a_save_sends_and_asks() -> None:
    sheet = LimitSheet(page(*([None] * 12)))
    for cid in range(1, 13):
        sheet.edit(cid, str(cid))
    texts, versions, question, lines = sheet.to_save()
    assert texts == {cid: str(cid) for cid in range(1, 13)} and versions == {cid: 7 for cid in range(1, 13)}
    assert question == "Save 12 email limit changes?"
    assert lines[0] == "Client 01: unlimited → 1" and lines[SHOWN_IN_CONFIRM] == "… and 2 more"
    sheet.saved({1: "1", 2: "other"})
    assert 1 not in sheet.edits and 2 in sheet.edits


def test_edits_survive_a_reload_unless_saved_or_gone() -> None:
    before = LimitSheet(page(None, 5))
    before.edit(1, "10")
    before.edit(2, "")
    after = LimitSheet(page(10, 5), before.edits)  # someone saved 10 for client 1; client 2 unchanged
    assert after.edits == {2: ""}
    assert LimitSheet(page(None), {1: "3", 99: "4"}).edits == {1: "3"}
