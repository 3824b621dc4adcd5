"""Client detail (``d``): larger charts of the nightly figures and the sender-status history.

Contacts added, and emails sent and opened, per day over the last 30 or 90 rolled-up days
(``space`` toggles; both come from one load), drawn with textual-plotext; beside or under them
the sender-status changes (R-SS-2), newest first. Figures are the nightly ones (R-CMC-4).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual_plotext import PlotextPlot

from console_tui.data.views.client import ClientDetail
from console_tui.display import DASH, day_text, when_text
from console_tui.screens.base import ClientScreen
from console_tui.ui import keys
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar

WINDOWS = (30, 90)
TICKS = 5


class ClientDetailScreen(ClientScreen):
    TITLE_TEXT = "Client detail"
    BINDINGS = keys.bindings("detail")
    PALETTE_SCOPES = ("detail", "back")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    DEFAULT_CSS = """
    ClientDetailScreen {
        #charts { height: 1fr; }
        #plots { width: 1fr; }
        PlotextPlot { height: 1fr; min-height: 6; }
        #history { width: 36; height: 1fr; border-left: vkey $foreground 15%; }
        &.-narrow #charts { layout: vertical; }
        &.-narrow #history { width: 1fr; height: 5; border-left: none; border-top: hkey $foreground 15%; }
    }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.days = WINDOWS[0]
        self.detail: ClientDetail | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="charts"):
            with Vertical(id="plots"):
                yield PlotextPlot(id="contacts")
                yield PlotextPlot(id="emails")
            yield TableView(
                [Column("Day", 12), Column("Sender status", None)],
                empty="No changes recorded yet.",
                id="history",
            )

    def fetch(self) -> ClientDetail:
        return self.app.services.detail(self.client_id)

    def show(self, data: ClientDetail) -> None:
        self.detail = data
        self.query_one(TitleBar).show_subject(data.name)
        rows = [
            (day_text(c.day), f"{c.old_status or DASH} → {c.new_status}") for c in data.status_history
        ]
        self.query_one("#history", TableView).set_rows(rows)
        self._draw()

    def action_toggle_window(self) -> None:
        self.days = WINDOWS[1] if self.days == WINDOWS[0] else WINDOWS[0]
        self._draw()

    def _draw(self) -> None:
        if self.detail is None:
            return
        days = self.detail.window(self.days)
        clock = self.app.clock
        self.status.ready(
            f"Last {self.days} days · sender status {self.detail.sender_status} · "
            f"as of {when_text(self.detail.as_of, clock.tz)}"
        )
        xs = list(range(1, len(days) + 1))
        ticks = xs[:: max(1, len(xs) // TICKS)]
        labels = [f"{days[i - 1].day.day} {days[i - 1].day:%b}" for i in ticks]
        added = [d.contacts_added for d in days]
        sent, opened = [d.emails_sent for d in days], [d.emails_opened for d in days]
        self._plot("contacts", f"Contacts added per day · {sum(added):,} in {self.days} days",
                   xs, ticks, labels, [(added, "cyan")], bars=True)
        self._plot("emails", f"Emails per day: sent (blue) {sum(sent):,} · opened (green) {sum(opened):,}",
                   xs, ticks, labels, [(sent, "blue"), (opened, "green")])

    def _plot(self, widget_id: str, title: str, xs: list[int], ticks: list[int], labels: list[str],
              series: list[tuple[list[int], str]], bars: bool = False) -> None:
        plot = self.query_one(f"#{widget_id}", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        plt.title(title)
        for values, colour in series:
            if bars:
                plt.bar(xs, values, color=colour, width=0.6)
            else:
                plt.plot(xs, values, color=colour, marker="braille")
        plt.xticks([float(t) for t in ticks], labels)
        top = max(1, *(max(values, default=0) for values, _colour in series))
        plt.ylim(0, top)
        y_ticks = integer_ticks(top, count=max(2, min(4, (plot.size.height - 4) // 2)))
        plt.yticks([float(t) for t in y_ticks])  # plotext labels 5.0 as "5"
        plot.refresh()


def integer_ticks(top: int, count: int = 4) -> list[int]:
    """Up to ``count`` + 1 whole-number ticks from 0 to at least ``top``."""
    step = max(1, -(-top // count))
    return list(range(0, top + step, step))
