"""Every bulk change made, newest first (``H`` from anywhere), and its undo (R-BULK-6).

One row per batch: its number, when, who, the action's words, how many clients it changed, and what
undid it (or which batch it undoes). Whoever may read the audit log sees every batch; anyone else
their own. ``u`` undoes the batch under the cursor: its own dry run first (each change set back only
if the client still has the value the batch set; the rest are conflicts, left alone), then, once
confirmed, the undo runs here in a thread worker as a batch of its own.
"""

from __future__ import annotations

from textual.app import ComposeResult

from console_tui.data.views.bulk import BatchSummary, BulkResult
from console_tui.domain.wording import count
from console_tui.screens.base import ACT_GROUP, AgencyScreen
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.viewmodels.bulk_kinds import batch_cells, result_text
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView


class BatchesScreen(AgencyScreen):
    TITLE_TEXT = "Bulk changes made"
    BINDINGS = [*keys.bindings("batches"), *keys.bindings("back")]
    PALETTE_SCOPES = ("batches", "back")

    def __init__(self) -> None:
        super().__init__()
        self.batches: tuple[BatchSummary, ...] = ()

    def compose_body(self) -> ComposeResult:
        yield AdminTable([Column("Batch", 6, "right"), Column("When", 16), Column("By", 12), Column("Action", None),
                          Column("Changed", 8, "right"), Column("Notes", None)],
                         empty="No bulk change has been made yet: select clients and press M.", id="batches")

    def fetch(self) -> tuple[BatchSummary, ...]:
        return self.app.bulk.batches()

    def show(self, batches: tuple[BatchSummary, ...]) -> None:
        self.batches = batches
        tz = self.app.clock.tz
        table = self.query_one("#batches", TableView)
        table.set_rows([batch_cells(batch, tz) for batch in batches],
                       ["dim" if batch.undone_by or not batch.changes else None for batch in batches])
        table.focus()
        self.subject(count(len(batches), "batch", "batches"))
        self.status.ready("u undoes the batch under the cursor (a dry run first)" if batches else "")

    @work(group=ACT_GROUP)
    async def action_undo(self) -> None:
        """``u``: the undo's dry run, then, confirmed, the undo as a batch of its own."""
        from console_tui.screens.bulk.dry_run import DryRunScreen
        from console_tui.screens.bulk.running import prepare_bulk, run_bulk

        if not self.loaded or not self.batches:
            self.say("No batch is selected.")
            return
        batch = self.batches[self.query_one("#batches", TableView).cursor]
        prepare_bulk(self)  # for the undo's run, after its dry run
        dry_run = DryRunScreen(undo_of=batch.number)
        await self.app.push_screen_wait(dry_run)
        if (confirmed := dry_run.confirmed) is None:
            self.say_cancelled(f"Undoing batch {batch.number}")
            return
        run_bulk(self, self.refuse, confirmed.plan, confirmed.all_or_nothing, self._ran)

    def _ran(self, result: BulkResult) -> None:
        self.app.notify(result_text(result), title="Bulk change", timeout=12,
                        severity="information" if result.applied else "warning")
        if result.applied:
            self.app.data_changed(None)


__all__ = ["BatchesScreen"]
