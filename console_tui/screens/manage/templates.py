"""Client templates (R-TPL-1; Administrators), from Manage Clients' page menu: every template with who
saved it, when and what it sets; the panel under the list shows the one under the cursor in full.
``a`` saves a client's setup as a template (pick the client, then name it), ``e`` edits the template
under the cursor as its TOML file, ``x`` removes it. Each change is one audited command.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.agency import ClientRef
from console_tui.data.views.templates import TemplateRow
from console_tui.display import clip, safe
from console_tui.domain.templates import setup_lines, setup_summary
from console_tui.domain.wording import count
from console_tui.screens.base import ACT_GROUP, AgencyScreen
from console_tui.screens.dialogs.admin_dialogs import ClientPicker
from console_tui.screens.dialogs.confirm import AskValue, Confirm
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView

EMPTY = "No templates yet: press a to save a client's setup as one."


def template_detail(row: TemplateRow) -> Content:
    """The template's every part, one per line, under its name."""
    lines = [Content.assemble((clip(safe(row.name), 60), "bold"), ("  saved by ", "dim"), safe(row.owner) or "-")]
    lines += [Content.assemble((f"{label:<24}", "dim"), safe(value)) for label, value in setup_lines(row.setup)]
    return Content("\n").join(lines)


class TemplatesScreen(AgencyScreen):
    TITLE_TEXT = "Client templates"
    BINDINGS = keys.bindings("templates")
    DEFAULT_CSS = """
    TemplatesScreen #templates { height: 1fr; }
    TemplatesScreen #template-detail { height: auto; max-height: 9; padding: 0 1; background: $panel; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[TemplateRow, ...] = ()
        self.clients: tuple[ClientRef, ...] = ()
        self.selected: str | None = None

    def compose_body(self) -> ComposeResult:
        yield AdminTable([Column("Template", 24), Column("Saved by", 10), Column("Updated", 10), Column("Sets", None)],
                         empty=EMPTY, id="templates")
        yield Static("", id="template-detail", markup=False)

    def fetch(self, *args: Any) -> tuple[tuple[TemplateRow, ...], tuple[ClientRef, ...]]:
        return self.app.manage.templates(), self.app.admin.clients()

    def show(self, data: tuple[tuple[TemplateRow, ...], tuple[ClientRef, ...]]) -> None:
        self.rows, self.clients = data
        table = self.query_one("#templates", TableView)
        tz = self.app.clock.tz
        table.set_rows([(row.name, row.owner or "-", f"{row.updated_at.astimezone(tz):%Y-%m-%d}",
                         setup_summary(row.setup)) for row in self.rows])
        names = [row.name for row in self.rows]
        if self.selected in names:
            table.cursor = names.index(self.selected)
        self._detail()
        self.status.ready(f"{count(len(self.rows))} template{'' if len(self.rows) == 1 else 's'} · "
                          "a: save from a client · e: edit · x: remove")
        if self.focused is None:
            table.focus()

    def _row(self) -> TemplateRow | None:
        if not self.rows:
            return None
        return self.rows[min(self.query_one("#templates", TableView).cursor, len(self.rows) - 1)]

    def _detail(self) -> None:
        row = self._row()
        detail = self.query_one("#template-detail", Static)
        detail.display = row is not None
        if row is not None:
            detail.update(template_detail(row))

    def on_table_view_highlighted(self, message: TableView.Highlighted) -> None:
        self._detail()

    # --- changes -------------------------------------------------------------------------------------

    @work(group=ACT_GROUP)
    async def action_save_from_client(self) -> None:
        what = "Saving a template"
        client = await self.ask(what, ClientPicker("Save the setup of which client?", self.clients))
        if client is None:
            return
        name = await self.ask(what, AskValue(
            Content.assemble("Save ", (clip(safe(client.name), 40), "bold"), "'s setup as a template"),
            "Its services and allowances, email limit, client managers, Direct Support, EBS, license term "
            "and rebrand lock, as they are now. The template's name:", placeholder="e.g. Annual starter"))
        if name is None:
            return
        done = await self.act(what, lambda: self.app.manage.save_template_from_client(name, client.id))
        if done is not None:
            self.selected = done.result.name
            self.notice.say(f"Saved {client.name}'s setup as the template {done.result.name}; recorded in the "
                            "audit log.", "done")

    @work(group=ACT_GROUP)
    async def action_edit_template(self) -> None:
        row = self._row()
        if row is None:
            self.say("There is no template to edit: press a to save one from a client.")
            return
        from console_tui.screens.dialogs.template_editor import TemplateEditor

        saved = await self.ask(f"Editing the template {row.name}", TemplateEditor(row))
        if saved is not None:
            self.selected = saved.name
            self.app.data_changed(None)
            self.notice.say(f"Saved the template {saved.name}; recorded in the audit log.", "done")

    @work(group=ACT_GROUP)
    async def action_remove_template(self) -> None:
        row = self._row()
        if row is None:
            self.say("There is no template to remove.")
            return
        shown = clip(safe(row.name), 40)
        if await self.act(f"Removing the template {row.name}", lambda: self.app.manage.remove_template(row.name),
                          confirm=Confirm(Content(f"Remove the template {shown}?"),
                                          ["Clients added from it keep their setup.",
                                           "The audit log keeps what it set."], yes="Remove", no="No", danger=True)):
            self.notice.say(f"Removed the template {row.name}; recorded in the audit log.", "done")
