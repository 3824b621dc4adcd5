"""The comparison's rows (R-CMP-1, R-CMP-2): one row per figure, one cell per client — no Textual.

A comparison is a sequence of groups (``GROUPS``), each a function from the page to its heading
and rows, so a group of figures is added in one place. :func:`changes` shows each figure's change
against yesterday and 7 days ago, as the cards' marks say it (``▲12`` / ``▼1.3``).

Each cell is plain text (names and statuses cleaned with :func:`~console_tui.display.safe`); a
sparkline cell carries the series and is drawn at the column's width by the widget, with the
cards' own :func:`~console_tui.widgets.client_card.spark`. The best cell of a row with an order
has ``best`` set (:func:`console_tui.domain.compare.best`): the widget marks it ``★``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from console_tui.data.views.compare import ComparedClient, ComparePage
from console_tui.display import DASH, day_text, move_text, percent, relative_day, safe
from console_tui.domain.compare import best, sender_rank
from console_tui.domain.history import FIGURES, Change
from console_tui.domain.utilization import level

#: A cell's tone, read by the widget (the words carry the meaning; the tone only repeats it).
SENDER_TONE = {"Healthy": "good", "At Risk": "warn", "Unhealthy": "bad", "Limited": "bad"}
LEVEL_TONE = {"Dragon": "good", "Tiger": "good", "Rabbit": "warn", "Grasshopper": "bad"}


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    best: bool = False
    tone: str = ""  # "", "good", "warn", "bad", "dim"
    series: tuple[int, ...] | None = None  # a sparkline, drawn at the column's width


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    cells: tuple[Cell, ...] = ()
    heading: bool = False  # a group's title: no cells


@dataclass(frozen=True, slots=True)
class Context:
    """What the words need besides the page: the app clock's day and zone (for "3 days ago")."""

    today: date
    tz: tzinfo


def figure(label: str, clients: Sequence[ComparedClient], text: Callable[[ComparedClient], str],
           value: Callable[[ComparedClient], float | None] | None = None,
           tone: Callable[[ComparedClient], str] | None = None) -> Row:
    """A row of one figure per client; with ``value``, its best marked (R-CMP-2)."""
    marked = best([value(c) for c in clients]) if value is not None else frozenset()
    return Row(label, tuple(Cell(text(c), i in marked, tone(c) if tone else "") for i, c in enumerate(clients)))


def information(page: ComparePage, ctx: Context) -> tuple[str, list[Row]]:
    cs = page.clients
    return "Information", [
        figure("Kind", cs, lambda c: safe(c.summary.kind)),
        figure("Status", cs, lambda c: safe(c.summary.status)),
        figure("Users", cs, lambda c: f"{c.summary.user_count:,}", lambda c: c.summary.user_count),
        figure("Last login", cs, lambda c: relative_day(c.summary.last_login, ctx.today, ctx.tz),
               lambda c: c.summary.last_login.timestamp() if c.summary.last_login else None),
    ]


def actions(page: ComparePage, ctx: Context) -> tuple[str, list[Row]]:
    cs = page.clients
    return "Actions · last 30 days", [
        Row("Contacts trend", tuple(Cell("", series=c.summary.contacts_series) for c in cs)),
        figure("Contacts added", cs, lambda c: f"+{c.summary.contacts_added_30d:,}",
               lambda c: c.summary.contacts_added_30d),
        figure("Emails sent", cs, lambda c: f"{c.summary.emails_sent_30d:,}", lambda c: c.summary.emails_sent_30d),
        figure("Emails opened", cs, lambda c: f"{c.summary.emails_opened_30d:,}",
               lambda c: c.summary.emails_opened_30d),
        # compared as shown (to 0.1 %), so that two rates that read the same are never told apart
        figure("Open rate", cs, lambda c: percent(c.summary.emails_opened_30d, c.summary.emails_sent_30d),
               lambda c: None if c.summary.open_rate is None else round(c.summary.open_rate * 1000)),
        figure("Sender status", cs, lambda c: safe(c.summary.sender_status),
               lambda c: sender_rank(c.summary.sender_status),
               lambda c: SENDER_TONE.get(c.summary.sender_status, "dim")),
    ]


