"""Client detail (``d``): larger charts of the nightly figures, the utilization sections and the
sender-status history.

Contacts added, and emails sent and opened, per day, and the utilization total day by day from the
history (R-HIST-1), over the last 30, 90 or 365 days (``space`` cycles; everything comes from one
load), drawn with textual-plotext. Beside or under them the 11 utilization sections with each score
on the latest history day and its change over the window shown (▲/▼, as on the cards); the
activities of the section under the cursor, each with its weight and "done" or "not yet" (R-UT-1);
and the sender-status changes (R-SS-2), newest first. Figures are the nightly ones (R-CMC-4).
"""

from __future__ import annotations

from textual.app import ComposeResult, RenderResult
from textual.containers import Horizontal, Vertical
from textual_plotext import PlotextPlot

from console_tui.data.views.client import ClientDetail
from console_tui.data.views.history import Trend
from console_tui.display import DASH, day_text, move_text, when_text
from console_tui.domain.utilization import SECTIONS
from console_tui.screens.base import ClientScreen
from console_tui.ui import keys
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar

WINDOWS = (30, 90, 365)
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
        &.-narrow #utilization { display: none; }  /* too little room: the status line says the total */
        #side { width: 42; height: 1fr; border-left: vkey $foreground 15%; }
        #sections { height: auto; max-height: 13; }
        #more { height: 1fr; }
        #activities { height: auto; max-height: 6; border-top: hkey $foreground 15%; }
        #history { height: 1fr; border-top: hkey $foreground 15%; }
        &.-narrow #charts { layout: vertical; }
        &.-narrow #side { width: 1fr; height: 6; layout: horizontal; border-left: none;
                          border-top: hkey $foreground 15%; }
        &.-narrow #sections { width: 1fr; height: 1fr; max-height: 8; }
        &.-narrow #more { width: 1fr; border-left: vkey $foreground 15%; }
        &.-narrow #activities { max-height: 4; border-top: none; }
        &.-narrow #history { border-top: none; }
        /* the activities over the sender-status changes, beside the sections */
        &.-narrow.-activities #side { height: 9; }
        &.-narrow.-activities #history { border-top: hkey $foreground 15%; }
    }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.days = WINDOWS[0]
        self.detail: ClientDetail | None = None
        self.trend: Trend | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="charts"):
            with Vertical(id="plots"):
                yield Chart(id="contacts")
                yield Chart(id="emails")
                yield Chart(id="utilization")
            with Vertical(id="side"):
                yield TableView([Column("Utilization section", None), Column("Score", 5), Column("Change", 6)],
                                empty="No scores recorded yet.", id="sections")
                with Vertical(id="more"):
                    yield TableView(activity_columns(""), empty="No activities in this section.", id="activities")
                    yield TableView(
                        [Column("Day", 12), Column("Sender status", None)],
                        empty="No changes recorded yet.",
                        id="history",
                    )

    def fetch(self) -> tuple[ClientDetail, Trend]:
        return self.app.services.detail(self.client_id), self.app.services.trend(self.client_id, WINDOWS[-1])

    def show(self, loaded: tuple[ClientDetail, Trend]) -> None:
        data, self.trend = loaded
        self.detail = data
        self.query_one(TitleBar).show_subject(data.name)
        rows = [
            (day_text(c.day), f"{c.old_status or DASH} → {c.new_status}") for c in data.status_history
        ]
        self.query_one("#history", TableView).set_rows(rows)
        self.set_class(self._with_activities(), "-activities")
        self._draw()

    def _with_activities(self) -> bool:
        """Whether the activities table shows: with section scores and a catalogue."""
        return bool(self.section_rows()) and self.detail is not None and bool(self.detail.activities)

    def action_toggle_window(self) -> None:
        self.days = WINDOWS[(WINDOWS.index(self.days) + 1) % len(WINDOWS)]
        self._draw()

    def section_rows(self) -> list[tuple[str, str, str]]:
        """Each section's score on the latest history day and its change since the first day of the
        window shown (none without two days to compare), in the order of R-UT-1."""
        trend = self.trend
        if trend is None or not trend.sections or not trend.sections[-1]:
            return []
        now, window = trend.sections[-1], trend.sections[-self.days:]
        then = window[0] if len(window) > 1 else {}
        names = [name for name in SECTIONS if name in now] + [name for name in now if name not in SECTIONS]
        rows = []
        for name in names:
            change = now[name] - then[name] if name in then else None
            rows.append((name, f"{now[name]}%", move_text("utilization", change) or ""))
        return rows

    def _draw(self) -> None:
        if self.detail is None:
            return
        days = self.detail.window(self.days)
        clock = self.app.clock
        self.status.ready(
            f"Last {self.days} days · sender status {self.detail.sender_status}{self._utilization_text()} · "
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
        sections = self.query_one("#sections", TableView)
        sections.set_rows(self.section_rows())
        self._show_activities(sections.cursor)
        self._plot_utilization()

    def on_table_view_highlighted(self, event: TableView.Highlighted) -> None:
        if event.table.id == "sections":
            self._show_activities(event.index)

    def activity_rows(self, section: str) -> list[tuple[str, str, str]]:
        """The activities of ``section`` (R-UT-1): each with its weight in the section's score, and
        "done" or "not yet" for this client."""
        if self.detail is None:
            return []
        return [(a.name, str(a.weight), "done" if a.done_at is not None else "not yet")
                for a in self.detail.section_activities(section)]

    def _show_activities(self, index: int) -> None:
        """The activities of the section under the sections' cursor, under its name; hidden without
        section scores or without a catalogue."""
        rows = self.section_rows()
        table = self.query_one("#activities", TableView)
        table.display = self._with_activities()
        if not table.display:
            return
        section = rows[min(index, len(rows) - 1)][0]
        table.columns = activity_columns(section)
        table.set_rows(self.activity_rows(section))

    def _utilization_text(self) -> str:
        """`` · utilization 93% ▲9`` (the change over the window shown), or nothing without history."""
        points = self.trend.points[-self.days:] if self.trend is not None else ()
        if not points:
            return ""
        moved = move_text("utilization", points[-1].utilization - points[0].utilization) if len(points) > 1 else None
        return f" · utilization {points[-1].utilization}%" + (f" {moved}" if moved else "")

    def _plot_utilization(self) -> None:
        """The utilization total day by day from the history, with its change over the window."""
        points = self.trend.points[-self.days:] if self.trend is not None else ()
        if not points:
            plot = self.query_one("#utilization", Chart)
            plot.top = 0
            plot.plt.clear_figure()
            plot.plt.title("Utilization total: no history yet")
            plot.refresh()
            return
        totals = [p.utilization for p in points]
        moved = move_text("utilization", totals[-1] - totals[0]) if len(totals) > 1 else None
        since = f" · {moved} since {day_text(points[0].day)}" if moved else ""
        xs = list(range(1, len(points) + 1))
        ticks = xs[:: max(1, len(xs) // TICKS)]
        labels = [f"{points[i - 1].day.day} {points[i - 1].day:%b}" for i in ticks]
        self._plot("utilization", f"Utilization total {totals[-1]}%{since} · sender {points[-1].sender_status}",
                   xs, ticks, labels, [(totals, "magenta")], top=100)

    def _plot(self, widget_id: str, title: str, xs: list[int], ticks: list[int], labels: list[str],
              series: list[tuple[list[int], str]], bars: bool = False, top: int | None = None) -> None:
        plot = self.query_one(f"#{widget_id}", Chart)
        plt = plot.plt
        plt.clear_figure()
        plt.title(title)
        for values, colour in series:
            if bars:
                plt.bar(xs, values, color=colour, width=0.6)
            else:
                plt.plot(xs, values, color=colour, marker="braille")
        plt.xticks([float(t) for t in ticks], labels)
        plot.top = top or max(1, *(max(values, default=0) for values, _colour in series))
        plt.ylim(0, plot.top)
        plot.refresh()


def activity_columns(section: str) -> tuple[Column, ...]:
    """The activities table's columns, the first titled with the section shown."""
    return (Column(f"In {section}" if section else "Activity", None), Column("Weight", 6, "right"),
            Column("Done?", 7))


class Chart(PlotextPlot):
    """A plot from 0 to ``top`` whose y ticks are chosen for the height it is drawn at (the layout may
    change after the figures are set: the activities take room at 80 columns); 0: nothing plotted."""

    top = 0

    def render(self) -> RenderResult:
        if self.top:
            y_ticks = integer_ticks(self.top, count=tick_count(self.size.height))
            self.plt.yticks([float(t) for t in y_ticks])  # plotext labels 5.0 as "5"
        return super().render()


def tick_count(height: int) -> int:
    """How many steps of y ticks a plot ``height`` rows tall shows: up to 4, one row apart at least
    (two labels on one row would leave which one shows to chance)."""
    return max(1, min(max(2, min(4, (height - 4) // 2)), height - 5))


def integer_ticks(top: int, count: int = 4) -> list[int]:
    """Up to ``count`` + 1 whole-number ticks from 0 to at least ``top``."""
    step = max(1, -(-top // count))
    return list(range(0, top + step, step))
