"""Snoozing a reason of the attention queue (R-ATT-3): until a day, with a note, per person.

* A snooze is one person's: it hides one reason (a client's, or the agency row's) from that
  person's queue until its day. The reason is back **on** that day, or as soon as its severity is
  worse than it was when it was snoozed (:func:`hides`). A row whose every reason is hidden drops
  out of the queue (:func:`apply_snoozes`).
* The day is typed as ``YYYY-MM-DD`` or ``+N`` (days from today); empty means
  :data:`DEFAULT_DAYS` days. **[decision]** It must be after today and at most
  :data:`MAX_DAYS` days ahead: a snooze is a reminder, not a way to forget a client.
* The note is stored text: cleaned (:func:`~console_tui.domain.text.clean_text`), spaces
  collapsed, at most ``lengths.SNOOZE_NOTE`` characters; it may be empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from console_tui.domain import lengths
from console_tui.domain.attention import AttentionRow, Reason, Severity, order
from console_tui.domain.errors import ValidationError
from console_tui.domain.text import clean_text

DEFAULT_DAYS = 7
MAX_DAYS = 366
_OFFSET = re.compile(r"\+\s*(\d{1,4})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Snooze:
    """One person's snooze of one reason: ``client_id`` None is the agency row."""

    client_id: int | None
    code: str
    until: date
    severity: Severity  # the reason's severity when it was snoozed
    note: str = ""
    name: str = ""  # the client's (or the agency's) name, for lists
    created_at: datetime | None = None


Key = tuple[int | None, str]


def hides(snooze: Snooze, reason: Reason, today: date) -> bool:
    """True while ``snooze`` hides ``reason``: before its day, and not worse than when snoozed (R-ATT-3)."""
    return reason.code == snooze.code and today < snooze.until and reason.severity >= snooze.severity


def by_key(snoozes: Iterable[Snooze]) -> dict[Key, Snooze]:
    """The snoozes by the reason each hides: (client id, code)."""
    return {(s.client_id, s.code): s for s in snoozes}


def open_row(row: AttentionRow, snoozed: dict[Key, Snooze], today: date) -> AttentionRow | None:
    """``row`` without the reasons the snoozes (:func:`by_key`) hide today; None when none is left (R-ATT-3)."""
    reasons = tuple(r for r in row.reasons
                    if (s := snoozed.get((row.id, r.code))) is None or not hides(s, r, today))
    if not reasons:
        return None
    return row if len(reasons) == len(row.reasons) else replace(row, reasons=reasons)


def open_rows(rows: Iterable[AttentionRow], snoozes: Iterable[Snooze], today: date) -> Iterator[AttentionRow]:
    """:func:`open_row` of each row, one at a time, in the rows' order; the rows left with none left out."""
    snoozed = by_key(snoozes)
    return (kept for row in rows if (kept := open_row(row, snoozed, today)) is not None)


def apply_snoozes(rows: Iterable[AttentionRow], snoozes: Iterable[Snooze], today: date) -> tuple[AttentionRow, ...]:
    """The rows without the reasons ``snoozes`` hide today; a row left with none drops out, the rest
    are put back in the queue's order (a row's severity may have changed) (R-ATT-2, R-ATT-3)."""
    snoozes = tuple(snoozes)
    if not snoozes:
        return tuple(rows)
    return tuple(sorted(open_rows(rows, snoozes, today), key=order))


def most_urgent(row: AttentionRow) -> Reason:
    """The row's worst reason (the first of them, in the rules' order)."""
    return min(row.reasons, key=lambda reason: reason.severity)


def parse_until(text: str, today: date, what: str = "Snoozing the reason") -> date:
    """``YYYY-MM-DD`` or ``+N`` (days from today) as the day the snooze ends; empty is
    :data:`DEFAULT_DAYS` days; after today and at most :data:`MAX_DAYS` days ahead (R-ATT-3)."""
    typed = clean_text(text).strip()
    if not typed:
        return today + timedelta(days=DEFAULT_DAYS)
    if offset := _OFFSET.fullmatch(typed):
        until = today + timedelta(days=int(offset.group(1)))
    else:
        try:
            if not _DAY.fullmatch(typed):
                raise ValueError(typed)
            until = date.fromisoformat(typed)
        except ValueError:
            raise ValidationError({"until": f"must be a day as YYYY-MM-DD or +N days, not {typed[:40]!r}"},
                                  what=what, labels={"until": "Until"}, todo="Type a day such as +7") from None
    check_until(until, today, what)
    return until


def check_until(until: date, today: date, what: str = "Snoozing the reason") -> None:
    """Refuse a snooze day that is not after today or more than :data:`MAX_DAYS` days ahead (R-ATT-3)."""
    if until <= today:
        raise ValidationError({"until": f"must be after today ({today.isoformat()})"}, what=what,
                              labels={"until": "Until"}, todo="Type a later day such as +7")
    if (until - today).days > MAX_DAYS:
        raise ValidationError({"until": f"must be at most {MAX_DAYS} days ahead"}, what=what,
                              labels={"until": "Until"}, todo="Type an earlier day")


def snooze_note(text: str, what: str = "Snoozing the reason") -> str:
    """The note as stored: cleaned, spaces collapsed, at most ``lengths.SNOOZE_NOTE`` characters (R-ATT-3)."""
    note = " ".join(clean_text(text).split())
    if len(note) > lengths.SNOOZE_NOTE:
        raise ValidationError({"note": f"must be at most {lengths.SNOOZE_NOTE} characters (it has {len(note)})"},
                              what=what, labels={"note": "The note"}, todo="Shorten the note")
    return note


__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "Snooze", "apply_snoozes", "by_key", "check_until", "hides", "most_urgent",
           "open_row", "open_rows", "parse_until", "snooze_note"]
