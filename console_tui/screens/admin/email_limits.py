"""Email Limits (R-EL-1, R-EL-3, R-EL-4): every client's limit on one screen, saved all or nothing.

``enter`` (or a digit) edits the focused row's limit in place; ``esc`` cancels; blank means
unlimited; a value that is not a whole number ≥ 0 is named at once and the row stays marked
until corrected. ``ctrl+s`` checks every change, asks once (how many, and which) and saves them
together through ``set_email_limits`` — one bad value or a conflict and nothing is saved, and the
edits stay on screen. Beside each limit: this cycle's usage (sent + scheduled, R-EL-2) and the
possible overage above the included emails (R-EL-3). What the rows mean is
:class:`~console_tui.viewmodels.limit_sheet.LimitSheet`'s business; this module is the UI.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static
from textual.worker import WorkerCancelled

from console_tui.data.views.admin import EmailLimitRow
from console_tui.data.views.agency import EmailLimitsPage
from console_tui.data.views.results import LimitsSaved
from console_tui.domain.errors import ValidationError
from console_tui.domain.wording import count
from console_tui.export import ExportTable
from console_tui.screens.base import ACT_GROUP, AgencyScreen, post_load, run_command
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.screens.exporting import Exporting
from console_tui.ui import keys
from console_tui.ui.messages import Loaded, LoadFailed
from console_tui.ui.workers import work
from console_tui.viewmodels.limit_sheet import LimitSheet, limit_text
from console_tui.widgets.edit_table import EditTable
from console_tui.widgets.find_input import FindInput
from console_tui.widgets.limit_editor import LimitEditor
from console_tui.widgets.table_view import Column, TableView

COLUMNS = [Column("", 1), Column("Client", None), Column("Limit", 12, "right"), Column("Used", 10, "right"),
           Column("Over included", 22, "right")]
LIMIT_COLUMN = 2
EXPORT_COLUMNS = ("client_id", "name", "limit", "sent", "scheduled", "used", "emails_over", "overage_cents",
                  "unsaved_limit")


class EmailLimitsScreen(AgencyScreen, Exporting):
    TITLE_TEXT = "Email Limits"
    BINDINGS = keys.bindings("limits")
    DEFAULT_CSS = """
    EmailLimitsScreen { layers: default editor; }
    EmailLimitsScreen #row-detail { height: auto; max-height: 6; padding: 0 1; background: $boost; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.sheet: LimitSheet | None = None
        self.view: list[int] = []  # indices into the page's rows, as found
        self.editing: int | None = None  # the client whose limit the editor holds
        self._saving: dict[int, str] = {}
        self._reading: int | None = None  # the client whose cycle so far is being read

    @property
    def edits(self) -> dict[int, str]:
        """Client id → the text typed (blank = unlimited), not saved yet."""
        return self.sheet.edits if self.sheet else {}

    def compose_body(self) -> ComposeResult:
        yield FindInput("#limits", placeholder="Find a client by name (esc closes)", id="find")
        yield EditTable(COLUMNS, empty="No clients.", id="limits")
        yield Static("", id="row-detail", markup=False)
        yield LimitEditor(id="editor", placeholder="blank: none", max_length=24, compact=True, select_on_focus=False)

    @property
    def table(self) -> EditTable:
        return self.query_one(EditTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(FindInput).on_query(self._find)
        self.watch(self.table, "scroll_y", self._scrolled, init=False)

    def fetch(self, *args: Any) -> EmailLimitsPage:
        return self.app.admin.email_limits()

    # --- showing ---------------------------------------------------------------------------------

    def show(self, data: EmailLimitsPage) -> None:
        self.sheet = LimitSheet(data, self.edits)
        self.subject(f"{data.cycle.start:%B %Y} cycle")
        self._find(self.query_one(FindInput).value)
        self.table.focus()

    def _find(self, text: str) -> None:
        if self.sheet is None:
            return
        wanted = " ".join(text.split()).casefold()
        self.view = [i for i, low in enumerate(self.sheet.lowered) if wanted in low] if wanted else list(
            range(len(self.sheet.page.rows)))
        shown = [self.sheet.cells(self.sheet.page.rows[i]) for i in self.view]
        self.table.set_rows([cells for cells, _ in shown], [tone for _, tone in shown])
        self._describe()

    def export_table(self) -> ExportTable | None:
        """The clients found, their saved limits and usage, and any limit typed but not saved yet."""
        sheet = self.sheet
        if sheet is None:
            return None
        rows = [sheet.page.rows[i] for i in self.view]
        return ExportTable("email-limits", EXPORT_COLUMNS, [
            {"client_id": r.client_id, "name": r.name, "limit": r.limit, "sent": r.sent, "scheduled": r.scheduled,
             "used": r.sent + r.scheduled, "emails_over": r.overage.emails_over, "overage_cents": r.overage.cost_cents,
             "unsaved_limit": sheet.edits.get(r.client_id)} for r in rows])

    def _repaint(self, client_id: int) -> None:
        assert self.sheet is not None
        for position, i in enumerate(self.view):
            if self.sheet.page.rows[i].client_id == client_id:
                self.table.replace_row(position, *self.sheet.cells(self.sheet.page.rows[i]))
        self._describe()

    def _focused(self) -> EmailLimitRow | None:
        if self.sheet is None or not self.view or self.table.cursor >= len(self.view):
            return None
        return self.sheet.page.rows[self.view[self.table.cursor]]

    def _describe(self) -> None:
        """The status line (plan terms, unsaved changes) and the focused row's two lines."""
        if self.sheet is not None:
            self.status.ready(self.sheet.summary(len(self.view)))
            row = self._focused()
            self.query_one("#row-detail", Static).update(Content(self.sheet.detail(row) if row else ""))
            if row is not None and self.sheet.wants_cycle(row) and self._reading != row.client_id:
                self._reading = row.client_id
                self._read_cycle(row.client_id, self.sheet.new_limits()[row.client_id])

    @work(thread=True, exclusive=True, group="limits-cycle")
    def _read_cycle(self, client_id: int, limit: int | None) -> None:
        """The focused client's cycle so far, for the panel under the table (R-WI-1)."""
        admin = self.app.admin
        post_load(self, "cycle", lambda: admin.limits_what_if({client_id: limit}))

    def on_loaded(self, message: Loaded) -> None:
        """The panel's read (``cycle``) is this screen's alone; the page's load is the base's."""
        if message.what == "cycle":
            message.stop()
            message.prevent_default()
            self._reading = None
        if message.what == "cycle" and self.sheet is not None:
            self.sheet.remember(message.data)
            self._describe()

    def on_load_failed(self, message: LoadFailed) -> None:
        if message.what == "cycle":  # the notice says why; the list stays as it is
            message.stop()
            message.prevent_default()
            self._reading = None
            self.notice.say(message.message, "error")

    def on_table_view_highlighted(self, message: TableView.Highlighted) -> None:
        self._describe()

    # --- editing in place ---------------------------------------------------------------------------

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()
        self.action_edit()

    def action_edit(self, initial: str | None = None) -> None:
        row = self._focused()
        region = self.table.cell_region(self.table.cursor, LIMIT_COLUMN)
        if self.sheet is None or row is None or region is None or self.editing is not None:
            return
        text = self.sheet.text_for(row.client_id) if initial is None else initial
        editor = self.query_one(LimitEditor)
        self.editing = row.client_id
        editor.styles.offset = (region.x - 1, region.y)
        editor.styles.width = region.width + 2
        editor.value = text
        editor.display = True
        editor.focus()
        editor.cursor_position = len(text)

    def on_key(self, event: Any) -> None:
        if self.focused is self.table and event.character and event.character.isdigit():
            event.stop()  # a digit starts editing with that digit, as in a spreadsheet
            self.action_edit(initial=event.character)

    def _close_editor(self) -> None:
        self.query_one(LimitEditor).display = False
        self.editing = None
        self.table.focus()

    def _commit(self, *, move: bool) -> None:
        if self.editing is None or self.sheet is None:
            return
        cid, text = self.editing, self.query_one(LimitEditor).value
        self._close_editor()
        problem = self.sheet.edit(cid, text)
        self._repaint(cid)
        if problem:
            self.notice.say(problem, "error")
        else:
            self.notice.clear()
            if move:
                self.table.action_cursor_down()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        if isinstance(message.input, LimitEditor):
            self._commit(move=True)

    def on_limit_editor_cancelled(self, message: LimitEditor.Cancelled) -> None:
        message.stop()
        self._close_editor()

    def on_limit_editor_left(self, message: LimitEditor.Left) -> None:
        message.stop()
        self._commit(move=False)  # focus went elsewhere: keep what was typed

    def _scrolled(self) -> None:
        self._commit(move=False)  # the editor would no longer sit on its row

    def action_undo(self) -> None:
        row = self._focused()
        if self.sheet is not None and row is not None and self.sheet.undo(row.client_id):
            self._repaint(row.client_id)
            self.notice.say(f"{row.name}: back to the saved limit ({limit_text(row.limit)}).", "info")

    def action_jobs(self) -> None:
        """The focused client's scheduled email jobs (R-WI-1)."""
        if (row := self._focused()) is not None:
            from console_tui.screens.client.scheduled_jobs import ScheduledJobsScreen

            self.app.push_screen(ScheduledJobsScreen(row.client_id, row.name))

    def action_filter(self) -> None:
        self.query_one(FindInput).open()

    def on_find_input_closed(self, message: FindInput.Closed) -> None:
        message.stop()
        self.table.focus()

    # --- saving, all or nothing (R-EL-4) ------------------------------------------------------------

    @work(group=ACT_GROUP)
    async def action_save(self) -> None:
        self._commit(move=False)
        if self.sheet is None:
            return
        if not self.edits:
            self.notice.say("Nothing to save: no limit was changed.", "info")
            return
        try:
            texts, versions, question, lines = self.sheet.to_save()
        except ValidationError as error:  # one bad value: nothing is sent, every bad one is named
            self.status.failed("Not saved: correct the limits named below")
            self.notice.say(str(error), "error")
            return
        limits = self.sheet.new_limits()
        try:  # the cycle so far under each new limit, before asking (R-WI-1)
            what_if = await run_command(self, lambda: self.app.admin.limits_what_if(limits))
        except WorkerCancelled:
            return
        except Exception as error:
            self.show_failure("Reading the cycle so far", error)
            return
        risky, lines = self.sheet.confirm_lines(what_if)
        if risky:
            question += f" {risky:,} would block sends or {'is' if risky == 1 else 'are'} below what this cycle uses."
        self._saving = texts
        done = await self.act("Saving the email limits", lambda: self.app.admin.save_email_limits(texts, versions),
                              confirm=Confirm(question, lines, yes="Save anyway" if risky else "Save", no="No",
                                              danger=bool(risky)))
        if done is None:
            return
        result: LimitsSaved = done.result
        if self.sheet is not None:
            self.sheet.saved(self._saving)
        n = len(result.changes)
        self.notice.say(f"Saved {count(n, 'email limit')} together; the change is in the audit log.",
                        "done")

    def show_failure(self, what: str, error: BaseException) -> None:
        super().show_failure(what, error)
        self.status.failed(f"Not saved: your {len(self.edits):,} changes are still on screen")

    # --- leaving --------------------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.edits:
            self._leave_unsaved()
        else:
            self.dismiss()

    @work(group=ACT_GROUP)
    async def _leave_unsaved(self) -> None:
        n = len(self.edits)
        if await self.app.push_screen_wait(Confirm(
                f"Leave without saving {count(n, 'change')}?",
                ["The limits you changed here are not saved yet.", "Choose No, then ctrl+s to save them."],
                yes="Discard", no="No")):
            self.dismiss()
