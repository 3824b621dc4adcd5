"""Email Limits (R-EL-1, R-EL-3, R-EL-4): edit in place, named refusals, all or nothing, conflicts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, update

from console_tui.data.commands.limits import set_email_limits
from console_tui.data.engine import Database
from console_tui.data.schema import Client, ClientStatus
from console_tui.screens.admin.email_limits import EmailLimitsScreen
from console_tui.screens.dialogs.confirm import Confirm
from tests.ui.admin.conftest import WIDE, notice, open_screen, press, settle, shown_rows, status, type_text
from tests.ui.test_hostile_names import assert_clean_output

CEDAR, DELTA = 2, 3
HOSTILE = "[@click=app.quit]x[/] \x1b[2Jbad"  # rows (by name): Acme, Blue Harbor, Cedar & Pine, Delta Yoga, …


def limits(db: Database) -> dict[str, int | None]:
    with db.read() as session:
        return dict(session.execute(select(Client.name, Client.email_limit)).all())


async def edit_row(pilot, row: int, text: str) -> None:  # noqa: ANN001
    """Put the cursor on ``row``, open the editor, replace its text and keep it."""
    table = pilot.app.screen.table
    table.cursor = row
    await press(pilot, "enter")
    editor = pilot.app.screen.query_one("#editor")
    assert editor.display and pilot.app.screen.focused is editor
    editor.value = ""
    await type_text(pilot, text)
    await press(pilot, "enter")


async def test_r_el_3_every_client_with_usage_beside_the_limit_and_the_possible_overage(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        rows = shown_rows(app, "#limits")
        assert len(rows) == 8
        assert rows[0] == ("", "Acme Widgets", "70,000", "3,818", "+20,000 · $30.00")
        assert rows[1][1:] == ("Blue Harbor Dental", "3,000", "5,218", "none")  # used includes the 1,200 scheduled
        assert rows[CEDAR][2:] == ("unlimited", "3,778", "unbounded")
        assert screen.table._tones[1] == "warn"  # over its limit already
        assert "50,000 emails included, then $1.50 per 1,000" in status(app)
        detail = str(screen.query_one("#row-detail").render())
        assert "The limit is 20,000 emails over the 50,000 included: up to $30.00 of overage per cycle" in detail


async def test_r_el_4_changes_are_confirmed_and_saved_together(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        await edit_row(pilot, CEDAR, "80000")
        assert shown_rows(app, "#limits")[CEDAR] == ("*", "Cedar & Pine Realty", "80,000", "3,778", "+30,000 · $45.00")
        await edit_row(pilot, 0, "")  # blank: unlimited
        assert "2 unsaved" in status(app)
        await press(pilot, "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, Confirm) and dialog.title_text == "Save 2 email limit changes?"
        assert dialog.lines[:6] == [  # each change with its cycle so far (R-WI-1)
            "Acme Widgets: 70,000 → unlimited", "  Sent this cycle: 3,818. Scheduled: none.",
            "  Unlimited: it blocks nothing.",
            "Cedar & Pine Realty: unlimited → 80,000", "  Sent this cycle: 3,778. Scheduled: none.",
            "  It would block nothing scheduled; 76,222 emails left to schedule."]
        assert dialog.yes == "Save"
        await press(pilot, "y")
        assert app.screen is screen and screen.edits == {}
        assert notice(app) == "Saved 2 email limits together; the change is in the audit log."
        assert limits(admin_db)["Cedar & Pine Realty"] == 80_000 and limits(admin_db)["Acme Widgets"] is None
        assert shown_rows(app, "#limits")[0][2:] == ("unlimited", "3,818", "unbounded")


async def test_r_el_1_a_bad_value_is_named_at_once(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        await edit_row(pilot, CEDAR, "1.5")
        assert notice(app) == ("Cedar & Pine Realty: the limit must be a whole number (you wrote '1.5'). Write a whole "
                               "number of 0 or more, or leave it blank for unlimited; saving is refused until it is "
                               "corrected.")
        assert shown_rows(app, "#limits")[CEDAR][:3] == ("!", "Cedar & Pine Realty", "1.5")
        assert screen.table._tones[CEDAR] == "error"
        await edit_row(pilot, DELTA, "-3")
        assert notice(app).startswith("Delta Yoga Studio: the limit cannot be negative (you wrote '-3').")
        assert "2 unsaved (2 to fix)" in status(app)


async def test_r_el_4_one_bad_value_and_nothing_is_saved_and_nothing_is_lost(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        before = limits(admin_db)
        await edit_row(pilot, CEDAR, "5000")
        await edit_row(pilot, DELTA, "-3")
        await press(pilot, "ctrl+s")
        assert app.screen is screen  # refused before asking: nothing to confirm
        assert notice(app) == ("Saving the email limits was refused: 1 field needs attention (Delta Yoga Studio (#4) "
                               "cannot be negative (you wrote '-3')). Correct the limits named; nothing was saved.")
        assert limits(admin_db) == before
        assert screen.edits == {3: "5000", 4: "-3"}  # the edits stay on screen
        assert shown_rows(app, "#limits")[CEDAR][2] == "5,000"


async def test_r_el_4_a_conflict_is_refused_and_the_edits_stay(make_admin_app, admin_db, clock):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        await edit_row(pilot, CEDAR, "5000")
        set_email_limits(admin_db, clock, "admin", {3: "9000"})  # someone else, meanwhile
        await press(pilot, "ctrl+s", "y")
        assert notice(app) == ("Saving the email limits was refused: someone else changed it after you opened it. "
                               "Reload to see their change, then make yours again.")
        assert "Not saved: your 1 changes are still on screen" in status(app)
        assert limits(admin_db)["Cedar & Pine Realty"] == 9_000 and screen.edits == {3: "5000"}
        await press(pilot, "r")  # their value shows; mine is still there to save again
        screen.table.cursor = CEDAR
        await settle(pilot)
        assert screen.edits == {3: "5000"} and "saved limit 9,000" in str(screen.query_one("#row-detail").render())
        await press(pilot, "ctrl+s", "y")
        assert limits(admin_db)["Cedar & Pine Realty"] == 5_000 and screen.edits == {}


async def test_esc_cancels_an_edit_and_u_undoes_a_row(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        screen.table.cursor = CEDAR
        await press(pilot, "enter", "1", "2", "escape")
        assert app.screen is screen and screen.edits == {} and not screen.query_one("#editor").display
        await press(pilot, "4", "2", "enter")  # a digit starts editing with that digit
        assert screen.edits == {3: "42"}
        await press(pilot, "up", "u")
        assert screen.edits == {} and "back to the saved limit (unlimited)" in notice(app)


async def test_leaving_with_unsaved_changes_asks_first(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        await edit_row(pilot, CEDAR, "5000")
        await press(pilot, "escape")
        assert isinstance(app.screen, Confirm) and app.screen.title_text == "Leave without saving 1 change?"
        await press(pilot, "n")
        assert app.screen is screen and screen.edits == {3: "5000"}
        await press(pilot, "escape", "y")
        assert app.screen is not screen


async def test_find_filters_the_rows_and_keeps_the_edits(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        await edit_row(pilot, CEDAR, "5000")
        await press(pilot, "slash")
        await type_text(pilot, "fjord")
        assert [row[1] for row in shown_rows(app, "#limits")] == ["Fjord Coffee Roasters"]
        await press(pilot, "enter", "1", "0", "enter")  # enter in the find line edits the first match
        assert screen.edits[6] == "10"
        await press(pilot, "slash", "escape")
        assert len(shown_rows(app, "#limits")) == 8 and screen.edits == {3: "5000", 6: "10"}


async def test_r_el_4_ten_thousand_clients_on_one_screen(make_admin_app, admin_db, clock):
    with admin_db.write() as session:
        active = session.scalar(select(ClientStatus.id).where(ClientStatus.name == "Active"))
        session.execute(insert(Client), [
            {"name": f"Bulk Client {n:05d}", "kind": "client", "status_id": active, "version": 1,
             "created_at": clock.now() - timedelta(days=10)} for n in range(10_000)])
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        assert screen.table.row_count == 10_008
        await press(pilot, "end")
        await edit_row(pilot, screen.table.cursor, "123")
        await press(pilot, "ctrl+s", "y")
        assert limits(admin_db)["Harbor Lights Bakery"] == 123



async def test_clicking_elsewhere_keeps_what_was_typed(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        screen.table.cursor = CEDAR
        await press(pilot, "enter", "7", "7")
        await pilot.click("#limits", offset=(5, 6))  # another row: the editor loses focus
        await settle(pilot)
        assert screen.edits == {3: "77"} and not screen.query_one("#editor").display
        assert screen.table.cursor == 5  # the row clicked (line 6, under the header)


async def test_names_are_data_in_the_rows_the_detail_and_the_confirmation(make_admin_app, admin_db):
    with admin_db.write() as session:
        session.execute(update(Client).where(Client.id == 3).values(name=HOSTILE))
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        row = next(i for i, cells in enumerate(shown_rows(app, "#limits")) if cells[1].startswith("[@click"))
        await edit_row(pilot, row, "5")
        screen.table.cursor = row
        await settle(pilot)
        assert str(screen.query_one("#row-detail").render()).startswith("[@click=app.quit]x[/] bad · saved limit")
        await press(pilot, "ctrl+s")
        assert app.screen.lines[0] == ("[@click=app.quit]x[/] bad: unlimited → 5 (below what this cycle already uses: "
                                       "3,778)")  # data, not markup
        assert_clean_output(app)
        await press(pilot, "y")
        assert limits(admin_db)[HOSTILE] == 5


async def test_r_el_2_a_limit_below_what_is_used_shows_what_it_would_block_and_asks(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, EmailLimitsScreen())
        await edit_row(pilot, 1, "4500")  # Blue Harbor Dental: 4,018 sent + a 1,200 job scheduled
        await press(pilot, "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, Confirm)
        assert dialog.title_text == ("Save 1 email limit change? 1 would block sends or is below what this cycle "
                                     "uses.")
        assert dialog.lines[:4] == [
            "Blue Harbor Dental: 3,000 → 4,500 (below what this cycle already uses: 5,218)",
            "  Sent this cycle: 4,018. Scheduled: 23 Nov 2026: 1,200 emails ✗ blocked.",
            "  It would block 1 scheduled job (23 Nov 2026: 1,200 emails).",
            ""]
        assert dialog.yes == "Save anyway"
        await press(pilot, "n")
        assert limits(admin_db)["Blue Harbor Dental"] == 3_000 and screen.edits  # nothing saved, edit kept
        await edit_row(pilot, 1, "10")
        await press(pilot, "ctrl+s")
        assert app.screen.lines[2] == ("  It would block 1 scheduled job (23 Nov 2026: 1,200 emails) and every further "
                                       "send this cycle (sent already reached the limit, 4,008 over it).")
        await press(pilot, "y")
        assert limits(admin_db)["Blue Harbor Dental"] == 10
