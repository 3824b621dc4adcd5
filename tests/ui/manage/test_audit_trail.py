"""R-ACC-5: every change made on the Manage Clients screens is written to the audit log, and the
agency's Audit log screen (reached from the page menu, R-MC-4) shows it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from console_tui.data.schema import Client, ClientSnapshot
from tests.ui.manage.conftest import audit_rows, client_id, press, settle, write


async def test_r_acc_5_each_change_on_these_screens_leaves_one_audit_row(make_ui_app, ui_db_url):
    acme = client_id(ui_db_url, "Acme Widgets")
    write(ui_db_url, lambda s: s.execute(update(ClientSnapshot).where(ClientSnapshot.client_id == acme)
                                         .values(last_became_healthy=date(2026, 9, 1))))
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "m", "enter")  # Acme Widgets' options
        await press(pilot, "5", "t", "y", "escape")  # Direct Support off
        await press(pilot, "7", "t", "y", "escape")  # EBS off
        await press(pilot, "8", "t", "y", "escape")  # logo upload locked
        await press(pilot, "4", "a", "enter", "y", "escape")  # Carla becomes a Client Manager
        await press(pilot, "2")
        app.screen.query_one("ConfigurationForm").field("billing_contact").value = "Pat Q. Payer"
        await press(pilot, "ctrl+s", "y", "escape", "escape")  # back to Manage Clients
        assert [(actor, action, cid) for actor, action, cid, _b, _a in audit_rows(ui_db_url)] == [
            ("admin", "direct_support", acme), ("admin", "set_suppression", acme),
            ("admin", "set_rebrand_lock", acme), ("admin", "add_client_manager", acme),
            ("admin", "save_configuration", acme)]
        await press(pilot, "m", "end", "enter")  # the page menu's Audit log
        assert type(app.screen).__name__ == "AuditLogScreen"
        shown = [(row.actor, row.action, row.client_name) for row in app.screen.rows]
        assert shown == [("admin", action, "Acme Widgets") for action in (
            "save_configuration", "add_client_manager", "set_rebrand_lock", "set_suppression", "direct_support")]


async def test_r_acc_5_status_remove_and_purge_each_leave_one_audit_row_shown_in_the_log(make_ui_app, ui_db_url):
    """R-CAP-1's status change (``t``), R-OPT-9's removal and its purge (``P``) are audited like the rest."""
    acme, bakery = client_id(ui_db_url, "Acme Widgets"), client_id(ui_db_url, "Harbor Lights Bakery")
    write(ui_db_url, lambda s: s.execute(update(Client).where(Client.id == bakery).values(license_term="monthly")))
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "m", "t", "down", "enter", "y")  # Acme Widgets: Active → Suspended, stops counting
        app.screen.search.value = "Harbor Lights Bakery"
        await settle(pilot)
        await press(pilot, "enter", "9", "x")  # its options → Remove Company → type the name
        app.screen.query_one("Input").value = "Harbor Lights Bakery"
        await press(pilot, "enter", "escape")  # removed; back to Manage Clients
        await press(pilot, "f", *"only", "enter", "escape", "P")  # removed companies only → purge
        app.screen.query_one("Input").value = "Harbor Lights Bakery"
        await press(pilot, "enter")
        rows = audit_rows(ui_db_url)
        assert [(actor, action, cid) for actor, action, cid, _b, _a in rows] == [
            ("admin", "set_client_status", acme), ("admin", "remove_company", None), ("admin", "purge_company", None)]
        assert rows[2][3]["name"] == "Harbor Lights Bakery"  # the purge keeps the name it deleted
        await press(pilot, "m", "end", "enter")  # the page menu's Audit log
        assert type(app.screen).__name__ == "AuditLogScreen"
        shown = [(row.actor, row.action) for row in app.screen.rows]
        assert shown == [("admin", "purge_company"), ("admin", "remove_company"), ("admin", "set_client_status")]
        assert app.screen.rows[2].client_name == "Acme Widgets"
