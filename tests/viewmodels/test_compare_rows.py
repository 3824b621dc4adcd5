"""The comparison's rows (R-CMP-2): groups in order, best marks, dashes, and no sections without a catalogue."""

from __future__ import annotations

from datetime import UTC, date, datetime

from console_tui.data.views.compare import ComparedClient, ComparePage
from console_tui.data.views.console import ClientSummary, Features
from console_tui.data.views.history import ClientChanges
from console_tui.viewmodels.compare_rows import Context, compare_rows
from tests.conftest import TEST_TZ


def client(cid: int, *, sent: int, opened: int, login: datetime | None, sender: str,
           sections: tuple[int, ...] = (), changes: ClientChanges | None = None) -> ComparedClient:
    summary = ClientSummary(cid, f"Client {cid}", "client", "Active", 2, login, False, 5, "1,2,3", sent, opened,
                            sender, 40, Features.of(True, False, False, False, False, False))
    return ComparedClient(summary, None if cid == 1 else 1000, 100, 50, sections, changes)


def rows_of(*clients: ComparedClient, sections: tuple[str, ...] = ()) -> dict[str, list[tuple[str, bool]]]:
    page = ComparePage(clients, sections, "November 2026", None)
    rows = compare_rows(page, Context(date(2026, 11, 20), TEST_TZ))
    return {row.label: [(cell.text, cell.best) for cell in row.cells] for row in rows}


def test_r_cmp_2_rows_mark_their_best_and_a_dash_is_never_best() -> None:
    rows = rows_of(client(1, sent=0, opened=0, login=None, sender="New"),
                   client(2, sent=10, opened=5, login=datetime(2026, 11, 18, tzinfo=UTC), sender="At Risk"),
                   client(3, sent=10, opened=2, login=datetime(2026, 11, 19, tzinfo=UTC), sender="Limited"))
    assert rows["Open rate"] == [("—", False), ("50.0%", True), ("20.0%", False)]
    assert rows["Last login"] == [("never", False), ("2 days ago", False), ("yesterday", True)]
    assert rows["Sender status"] == [("New", False), ("At Risk", True), ("Limited", False)]
    assert rows["Emails sent"] == [("0", False), ("10", True), ("10", True)]  # a tie marks each
    assert rows["Users"] == [("2", False)] * 3  # all equal: no one stands out
    assert rows["Email limit"] == [("no limit", False), ("1,000", False), ("1,000", False)]  # no order
    assert rows["Used"] == [("150", False), ("150 (15.0%)", False), ("150 (15.0%)", False)]
    assert rows["CRM pipeline"] == [("● on", False)] * 3
    assert "Utilization sections" not in rows  # the catalogue is empty


def test_the_sections_follow_the_catalogue() -> None:
    rows = rows_of(client(1, sent=0, opened=0, login=None, sender="New", sections=(50, 0)),
                   client(2, sent=0, opened=0, login=None, sender="New", sections=(20, 0)),
                   sections=("Forms", "Email"))
    labels = list(rows)
    assert labels[-3:] == ["Utilization sections", "Forms", "Email"]
    assert rows["Forms"] == [("50%", True), ("20%", False)] and rows["Email"] == [("0%", False), ("0%", False)]


def test_r_hist_2_the_changes_group_says_each_move_as_the_cards_do() -> None:
    moved = ClientChanges(1, {"emails_sent_30d": 40, "open_rate": 0.0123, "users": 0, "utilization": None},
                          {"emails_sent_30d": -12_345, "open_rate": -0.0004, "users": 1, "utilization": None},
                          sender_was="Healthy")
    flat = ClientChanges(2, {"emails_sent_30d": 3, "open_rate": 0.0123, "users": 0, "utilization": None}, {})
    page = ComparePage((client(1, sent=0, opened=0, login=None, sender="At Risk", changes=moved),
                        client(2, sent=0, opened=0, login=None, sender="New", changes=flat),
                        client(3, sent=0, opened=0, login=None, sender="New")),
                       (), "November 2026", None, changes_day=date(2026, 11, 19))
    rows = compare_rows(page, Context(date(2026, 11, 20), TEST_TZ))
    labels = [row.label for row in rows]
    start = labels.index("Changes · vs yesterday / vs 7 days ago · to 19 Nov 2026")
    assert labels[start - 1] == "Sender status" and labels[start + 8] == "Emails this cycle · November 2026"
    group = {row.label: [(cell.text, cell.best) for cell in row.cells] for row in rows[start + 1:start + 8]}
    assert group["Emails sent"] == [("▲40 / ▼12k", True), ("▲3 / —", False), ("—", False)]  # no history for it
    # the open rate in points to one decimal; equal as shown, so neither stands out; under 0.05 points: ±0
    assert group["Open rate (pts)"] == [("▲1.2 / ±0", False), ("▲1.2 / —", False), ("—", False)]
    assert group["Users"] == [("±0 / ▲1", False), ("±0 / —", False), ("—", False)]
    # no earlier day: no change, never one from zero
    assert group["Utilization"] == [("— / —", False)] * 2 + [("—", False)]
    assert [cell.text for cell in rows[start + 7].cells] == ["was Healthy", "unchanged", "—"]


def test_without_history_there_is_no_changes_group() -> None:
    labels = list(rows_of(client(1, sent=0, opened=0, login=None, sender="New")))
    assert not any(label.startswith("Changes") for label in labels)
