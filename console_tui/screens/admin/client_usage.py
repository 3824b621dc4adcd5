"""Client Usage (R-CU-1): per client and billing month, emails sent, contacts added and page
impressions — closed months only. ``[``/``←`` and ``]``/``→`` move between months; the month in
progress is never offered (the screen says when it will be).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.agency import UsagePage
from console_tui.display import day_text
from console_tui.domain.wording import count
from console_tui.export import ExportTable
from console_tui.screens.base import AgencyScreen
from console_tui.screens.exporting import Exporting
from console_tui.ui import keys
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView

USAGE_COLUMNS = ("month", "client_id", "name", "kind", "emails_sent", "contacts_added", "page_impressions")
KINDS = {"client": "", "lead": "lead", "prospect": "prospect"}


def month_name(day: date) -> str:
    return f"{day:%B %Y}"


class ClientUsageScreen(AgencyScreen, Exporting):
    TITLE_TEXT = "Client Usage"
    BINDINGS = keys.bindings("months")
    DEFAULT_CSS = """
    ClientUsageScreen #usage-totals { height: auto; padding: 0 1; background: $boost; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.page: UsagePage | None = None
        self.month: date | None = None  # None: the latest closed month

    def compose_body(self) -> ComposeResult:
        yield Static("", id="usage-totals", markup=False)
        yield AdminTable(
            [Column("Client", None), Column("Kind", 8), Column("Emails sent", 12, "right"),
             Column("Contacts added", 14, "right"), Column("Page impressions", 16, "right")],
            empty="No month has closed yet: usage appears once a billing cycle has ended.",
            id="usage",
        )

    def load_args(self) -> tuple[Any, ...]:
        return (self.month,)

    def fetch(self, *args: Any) -> UsagePage:
        return self.app.admin.usage(args[0])

    def show(self, data: UsagePage) -> None:
        self.page = data
        table = self.query_one("#usage", TableView)
        rows = data.rows
        table.set_rows([(r.name, KINDS.get(r.kind, r.kind), count(r.emails_sent), count(r.contacts_added),
                         count(r.page_impressions)) for r in rows],
                       ["dim" if r.kind != "client" else None for r in rows])
        table.focus()
        totals = self.query_one("#usage-totals", Static)
        if data.month is None:
            self.subject("no closed month yet")
            self.status.ready(f"{month_name(data.open_cycle.start)} is in progress: its usage appears after "
                              f"{day_text(data.open_cycle.end)}")
            totals.update("")
            return
        self.month = data.month.start
        self.subject(month_name(data.month.start))
        sent, added, seen = (sum(getattr(r, f) for r in rows) for f in ("emails_sent", "contacts_added",
                                                                        "page_impressions"))
        totals.update(Content(f"All {count(len(rows))} clients: {count(sent)} emails sent · {count(added)} contacts "
                              f"added · {count(seen)} page impressions"))
        position = f"month {data.months.index(data.month.start) + 1} of {len(data.months)}"
        self.status.ready(f"{month_name(data.month.start)} (closed, {day_text(data.month.start)} – "
                          f"{day_text(data.month.end)}) · {position}")

    def export_table(self) -> ExportTable | None:
        """The month shown, one row per client."""
        page = self.page
        if page is None or page.month is None:
            return None
        return ExportTable(f"client-usage-{page.month.start:%Y-%m}", USAGE_COLUMNS, [
            {"month": page.month.start, "client_id": r.client_id, "name": r.name, "kind": r.kind,
             "emails_sent": r.emails_sent, "contacts_added": r.contacts_added, "page_impressions": r.page_impressions}
            for r in page.rows])

    def action_previous(self) -> None:
        self._go(-1)

    def action_next(self) -> None:
        self._go(+1)

    def _go(self, step: int) -> None:
        page = self.page
        if page is None or page.month is None:
            self.notice.say("There is no closed month to show yet.", "info")
            return
        target = page.previous if step < 0 else page.next
        if target is None:
            if step < 0:
                self.notice.say(f"{month_name(page.month.start)} is the earliest month with usage.", "info")
            elif page.month.end + timedelta(days=1) == page.open_cycle.start:
                self.notice.say(f"{month_name(page.open_cycle.start)} has not ended: its usage appears after "
                                f"{day_text(page.open_cycle.end)}, once the nightly rollup has closed it.", "info")
            else:
                self.notice.say(f"{month_name(page.month.start)} is the latest closed month with usage.", "info")
            return
        self.notice.clear()
        self.month = target
        self.action_reload()
