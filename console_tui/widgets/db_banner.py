"""The outage banner: one line that appears while the database is unavailable.

It watches the app's ``db_state`` (see :mod:`console_tui.app.health`), so any screen may yield one
and it keeps itself up to date; hidden while the database is available.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from console_tui.ui.outage import DbState, banner_text


class DbBanner(Static):
    """``database unavailable — showing data from 09:41 · next try 09:41:37 (r: now)``."""

    DEFAULT_CSS = """
    DbBanner {
        display: none;
        height: 1;
        padding: 0 1;
        background: $error 70%;
        color: $text;
        text-style: bold;
        &.-down { display: block; }
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False, id="db-banner")

    def on_mount(self) -> None:
        if hasattr(self.app, "db_state"):
            self.watch(self.app, "db_state", self._show)

    def _show(self, state: DbState) -> None:
        down = not state.available
        self.set_class(down, "-down")
        if down:
            tz = self.app.clock.tz  # type: ignore[attr-defined]
            self.update(Content(banner_text(state.data_from, tz, state.next_try)))
