"""The attention queue (R-ATT-1, R-ATT-2): every client that needs someone, most urgent first.

``!`` opens it from anywhere. Each row shows its severity in words and a mark (never colour
alone), the client, since when, and its reasons. ``enter`` opens the screen that fixes the row's
most urgent reason for that client; each reason's own key (``s`` Email sender, ``c`` Client
configuration, ``e`` EBS, ``u`` users, ``d`` detail, ``x`` options; ``E`` Email Limits and ``A``
My Account are global) opens its screen for the client under the cursor. The agency's own row
(the plan) opens My Account.

Snoozes (R-ATT-3): ``z`` snoozes the row's most urgent reason (a dialog asks until when, and a
note); the queue leaves out what the person snoozed. ``Z`` shows their snoozes instead (until
when, the client, the reason and the note), where ``z`` unsnoozes the one under the cursor; ``Z``
again goes back to the queue.

``+`` puts the client of the row under the cursor in the compare tray, ``=`` compares the clients
picked (R-CMP-1, ``screens/console/compare_tray.py``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import cast

from textual.app import ComposeResult

from console_tui.clock import local_today
from console_tui.domain.attention import AttentionRow, Severity
from console_tui.domain.permissions import Action
from console_tui.domain.snooze import Snooze, most_urgent
from console_tui.domain.wording import count
from console_tui.export import ExportTable
from console_tui.screens.base import ACT_GROUP, AgencyScreen
from console_tui.screens.console import routes
from console_tui.screens.console.compare_tray import ComparePicking
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.dialogs.snooze import SnoozeDialog
from console_tui.screens.exporting import Exporting
from console_tui.screens.lazy import SCREENS, client_screen_class
from console_tui.screens.selecting import Selecting
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView

#: The per-client rows of the key table this screen opens (the reasons' ``fix``).
FIXES = keys.routes("attention")
#: The agency screens a reason may name (its key is global).
AGENCY_FIXES = keys.routes("app")


EXPORT_COLUMNS = ("id", "name", "severity", "since", "reasons", "codes")


def severity_cell(severity: Severity) -> str:
    return f"{severity.mark} {severity.word}"


class AttentionScreen(AgencyScreen, Exporting, ComparePicking, Selecting):
    TITLE_TEXT = "Attention"
    BINDINGS = keys.bindings("attention")
    PALETTE_SCOPES = ("attention", "back")

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[AttentionRow, ...] = ()
        self.snoozes: tuple[Snooze, ...] = ()
        self.showing_snoozed = False
        self._tally = ""  # the status line's counts, after the selection's

    def on_mount(self) -> None:
        self.query_one("#attention", TableView).marked = lambda index: self.rows[index].id in self.selection
        super().on_mount()

    def compose_body(self) -> ComposeResult:
        yield AdminTable([Column("Severity", 11), Column("Client", None), Column("Since", 10), Column("Reasons", None)],
                         empty="Nothing needs attention.", id="attention")
        yield AdminTable([Column("Until", 10), Column("Client", None), Column("Reason", 26), Column("Note", None)],
                         empty="Nothing is snoozed.", id="snoozed")

    def fetch(self) -> tuple[tuple[AttentionRow, ...], tuple[Snooze, ...]]:
        return self.app.admin.attention(), self.app.admin.snoozes()

    def show(self, page: tuple[tuple[AttentionRow, ...], tuple[Snooze, ...]]) -> None:
        data, self.snoozes = page
        self._show_snoozes()
        self.rows = data
        if self.selection:  # a client that left the queue is not selected
            self.selection.keep({row.id for row in data if row.id is not None})
        table = self.query_one("#attention", TableView)
        table.set_rows([(severity_cell(row.severity), row.name, row.since.isoformat() if row.since else "",
                         "; ".join(reason.text for reason in row.reasons)) for row in data],
                       ["warn" if row.severity is Severity.CRITICAL else None for row in data])
        if not self.showing_snoozed:
            table.focus()
        tally = " · ".join(f"{count(sum(1 for row in data if row.severity is s))} {s.word}" for s in Severity)
        clients = count(sum(1 for row in data if row.id is not None), "client")
        self.subject(clients)
        self._tally = (f"{clients}: {tally} · ↵ opens the fix" if not self.showing_snoozed else
                       f"{count(len(self.snoozes), 'snooze')} · z unsnoozes · Z back to the queue")
        self._show_status()

    def _show_status(self) -> None:
        selected = self.selection_text() if not self.showing_snoozed else ""
        self.status.ready(f"{selected} · {self._tally}" if selected else self._tally)

    # --- selecting clients for a bulk change (screens/selecting.py) ------------------------------------

    def selection_shown(self) -> Iterable[int]:
        return [row.id for row in self.rows if row.id is not None]

    def selection_cursor(self) -> int | None:
        if self.showing_snoozed or not self.rows:
            return None
        return self.rows[self.query_one("#attention", TableView).cursor].id

    def selection_move(self, delta: int) -> None:
        table = self.query_one("#attention", TableView)
        table.move_to(table.cursor + delta)

    def selection_painted(self, ids: Collection[int] | None) -> None:
        self.query_one("#attention", TableView).refresh()
        self._show_status()

    def selection_role(self) -> str | None:
        console = self.app.console_screen
        overview = console.overview if isinstance(console, ConsoleScreen) else None
        return None if overview is None else overview.user_role

    def action_back(self) -> None:
        """``esc`` clears the selection first, then goes back."""
        if not self.drop_selection():
            super().action_back()

    # --- snoozes (R-ATT-3) ---------------------------------------------------------------------------

    def _show_snoozes(self) -> None:
        snoozed = self.query_one("#snoozed", TableView)
        snoozed.set_rows([(s.until.isoformat(), s.name, f"{s.severity.mark} {s.code}", s.note) for s in self.snoozes])
        snoozed.display = self.showing_snoozed
        self.query_one("#attention", TableView).display = not self.showing_snoozed
        (snoozed if self.showing_snoozed else self.query_one("#attention", TableView)).focus()

    def action_toggle_snoozed(self) -> None:
        """``Z``: your snoozes instead of the queue, or back."""
        if not self.loaded:
            return
        self.showing_snoozed = not self.showing_snoozed
        self.show((self.rows, self.snoozes))

    @work(group=ACT_GROUP)
    async def action_snooze(self) -> None:
        """``z``: snooze the row's most urgent reason; among the snoozes, unsnooze the one under the cursor."""
        if self.showing_snoozed:
            await self._unsnooze()
            return
        row = self._current()
        if row is None:
            return
        reason = most_urgent(row)
        what = "Snoozing the reason"
        answer = await self.ask(what, SnoozeDialog(row.name, reason.text, local_today(self.app.clock)))
        if answer is None:
            return
        until, note = answer
        if await self.act(what, lambda: self.app.admin.snooze(row.id, reason.code, until, note)):
            self.notify(f"{reason.text}: snoozed until {until.isoformat()} for {row.name}.", title="Snoozed")

    async def _unsnooze(self) -> None:
        if not self.loaded or not self.snoozes:
            self.say("Nothing is selected.")
            return
        snooze = self.snoozes[self.query_one("#snoozed", TableView).cursor]
        if await self.act("Unsnoozing the reason", lambda: self.app.admin.unsnooze(snooze.client_id, snooze.code)):
            self.notify(f"{snooze.code} of {snooze.name} is back in the queue.", title="Unsnoozed")

    def export_table(self) -> ExportTable | None:
        """One row per client (the agency's row has no id), most urgent first; its reasons as lists."""
        return None if not self.loaded else ExportTable("attention", EXPORT_COLUMNS, [
            {"id": row.id, "name": row.name, "severity": row.severity.word, "since": row.since,
             "reasons": [reason.text for reason in row.reasons], "codes": [reason.code for reason in row.reasons]}
            for row in self.rows])

    def _current(self) -> AttentionRow | None:
        if self.showing_snoozed:
            self.say("These are your snoozes: press Z to go back to the queue.")
            return None
        if not self.loaded or not self.rows:
            self.say("Nothing is selected.")
            return None
        return self.rows[self.query_one("#attention", TableView).cursor]

    def compare_pick(self) -> tuple[int, str] | None:
        """``+``: the client of the row under the cursor (the agency's own row is not one)."""
        row = self._current()
        if row is not None and row.id is None:
            self.say("The agency's own row is not a client: choose a client's row to compare.")
            return None
        return None if row is None or row.id is None else (row.id, row.name)

    async def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()
        await self.action_fix()

    async def action_fix(self) -> None:
        """``enter``: open what fixes the row's most urgent reason."""
        row = self._current()
        if row is not None:
            await self._open(min(row.reasons, key=lambda reason: reason.severity).fix, row)

    async def action_open(self, name: str) -> None:
        """A reason's key: its screen for the client under the cursor."""
        row = self._current()
        if row is not None:
            await self._open(name, row)

    async def _open(self, name: str, row: AttentionRow) -> None:
        if name in AGENCY_FIXES:  # a global key: the agency screen (Email Limits, My Account)
            await self.run_action(AGENCY_FIXES[name].action)
            return
        if row.id is None:
            self.say(f"{FIXES[name].description} is about one client: choose a client's row.")
            return
        console = self.app.console_screen
        overview = console.overview if isinstance(console, ConsoleScreen) else None
        if overview is None:
            self.say("The console is still loading.")
            return
        key = FIXES[name]
        if reason := routes.refusal(overview.user_role, cast(Action, key.needs)):
            self.refuse(f"{key.description}: {reason}", "Not allowed")
            return
        self.app.push_screen(client_screen_class(f"{SCREENS}.{key.screen}")(row.id, row.name))
