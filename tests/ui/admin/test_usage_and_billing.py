"""Client Usage (R-CU-1), the agency's Billing Overview (R-BL-1, R-BL-4) and the last 12 closed cycles (R-BL-5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, update

from console_tui.data.schema import BillingCharge, Client, ClientUsageMonth
from console_tui.domain.cycles import add_months
from console_tui.domain.wording import money
from console_tui.screens.admin.agency_billing import AgencyBillingScreen
from console_tui.screens.admin.billing_history import BillingHistoryScreen
from console_tui.screens.admin.client_usage import ClientUsageScreen
from console_tui.screens.client.billing_overview import BillingOverviewScreen
from tests.ui.admin.conftest import WIDE, notice, open_screen, press, shown_rows, status


async def test_r_cu_1_the_latest_closed_month_per_client(make_admin_app, admin_db):
    with admin_db.read() as session:
        acme = session.execute(
            select(ClientUsageMonth.emails_sent, ClientUsageMonth.contacts_added, ClientUsageMonth.page_impressions)
            .join(Client).where(Client.name == "Acme Widgets", ClientUsageMonth.month == date(2026, 10, 1))).one()
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, ClientUsageScreen())
        assert status(app).startswith("October 2026 (closed, 1 Oct 2026 – 31 Oct 2026) · month 3 of 3")
        rows = shown_rows(app, "#usage")
        assert len(rows) == 8 and rows[0] == ("Acme Widgets", "", *(f"{n:,}" for n in acme))
        assert rows[3][:2] == ("Delta Yoga Studio", "lead")
        assert "All 8 clients: 37,344 emails sent" in str(app.screen.query_one("#usage-totals").render())


async def test_r_cu_1_previous_and_next_month_but_never_the_open_one(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, ClientUsageScreen())
        await press(pilot, "right_square_bracket")
        assert screen.month.month == 10
        assert notice(app) == ("November 2026 has not ended: its usage appears after 30 Nov 2026, once the nightly "
                               "rollup has closed it.")
        await press(pilot, "left_square_bracket")
        assert status(app).startswith("September 2026 (closed")
        await press(pilot, "left", "left")
        assert status(app).startswith("August 2026 (closed") and notice(app) == (
            "August 2026 is the earliest month with usage.")
        await press(pilot, "right")
        assert status(app).startswith("September 2026") and notice(app) == ""


def configure_all_but_evergreen(db) -> None:  # noqa: ANN001
    with db.write() as session:
        session.execute(update(Client).where(Client.name != "Evergreen Accounting").values(
            license_term="annual", license_start=date(2026, 1, 1), billing_contact="Billing",
            billing_email="billing@example.com", tax_rate=Decimal("8.25")))
        session.execute(update(Client).where(Client.name == "Evergreen Accounting").values(billing_email=None))


async def test_r_bl_4_a_cycles_charges_totals_and_markers(make_admin_app, admin_db):
    configure_all_but_evergreen(admin_db)
    with admin_db.read() as session:
        october = session.scalars(select(BillingCharge).where(BillingCharge.cycle == date(2026, 10, 1))).all()
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AgencyBillingScreen())
        assert status(app).startswith("November 2026 (in progress, to 30 Nov 2026: charges so far) · cycle 13 of 13")
        rows = shown_rows(app, "#billing")
        assert [row[0] for row in rows] == ["Acme Widgets", "Blue Harbor Dental", "Cedar & Pine Realty",
                                            "Evergreen Accounting", "Fjord Coffee Roasters", "Harbor Lights Bakery"]
        assert [row[6] for row in rows] == ["in-pack", "in-pack", "—", "in-pack", "addl.", "—"]
        assert [row[7] for row in rows] == ["", "", "", "yes", "", ""]  # Evergreen: configuration incomplete
        assert app.screen.query_one("#billing")._tones[3] == "warn"
        summary = str(app.screen.query_one("#billing-summary").render())
        assert "licenses: 3 in-pack (the plan includes 3), 1 additional · 1 provisional (configuration incomplete)" \
            in summary
        page = app.screen.page
        assert f"total {money(sum(r.total_cents for r in page.rows))}" in summary
        await press(pilot, "down", "down", "down")
        assert "Provisional: the client's configuration is incomplete" in str(
            app.screen.query_one("#billing-row").render())
        await press(pilot, "left")  # a closed cycle: what was billed
        summary = str(app.screen.query_one("#billing-summary").render())
        assert f"total {money(sum(c.total_cents for c in october))}" in summary


async def test_r_bl_4_previous_and_next_cycle(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AgencyBillingScreen())
        await press(pilot, "right")
        assert notice(app) == "November 2026 is the latest cycle with charges."
        await press(pilot, "left")
        assert status(app).startswith("October 2026 (closed) · cycle 12 of 13") and notice(app) == ""
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert status(app).startswith("August 2026 (closed) · cycle 10 of 13")
        await press(pilot, *["left"] * 10)
        assert status(app).startswith("November 2025 (closed) · cycle 1 of 13")
        assert notice(app) == "November 2025 is the earliest cycle with charges."


async def test_r_bl_5_h_shows_the_agencys_last_12_closed_cycles(make_admin_app, admin_db):
    with admin_db.read() as session:
        totals = dict(session.execute(select(BillingCharge.cycle, func.sum(BillingCharge.total_cents))
                                      .group_by(BillingCharge.cycle)).all())
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AgencyBillingScreen())
        await press(pilot, "h")
        assert isinstance(app.screen, BillingHistoryScreen)
        rows = shown_rows(app, "#history")
        assert [row[0] for row in rows] == [f"{add_months(date(2026, 10, 1), -n):%b %Y}" for n in range(12)]
        assert rows[0][-1] == money(totals[date(2026, 10, 1)]) and rows[-1][-1] == money(totals[date(2025, 11, 1)])
        line = str(app.screen.query_one("#history-trend").render())
        assert line.startswith("The agency's total, 12 cycles: ")
        assert f"{money(totals[date(2025, 11, 1)])} (Nov 2025) → {money(totals[date(2026, 10, 1)])} (Oct 2026)" in line
        closed = sum(totals.values()) - totals[date(2026, 11, 1)]  # not the cycle in progress
        assert status(app).startswith(f"Last 12 closed cycles · {money(closed)} in all")
        await press(pilot, "escape")
        assert isinstance(app.screen, AgencyBillingScreen)


async def test_r_bl_5_a_clients_billing_shows_its_last_12_closed_cycles(make_admin_app, admin_db):
    with admin_db.read() as session:
        acme = session.scalar(select(Client.id).where(Client.name == "Acme Widgets"))
        charges = dict(session.execute(select(BillingCharge.cycle, BillingCharge.total_cents)
                                       .where(BillingCharge.client_id == acme)).all())
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, BillingOverviewScreen(acme, "Acme Widgets"))
        rows = shown_rows(app, "#charges")
        assert len(rows) == 12 and rows[0][0] == "Oct 2026" and rows[0][5] == money(charges[date(2026, 10, 1)])
        line = str(app.screen.query_one("#trend").render())
        assert line.startswith("Total, 12 cycles: ") and "(Nov 2025) → " in line and "· highest $" in line
