"""The audit log (R-ACC-5, Administrators): every change made through the console, newest first —
who, what, which client, when — filtered by user, client (part of a name, or ``#id``) and action.
The focused row's before and after are shown field by field below. Every value is data: shown as
plain text, never markup.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from console_tui.data.queries.audit_text import ABSENT, summary
from console_tui.data.views.agency import AuditFilter, AuditPage, AuditRow
from console_tui.display import DASH, clip, safe, when_text
from console_tui.domain.wording import count
from console_tui.export import ExportTable
from console_tui.screens.base import AgencyScreen
from console_tui.screens.exporting import Exporting
from console_tui.ui import keys
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView

EXPORT_COLUMNS = ("id", "at", "who", "action", "what", "client_id", "client", "change")
TYPING_PAUSE = 0.3  # seconds after the last key before the client filter applies


class FilterInput(Input):
    """The client filter; ``esc`` goes back to the list (not back a screen)."""

    BINDINGS = keys.bindings("audit_filter")

    def action_leave_filter(self) -> None:
        self.screen.query_one("#audit", TableView).focus()


class AuditLogScreen(AgencyScreen, Exporting):
    TITLE_TEXT = "Audit Log"
    BINDINGS = keys.bindings("audit")
    AUTO_FOCUS = "#audit"
    DEFAULT_CSS = """
    AuditLogScreen #audit-filters { height: 1; padding: 0 1; background: $boost; }
    AuditLogScreen #audit-filters Static { width: auto; padding: 0 1 0 0; color: $text-muted; }
    AuditLogScreen #audit-filters Select { width: 20; margin-right: 1; }
    AuditLogScreen #audit-filters Input { width: 1fr; margin-right: 1; }
    AuditLogScreen #audit-head { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    AuditLogScreen #audit-detail { height: 7; }
    """

    def __init__(self, client_id: int | None = None) -> None:
        super().__init__()
        self.client_id = client_id
        self.rows: list[AuditRow] = []
        self.page: AuditPage | None = None
        self._older: tuple[Any, int] | None = None
        self._typing: Timer | None = None
        self._offered: dict[str | None, tuple[str, ...]] = {}

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="audit-filters"):
            yield Static(Content("User"))
            yield Select([], prompt="any", id="filter-user", compact=True)
            yield Static(Content("Client"))
            yield FilterInput(value=f"#{self.client_id}" if self.client_id else "",
                              placeholder="name or #id", id="filter-client", compact=True)
            yield Static(Content("Action"))
            yield Select([], prompt="any", id="filter-action", compact=True)
        yield AdminTable([Column("When", 17), Column("Who", 10), Column("Action", 20), Column("Client", None),
                         Column("Change", None)], empty="No change matches these filters.", id="audit")
        yield Static("", id="audit-head", markup=False)
        yield AdminTable([Column("Field", None), Column("Before", None), Column("After", None)],
                        empty="Nothing recorded before or after.", id="audit-detail")

    # --- loading -----------------------------------------------------------------------------------

    def filters(self) -> AuditFilter:
        user = self.query_one("#filter-user", Select).value
        action = self.query_one("#filter-action", Select).value
        return AuditFilter(actor=user if isinstance(user, str) else None,
                           action=action if isinstance(action, str) else None,
                           client=self.query_one("#filter-client", Input).value)

    def load_args(self) -> tuple[Any, ...]:
        older, self._older = self._older, None
        return (self.filters(), older)

    def fetch(self, *args: Any) -> tuple[AuditPage, bool]:
        filters, older = args
        return self.app.admin.audit(filters, older), older is not None

    def show(self, data: tuple[AuditPage, bool]) -> None:
        page, appended = data
        self.page = page
        self.rows = [*self.rows, *page.rows] if appended else list(page.rows)
        self._offer(self.query_one("#filter-user", Select), page.actors)
        self._offer(self.query_one("#filter-action", Select), page.actions, page.action_labels)
        tz = self.app.clock.tz
        table = self.query_one("#audit", TableView)
        table.set_rows([(when_text(r.at, tz), r.actor, r.what or r.action, self._client(r), summary(r.changes))
                        for r in self.rows])
        if not appended:
            table.cursor = 0
        self._show_detail(table.cursor)
        more = " · n: older entries" if page.more else ""
        self.status.ready(f"{count(len(self.rows), 'entry')}, newest first{more}")
        if not isinstance(self.focused, Input | Select):
            table.focus()

    def export_table(self) -> ExportTable | None:
        """The entries shown (the filters applied, the older pages fetched), newest first."""
        return None if not self.loaded else ExportTable("audit-log", EXPORT_COLUMNS, [
            {"id": r.id, "at": r.at, "who": r.actor, "action": r.action, "what": r.what or r.action,
             "client_id": r.client_id, "client": r.client_name, "change": summary(r.changes)} for r in self.rows])

    @staticmethod
    def _client(row: AuditRow) -> str:
        if row.client_id is None:
            return DASH
        return row.client_name or f"#{row.client_id} (deleted)"

    def _offer(self, select: Select[str], values: tuple[str, ...], labels: tuple[str, ...] = ()) -> None:
        if self._offered.get(select.id) == values:
            return  # unchanged: keep the choice and do not post a Changed
        self._offered[select.id] = values
        chosen = select.value
        with select.prevent(Select.Changed):
            select.set_options([(clip(safe(label), 30), v) for v, label in zip(values, labels or values, strict=True)])
            if isinstance(chosen, str) and chosen in values:
                select.value = chosen

    # --- the focused row, field by field ------------------------------------------------------------

    def on_table_view_highlighted(self, message: TableView.Highlighted) -> None:
        if message.table.id == "audit":
            self._show_detail(message.index)

    def _show_detail(self, index: int) -> None:
        head = self.query_one("#audit-head", Static)
        detail = self.query_one("#audit-detail", TableView)
        if not 0 <= index < len(self.rows):
            head.update("")
            detail.set_rows([])
            return
        row = self.rows[index]
        tz = self.app.clock.tz
        client = "" if row.client_id is None else f" · client {self._client(row)} (#{row.client_id})"
        head.update(Content(safe(f"#{row.id} · {when_text(row.at, tz)} · {row.actor} · "
                                 f"{row.what or row.action}{client}")))
        detail.set_rows([(c.field, c.before if c.before != ABSENT else DASH, c.after if c.after != ABSENT else DASH)
                         for c in row.changes])

    # --- filters and paging ---------------------------------------------------------------------------

    def on_select_changed(self, message: Select.Changed) -> None:
        message.stop()
        if self.is_mounted:
            self.action_reload()

    def on_input_changed(self, message: Input.Changed) -> None:
        message.stop()
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPING_PAUSE, self.action_reload)

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        if self._typing is not None:
            self._typing.stop()
        self.action_reload()
        self.query_one("#audit", TableView).focus()

    def action_filter(self) -> None:
        self.query_one("#filter-client", Input).focus()

    def action_older(self) -> None:
        if self.page is None or not self.page.more or not self.rows:
            self.notice.say("These are all the entries that match.", "info")
            return
        last = self.rows[-1]
        self._older = (last.at, last.id)
        self.action_reload()
