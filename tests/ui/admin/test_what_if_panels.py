"""The what-if of Email Limits (R-WI-1): the row's panel while a new limit is typed, and the client's
scheduled email jobs, opened with ``e`` from Email Limits and from the console."""

from __future__ import annotations

from datetime import timedelta

from console_tui.data.schema import EmailJob
from console_tui.screens.admin.email_limits import EmailLimitsScreen
from console_tui.screens.client.scheduled_jobs import ScheduledJobsScreen
from tests.ui.admin.conftest import WIDE, open_screen, press, settle, shown_rows, status
from tests.ui.admin.test_email_limits import edit_row
from tests.ui.seed import NOW

BLUE = 1  # Blue Harbor Dental: 4,018 sent, a 1,200 job on 23 Nov, limit 3,000


def add_job(db, days: int, size: int, status: str = "scheduled") -> None:  # noqa: ANN001
    with db.write() as session:
        blue = session.scalar(EmailJob.__table__.select().with_only_columns(EmailJob.client_id).limit(1))
        session.add(EmailJob(client_id=blue, name=f"Send of {size}", recipients=size, status=status,
                             scheduled_for=NOW + timedelta(days=days)))


def detail(app) -> list[str]:  # noqa: ANN001
    return str(app.screen.query_one("#row-detail").render()).split("\n")


async def test_r_wi_1_the_panel_shows_the_cycle_so_far_under_the_limit_typed(make_admin_app, admin_db):
    add_job(admin_db, 5, 300)  # 25 Nov: fits under 5,600 after the 1,200 is blocked
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, EmailLimitsScreen())
        await edit_row(pilot, BLUE, "5000")
        app.screen.table.cursor = BLUE
        await settle(pilot)
        assert detail(app)[1:3] == [
            "Cycle so far: 4,018 sent. Scheduled: 23 Nov 2026: 1,200 emails ✗ blocked; 25 Nov 2026: 300 emails.",
            "It would block 1 scheduled job (23 Nov 2026: 1,200 emails)."]
        await edit_row(pilot, BLUE, "6000")  # the same cycle, read once: the panel follows the new limit
        app.screen.table.cursor = BLUE
        await settle(pilot)
        assert detail(app)[2] == "It would block nothing scheduled; 482 emails left to schedule."
        app.screen.table.cursor = 0  # a row with no new limit: no cycle panel
        await settle(pilot)
        assert not any(line.startswith("Cycle so far") for line in detail(app))


async def test_r_wi_1_e_opens_the_clients_scheduled_jobs_from_email_limits(make_admin_app, admin_db):
    add_job(admin_db, 6, 900, "cancelled")
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, EmailLimitsScreen())
        app.screen.table.cursor = BLUE
        await press(pilot, "e")
        await settle(pilot)
        assert isinstance(app.screen, ScheduledJobsScreen) and app.screen.client_id is not None
        assert shown_rows(app, "#jobs") == [("23 Nov 2026 09:00", "Winter promo", "1,200", "blocked by the limit"),
                                            ("26 Nov 2026 09:00", "Send of 900", "900", "cancelled")]
        assert str(app.screen.query_one("#cycle").render()) == (
            "November 2026 cycle: 4,018 sent + 1,200 scheduled = 5,218 of the limit, 3,000: over it by 2,218.")
        assert "1 job blocked by the limit" in status(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, EmailLimitsScreen)


async def test_r_wi_1_e_on_the_console_opens_the_jobs_of_the_client_under_the_cursor(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.console_screen.jump_to(next(c.id for c in app.console_screen.overview.clients
                                        if c.name == "Cedar & Pine Realty"))
        await settle(pilot)
        await press(pilot, "e")
        await settle(pilot)
        assert isinstance(app.screen, ScheduledJobsScreen)
        assert shown_rows(app, "#jobs") == []
        assert str(app.screen.query_one("#cycle").render()).endswith("of the limit, unlimited.")
