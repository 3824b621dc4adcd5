"""Services and Allowances (R-OPT-4): per add-on service, the monthly allowance and what is active.

``enter`` (or ``e``) sets the highlighted service's allowance. Lowering it below the amount already
active deactivates nothing: billing continues on the active amount until services are removed —
the screen says so before and after. Email is not here (Email Limits, R-EL).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.manage import ServiceRow, ServicesView
from console_tui.display import DASH
from console_tui.domain.allowances import AllowanceChange, Service, set_allowance
from console_tui.domain.wording import money
from console_tui.screens.base import ACT_GROUP, ClientScreen
from console_tui.screens.dialogs.confirm import AskValue, Confirm
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.table_view import Column, TableView

RULE = ("The client cannot exceed or change these allowances. Lowering one below what is active deactivates "
        "nothing: billing continues on the active amount until services are removed. Email is not here: "
        "see Email Limits (E, from anywhere).")


def _units(n: int, row: ServiceRow) -> str:
    return f"{n:,} {row.unit}{'' if n == 1 else 's'}"


def over(row: ServiceRow) -> str | None:
    """The R-OPT-4 note for a row whose allowance is below what is active."""
    if row.allowance is None or row.allowance >= row.active:
        return None
    service = Service(row.key, row.name, row.unit, row.unit_price_cents)
    return f"{row.name}: " + (set_allowance(row.active, row.allowance, service=service).note or "")


class ServicesScreen(ClientScreen):
    TITLE_TEXT = "Services and Allowances"
    BINDINGS = keys.bindings("option", only=("services.edit",))
    DEFAULT_CSS = """
    ServicesScreen #services { height: auto; max-height: 12; }
    ServicesScreen #services-rule { padding: 1 1 0 1; color: $text-secondary; }
    ServicesScreen #services-notes { padding: 1 1 0 1; color: $text-warning; height: auto; }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.view: ServicesView | None = None

    def compose_body(self) -> ComposeResult:
        yield TableView([Column("Service", None), Column("Price a month", 16), Column("Allowance", 12, "right"),
                         Column("Active", 8, "right"), Column("Billed", 10, "right")],
                        empty="No add-on services are set up.", id="services")
        yield Static(RULE, id="services-rule", markup=False)
        yield Static("", id="services-notes", markup=False)

    def fetch(self) -> ServicesView:
        return self.app.manage.services(self.client_id)

    def show(self, data: ServicesView) -> None:
        self.view = data
        table = self.query_one("#services", TableView)
        table.set_rows(
            [(r.name, f"{money(r.unit_price_cents)} / {r.unit}", DASH if r.allowance is None else f"{r.allowance:,}",
              f"{r.active:,}", money(r.unit_price_cents * r.active)) for r in data.services],
            ["warn" if over(r) else None for r in data.services])
        table.focus()
        notes = [note for r in data.services if (note := over(r))]
        self.query_one("#services-notes", Static).update(Content("\n".join(notes)))
        self.status.ready("Allowance — = not set (not limited) · enter or e sets the allowance · esc back")

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()
        self.action_edit()

    def action_edit(self) -> None:
        if self.view is None or not self.view.services:
            return
        row = self.view.services[self.query_one("#services", TableView).cursor]
        self._set_allowance(row)

    @work(group=ACT_GROUP)
    async def _set_allowance(self, row: ServiceRow) -> None:
        current = "" if row.allowance is None else str(row.allowance)
        text = await self.app.push_screen_wait(AskValue(
            f"Monthly allowance: {row.name}",
            f"Active now: {_units(row.active, row)}. A whole number, 0 or more.",
            value=current, placeholder="e.g. 10"))
        if text is None:
            return
        try:
            lowered = int(text.strip()) < row.active
        except ValueError:
            lowered = False  # the command names the problem
        if lowered:
            service = Service(row.key, row.name, row.unit, row.unit_price_cents)
            note = set_allowance(row.active, int(text.strip()), service=service).note or ""
            if not await self.app.push_screen_wait(Confirm(f"Lower the {row.name} allowance to {int(text.strip()):,}?",
                                                           note, yes="Lower it")):
                self.notify("Nothing changed.", timeout=3)
                return
        client_id, key, version = self.client_id, row.key, row.version
        done = await self.act(f"Setting the {row.name} allowance",
                              lambda: self.app.manage.set_allowance(client_id, key, text, version))
        if done is not None:
            self._saved(done.result)

    def _saved(self, change: AllowanceChange) -> None:
        if change.note:
            self.notify(change.note, title="Allowance saved", severity="warning", timeout=12)
        else:
            self.notify(f"Allowance saved: {change.allowance:,} a month.", title="Allowance saved")
