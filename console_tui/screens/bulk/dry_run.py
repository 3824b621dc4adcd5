"""A bulk change's dry run (R-BULK-4): one row per client, before → after, no change, refused: why, or a
conflict, with the totals; computed by running the change and rolling it back, so it is what the run
will do.

``enter`` runs it (the screen closes with :attr:`DryRunScreen.confirmed` set; the screen that asked runs it in a thread
worker, with its progress on its own status line); ``a`` turns all-or-nothing on or off; ``o`` shows
one outcome at a time (every row, then changes, no change, refused, conflicts); ``esc`` goes back to
edit the action. The undo of a batch (``undo_of``) is shown the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from console_tui.data.views.bulk import BulkPlan, BulkRow, Outcome
from console_tui.domain.bulk import TEMPLATE
from console_tui.domain.wording import count
from console_tui.screens.base import AgencyScreen
from console_tui.ui import keys
from console_tui.viewmodels.bulk_kinds import OUTCOMES, cells, shown_rows, tone
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView


@dataclass(frozen=True)
class Confirmed:
    """The person confirmed ``plan`` (all or nothing, or each client on its own)."""

    plan: BulkPlan
    all_or_nothing: bool


class DryRunScreen(AgencyScreen):
    """The dry run of ``words`` (an action, or ``template NAME``) on ``targets`` (client ids), or of
    undoing batch ``undo_of``."""

    TITLE_TEXT = "Bulk change: dry run"
    DEFAULT_CSS = """
    DryRunScreen #dry-run-row { height: 2; padding: 0 1; background: $panel; }
    """
    BINDINGS = [*keys.bindings("bulk"), *keys.bindings("back", only=("back.reload",), hide=("back.reload",))]
    PALETTE_SCOPES = ("bulk", "back")

    def __init__(self, targets: tuple[int, ...] = (), words: tuple[str, ...] = (), *,
                 undo_of: int | None = None) -> None:
        super().__init__()
        self.targets, self.words, self.undo_of = targets, words, undo_of
        self.plan: BulkPlan | None = None
        self.all_or_nothing = False
        self.outcome: Outcome | None = None
        self.shown: list[BulkRow] = []
        self.confirmed: Confirmed | None = None  # set when the person confirms, as the screen closes

    def compose_body(self) -> ComposeResult:
        yield AdminTable([Column("Client", None), Column("Outcome", 9), Column("Before → after, or why", None)],
                         empty="No client is in this change.", id="dry-run")
        yield Static("", id="dry-run-row", markup=False)

    def fetch(self) -> BulkPlan:
        """In the load's thread worker; computed in a child process (the console stays responsive),
        stopped if the screen closes first."""
        def cancelled() -> bool:
            return get_current_worker().is_cancelled

        if self.undo_of is not None:
            return self.app.bulk_apart.undo_dry_run(self.undo_of, cancelled=cancelled)
        return self.app.bulk_apart.dry_run_words(self.targets, self.words, cancelled=cancelled)

    def show(self, plan: BulkPlan) -> None:
        from console_tui.screens.bulk.running import prepare_bulk

        prepare_bulk(self)  # the run's child, while the person reads the dry run
        self.plan = plan
        self.subject(plan.title)
        self._fill()

    def _fill(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.shown = shown_rows(plan.rows, self.outcome)
        table = self.query_one("#dry-run", TableView)
        several = plan.undo_of is not None or plan.words[:1] == (TEMPLATE,)
        table.set_rows([cells(row, several) for row in self.shown], [tone(row) for row in self.shown])
        table.focus()
        self._say_totals()
        self._show_row()

    def _show_row(self) -> None:
        """The row under the cursor in full, wrapped: a refusal's whole reason."""
        rows, table = self.shown, self.query_one("#dry-run", TableView)
        row = rows[min(table.cursor, len(rows) - 1)] if rows else None
        text = "" if row is None else f"{row.name}: {row.action}: {row.text}"
        self.query_one("#dry-run-row", Static).update(Content(text))

    def on_table_view_highlighted(self, _message: TableView.Highlighted) -> None:
        self._show_row()

    def _say_totals(self) -> None:
        plan = self.plan
        if plan is None:
            return
        mode = "all or nothing" if self.all_or_nothing else "each client alone"
        showing = f" · showing {self.outcome.value}" if self.outcome is not None else ""
        self.status.ready(f"{plan.totals}{showing} · ↵ runs it: {mode}")

    def action_toggle_all_or_nothing(self) -> None:
        self.all_or_nothing = not self.all_or_nothing
        self._say_totals()

    def action_next_outcome(self) -> None:
        self.outcome = OUTCOMES[(OUTCOMES.index(self.outcome) + 1) % len(OUTCOMES)]
        self._fill()

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()  # enter on the table is the screen's key (below); a double click runs nothing

    def action_confirm(self) -> None:
        plan = self.plan
        if plan is None:
            self.say("The dry run is still being computed.")
            return
        totals = plan.totals
        if self.all_or_nothing and (totals.refused or totals.conflicts):
            self.refuse(f"All or nothing: {count(totals.refused + totals.conflicts, 'client')} would be refused, "
                        "so nothing would be applied. Press a to run each client on its own, or esc to edit.",
                        "All or nothing would apply nothing")
            return
        if not totals.changes:
            self.say("Nothing to change: no client would change. esc edits the action.")
            return
        self.confirmed = Confirmed(plan, self.all_or_nothing)
        self.dismiss()

    def action_edit(self) -> None:
        """``esc``: back to the action (the list's selection stays as it was)."""
        self.dismiss(None)


__all__ = ["Confirmed", "DryRunScreen"]
