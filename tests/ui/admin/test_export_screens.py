"""``ctrl+e`` on the other list screens: each writes the rows it shows (the attention queue, the
audit log, the agency's and a client's billing, the agency's billing history, client usage, email limits)."""

from __future__ import annotations

import json

import pytest

from console_tui.export import export_text
from console_tui.screens.admin.agency_billing import AgencyBillingScreen
from console_tui.screens.admin.audit_log import AuditLogScreen
from console_tui.screens.admin.billing_history import BillingHistoryScreen
from console_tui.screens.admin.client_usage import ClientUsageScreen
from console_tui.screens.admin.email_limits import EmailLimitsScreen
from console_tui.screens.client.billing_overview import BillingOverviewScreen
from console_tui.screens.console.attention import AttentionScreen
from console_tui.widgets.table_view import TableView
from tests.ui.conftest import notes, press, settle
from tests.ui.test_export_lists import WIDE, export, written

#: How each other list screen is opened (its keys), and the file name its export starts with.
SCREENS = {
    "attention": ("exclamation_mark", AttentionScreen, "attention"),
    "audit log": ("L", AuditLogScreen, "audit-log"),
    "billing overview": ("B", AgencyBillingScreen, "billing-2026-"),
    "billing history": ("B h", BillingHistoryScreen, "billing-history"),
    "client usage": ("C", ClientUsageScreen, "client-usage-2026-10"),
    "email limits": ("E", EmailLimitsScreen, "email-limits"),
    "a client's billing": ("b", BillingOverviewScreen, "billing-client-"),
}


@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_every_list_screen_exports_its_rows(make_admin_app, tmp_path, name) -> None:
    key, screen_class, stem = SCREENS[name]
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, *key.split())
        screen = app.screen
        assert isinstance(screen, screen_class)
        table = screen.export_table()
        assert table is not None and table.rows
        await export(pilot, "json")
        (path,) = written(tmp_path / "exports")
        assert path.name.startswith(f"console-export-{stem}")
        rows = json.loads(path.read_text())
        assert rows == json.loads(export_text(table, "json"))
        assert len(rows) == screen.query(TableView).first().row_count  # one per row shown
        assert list(rows[0]) == list(table.columns)
        assert f"Exported {len(table.rows)} row" in notes(app)[-1] and str(path) in notes(app)[-1]


