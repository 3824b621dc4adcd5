"""Billing (R-CMC-3 Information → R-BL-4, R-BL-5): the client's charges in the last 12 closed billing
cycles, newest first, with its total's trend over them. Administrators."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from console_tui.data.views.client import ChargeRow
from console_tui.domain.wording import count, money
from console_tui.export import ExportTable
from console_tui.screens.base import ClientScreen
from console_tui.screens.billing_trend import trend
from console_tui.screens.exporting import Exporting
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar

CENTS = ("license", "product", "overage", "services", "agency_services", "tax", "total")
CHARGE_COLUMNS = ("cycle", "in_pack", "provisional", *(f"{part}_cents" for part in CENTS))


def breakdown(r: ChargeRow) -> str:
    """One cycle's charges in full (R-BL-3)."""
    flags = " (provisional: configuration incomplete)" if r.provisional else ""
    return (f"{r.cycle:%B %Y}{flags}: license {money(r.license_cents)}{' in-pack' if r.in_pack else ''} · "
            f"product {money(r.product_cents)} · email overage {money(r.overage_cents)} · add-on services "
            f"{money(r.services_cents)} · agency services {money(r.agency_services_cents)} · tax "
            f"{money(r.tax_cents)} · total {money(r.total_cents)}")


def charge_cells(r: ChargeRow) -> tuple[str, ...]:
    notes = ", ".join(n for n, on in (("in-pack", r.in_pack), ("provisional", r.provisional)) if on)
    product = r.product_cents + r.overage_cents + r.services_cents
    return (f"{r.cycle:%b %Y}", money(r.license_cents), money(product), money(r.agency_services_cents),
            money(r.tax_cents), money(r.total_cents), notes)


class BillingOverviewScreen(ClientScreen, Exporting):
    TITLE_TEXT = "Billing Overview"
    rows: tuple[ChargeRow, ...] = ()
    DEFAULT_CSS = """
    BillingOverviewScreen #breakdown { height: auto; max-height: 4; padding: 0 1; background: $boost; }
    BillingOverviewScreen #trend { height: auto; padding: 0 1; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static("", id="trend", markup=False)
        yield TableView(
            [Column("Cycle", 9), Column("License", 10, "right"), Column("Product+over.", 13, "right"),
             Column("Agency svc", 10, "right"), Column("Tax", 9, "right"), Column("Total", 11, "right"),
             Column("Notes", None)],
            empty="No billing cycle has closed for this client yet.",
            id="charges",
        )
        yield Static("", id="breakdown", markup=False)

    def fetch(self) -> tuple[str, tuple[ChargeRow, ...]]:
        return self.app.services.billing(self.client_id)

    def show(self, data: tuple[str, tuple[ChargeRow, ...]]) -> None:
        name, rows = data
        self.query_one(TitleBar).show_subject(name)
        table = self.query_one("#charges", TableView)
        self.rows = rows
        table.set_rows([charge_cells(r) for r in rows], ["warn" if r.provisional else None for r in rows])
        table.focus()
        self._show_cycle(table.cursor)
        self.query_one("#trend", Static).update(trend([(r.cycle, r.total_cents) for r in reversed(rows)]))
        total = sum(r.total_cents for r in rows)
        self.status.ready(f"Last {count(len(rows), 'closed cycle')} · {money(total)} in all · "
                          "↑/↓ previous or next cycle")

    def export_table(self) -> ExportTable | None:
        """The client's cycles as shown, amounts in cents."""
        if not self.loaded:
            return None
        return ExportTable(f"billing-client-{self.client_id}", CHARGE_COLUMNS, [
            {"cycle": r.cycle, "in_pack": r.in_pack, "provisional": r.provisional,
             **{f"{part}_cents": getattr(r, f"{part}_cents") for part in CENTS}} for r in self.rows])

    def on_table_view_highlighted(self, message: TableView.Highlighted) -> None:
        self._show_cycle(message.index)

    def _show_cycle(self, index: int) -> None:
        rows = self.rows
        self.query_one("#breakdown", Static).update(breakdown(rows[index]) if rows else "")
