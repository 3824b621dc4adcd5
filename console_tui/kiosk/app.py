"""Kiosk mode (``console-tui --kiosk``): a read-only console for a wall screen, for days.

A separate, small app rather than the console with keys hidden: it has no binding, command or
screen that can change data (only ``q`` to quit), so read-only holds by construction. It shows
pages in turn (``pages``, see ``kiosk.pages``), one every ``seconds``: the agency's figures, large
(``kiosk.agency``); one client at a time in a large layout; or only the clients the attention
queue lists (the console's ``!``, its rules: R-ATT-1, R-ATT-2, less the kiosk login's snoozes,
R-ATT-3), most urgent first, each with its severity and reasons.
Figures reload every minute on a re-armed one-shot timer; when the database is away it keeps
the last figures on screen, says so, and retries with a backoff capped at 30 seconds.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Sparkline, Static

from console_tui.app.terminal import end_as_the_app_ended, exit_on_sigterm, exit_when_hung_up
from console_tui.clock import Clock
from console_tui.config import Settings
from console_tui.data.views.console import ClientSummary, ConsoleOverview
from console_tui.data.views.kiosk import AgencyPage
from console_tui.display import safe
from console_tui.domain.attention import AttentionRow
from console_tui.domain.utilization import level
from console_tui.kiosk.agency import AgencyView
from console_tui.kiosk.pages import DEFAULT_PAGES, LISTS, with_attention
from console_tui.services.admin import AdminServices
from console_tui.services.console import Services
from console_tui.ui.workers import work

if TYPE_CHECKING:
    from console_tui.data.engine import Database

log = logging.getLogger(__name__)
RELOAD_SECONDS = 60.0
RETRY_FIRST_S, RETRY_MAX_S = 2.0, 30.0


class KioskContext(Protocol):
    """What the kiosk needs from the command line's context (``cli.context.Context``)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def login(self) -> str: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def db(self) -> Database: ...


def in_queue_order(clients: tuple[ClientSummary, ...],
                   queue: tuple[AttentionRow, ...]) -> tuple[tuple[ClientSummary, AttentionRow], ...]:
    """The clients the attention queue lists, in its order (most urgent first), each with its row."""
    by_id = {client.id: client for client in clients}
    return tuple((by_id[row.id], row) for row in queue if row.id in by_id)


def _figure(label: str, value: str) -> Content:
    return Content.assemble((f"{label}\n", "dim"), (value, "bold"))


