"""Snoozing from the attention queue (R-ATT-3): ``z`` asks until when and a note, the reason leaves
the queue; ``Z`` shows the snoozes, where ``z`` unsnoozes; a bad day is named and nothing is saved.
Snapshots of the dialog at 80x24 and 120x40 (each looked at as PNG before it was accepted)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from textual.widgets import Input, Static

from console_tui.clock import local_today
from console_tui.data.schema import AttentionSnooze, AuditEntry
from console_tui.domain.snooze import most_urgent
from console_tui.screens.console.attention import AttentionScreen
from console_tui.screens.dialogs.snooze import SnoozeDialog
from console_tui.widgets.table_view import TableView
from tests.ui.conftest import count, notes, press, settle
from tests.ui.test_attention_screen import NARROW, WIDE, at_a_client

MARKUP_NOTE = "[b]call[/b] [@click=app.quit]Flo[/]"
#: What a test may set in the field directly; typing or pasting never gets escapes that far (a paste is cleaned).
HOSTILE_NOTE = MARKUP_NOTE + " \x1b[31mred\x1b]8;;http://x\x07link\x1b]8;;\x07"


async def open_dialog(pilot) -> tuple[AttentionScreen, int, SnoozeDialog]:  # noqa: ANN001
    screen, index = await at_a_client(pilot)
    await press(pilot, "z")
    dialog = pilot.app.screen
    assert isinstance(dialog, SnoozeDialog)
    return screen, index, dialog


async def test_r_att_3_z_snoozes_the_rows_most_urgent_reason_with_a_hostile_note(make_ui_app, ui_db_url,
                                                                                 clock) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, index, dialog = await open_dialog(pilot)
        row = screen.rows[index]
        reason = most_urgent(row)
        assert dialog.query_one("#until", Input).value == "+7"
        dialog.query_one("#until", Input).value = "+3"
        dialog.query_one("#note", Input).value = HOSTILE_NOTE
        dialog.query_one("#note", Input).focus()
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen is screen and screen.loaded
        still = next((r for r in screen.rows if r.id == row.id), None)
        assert still is None or reason.code not in [r.code for r in still.reasons]
        until = local_today(clock) + timedelta(days=3)
        assert [(s.client_id, s.code, s.until) for s in screen.snoozes] == [(row.id, reason.code, until)]
        assert screen.snoozes[0].note == "[b]call[/b] [@click=app.quit]Flo[/] redlink"  # cleaned, markup kept as text
        assert any("snoozed until" in n for n in notes(app))
        assert count(ui_db_url, select(func.count()).select_from(AuditEntry)
                     .where(AuditEntry.action == "snooze_reason")) == 1
        # Z: the snoozes, with the note shown as typed; z there brings the reason back
        await press(pilot, "Z")
        snoozed = screen.query_one("#snoozed", TableView)
        assert snoozed.display and not screen.query_one("#attention", TableView).display
        assert snoozed.row_count == 1
        assert "[@click=app.quit]Flo[/]" in snoozed.render_line(0).text + "".join(
            snoozed.render_line(y).text for y in range(1, 3))
        await press(pilot, "z")
        await settle(pilot)
        assert screen.snoozes == () and snoozed.row_count == 0
        await press(pilot, "Z")
        assert reason.code in [r.code for r in next(r for r in screen.rows if r.id == row.id).reasons]
        assert app.is_running  # the note's [@click=app.quit] was never acted on


async def test_r_att_3_a_bad_day_is_named_and_nothing_is_saved(make_ui_app, ui_db_url, clock) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        _screen, _index, dialog = await open_dialog(pilot)
        for typed, says in [("2026-02-30", "Until must be a day as YYYY-MM-DD or +N days, not '2026-02-30'."),
                            (local_today(clock).isoformat(), "Until must be after today")]:
            dialog.query_one("#until", Input).value = typed
            dialog.query_one("#note", Input).focus()
            await press(pilot, "enter")
            assert app.screen is dialog
            assert says in str(dialog.query_one("#until-error", Static).render())
            assert app.focused is dialog.query_one("#until", Input)
        dialog.query_one("#until", Input).value = "+2"
        dialog.query_one("#note", Input).value = "x" * 301
        dialog.query_one("#note", Input).focus()
        await press(pilot, "enter")
        assert app.screen is dialog
        assert "The note must be at most 300 characters" in str(dialog.query_one("#note-error", Static).render())
        assert str(dialog.query_one("#until-error", Static).render()) == ""
        await press(pilot, "escape")
        assert "Snoozing the reason: cancelled, nothing was changed." in notes(app)
        assert count(ui_db_url, select(func.count()).select_from(AttentionSnooze)) == 0


def _with_dialog(note: str = ""):  # noqa: ANN202
    async def run_before(pilot) -> None:  # noqa: ANN001
        await open_dialog(pilot)
        dialog = pilot.app.screen
        dialog.query_one("#until", Input).value = "tomorrow"
        dialog.query_one("#note", Input).value = note
        await press(pilot, "enter")
        await settle(pilot)

    return run_before


def test_snooze_dialog_80x24(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=_with_dialog())


def test_snooze_dialog_120x40(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=_with_dialog(MARKUP_NOTE))
