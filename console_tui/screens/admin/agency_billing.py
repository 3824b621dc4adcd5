"""Billing Overview for the agency (R-BL-1..4, Administrators): one cycle's charges for every
client — license (in-pack or additional), product and overages, agency services, tax, total —
with the cycle's totals; provisional rows (configuration incomplete, R-MC-3) are marked "Prov."
and coloured. Product = Product and Overages (Direct Support, email overage, add-on services).
``[``/``←`` and ``]``/``→`` move between cycles; ``h`` shows the agency's last 12 closed cycles (R-BL-5).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.agency import BillingPage, BillingRow
from console_tui.display import day_text, safe
from console_tui.domain.wording import count, money
from console_tui.export import ExportTable
from console_tui.screens.base import AgencyScreen
from console_tui.screens.exporting import Exporting
from console_tui.ui import keys
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView

CENTS = ("license", "direct_support", "overage", "services", "agency_services", "tax", "total")
BILLING_COLUMNS = ("cycle", "client_id", "name", "removed", "pack", "provisional", *(f"{part}_cents" for part in CENTS))


def pack(row: BillingRow) -> str:
    """R-BL-1's marker: an in-pack license, the additional-client rate, or none (not counted)."""
    return "in-pack" if row.in_pack else ("addl." if row.additional else "—")


def client_cell(row: BillingRow) -> str:
    return f"{row.name} (removed)" if row.removed else row.name


def breakdown(row: BillingRow) -> str:
    """The focused row in full (R-BL-3)."""
    rate = "in-pack" if row.in_pack else ("additional client rate" if row.additional else "not counted")
    text = (f"{safe(row.name)}: license {money(row.license_cents)} ({rate}) · Direct Support "
            f"{money(row.direct_support_cents)} · email overage {money(row.overage_cents)} · add-on services "
            f"{money(row.services_cents)} · agency services {money(row.agency_services_cents)} · tax "
            f"{money(row.tax_cents)} · total {money(row.total_cents)}")
    if row.provisional:
        text += "\nProvisional: the client's configuration is incomplete, so these charges may change."
    if row.removed:
        text += "\nThe company has been removed since; its charges for this cycle stand."
    return text


class AgencyBillingScreen(AgencyScreen, Exporting):
    TITLE_TEXT = "Billing Overview"
    BINDINGS = keys.bindings("cycles")
    DEFAULT_CSS = """
    AgencyBillingScreen #billing-summary { height: auto; padding: 0 1; background: $boost; }
    AgencyBillingScreen #billing-row { height: auto; max-height: 4; padding: 0 1; background: $boost; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.page: BillingPage | None = None
        self.cycle: date | None = None  # None: the latest cycle that has begun

    def compose_body(self) -> ComposeResult:
        yield Static("", id="billing-summary", markup=False)
        yield AdminTable(
            [Column("Client", None), Column("License", 8, "right"), Column("Product", 9, "right"),
             Column("Agency", 8, "right"), Column("Tax", 7, "right"), Column("Total", 10, "right"),
             Column("Pack", 7), Column("Prov.", 5)],
            empty="Nothing has been billed yet.",
            id="billing",
        )
        yield Static("", id="billing-row", markup=False)

    def load_args(self) -> tuple[Any, ...]:
        return (self.cycle,)

    def fetch(self, *args: Any) -> BillingPage:
        return self.app.admin.billing(args[0])

    def show(self, data: BillingPage) -> None:
        self.page = data
        table = self.query_one("#billing", TableView)
        rows = data.rows
        table.set_rows([(client_cell(r), money(r.license_cents), money(r.product_overages_cents),
                         money(r.agency_services_cents), money(r.tax_cents), money(r.total_cents), pack(r),
                         "yes" if r.provisional else "") for r in rows],
                       ["warn" if r.provisional else ("dim" if r.removed else None) for r in rows])
        table.focus()
        self._show_row(table.cursor)
        summary = self.query_one("#billing-summary", Static)
        if data.cycle is None:
            self.subject("nothing billed yet")
            self.status.ready("No cycle has charges yet.")
            summary.update("")
            return
        self.cycle = data.cycle.start
        t = data.totals
        self.subject(f"{data.cycle.start:%B %Y}")
        state = f"in progress, to {day_text(data.cycle.end)}: charges so far" if data.in_progress else "closed"
        self.status.ready(f"{data.cycle.start:%B %Y} ({state}) · cycle {data.cycles.index(data.cycle.start) + 1} "
                          f"of {len(data.cycles)}")
        provisional = (f" · {count(t.provisional)} provisional (configuration incomplete)" if t.provisional else "")
        summary.update(Content(
            f"{count(len(rows), 'client')} · licenses: {count(t.in_pack)} in-pack (the plan includes "
            f"{count(data.in_pack_licenses)}), {count(t.additional)} additional{provisional}\n"
            f"Totals: license {money(t.license_cents)} · product & overages {money(t.product_overages_cents)} · "
            f"agency services {money(t.agency_services_cents)} · tax {money(t.tax_cents)} · "
            f"total {money(t.total_cents)}"))

    def export_table(self) -> ExportTable | None:
        """The cycle shown, one row per client, amounts in cents."""
        page = self.page
        if page is None:
            return None
        cycle = page.cycle.start if page.cycle else None
        return ExportTable(f"billing-{cycle:%Y-%m}" if cycle else "billing", BILLING_COLUMNS, [
            {"cycle": cycle, "client_id": r.client_id, "name": r.name, "removed": r.removed, "pack": pack(r),
             "provisional": r.provisional, **{f"{part}_cents": getattr(r, f"{part}_cents") for part in CENTS}}
            for r in page.rows])

    def on_table_view_highlighted(self, message: TableView.Highlighted) -> None:
        self._show_row(message.index)

    def _show_row(self, index: int) -> None:
        rows = self.page.rows if self.page else ()
        self.query_one("#billing-row", Static).update(Content(breakdown(rows[index]) if 0 <= index < len(rows)
                                                              else ""))

    def action_history(self) -> None:
        from console_tui.screens.admin.billing_history import BillingHistoryScreen

        self.app.push_screen(BillingHistoryScreen())

    def action_previous(self) -> None:
        self._go(-1)

    def action_next(self) -> None:
        self._go(+1)

    def _go(self, step: int) -> None:
        page = self.page
        if page is None or page.cycle is None:
            self.notice.say("No cycle has charges yet.", "info")
            return
        target = page.previous if step < 0 else page.next
        if target is None:
            edge = "earliest" if step < 0 else "latest"
            self.notice.say(f"{page.cycle.start:%B %Y} is the {edge} cycle with charges.", "info")
            return
        self.notice.clear()
        self.cycle = target
        self.action_reload()
