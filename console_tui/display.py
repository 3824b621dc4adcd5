"""Display-time text helpers: sanitising data, fitting it to cells, and dates people read.

Text from the database is data, never markup: it is cleaned again here,
right before display, with :func:`console_tui.domain.text.clean_text`, and then only ever put
into ``Segment``/``Text``/``Content`` objects as plain strings.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from rich.cells import cell_len, set_cell_size

from console_tui.domain.history import Change
from console_tui.domain.text import clean_text

ELLIPSIS = "…"
DASH = "—"
UP, DOWN = "▲", "▼"  # a figure's change: the arrow and the amount say the direction without colour


def safe(text: str | None) -> str:
    """``text`` with escape sequences and control, bidi and zero-width characters removed."""
    if not text:
        return ""
    # isprintable() is False for every Cc/Cf/Cs character (and a few harmless ones), so the
    # common case skips the per-character walk.
    return text if text.isprintable() else clean_text(text)


#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection): = + - @, tab, CR, and
#: their full-width forms.
FORMULA_LEADERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def csv_cell(value: object) -> object:
    """A value for a CSV cell a spreadsheet may open: text cleaned like :func:`safe`, and text whose
    first character (after any spaces) starts a formula prefixed with a single quote, as OWASP's
    CSV-injection guidance says — ``=HYPERLINK(…)`` is written ``'=HYPERLINK(…)``.

    **[decision]** Only text is touched: numbers (``int``, ``float``; ``-3`` included) are the
    fields' own numeric values and stay numbers; ``None`` stays an empty cell. Separators and
    quotes inside a cell are the CSV writer's job (it quotes such cells), so no text starts a
    new cell.
    """
    if not isinstance(value, str):
        return value
    text = safe(value)
    return "'" + text if text.lstrip(" ")[:1] in FORMULA_LEADERS else text


def safe_paste(text: str) -> str:
    """Pasted text as data: each line cleaned like :func:`safe` (escape sequences, control, bidi and
    zero-width characters removed), the line breaks kept as ``\n`` (an ``Input`` takes the first line).

    A terminal delivers a paste whole (bracketed paste), so it may hold what typed keys never can:
    an ``ESC`` or C1 byte an ``Input`` would otherwise store and write back to the terminal.
    """
    if text.isprintable():
        return text
    return "\n".join(safe(line) for line in text.splitlines())


def fit(text: str, width: int) -> str:
    """Exactly ``width`` cells: padded with spaces, or cut with an ellipsis (wide-char aware)."""
    if width <= 0:
        return ""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + ELLIPSIS


def clip(text: str, width: int) -> str:
    """At most ``width`` cells, cut with an ellipsis; never padded."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + ELLIPSIS


def local(moment: datetime, tz: tzinfo) -> datetime:
    return moment.astimezone(tz)


def day_text(day: date) -> str:
    """``20 Nov 2026``."""
    return f"{day.day} {day:%b %Y}"


def when_text(moment: datetime | None, tz: tzinfo) -> str:
    """``20 Nov 2026 02:00`` in the local zone, or a dash."""
    if moment is None:
        return DASH
    at = local(moment, tz)
    return f"{day_text(at.date())} {at:%H:%M}"


def relative_day(moment: datetime | None, today: date, tz: tzinfo, never: str = "never") -> str:
    """``today``, ``yesterday``, ``5 days ago`` (within a month) or the date."""
    if moment is None:
        return never
    days = (today - local(moment, tz).date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 31:
        return f"{days} days ago"
    return day_text(local(moment, tz).date())


def percent(part: int, whole: int) -> str:
    """``24.2%``, or a dash when ``whole`` is 0 (R-CMC-3 open rate)."""
    if whole <= 0:
        return DASH
    return f"{100 * part / whole:.1f}%"


def one_line(error: BaseException) -> str:
    """An error as one line a person can read (never a traceback)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return safe(text)


def amount(value: int) -> str:
    """A count in at most ~5 cells: ``1,234``, ``12k``, ``1.2M``."""
    size = abs(value)
    if size < 10_000:
        return f"{size:,}"
    if size < 1_000_000:
        return f"{round(size / 1000)}k"
    return f"{size / 1_000_000:.1f}M"


def move_text(figure: str, change: Change) -> str | None:
    """``▲12`` / ``▼1.3`` (the open rate in percentage points, one decimal), or None when the figure
    did not move as shown (no change, no earlier day, a rate change under 0.05 points)."""
    if change is None or change == 0:
        return None
    if figure == "open_rate":
        points = round(100 * float(change), 1)
        return None if points == 0 else f"{UP if points > 0 else DOWN}{abs(points):.1f}"
    value = int(change)
    return f"{UP if value > 0 else DOWN}{amount(value)}"
