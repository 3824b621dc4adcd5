"""My Account (R-CAP-1..3): counted and not counted, the bars, the warning from the setting, the
refusal at 100 % with both ways out, and a confirmed, audited plan change (or its refusal)."""

from __future__ import annotations

from sqlalchemy import select, update

from console_tui.data.schema import Agency, AuditEntry, Client, ClientStatus, Plan
from console_tui.screens.admin.my_account import MyAccountScreen
from console_tui.screens.dialogs.confirm import Confirm
from tests.ui.admin.conftest import WIDE, notice, open_screen, press, shown_rows, status
from tests.ui.seed import NOW


def plan_name(db) -> str:  # noqa: ANN001
    with db.read() as session:
        return session.scalars(select(Agency)).one().plan.name


def capacity_text(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#capacity").render())


async def test_r_cap_1_r_cap_2_counted_and_not_counted_with_why(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, MyAccountScreen())
        assert status(app) == "Growth plan (2 of 4) · warns from 90 %"
        bars = [str(screen.query_one(f"#bar-{name}").render()) for name in ("clients", "team", "storage")]
        assert bars[0].endswith("4 of 10 counted (40 %)") and bars[0].startswith("Clients      ████████░")
        assert bars[1].endswith("3 of 8 team members (37 %)") and bars[2].endswith("60 of 100 GB (60 %)")
        assert not screen.query_one("#capacity").display  # below the warning
        assert shown_rows(app, "#not-counted") == [
            ("Delta Yoga Studio", "lead", "Active", "Leads are never counted"),
            ("Granite Law Group", "prospect", "Active", "Prospects are never counted"),
            ("Harbor Lights Bakery", "client", "Inactive", "Inactive clients are not counted"),
            ("Cedar & Pine Realty", "client", "Suspended", "Suspended clients are not counted")]
        assert "Not counted: 4 (1 lead, 1 prospect, 1 Inactive and 1 Suspended)" in str(
            screen.query_one("#counting").render())
        assert [row[:2] for row in shown_rows(app, "#ladder")] == [
            ("", "Starter"), ("▶", "Growth"), ("", "Growth x2"), ("", "Growth x4")]


async def test_r_cap_2_the_warning_comes_from_the_setting(make_admin_app):
    app = make_admin_app(warn_pct=40)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, MyAccountScreen())
        assert screen.query_one("#capacity").has_class("-warn")
        assert capacity_text(app) == ("40 % of the plan's clients are used (4 of 10); 6 more can be added before the "
                                      "plan is full")
        assert str(screen.query_one("#bar-clients").render()).endswith("(40 %) · nearly full")


async def test_r_cap_3_at_100_percent_the_refusal_and_its_two_ways_out(make_admin_app, admin_db):
    with admin_db.write() as session:  # six more counted clients: 10 of 10
        active = session.scalar(select(ClientStatus.id).where(ClientStatus.name == "Active"))
        session.add_all(Client(name=f"New Client {n}", status_id=active, created_at=NOW) for n in range(6))
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, MyAccountScreen())
        assert screen.query_one("#capacity").has_class("-full")
        assert capacity_text(app) == (
            "All 10 clients of the plan are used: upgrade the plan, or suspend or remove clients, before adding "
            "another.\nAdding or reactivating a client now: Adding another counted client was refused: the Growth "
            "plan allows 10 counted clients and 10 are already counted. Either upgrade to the Growth x2 plan (20 "
            "clients), or suspend or remove clients you no longer work with (suspended and inactive clients are not "
            "counted).")


async def test_r_cap_3_a_confirmed_upgrade_takes_effect_and_is_audited(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, MyAccountScreen())
        await press(pilot, "down", "c")
        dialog = app.screen
        assert isinstance(dialog, Confirm) and dialog.title_text == "Upgrade from Growth to Growth x2?"
        assert dialog.lines[0] == ("Growth x2: up to 20 counted clients, 16 team members and 200 GB of storage; "
                                   "50,000 emails included per license.")
        await press(pilot, "y")
        assert app.screen is screen and plan_name(admin_db) == "Growth x2"
        assert notice(app) == ("The plan is now Growth x2 (upgrade from Growth): up to 20 counted clients. Recorded "
                               "in the audit log.")
        assert shown_rows(app, "#ladder")[2][:2] == ("▶", "Growth x2")
        with admin_db.read() as session:
            entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "change_plan")).one()
        assert (entry.actor, entry.before["plan"], entry.after["plan"]) == ("admin", "Growth", "Growth x2")


async def test_r_cap_3_a_downgrade_that_does_not_fit_is_refused(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, MyAccountScreen())
        await press(pilot, "up", "enter")
        assert app.screen.title_text == "Move down from Growth to Starter?"
        await press(pilot, "y")
        assert notice(app) == (
            "Moving down to the Starter plan was refused: the agency uses more than it allows: 60 GB of storage (it "
            "allows 50 GB). Suspend or remove clients, deactivate team members or free storage first, or choose a "
            "larger plan.")
        assert "Changing the plan: not done" in status(app) and plan_name(admin_db) == "Growth"


async def test_r_cap_3_no_means_nothing_changes(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, MyAccountScreen())
        await press(pilot, "enter")
        assert notice(app) == "The agency is already on the Growth plan: choose another plan."
        await press(pilot, "down", "c", "n")
        assert notice(app) == "Changing the plan: cancelled, nothing was changed."
        assert plan_name(admin_db) == "Growth"


async def test_r_wi_3_the_plan_change_shows_capacity_and_the_monthly_cost_before_and_after(make_admin_app, admin_db):
    with admin_db.write() as session:  # Growth x2 gives every client an in-pack license, cheaper
        session.execute(update(Plan).where(Plan.name == "Growth x2").values(in_pack_licenses=8,
                                                                            in_pack_price_cents=1_000))
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, MyAccountScreen())
        await press(pilot, "down", "c")
        lines = app.screen.lines
        assert lines[2:4] == ["Clients: 4 of 10 (40 %) → 4 of 20 (20 %).",
                              "Team members: 3 of 8 (37 %) → 3 of 16 (18 %). Storage (GB): 60 of 100 (60 %) → 60 of "
                              "200 (30 %)."]
        assert lines[4].startswith("Next cycle (December 2026): ") and "the agency saves" in lines[4]
        assert lines[5] == "Fjord Coffee Roasters moves into the in-pack discount: license $36.00 → $9.00."
        await press(pilot, "n")
        assert plan_name(admin_db) == "Growth"
