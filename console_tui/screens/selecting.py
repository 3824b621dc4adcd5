"""Mixed into a list of clients (the console, Manage Clients, the attention queue): select clients and
change them all at once (R-BULK).

The selection is one :class:`~console_tui.viewmodels.selection.Selection` of client ids per screen, so
it survives searching, filtering and sorting. ``space`` toggles the client under the cursor,
``shift+up/down`` extends, ``*`` selects every client shown, ``esc`` clears (the screen's ``esc``
calls :meth:`drop_selection` before its other meanings; while a bulk run is in flight, ``esc`` stops
it first). ``M`` opens the bulk change for the
selection, or for the client under the cursor when nothing is selected: the action and its value
(:class:`~console_tui.screens.bulk.action_dialog.BulkDialog`), then its dry run
(:class:`~console_tui.screens.bulk.dry_run.DryRunScreen`), which runs it on confirmation; the run's
progress and result are on this screen's status line while the list stays usable.

The screen gives :meth:`selection_shown`, :meth:`selection_cursor`, :meth:`selection_move`,
:meth:`selection_painted` and :meth:`selection_role`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from textual import getters
from textual.screen import Screen

from console_tui.data.views.bulk import BulkPlan, BulkResult
from console_tui.domain.bulk import BulkKind
from console_tui.domain.roles import Role
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import work
from console_tui.viewmodels.bulk_kinds import kinds_for, may_apply_templates, result_text
from console_tui.viewmodels.selection import Selection

if TYPE_CHECKING:  # the bulk screens are imported when first used
    from console_tui.screens.bulk.running import BulkRun


class Selecting(Screen[Any]):
    """The selection half of a list of clients (see the module's description)."""

    app = getters.app(ConsoleHost)
    BINDINGS = keys.bindings("select")
    bulk_run: BulkRun | None = None  # the last bulk run this list started (stop() stops it while in flight)

    _selection: Selection | None = None

    @property
    def selection(self) -> Selection:
        if self._selection is None:
            self._selection = Selection()
        return self._selection

    # --- what the screen gives -------------------------------------------------------------------

    def selection_shown(self) -> Iterable[int]:
        """The ids of the clients the list shows, in order."""
        raise NotImplementedError

    def selection_cursor(self) -> int | None:
        """The id of the client under the cursor (None: no row, or a row that is no client)."""
        raise NotImplementedError

    def selection_move(self, delta: int) -> None:
        """Move the cursor ``delta`` rows."""
        raise NotImplementedError

    def selection_painted(self, ids: Collection[int] | None) -> None:
        """Repaint the marks of ``ids`` (None: every row) and say how many are selected."""
        raise NotImplementedError

    def selection_role(self) -> str | None:
        """The acting user's role (None while the console is loading)."""
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def refuse(self, text: str, short: str = "") -> None:
        raise NotImplementedError

    def bulk_changed(self, result: BulkResult) -> None:
        """A bulk change was applied: reload what shows the clients changed."""
        self.app.data_changed(None)

    # --- the keys -----------------------------------------------------------------------------------

    def action_toggle_selected(self) -> None:
        client_id = self.selection_cursor()
        if client_id is not None:
            self.selection.toggle(client_id)
            self.selection_painted((client_id,))

    def action_extend_selection(self, delta: int) -> None:
        left = self.selection_cursor()
        self.selection_move(delta)
        arrived = self.selection_cursor()
        self.selection.extend(left, arrived)
        self.selection_painted(tuple(i for i in (left, arrived) if i is not None))

    def action_select_all(self) -> None:
        self.selection.add_all(self.selection_shown())
        self.selection_painted(None)

    def drop_selection(self) -> bool:
        """``esc``'s first meaning: stop the bulk run in flight, else clear the selection; True when
        it did either."""
        if self.bulk_run is not None and self.bulk_run.stop():
            self.say("Stopping the bulk change…")
            return True
        if not self.selection.clear():
            return False
        self.selection_painted(None)
        return True

    def selection_text(self) -> str:
        """``3 selected · M changes them · esc clears`` (or "" when none is)."""
        if not self.selection:
            return ""
        return f"{self.selection.describe(self.selection_shown())} · M changes them · esc clears"

    def action_bulk(self) -> None:
        """``M``: a bulk change of the selection (or the client under the cursor)."""
        role = self.selection_role()
        if role is None:
            self.say("The clients are still loading.")
            return
        kinds = kinds_for(Role(role))
        if not kinds:
            self.app.notify(f"Bulk changes: {role} may make none of the single changes they are made of.",
                            title="Not allowed", severity="warning")
            return
        targets = self.selection.targets(self.selection_cursor())
        if not targets:
            self.say("No client is selected.")
            return
        self._bulk(targets, kinds, may_apply_templates(Role(role)))

    @work(group="bulk")
    async def _bulk(self, targets: tuple[int, ...], kinds: tuple[BulkKind, ...], templates: bool) -> None:
        """Ask the action, show its dry run, and run what was confirmed; esc on the dry run edits again."""
        from console_tui.screens.bulk.action_dialog import BulkDialog
        from console_tui.screens.bulk.dry_run import DryRunScreen
        from console_tui.screens.bulk.running import prepare_bulk

        words: tuple[str, ...] = ()
        while True:
            prepare_bulk(self)
            asked = await self.app.push_screen_wait(BulkDialog(len(targets), kinds, words, templates=templates))
            if asked is None:
                self.say("Bulk change: cancelled, nothing was changed.")
                return
            dry_run = DryRunScreen(targets, asked)
            await self.app.push_screen_wait(dry_run)
            if (confirmed := dry_run.confirmed) is not None:
                break
            words = asked
        self._run(confirmed.plan, confirmed.all_or_nothing)

    def _run(self, plan: BulkPlan, all_or_nothing: bool) -> None:
        from console_tui.screens.bulk.running import run_bulk

        self.bulk_run = run_bulk(self, self.refuse, plan, all_or_nothing, self._ran)

    def _ran(self, result: BulkResult) -> None:
        if result.applied:
            self.selection.clear()
            self.selection_painted(None)
            self.bulk_changed(result)
        self.app.notify(result_text(result), title="Bulk change",
                        severity="information" if result.applied else "warning", timeout=12)