class KioskApp(App[None]):
    """Read-only, large, cycling: nothing here can change data, and nothing offers to."""

    TITLE = "Client Management Console — kiosk"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (180, "-huge")]
    BINDINGS = [Binding("q", "quit", "Quit", id="kiosk.quit")]
    CSS = """
    Screen { layout: vertical; background: $background; }
    #bar { height: 1; background: $panel; color: $text; padding: 0 1; }
    #status { height: 1; padding: 0 1; color: $text-muted; }
    #status.-down { background: $error 30%; color: $text; }
    ContentSwitcher, #client-page { height: 1fr; }
    Screen.-huge #tiles { grid-size: 6 1; }
    Screen.-huge #movers { height: 2fr; }
    #name { height: auto; padding: 1 2 0 2; text-style: bold; color: $accent; }
    #meta { height: auto; padding: 0 2 1 2; color: $text-muted; }
    #figures { grid-size: 4; grid-gutter: 1 2; height: auto; padding: 0 2; }
    Screen.-narrow #figures { grid-size: 2; }
    #figures Static { height: 3; border-left: thick $accent; padding: 0 1; }
    #spark-label { padding: 1 2 0 2; color: $text-muted; }
    Sparkline { height: 1fr; min-height: 3; max-height: 10; margin: 0 2 1 2; }
    """

    def __init__(self, services: Services, settings: Settings, clock: Clock, *, seconds: float = 10.0,
                 attention: bool = False, pages: tuple[str, ...] = DEFAULT_PAGES) -> None:
        super().__init__()
        self.services, self.settings, self.clock = services, settings, clock
        self.seconds, self.pages = seconds, with_attention(pages, attention)
        self.overview: ConsoleOverview | None = None
        self.agency: AgencyPage | None = None
        self.lists: dict[str, tuple[ClientSummary, ...]] = {}
        self.attention_rows: dict[int, AttentionRow] = {}
        self.page = 0  # the index in ``pages`` of the page on screen
        self.cursors = dict.fromkeys(LISTS, 0)  # each client list's next client
        self.loaded_at: datetime | None = None
        self.failures = 0
        self.needing_attention = False
        self._reload_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="bar")
        yield Static("Loading clients…", id="status")
        with ContentSwitcher(initial=self._page_id()):
            yield AgencyView(id="agency-page")
            with Vertical(id="client-page"):
                yield Static(id="name")
                yield Static(id="meta")
                with Grid(id="figures"):
                    for name in ("contacts", "sent", "open", "sender", "users", "utilization", "places", "features"):
                        yield Static(id=f"f-{name}")
                yield Static("Contacts added, last 30 days", id="spark-label")
                yield Sparkline([], id="spark")

    def on_mount(self) -> None:
        self.set_interval(self.seconds, self.advance)
        exit_when_hung_up(self)
        exit_on_sigterm(self)
        self.reload()

    # --- loading, with outage recovery ------------------------------------------------------------

    def reload(self) -> None:
        self._reload_timer = None
        self._load(self.services)

    @work(thread=True, exclusive=True, group="kiosk-load")
    def _load(self, services: Services) -> None:
        try:
            overview = services.overview()
            queue = AdminServices(services, self.settings).attention() if "attention" in self.pages else ()
            agency = services.agency_page(self.agency) if "agency" in self.pages else None
        except Exception as error:  # the database may be away: keep showing the last figures
            log.warning("kiosk load failed: %s", error)
            self.call_from_thread(self._failed)
        else:
            self.call_from_thread(self._loaded, overview, queue, agency)

    def _arm(self, delay: float) -> None:
        if self._reload_timer is not None:
            self._reload_timer.stop()
        self._reload_timer = self.set_timer(delay, self.reload)

    def _loaded(self, overview: ConsoleOverview, queue: tuple[AttentionRow, ...] = (),
                agency: AgencyPage | None = None) -> None:
        if self._exit or not self.query("#name"):
            return
        self.overview, self.agency, self.failures, self.loaded_at = overview, agency, 0, self.clock.now()
        listed = in_queue_order(overview.clients, queue)
        self.attention_rows = {client.id: row for client, row in listed}
        # an empty queue: the attention pages show every client rather than nothing
        self.lists = {"clients": overview.clients,
                      "attention": tuple(client for client, _row in listed) or overview.clients}
        self.needing_attention = bool(listed)
        self.query_one("#status", Static).remove_class("-down")
        utilization = f" · utilization {overview.agency_utilization}% {level(overview.agency_utilization).value}"
        self.query_one("#bar", Static).update(
            Content.assemble(("◆ ", "bold"), (safe(overview.agency_name), "bold"), (utilization, "")))
        if agency is not None:
            self.query_one(AgencyView).show(agency)
        self.show_current()
        self._arm(RELOAD_SECONDS)

    def _failed(self) -> None:
        if self._exit or not self.query("#name"):
            return
        self.failures += 1
        delay = min(RETRY_FIRST_S * 2 ** (self.failures - 1), RETRY_MAX_S)
        since = self.loaded_at.astimezone(self.clock.tz).strftime("%H:%M") if self.loaded_at else "—"
        status = self.query_one("#status", Static)
        status.add_class("-down")
        status.update(Content(f"database unavailable — showing data from {since}; retrying in {delay:.0f} s"))
        self._arm(delay)

    # --- the cycle --------------------------------------------------------------------------------

    def _page_id(self) -> str:
        return "agency-page" if self.pages[self.page] == "agency" else "client-page"

    def advance(self) -> None:
        """The next page; leaving a client page moves its list on to the next client."""
        if self._exit or not self.query("#name"):  # the timer may fire while the app shuts down
            return
        if self.overview is None:
            return
        if (kind := self.pages[self.page]) in LISTS:
            self.cursors[kind] += 1
        self.page = (self.page + 1) % len(self.pages)
        self.show_current()

    def show_current(self) -> None:
        self.query_one(ContentSwitcher).current = self._page_id()
        kind = self.pages[self.page]
        shown = self.lists.get("clients" if kind == "agency" else kind, ())
        if self.overview is not None:
            as_of = self.overview.as_of
            when = as_of.astimezone(self.clock.tz).strftime("%d %b %Y %H:%M") if as_of else "not yet"
            which = "needing attention" if kind == "attention" and self.needing_attention else "in all"
            self.query_one("#status", Static).update(
                Content(f"{len(shown):,} clients {which} · as of {when} · read-only kiosk · q quits"))
        if kind != "agency":
            self._show_client(kind, shown)

    def _show_client(self, kind: str, shown: tuple[ClientSummary, ...]) -> None:
        if not shown:
            self.query_one("#name", Static).update(Content("No clients to show."))
            return
        position = self.cursors[kind] % len(shown)
        client = shown[position]
        rate = client.open_rate
        self.query_one("#name", Static).update(Content(safe(client.name)))
        meta = f"{client.kind} · {safe(client.status)} · {position + 1} of {len(shown)}"
        if kind == "attention" and (row := self.attention_rows.get(client.id)) is not None:
            meta += f" · {row.severity.mark.strip()} {row.severity.word}: " + "; ".join(
                safe(reason.text) for reason in row.reasons)
        self.query_one("#meta", Static).update(Content(meta))
        places = [p.title for p in (*client.your_places, *client.company_places)][:2]
        figures = {
            "contacts": ("Contacts added (30 d)", f"{client.contacts_added_30d:,}"),
            "sent": ("Emails sent (30 d)", f"{client.emails_sent_30d:,}"),
            "open": ("Open rate", "—" if rate is None else f"{rate:.1%}"),
            "sender": ("Sender status", client.sender_status),
            "users": ("Client users", f"{client.user_count:,}"),
            "utilization": ("Utilization", f"{client.utilization_score}% {level(client.utilization_score).value}"),
            "places": ("Recent places", safe(" · ".join(places)) or "—"),
            "features": ("Features on", f"{sum(on for _, on in client.features.items())} of 6"),
        }
        for name, (label, value) in figures.items():
            self.query_one(f"#f-{name}", Static).update(_figure(label, value))
        self.query_one(Sparkline).data = list(client.contacts_series) or [0]


def make_kiosk(services: Services, settings: Settings, clock: Clock, *, seconds: float = 10.0,
               attention: bool = False, pages: tuple[str, ...] = DEFAULT_PAGES) -> KioskApp:
    return KioskApp(services, settings, clock, seconds=seconds, attention=attention, pages=pages)


def launch_kiosk(context: KioskContext, *, seconds: float, attention: bool,
                 pages: tuple[str, ...] = DEFAULT_PAGES) -> None:
    """``console-tui --kiosk``: log to the file, check the user, run the kiosk until ``q``."""
    from console_tui.logs import start_logging

    start_logging(context.settings)
    services = Services(context.db, context.login, context.clock)
    services.prepare()  # an unknown user or a database that cannot be opened: the CLI boundary's one line
    from console_tui.app.terminal import fit_colours

    try:
        app = make_kiosk(services, context.settings, context.clock, seconds=seconds, attention=attention,
                         pages=pages)
        fit_colours(app)  # 16-colour terminals: the ANSI theme, readable there
        app.run()
    finally:
        services.close()
    end_as_the_app_ended(app)
