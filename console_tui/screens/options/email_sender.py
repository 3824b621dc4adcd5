"""Email Sender (R-OPT-7): the sender status, a breakdown over 24 h, 7, 30 and 90 days — sends,
opens, bounces, spam complaints, unsubscribes and their rates — and the status history (R-SS-2).

Windows end on the last day the nightly rollup closed; the last 30 days decide the status.
"""

from __future__ import annotations

from decimal import Decimal

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.manage import SenderView, WindowFigures
from console_tui.display import DASH, day_text, when_text
from console_tui.domain.sender import BOUNCE_RATE_LIMIT, SPAM_RATE_MAX, UNSUBSCRIBE_RATE_LIMIT, format_rate
from console_tui.screens.base import ClientScreen
from console_tui.widgets.table_view import Column, TableView

GOOD = (f"Good: spam complaints ≤ {format_rate(SPAM_RATE_MAX)}, bounces < {format_rate(BOUNCE_RATE_LIMIT, 0)}, "
        f"unsubscribes < {format_rate(UNSUBSCRIBE_RATE_LIMIT, 0)} over the last 30 days.")


def _label(w: WindowFigures) -> str:
    return "24 h" if w.days == 1 else f"{w.days} days"


def _cell(n: int, rate: Decimal | None) -> str:
    return f"{n:,} {format_rate(rate)}" if rate is not None else f"{n:,}"


def window_cells(w: WindowFigures) -> tuple[str, ...]:
    r = w.rates
    return (_label(w), f"{w.sent:,}", _cell(w.opened, r.opened), _cell(w.bounced, r.bounced),
            _cell(w.spam, r.spam), _cell(w.unsubscribed, r.unsubscribed))


class EmailSenderScreen(ClientScreen):
    TITLE_TEXT = "Email Sender"
    DEFAULT_CSS = """
    EmailSenderScreen #sender-status { padding: 0 1; height: auto; }
    EmailSenderScreen #breakdown { height: 6; }
    EmailSenderScreen #sender-rules { padding: 0 1; color: $text-secondary; height: auto; }
    EmailSenderScreen #history-title { padding: 1 1 0 1; text-style: bold; }
    EmailSenderScreen #history { height: 1fr; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static("", id="sender-status", markup=False)
        yield TableView([Column("Window", 8), Column("Sent", 9, "right"), Column("Opens", None, "right"),
                         Column("Bounces", None, "right"), Column("Spam", None, "right"),
                         Column("Unsubscribes", None, "right")], id="breakdown")
        yield Static(GOOD, id="sender-rules", markup=False)
        yield Static("Status history", id="history-title")
        yield TableView([Column("Day", 12), Column("Change", None)], empty="No status changes recorded yet.",
                        id="history")

    def fetch(self) -> SenderView:
        return self.app.manage.sender(self.client_id)

    def show(self, data: SenderView) -> None:
        bad = f" · not good over 30 days: {', '.join(data.bad_30d)}" if data.bad_30d else ""
        ebs = "EBS on" if data.ebs_enabled else "EBS off"
        self.query_one("#sender-status", Static).update(Content.assemble(
            "Sender status ", (data.sender_status, "bold reverse"), f" · {ebs}{bad}"))
        self.query_one("#breakdown", TableView).set_rows([window_cells(w) for w in data.windows])
        history = self.query_one("#history", TableView)
        history.set_rows([(day_text(s.day), f"{s.old_status or DASH} → {s.new_status}") for s in data.history])
        history.focus()
        last = data.windows[0].last_day if data.windows else None
        upto = f"to {day_text(last)}" if last else ""
        self.status.ready(f"Figures {upto} · rolled up {when_text(data.as_of, self.app.clock.tz)} · esc back")
