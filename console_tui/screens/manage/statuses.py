"""Client statuses (R-CAP-1, R-CAP-4; Administrators), from Manage Clients' page menu: every status,
whether it counts toward the plan and how many clients have it. ``a`` adds a custom status (its
name, then whether it counts), ``e`` renames the custom status under the cursor, ``x`` retires it
(refused while a client has it, naming how many). Each change is one audited command.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content

from console_tui.data.views.manage import StatusRow
from console_tui.display import clip, safe
from console_tui.domain.errors import RuleRefused, ValidationError
from console_tui.domain.statuses import check_retirable, status_name
from console_tui.domain.wording import count
from console_tui.screens.base import ACT_GROUP, AgencyScreen
from console_tui.screens.dialogs.choose import Choose
from console_tui.screens.dialogs.confirm import AskValue, Confirm
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView

COUNTS = {"yes": "Counts toward the plan", "no": "Does not count toward the plan"}


def users_text(row: StatusRow) -> str:
    removed = f" (+{count(row.removed)} removed)" if row.removed else ""
    return f"{count(row.clients)}{removed}"


def kind_text(row: StatusRow) -> str:
    return "built-in" if row.builtin else "retired" if row.retired_at else "custom"


class StatusesScreen(AgencyScreen):
    TITLE_TEXT = "Client statuses"
    BINDINGS = keys.bindings("statuses")

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[StatusRow, ...] = ()
        self.selected: str | None = None

    def compose_body(self) -> ComposeResult:
        yield AdminTable([Column("Status", None), Column("Counts", 7), Column("Kind", 9),
                          Column("Clients", 22, "right")], empty="No statuses.", id="statuses")

    def fetch(self, *args: Any) -> tuple[StatusRow, ...]:
        return self.app.manage.statuses()

    def show(self, data: tuple[StatusRow, ...]) -> None:
        self.rows = data
        table = self.query_one("#statuses", TableView)
        table.set_rows([(row.name, "yes" if row.counts else "no", kind_text(row), users_text(row)) for row in data],
                       [None if row.retired_at is None else "dim" for row in data])
        names = [row.name for row in data]
        if self.selected in names:
            table.cursor = names.index(self.selected)
        custom = sum(not row.builtin and row.retired_at is None for row in data)
        retired = sum(row.retired_at is not None for row in data)
        retired_text = f", {count(retired)} retired" if retired else ""
        self.status.ready(f"{count(len(data) - retired)} statuses ({count(custom)} custom){retired_text} · "
                          "a: add · e: rename · x: retire")
        if self.focused is None:
            table.focus()

    def _row(self) -> StatusRow | None:
        if not self.rows:
            return None
        return self.rows[min(self.query_one("#statuses", TableView).cursor, len(self.rows) - 1)]

    def _custom(self, doing: str) -> StatusRow | None:
        """The custom status under the cursor, or None after saying why there is none to change."""
        row = self._row()
        if row is None:
            return None
        if row.builtin:
            self.notice.say(f"{row.name} is a built-in status the plan's counting rule names: it cannot be "
                            f"{doing}. Add a custom status with a.", "info")
            return None
        if row.retired_at is not None and doing != "renamed":
            self.notice.say(f"{row.name} is already retired; adding its name again with a brings it back.", "info")
            return None
        return row

    # --- changes -------------------------------------------------------------------------------------

    @work(group=ACT_GROUP)
    async def action_add_status(self) -> None:
        what = "Adding a status"
        name = await self.ask(what, AskValue("Add a client status", "Its name, as Manage Clients will show it.",
                                             placeholder="e.g. On hold"))
        if name is None:
            return
        try:  # a bad name is said before the second question
            name = status_name(name, what)
        except ValidationError as refused:
            self.notice.say(str(refused), "error")
            return
        shown = clip(safe(name), 40)
        answer = await self.ask(what, Choose(
            Content(f"Does {shown} count toward the plan?"), [(key, Content(text)) for key, text in COUNTS.items()],
            body="Clients with a status that counts take one of the plan's places; "
                 "Suspended and Inactive do not count."))
        if answer is None:
            return
        done = await self.act(what, lambda: self.app.manage.add_status(name, answer == "yes"))
        if done is not None:
            added = done.result
            self.selected = added.name
            again = "Brought back" if added.restored else "Added"
            self.notice.say(f"{again} the status {added.name}: {COUNTS['yes' if added.counts else 'no'].lower()}; "
                            "recorded in the audit log.", "done")

    @work(group=ACT_GROUP)
    async def action_rename_status(self) -> None:
        row = self._custom("renamed")
        if row is None:
            return
        what = f"Renaming the status {row.name}"
        new = await self.ask(what, AskValue(Content(f"Rename {clip(safe(row.name), 40)}"),
                                            "Its clients keep it under the new name.",
                                            value=row.name))
        if new is None:
            return
        done = await self.act(what, lambda: self.app.manage.rename_status(row.name, new))
        if done is not None:
            self.selected = done.result.name
            self.notice.say(f"Renamed {row.name} to {done.result.name}; recorded in the audit log.", "done")

    @work(group=ACT_GROUP)
    async def action_retire_status(self) -> None:
        row = self._custom("retired")
        if row is None:
            return
        what = f"Retiring the status {row.name}"
        try:  # the command's own rule, said before asking anything
            check_retirable(row.name, row.clients + row.removed, row.removed)
        except RuleRefused as refused:
            self.notice.say(str(refused), "error")
            return
        if await self.act(what, lambda: self.app.manage.retire_status(row.name), confirm=Confirm(
                Content(f"Retire {clip(safe(row.name), 40)}?"),
                ["It will no longer be offered for a client; the audit log keeps its name.",
                 "Adding the same name again brings it back."], yes="Retire", no="No")):
            self.notice.say(f"Retired the status {row.name}; recorded in the audit log.", "done")
