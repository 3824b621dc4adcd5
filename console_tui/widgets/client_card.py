"""How one client is painted in the client list: a few lines of plain-text segments.

Pure rendering (no widget): :class:`CardPainter` turns a :class:`ClientSummary` into ``Strip``s
of an exact width, in one of two layouts (R-CMC-3's four sections):

* **stacked** (narrow terminals, 6 lines): name and Information, Actions on two lines,
  Recent Places, Utilization, and a rule;
* **wide** (``width >= WIDE_MIN``, 4 lines): the four sections side by side in columns, and a rule.

The card under the cursor has its name line (the first) on the cursor's background and the marker
``▌`` in the first cell of every other body line; those lines are otherwise the ones of the card
without the cursor, so a cursor move rewrites two name lines and a column of marker cells on each
card, nothing else (the rule under a card never shows the cursor).

A client with open reasons in the attention queue shows its :class:`Mark` (``! 2``) at the right end
of a line below the name line (Actions when stacked, the last login when wide): on the name line it
would be written again at every cursor move. It is left out when that line has no room for it.

Each line is as few segments as its colours need: spaces join the run before them (a run's text
never starts with a space, see :meth:`Line.add`), since every segment costs an escape sequence on
the wire.

Data text is cleaned (:func:`console_tui.display.safe`) and only ever becomes ``Segment`` text,
never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from console_tui.data.views.console import ClientSummary, PlaceRef
from console_tui.display import DASH, clip, fit, percent, relative_day, safe
from console_tui.domain.attention import Mark, Severity
from console_tui.domain.utilization import level
from console_tui.domain.wording import count
from console_tui.widgets.card_changes import NO_MARKS, CardMarks

WIDE_MIN = 118
NARROW_HEIGHT = 6
WIDE_HEIGHT = 4
LABEL_WIDTH = 9
BARS = "▁▂▃▄▅▆▇█"
SPARK_DAYS = 30
SEPARATOR = " │ "
SHORT_FEATURES = ("CRM", "API", "Cart", "Ads", "Brand", "DS")
LONG_FEATURES = ("CRM", "API", "Cart", "Ads", "Brand", "Support")
SENDER_TONE = {"Healthy": "good", "At Risk": "warn", "Unhealthy": "bad", "Limited": "bad"}
LEVEL_TONE = {"Dragon": "good", "Tiger": "good", "Rabbit": "warn", "Grasshopper": "bad"}
MARK_TONE = {Severity.CRITICAL: "bad", Severity.WARNING: "warn", Severity.NOTICE: "dim"}


@dataclass(frozen=True, slots=True)
class CardTheme:
    """Rich styles for one background (normal or cursor), each already combined with it."""

    base: Style
    name: Style
    label: Style
    dim: Style
    spark: Style
    good: Style
    warn: Style
    bad: Style
    on: Style
    off: Style
    rule: Style
    marker: Style
    key: Style
    gap: Style | None = None  # spaces that start a line: the background only

    def tone(self, name: str) -> Style:
        return getattr(self, name, self.base)


def spark(values: Sequence[int], width: int) -> str:
    """A sparkline of ``values`` in ``width`` cells (bucket maximum), lowest bar for zero."""
    if width <= 0:
        return ""
    if not values:
        return BARS[0] * width
    n = len(values)
    buckets = [max(values[i * n // width: max((i + 1) * n // width, i * n // width + 1)]) for i in range(width)]
    top = max(buckets)
    if top <= 0:
        return BARS[0] * width
    return "".join(BARS[min(7, round(7 * v / top))] for v in buckets)


class Line:
    """Segments for one line, never wider than ``width`` cells."""

    def __init__(self, width: int, theme: CardTheme) -> None:
        self.width, self.theme = width, theme
        self.segments: list[Segment] = []
        self.used = 0

    def add(self, text: str, style: Style | None = None) -> Line:
        room = self.width - self.used
        if text and room > 0:
            text = clip(text, room)
            self.used += cell_len(text)
            if text[0] == " ":
                # A gap is never the start of a run of text: some renderers (rsvg, for the snapshot
                # SVGs) drop a run's leading spaces and would glue "name" to "2 users". It ends the
                # run before it instead (one segment less to write), or stands alone in the
                # background's style at the start of a line.
                words = text.lstrip(" ")
                self._gap(text[: len(text) - len(words)])
                text = words
            if text:
                self.segments.append(Segment(text, style or self.theme.base))
        return self

    def _gap(self, spaces: str) -> None:
        last = self.segments[-1] if self.segments else None
        if last is not None and last.style is not None and not (last.style.underline or last.style.reverse
                                                                 or last.style.strike):
            self.segments[-1] = Segment(last.text + spaces, last.style)
        else:
            self.segments.append(Segment(spaces, self.theme.gap or self.theme.base))

    def cell(self, line: Line) -> Line:
        """Append another line's segments, padded to its width (a column)."""
        for segment in line.segments:
            self.add(segment.text, segment.style)
        return self.add(" " * (line.width - line.used))

    def right(self, text: str, style: Style) -> Line:
        """Put ``text`` at the right edge when it fits after a gap of two cells."""
        length = cell_len(text)
        if self.used + 2 + length <= self.width:
            self.add(" " * (self.width - self.used - length))
            self.add(text, style)
        return self

    def strip(self) -> Strip:
        if self.used < self.width:
            self._gap(" " * (self.width - self.used))
        return Strip(Segment.simplify(self.segments), self.width)


