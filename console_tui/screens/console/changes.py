"""The console's day-over-day marks (R-HIST-2): what changed on each card, against yesterday or 7 days ago.

The changes load in a thread once the whole list is shown (after the attention marks' trigger, never
before the first frame: five reads of whole history days, ~0.1 s at 10,000 clients), again after
each reload; ``w`` switches the comparison without reading again. The status line says which
comparison the cards show. A failure leaves the marks as they were (the list's load reports the
database).
"""

from __future__ import annotations

import logging
from datetime import date

from textual.worker import get_current_worker

from console_tui.clock import local_today
from console_tui.data.views.history import ChangesPage
from console_tui.screens.base import failure_text
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import Loaded, LoadFailed
from console_tui.ui.workers import work
from console_tui.widgets.card_changes import Against, CardMarks
from console_tui.widgets.client_list import ClientList

log = logging.getLogger(__name__)


class ChangeMarks:
    """Mixed into the console screen: loads the changes and hands them to its :class:`ClientList`."""

    app: ConsoleHost
    changes_page: ChangesPage | None = None
    against: Against = Against.YESTERDAY
    briefing_asked: date | None = None  # the day this console last asked whether to show the briefing

    @property
    def clients(self) -> ClientList:  # the screen's list
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="changes")
    def _load_changes(self) -> None:
        worker = get_current_worker()
        try:
            page = self.app.services.changes()
            if not worker.is_cancelled:  # a newer load is under way: its changes are the current ones
                self.post_message(Loaded("changes", page))  # type: ignore[attr-defined]
        except Exception:
            log.info("the day-over-day changes could not be read", exc_info=True)

    @work(thread=True, exclusive=True, group="briefing")
    def _load_briefing(self, first_of_the_day: bool) -> None:
        """The morning briefing's lines; with ``first_of_the_day``, only if the person has not seen it
        today (recorded as it is read). A failure of the automatic one says nothing (the list's load
        reports the database), nor does one without two days of history to compare; ``W``'s says why
        on the status line."""
        from console_tui.briefing import briefing_lines

        try:
            if first_of_the_day and not self.app.services.first_briefing_today():
                return
            briefing = self.app.services.briefing(self.app.settings.pre_renewal_days)
            if first_of_the_day and briefing.since is None:
                return  # no two days to compare yet: nothing to open the console with
            self.post_message(Loaded("briefing", briefing_lines(briefing)))  # type: ignore[attr-defined]
        except Exception as error:
            log.info("the morning briefing could not be read", exc_info=True)
            if not first_of_the_day:
                self.post_message(LoadFailed("briefing", failure_text(error)))  # type: ignore[attr-defined]

    def show_briefing(self, lines: list[str]) -> None:
        from console_tui.screens.dialogs.briefing_panel import BriefingPanel

        if not isinstance(self.app.screen, BriefingPanel):
            self.app.push_screen(BriefingPanel(lines))

    def brief_once_a_day(self) -> None:
        """After a complete load: the briefing, if the person has not seen it today; asked once a day
        per console (a console left open past midnight asks again at its next load)."""
        today = local_today(self.app.clock)
        if self.briefing_asked != today:
            self.briefing_asked = today
            self._load_briefing(True)

    def action_briefing(self) -> None:
        """``W``: the morning briefing, whether or not it was seen today."""
        self._load_briefing(False)

    def show_changes(self, page: ChangesPage) -> None:
        self.changes_page = page
        self._paint_changes()

    def _paint_changes(self) -> None:
        page = self.changes_page
        self.clients.set_changes(CardMarks(page.clients if page is not None else {}, self.against))

    def action_toggle_changes(self) -> None:
        """Show the changes against the other comparison (yesterday ↔ 7 days ago)."""
        self.against = self.against.other()
        self._paint_changes()
        self._show_status()

    def _show_status(self) -> None:  # the screen's
        raise NotImplementedError

    def changes_text(self) -> str:
        """`` · ▲▼ vs yesterday (w: 7 days)`` for the status line after the count of clients, or nothing
        without history."""
        page = self.changes_page
        if page is None or page.day is None:
            return ""
        other = "7 days" if self.against is Against.YESTERDAY else "yesterday"
        return f" · ▲▼ {self.against.text} (w: {other})"
