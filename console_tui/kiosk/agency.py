"""The kiosk's agency page: six figures, large, and the top movers since the day before.

The figures are the clients the kiosk's user may access (R-ACC-2): how many, emails sent
yesterday, the 30-day open rate, and how many senders are Healthy, At Risk, and worse
(Unhealthy or Limited). The movers list shows as many movers as its height holds, each with
an arrow and words (never colour alone); it is left out until the nightly run has kept a day
to compare with.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.kiosk import AgencyPage, NamedMover
from console_tui.display import safe
from console_tui.kiosk.figure import BigFigure

FIGURES = (
    ("clients", "Clients"),
    ("sent", "Emails sent yesterday"),
    ("open", "Open rate (30 d)"),
    ("healthy", "Healthy senders"),
    ("at-risk", "At Risk senders"),
    ("worse", "Unhealthy + Limited"),
)


def mover_line(named: NamedMover) -> Content:
    """``▼ Apex  sender status Healthy → At Risk`` or ``▲ Bloom  emails sent (30 d) 29,000 → 33,000 (+4,000)``."""
    mover = named.mover
    if mover.status_changed:
        arrow, style = ("▼", "bold $error") if mover.status_worsened else ("▲", "bold $success")
        what = f"sender status {mover.before.sender_status} → {mover.after.sender_status}"
    else:
        arrow, style = ("▲", "bold $success") if mover.sent_change > 0 else ("▼", "bold $warning")
        what = (f"emails sent (30 d) {mover.before.emails_sent_30d:,} → {mover.after.emails_sent_30d:,} "
                f"({mover.sent_change:+,})")
    return Content.assemble((f"{arrow} ", style), safe(named.name), (f" · {what}", "$text-muted"))


class AgencyView(Vertical):
    """The agency page's widgets; ``show(page)`` fills them."""

    DEFAULT_CSS = """
    AgencyView { height: 1fr; padding: 0 2; }
    AgencyView > #agency-title { height: 1; color: $text-muted; margin: 1 0 0 0; }
    AgencyView > #tiles { grid-size: 3 2; grid-gutter: 1 2; height: 1fr; min-height: 9; margin: 1 0 0 0; }
    AgencyView > #movers-title { height: 1; color: $text-muted; margin: 1 0 0 0; }
    AgencyView > #movers { height: 1fr; min-height: 2; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str) -> None:  # noqa: A002 - Textual's name for it
        super().__init__(id=id)
        self.page: AgencyPage | None = None

    def compose(self) -> ComposeResult:
        yield Static("Agency at a glance", id="agency-title")
        with Grid(id="tiles"):
            for name, label in FIGURES:
                yield BigFigure(label, id=f"a-{name}")
        yield Static(id="movers-title")
        yield Static(id="movers")

    def show(self, page: AgencyPage) -> None:
        self.page = page
        rate = page.open_rate
        new = page.senders_in("New")
        senders = f" · {new:,} new sender{'s' if new != 1 else ''}" if new else ""
        self.query_one("#agency-title", Static).update(Content(f"Agency at a glance · the clients you see{senders}"))
        figures = {
            "clients": (f"{page.clients:,}", ""),
            "sent": (f"{page.emails_sent_yesterday:,}", page.yesterday.strftime("%a %d %b")),
            "open": ("-" if rate is None else f"{rate:.1%}", f"{page.emails_opened_30d:,} of {page.emails_sent_30d:,}"),
            "healthy": (f"{page.senders_in('Healthy'):,}", ""),
            "at-risk": (f"{page.senders_in('At Risk'):,}", ""),
            "worse": (f"{page.senders_in('Unhealthy', 'Limited'):,}",
                      f"{page.senders_in('Unhealthy'):,} Unhealthy · {page.senders_in('Limited'):,} Limited"),
        }
        for name, (value, note) in figures.items():
            self.query_one(f"#a-{name}", BigFigure).show(value, note)
        self._scale()
        kept = page.movers_since is not None
        self.query_one("#movers-title").display = self.query_one("#movers").display = kept
        if kept and page.movers_since is not None:
            self.query_one("#movers-title", Static).update(Content(
                f"Top movers since {page.movers_since.strftime('%a %d %b')}"))
        self._fill_movers()

    def on_resize(self) -> None:
        self._fill_movers()

    def on_big_figure_resized(self) -> None:
        self._scale()
        self._fill_movers()

    def _scale(self) -> None:
        """Every figure at the same scale: the largest at which all of them fit."""
        figures = list(self.query(BigFigure))
        scale = min(figure.largest() for figure in figures)
        for figure in figures:
            figure.draw(scale)

    def _fill_movers(self) -> None:
        """As many movers as the list's height holds: a cut line would be worse than one fewer."""
        if self.page is None or self.page.movers_since is None:
            return
        movers = self.query_one("#movers", Static)
        room = max(movers.content_size.height, 1)
        lines = [mover_line(named) for named in self.page.movers[:room]]
        since = self.page.movers_since.strftime("%a %d %b")
        movers.update(Content("\n").join(lines) if lines else Content(f"No client's figures moved since {since}."))
