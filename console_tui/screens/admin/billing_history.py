"""The agency's billing over the last 12 closed cycles (R-BL-5, Administrators): per cycle, how many
clients were billed, license, product and overages, agency services, tax and the total, newest
first, with the total's trend over them. ``h`` on Billing Overview opens it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from console_tui.data.views.agency import CycleTotals
from console_tui.domain.wording import count, money
from console_tui.export import ExportTable
from console_tui.screens.base import AgencyScreen
from console_tui.screens.billing_trend import trend
from console_tui.screens.exporting import Exporting
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView

CENTS = ("license", "product_overages", "agency_services", "tax", "total")
HISTORY_COLUMNS = ("cycle", "clients", *(f"{part}_cents" for part in CENTS))


def cycle_cells(t: CycleTotals) -> tuple[str, ...]:
    return (f"{t.cycle:%b %Y}", count(t.clients), money(t.license_cents), money(t.product_overages_cents),
            money(t.agency_services_cents), money(t.tax_cents), money(t.total_cents))


class BillingHistoryScreen(AgencyScreen, Exporting):
    TITLE_TEXT = "Billing history"
    DEFAULT_CSS = """
    BillingHistoryScreen #history-trend { height: auto; padding: 0 1; background: $boost; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[CycleTotals, ...] = ()

    def compose_body(self) -> ComposeResult:
        yield Static("", id="history-trend", markup=False)
        yield AdminTable(
            [Column("Cycle", 8), Column("Clients", 7, "right"), Column("License", 11, "right"),
             Column("Product+over.", 13, "right"), Column("Agency svc", 11, "right"), Column("Tax", 10, "right"),
             Column("Total", 12, "right")],
            empty="No billing cycle has closed yet: the first closes the night after its last day.",
            id="history",
        )

    def fetch(self, *args: object) -> tuple[CycleTotals, ...]:
        return self.app.admin.billing_history()

    def show(self, data: tuple[CycleTotals, ...]) -> None:
        self.rows = data
        table = self.query_one("#history", TableView)
        table.set_rows([cycle_cells(t) for t in data])
        table.focus()
        self.query_one("#history-trend", Static).update(
            trend([(t.cycle, t.total_cents) for t in reversed(data)], "The agency's total"))
        if data:
            self.subject(f"{data[-1].cycle:%b %Y} to {data[0].cycle:%b %Y}")
        total = sum(t.total_cents for t in data)
        self.status.ready(f"Last {count(len(data), 'closed cycle')} · {money(total)} in all")

    def export_table(self) -> ExportTable | None:
        """The cycles as shown, amounts in cents."""
        if not self.loaded:
            return None
        return ExportTable("billing-history", HISTORY_COLUMNS, [
            {"cycle": t.cycle, "clients": t.clients, **{f"{part}_cents": getattr(t, f"{part}_cents") for part in CENTS}}
            for t in self.rows])