class CardPainter:
    """Paints client cards; ``today`` and ``tz`` come from the app's clock."""

    def __init__(self, today: date, tz: tzinfo) -> None:
        self.today, self.tz = today, tz
        self.changes: CardMarks = NO_MARKS  # the day-over-day marks (set by the list)

    @staticmethod
    def is_wide(width: int) -> bool:
        return width >= WIDE_MIN

    @classmethod
    def height(cls, width: int) -> int:
        return WIDE_HEIGHT if cls.is_wide(width) else NARROW_HEIGHT

    @staticmethod
    def columns(width: int) -> tuple[int, int, int, int]:
        """Widths of Information, Actions, Recent Places and Utilization in the wide layout."""
        usage, actions = 17, SPARK_DAYS + 8
        rest = width - 2 - 3 * len(SEPARATOR) - usage - actions
        info = max(rest // 2, min(30, rest - 24))
        return info, actions, rest - info, usage

    def _lines(self, client: ClientSummary, width: int, theme: CardTheme, mark: Mark | None = None) -> list[Line]:
        return (self._wide if self.is_wide(width) else self._narrow)(client, width, theme, mark)

    def paint(self, client: ClientSummary, width: int, theme: CardTheme, mark: Mark | None = None) -> list[Strip]:
        """The card's body without the cursor: every line but the rule (``height(width) - 1`` lines),
        each starting with two blank cells (where the cursor's marker goes); ``mark``: the client's
        attention mark, if it has open reasons."""
        return [Line(width, theme).add("  ").cell(line).strip() for line in self._lines(client, width, theme, mark)]

    def head(self, client: ClientSummary, width: int, theme: CardTheme) -> Strip:
        """The name line of the card under the cursor, in the cursor's ``theme`` (its background
        across the whole line) and starting with the marker."""
        return Line(width, theme).add("▌ ", theme.marker).cell(self._lines(client, width, theme)[0]).strip()

    @staticmethod
    def mark(line: Strip, marker: Style) -> Strip:
        """A body line of the card under the cursor other than its name line: the line of the card
        without the cursor with the marker in its first cell, so a cursor move rewrites that cell only."""
        return Strip.join([Strip([Segment("▌", marker)], 1), line.crop(1, line.cell_length)])

    @staticmethod
    def rule(width: int, theme: CardTheme) -> Strip:
        """The card's last line, under its body; the same under the cursor."""
        return Line(width, theme).add("─" * width, theme.rule).strip()

    # --- pieces shared by both layouts ---------------------------------------------------------

    def _last_login(self, client: ClientSummary) -> str:
        return f"last login {relative_day(client.last_login, self.today, self.tz)}"

    def _users(self, client: ClientSummary) -> str:
        return count(client.user_count, "user")

    def _moved(self, line: Line, client: ClientSummary, figure: str, theme: CardTheme) -> Line:
        """`` ▲12`` after a figure that moved in the comparison shown (``card_changes``)."""
        text = self.changes.move(client.id, figure)
        if text is None:
            return line
        return line.add(" ").add(text, theme.good if text[0] == "▲" else theme.bad)

    def _emails(self, line: Line, client: ClientSummary, theme: CardTheme, *, rate: bool = True) -> Line:
        """``3,510 sent · 974 opened (27.7%)``; the rate is a dash when nothing was sent (``rate=False``:
        without it, :meth:`_rate` puts it on another line)."""
        self._moved(line.add(f"{client.emails_sent_30d:,} sent"), client, "emails_sent_30d", theme)
        self._moved(line.add(f" · {client.emails_opened_30d:,} opened"), client, "emails_opened_30d", theme)
        if not rate:
            return line
        line.add(" (", theme.dim).add(percent(client.emails_opened_30d, client.emails_sent_30d), theme.dim)
        return self._moved(line, client, "open_rate", theme).add(")", theme.dim)

    def _rate(self, line: Line, client: ClientSummary, theme: CardTheme) -> Line:
        """``27.7% open ▲1.2``: the open rate on a line of its own, before the sender status (without
        the word "open" when the status changed overnight, to leave room for what it was)."""
        word = "" if self._was(client) else " open"
        line.add(percent(client.emails_opened_30d, client.emails_sent_30d) + word, theme.dim)
        return self._moved(line, client, "open_rate", theme)

    def _was(self, client: ClientSummary) -> str:
        """`` (was Healthy)`` when the sender status changed overnight, else nothing."""
        was = self.changes.sender_was(client.id)
        return "" if was is None or safe(was) == safe(client.sender_status) else f" (was {safe(was)})"

    def _sender(self, line: Line, client: ClientSummary, theme: CardTheme, before: str) -> Line:
        """``<before>sender ● At Risk (was Healthy)``: the former status when it changed overnight; the
        word "sender", then the separator ``before``, are left out when the line has no room for them
        (a long status change)."""
        status, was_text = safe(client.sender_status), self._was(client)
        room = line.width - line.used - cell_len("● " + status + was_text)
        lead = next((text for text in (before + "sender ", before, " ") if cell_len(text) <= room), before)
        line.add(lead, theme.dim).add("● " + status, theme.tone(SENDER_TONE.get(status, "dim")))
        return line.add(was_text, theme.dim)

    def _score(self, line: Line, client: ClientSummary, theme: CardTheme) -> Line:
        score = max(0, min(100, client.utilization_score))
        name = level(score).value
        self._moved(line.add(f"{score}%", theme.name), client, "utilization", theme)
        return line.add(" ").add(name, theme.tone(LEVEL_TONE[name]))

    def _flags(self, line: Line, client: ClientSummary, theme: CardTheme, labels: Sequence[str],
               start: int = 0) -> Line:
        flags = client.features.items()[start:start + len(labels)]
        for i, ((_long, on), label) in enumerate(zip(flags, labels, strict=False)):  # fewer flags: fewer shown
            line.add(" " if i else "").add(("●" if on else "○") + label, theme.on if on else theme.off)
        return line

    @staticmethod
    def _mark(line: Line, mark: Mark | None, theme: CardTheme) -> Line:
        return line if mark is None else line.right(mark.text, theme.tone(MARK_TONE[mark.severity]))

    def _place(self, line: Line, who: str, place: PlaceRef | None, theme: CardTheme) -> Line:
        line.add(who, theme.label)
        if place is None:
            return line.add(DASH, theme.dim)
        line.add(safe(place.title), theme.base)
        return line.add(" (user)", theme.dim) if place.kind == "user" else line

    # --- the two layouts -------------------------------------------------------------------------

    def _narrow(self, c: ClientSummary, width: int, t: CardTheme, mark: Mark | None) -> list[Line]:
        inner = width - 2

        def row(label: str) -> Line:
            return Line(inner, t).add(fit(label, LABEL_WIDTH), t.label)

        kind = f"{safe(c.kind)} · {safe(c.status)}"
        info = f"  {self._users(c)} · {self._last_login(c)}"
        name_room = max(12, inner - cell_len(info) - cell_len(kind) - 2)
        head = Line(inner, t).add(clip(safe(c.name), name_room), t.name).add(info, t.dim).right(kind, t.dim)
        added = f" +{c.contacts_added_30d:,} contacts (30 days)"
        moved = self.changes.move(c.id, "contacts_added_30d")  # the sparkline makes room for its mark
        room = cell_len(added) + (cell_len(moved) + 1 if moved else 0)
        spark_width = max(8, min(SPARK_DAYS, inner - LABEL_WIDTH - room))
        actions = row("Actions").add(spark(c.contacts_series, spark_width), t.spark).add(added)
        actions = self._mark(self._moved(actions, c, "contacts_added_30d", t), mark, t)
        emails = self._sender(self._emails(row(""), c, t), c, t, " · ")
        places = row("Places")
        self._place(places, "You: ", c.your_places[0] if c.your_places else None, t)
        self._place(places.add("  "), "Company: ", c.company_places[0] if c.company_places else None, t)
        usage = self._score(row("Usage"), c, t).add("  ")
        self._flags(usage, c, t, LONG_FEATURES)
        return [head, actions, emails, places, usage]

    def _wide(self, c: ClientSummary, width: int, t: CardTheme, mark: Mark | None) -> list[Line]:
        w_info, w_act, w_places, w_use = self.columns(width)
        cells: list[list[Line]] = [[Line(w, t) for _ in range(3)] for w in (w_info, w_act, w_places, w_use)]
        info, act, places, use = cells
        info[0].add(safe(c.name), t.name)
        info[1].add(f"{safe(c.kind)} · {safe(c.status)} · ", t.dim).add(self._users(c))
        self._mark(info[2].add(self._last_login(c), t.dim), mark, t)
        added, moved = f" +{c.contacts_added_30d:,}", self.changes.move(c.id, "contacts_added_30d")
        spark_width = min(SPARK_DAYS, w_act - cell_len(added) - (cell_len(moved) + 1 if moved else 0))
        act[0].add(spark(c.contacts_series, max(8, spark_width)), t.spark).add(added)
        self._moved(act[0], c, "contacts_added_30d", t)
        self._emails(act[1], c, t, rate=False)
        self._sender(self._rate(act[2], c, t), c, t, " · ")
        entries: list[tuple[str, PlaceRef | None]] = [("You ", p) for p in c.your_places[:1]] or [("You ", None)]
        entries += [("Co. ", p) for p in c.company_places[:2]] or [("Co. ", None)]
        entries += [("You ", p) for p in c.your_places[1:2]]
        for line, (who, place) in zip(places, entries, strict=False):  # at most as many as the card has lines
            self._place(line, who, place, t)
        self._score(use[0], c, t)
        self._flags(use[1], c, t, SHORT_FEATURES[:3])
        self._flags(use[2], c, t, SHORT_FEATURES[3:], start=3)
        rows = []
        for y in range(3):
            line = Line(width - 2, t)
            for x, column in enumerate(cells):
                line.add(SEPARATOR if x else "", t.rule).cell(column[y])
            rows.append(line)
        return rows

    @classmethod
    def header(cls, width: int, theme: CardTheme) -> Strip:
        """Column titles for the wide layout."""
        line = Line(width, theme).add("  ")
        titles = ("Information", "Actions · last 30 days", "Recent Places", "Utilization")
        for x, (title, w) in enumerate(zip(titles, cls.columns(width), strict=True)):
            line.add(SEPARATOR if x else "", theme.rule).add(fit(title, w), theme.label)
        return line.strip()