#: The changes group's label for each figure of ``domain.history.FIGURES``.
CHANGE_LABELS = {"contacts_added_30d": "Contacts added", "emails_sent_30d": "Emails sent",
                 "emails_opened_30d": "Emails opened", "open_rate": "Open rate (pts)",
                 "utilization": "Utilization", "users": "Users"}


def changes(page: ComparePage, ctx: Context) -> tuple[str, list[Row]]:
    """Each figure's change against yesterday, then against 7 days ago (R-HIST-2): ``▲12 / ▲40``;
    ``±0`` when it did not move, a dash without an earlier day; the best is the biggest rise since
    yesterday. Left out without history."""
    cs = page.clients
    if page.changes_day is None:
        return "", []

    def text(name: str, change: Change) -> str:
        return DASH if change is None else move_text(name, change) or "±0"

    def row(name: str) -> Row:
        def both(c: ComparedClient) -> str:
            if c.changes is None:
                return DASH
            return f"{text(name, c.changes.changes_1d.get(name))} / {text(name, c.changes.changes_7d.get(name))}"

        def since_yesterday(c: ComparedClient) -> float | None:
            moved = c.changes.changes_1d.get(name) if c.changes else None
            # compared as shown, so that two changes that read the same are never told apart
            return None if moved is None else round(float(moved) * 1000) if name == "open_rate" else float(moved)

        return figure(CHANGE_LABELS[name], cs, both, since_yesterday)

    def sender(c: ComparedClient) -> str:
        if c.changes is None:
            return DASH
        return f"was {safe(c.changes.sender_was)}" if c.changes.sender_was else "unchanged"

    rows = [row(name) for name in FIGURES]
    rows.append(Row("Sender status", tuple(Cell(sender(c), tone="" if c.changes and c.changes.sender_was else "dim")
                                           for c in cs)))
    return f"Changes · vs yesterday / vs 7 days ago · to {day_text(page.changes_day)}", rows


def email(page: ComparePage, ctx: Context) -> tuple[str, list[Row]]:
    cs = page.clients

    def used(c: ComparedClient) -> str:
        share = f" ({percent(c.emails_used, c.email_limit)})" if c.email_limit else ""
        return f"{c.emails_used:,}{share}"

    return f"Emails this cycle · {page.cycle}", [
        figure("Email limit", cs, lambda c: "no limit" if c.email_limit is None else f"{c.email_limit:,}"),
        figure("Used", cs, used),
    ]


def utilization(page: ComparePage, ctx: Context) -> tuple[str, list[Row]]:
    cs = page.clients

    def score(c: ComparedClient) -> int:
        return max(0, min(100, c.summary.utilization_score))

    rows = [
        figure("Score", cs, lambda c: f"{score(c)}%", score),
        figure("Level", cs, lambda c: level(score(c)).value, tone=lambda c: LEVEL_TONE[level(score(c)).value]),
    ]
    for n, (name, _on) in enumerate(cs[0].summary.features.items() if cs else ()):
        rows.append(_feature(name, n, cs))
    return "Utilization", rows


def sections(page: ComparePage, ctx: Context) -> tuple[str, list[Row]]:
    """The utilization sections, when the catalogue has them (R-UT-1)."""
    cs = page.clients
    return "Utilization sections", [_section(name, n, cs) for n, name in enumerate(page.sections)]


def _feature(name: str, n: int, clients: Sequence[ComparedClient]) -> Row:
    def on(c: ComparedClient) -> bool:
        return c.summary.features.items()[n][1]

    return figure(name, clients, lambda c: "● on" if on(c) else "○ off", tone=lambda c: "" if on(c) else "dim")


def _section(name: str, n: int, clients: Sequence[ComparedClient]) -> Row:
    def score(c: ComparedClient) -> int | None:
        return c.section_scores[n] if c.section_scores else None

    return figure(safe(name), clients, lambda c: DASH if (s := score(c)) is None else f"{s}%", score)


#: The groups, top to bottom. A group with no rows is left out.
GROUPS: tuple[Callable[[ComparePage, Context], tuple[str, list[Row]]], ...] = (
    information, actions, changes, email, utilization, sections,
)


def compare_rows(page: ComparePage, ctx: Context) -> tuple[Row, ...]:
    """Every row of the comparison: each group's heading, then its figures."""
    rows: list[Row] = []
    for group in GROUPS:
        heading, figures = group(page, ctx)
        if figures:
            rows += [Row(heading, heading=True), *figures]
    return tuple(rows)
