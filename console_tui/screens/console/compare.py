"""Compare: the clients in the compare tray side by side, without switching into any (R-CMP-1..3).

``=`` on the console or the attention queue opens it with the tray's clients (``+`` picks them).
A column per client, a row per figure (:mod:`console_tui.viewmodels.compare_rows`), drawn by
:class:`~console_tui.widgets.compare_grid.CompareGrid`; the best of each row with an order is
marked ``★``. ``←``/``→`` move between clients (the status line names the one under the cursor in
full), ``x`` takes it out of the comparison (and the tray; the last one out closes the screen; when
nothing could be shown, it empties the tray and closes),
``enter`` switches into it the console's way: the switch is checked in a thread first (R-ACC-3),
then ``ConsoleHost.enter_client``. A client the user may not view refuses the whole comparison
with the usual sentence (R-CMP-3).
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult

from console_tui.clock import local_today
from console_tui.data.views.compare import ComparedClient, ComparePage
from console_tui.display import safe
from console_tui.domain.compare import Tray
from console_tui.screens.base import AgencyScreen, failure_text
from console_tui.services.console import Services
from console_tui.ui import keys
from console_tui.ui.messages import LoadFailed, SwitchApproved
from console_tui.ui.workers import work
from console_tui.viewmodels.compare_rows import Context, compare_rows
from console_tui.widgets.compare_grid import CompareGrid


class CompareScreen(AgencyScreen):
    TITLE_TEXT = "Compare"
    AUTO_FOCUS = "CompareGrid"
    BINDINGS = keys.bindings("compare", "back", only=("compare.switch", "compare.remove", "back.back",
                                                       "back.reload"))
    PALETTE_SCOPES = ("compare", "back")

    def __init__(self) -> None:
        super().__init__()
        self.page: ComparePage | None = None

    @property
    def grid(self) -> CompareGrid:
        return self.query_one(CompareGrid)

    def compose_body(self) -> ComposeResult:
        grid = CompareGrid()
        grid.display = False  # until the first load: a refusal shows alone
        yield grid

    def on_mount(self) -> None:
        self.watch(self.grid, "column", lambda _column: self._show_status(), init=False)
        super().on_mount()

    def load_args(self) -> tuple[tuple[int, ...]]:
        return (self.app.compare_tray.ids,)

    def fetch(self, ids: tuple[int, ...]) -> ComparePage:
        return self.app.services.compare(ids)

    def show(self, data: ComparePage) -> None:
        self.page = data
        clock = self.app.clock
        rows = compare_rows(data, Context(local_today(clock), clock.tz))
        self.grid.set_rows([client.summary.name for client in data.clients], rows)
        self.grid.display = True
        self.subject(f"{len(data.clients)} clients")
        self._show_status()

    def _show_status(self) -> None:
        current = self.current
        if current is None:
            return
        name = safe(current.summary.name)
        more = "" if len(self.page.clients if self.page else ()) > 1 else " · add another with + on the console"
        self.status.ready(f"▸ {name} · ★ best in the row · ←/→ moves between clients{more}")

    @property
    def current(self) -> ComparedClient | None:
        if self.page is None or not self.page.clients:
            return None
        return self.page.clients[min(self.grid.column, len(self.page.clients) - 1)]

    # --- the client under the column cursor -------------------------------------------------------

    def action_remove(self) -> None:
        """``x``: take the client out of the comparison (and the tray): the others are shown again
        at once, their best marks recomputed; nothing is read."""
        current, page = self.current, self.page
        if current is None or page is None:  # nothing could be shown: start again with an empty tray
            self.app.compare_tray = Tray()
            self.dismiss()
            return
        self.app.compare_tray = self.app.compare_tray.without(current.summary.id)
        left = tuple(client for client in page.clients if client is not current)
        if not left:
            self.dismiss()
            return
        self.show(replace(page, clients=left))
        self.say(f"{safe(current.summary.name)} was taken out of the comparison.")

    def action_switch_in(self) -> None:
        if (current := self.current) is not None:
            self._check_switch(self.app.services, current)

    @work(thread=True, exclusive=True, group="switch")
    def _check_switch(self, services: Services, client: ComparedClient) -> None:
        try:
            services.check_switch_into(client.summary.id)
        except Exception as error:
            self.post_message(LoadFailed("switch", failure_text(error)))
        else:
            self.post_message(SwitchApproved(client.summary))

    def on_switch_approved(self, message: SwitchApproved) -> None:
        self.app.enter_client(message.client)

    def on_load_failed(self, message: LoadFailed) -> None:
        message.prevent_default()  # handled here, not again by DataScreen's handler
        if message.what == "switch":  # the comparison stays as it is; the refusal says why
            message.stop()
            self.refuse(message.message, "Cannot switch into the client")
            return
        if not self.loaded:  # a client of the tray was removed, or is no longer yours: a way out
            message = LoadFailed(message.what, f"{message.message} Press x to empty the comparison, then pick "
                                               "the clients again.")
        super().on_load_failed(message)
