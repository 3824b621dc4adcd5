"""The Email Limits page with the edits typed over it — no Textual, so it is easy to test.

It knows, for each client, what to show (limit, usage, possible overage, R-EL-2/3), which edits
are valid (R-EL-1: blank = unlimited, else a whole number ≥ 0), and what a save would send
(R-EL-4: all of them, or — if one is bad — none, with every bad one named).
"""

from __future__ import annotations

from console_tui.data.views.admin import EmailLimitRow
from console_tui.data.views.agency import EmailLimitsPage
from console_tui.display import clip, day_text, safe
from console_tui.domain.errors import ValidationError
from console_tui.domain.limits import PlannedSend, blocked_sends, parse_limit, parse_limits, possible_overage
from console_tui.domain.wording import count, money

SHOWN_IN_CONFIRM = 10
FIX = "write a whole number of 0 or more, or leave it blank for unlimited"


def limit_text(limit: int | None) -> str:
    return "unlimited" if limit is None else count(limit)


def sends_text(sends: tuple[PlannedSend, ...]) -> str:
    """``3 Dec 2026: 1,200 emails; 10 Dec 2026: 2,088 emails``."""
    return "; ".join(f"{day_text(send.day)}: {count(send.size)} emails" for send in sends)


def what_if_lines(row: EmailLimitRow, limit: int, sends: tuple[PlannedSend, ...]) -> list[str]:
    """What a new limit below this cycle's use means for one client (R-EL-2): sent, the scheduled
    jobs (day and size), and what the limit would block."""
    blocked = blocked_sends(limit, row.sent, sends)
    lines = [f"{row.name}: the new limit {count(limit)} is below what this cycle already uses "
             f"({count(row.sent + row.scheduled)}).",
             f"  Sent this cycle: {count(row.sent)}. Scheduled: {sends_text(sends) or 'none'}."]
    stops = []
    if blocked:
        n = len(blocked)
        stops.append(f"{'all ' if n == len(sends) and n > 1 else ''}{n:,} scheduled job{'s' if n != 1 else ''} "
                     f"({sends_text(blocked)})")
    if row.sent >= limit:
        over = f", {count(row.sent - limit)} over it" if row.sent > limit else ""
        stops.append(f"every further send this cycle (sent already reached the limit{over})")
    lines.append(f"  It would block {' and '.join(stops)}." if stops else "  It would block nothing scheduled.")
    return lines


def parsed(text: str) -> tuple[bool, int | None | str]:
    """``(True, limit)`` or ``(False, what is wrong)`` for text typed as a limit (R-EL-1)."""
    try:
        return True, parse_limit(text)
    except ValidationError as error:
        return False, error.field_errors.get("limit", "is not a whole number")


class LimitSheet:
    """Rows (by index) of the page, the edits by client id, and their meaning."""

    def __init__(self, page: EmailLimitsPage, edits: dict[int, str] | None = None) -> None:
        self.page = page
        self.by_id = {row.client_id: row for row in page.rows}
        self.lowered = [row.name.casefold() for row in page.rows]
        self._overages: dict[int | None, str] = {}
        # edits survive a reload unless they are now saved, or the client is gone
        self.edits = {cid: text for cid, text in (edits or {}).items()
                      if cid in self.by_id and parsed(text) != (True, self.by_id[cid].limit)}

    # --- showing -------------------------------------------------------------------------------------

    def overage_cell(self, limit: int | None) -> str:
        """The possible overage above the included emails (memoised: limits repeat)."""
        if limit not in self._overages:
            over = possible_overage(limit, self.page.included_emails, self.page.overage_per_1000_cents)
            self._overages[limit] = ("unbounded" if over.unbounded else "none" if over.emails_over == 0
                                     else f"+{count(over.emails_over)} · {money(over.cost_cents)}")
        return self._overages[limit]

    def cells(self, row: EmailLimitRow) -> tuple[tuple[str, ...], str | None]:
        """(mark, client, limit, used, possible overage) and the row's tone."""
        used = row.sent + row.scheduled
        text = self.edits.get(row.client_id)
        limit, mark, tone = row.limit, "", None
        if text is not None:
            ok, value = parsed(text)
            if not ok:
                return ("!", row.name, clip(text.strip(), 12) or "?", count(used), "fix the limit"), "error"
            limit, mark, tone = value, "*", "edited"  # type: ignore[assignment]
        if tone is None and limit is not None and used > limit:
            tone = "warn"  # already over its limit this cycle
        return (mark, row.name, limit_text(limit), count(used), self.overage_cell(limit)), tone

    def detail(self, row: EmailLimitRow) -> str:
        """Two lines about one client: saved limit and usage; the overage (or what is wrong)."""
        head = (f"{safe(row.name)} · saved limit {limit_text(row.limit)} · used {count(row.sent + row.scheduled)} "
                f"({count(row.sent)} sent + {count(row.scheduled)} scheduled)")
        limit = row.limit
        if (text := self.edits.get(row.client_id)) is not None:
            ok, value = parsed(text)
            if not ok:
                return f"{head}\nThe new limit {value}: {FIX}."
            limit = value  # type: ignore[assignment]
            head += f" · new {limit_text(limit)}, not saved"
        return f"{head}\n{possible_overage(limit, self.page.included_emails, self.page.overage_per_1000_cents).message}"

    def summary(self, shown: int) -> str:
        """The status line: how many clients, the plan's email terms, the unsaved changes."""
        total = len(self.page.rows)
        bad = sum(1 for text in self.edits.values() if not parsed(text)[0])
        unsaved = (f" · {len(self.edits):,} unsaved" + (f" ({bad:,} to fix)" if bad else "")) if self.edits else ""
        clients = f"{shown:,} of {total:,}" if shown != total else f"{total:,}"
        return (f"{clients} clients · {count(self.page.included_emails)} emails included, then "
                f"{money(self.page.overage_per_1000_cents)} per 1,000{unsaved}")

    # --- editing -------------------------------------------------------------------------------------

    def text_for(self, client_id: int) -> str:
        """What the editor starts with: the edit so far, else the saved limit (blank when none)."""
        row = self.by_id[client_id]
        return self.edits.get(client_id, "" if row.limit is None else str(row.limit)).strip()

    def edit(self, client_id: int, text: str) -> str | None:
        """Keep ``text`` as the client's new limit; returns what is wrong with it, or None."""
        ok, value = parsed(text)
        if ok and value == self.by_id[client_id].limit:
            self.edits.pop(client_id, None)  # back to what is saved: no change
        else:
            self.edits[client_id] = text
        if ok:
            return None
        return (f"{self.by_id[client_id].name}: the limit {value}. Write a whole number of 0 or more, or leave it "
                "blank for unlimited; saving is refused until it is corrected.")

    def undo(self, client_id: int) -> bool:
        return self.edits.pop(client_id, None) is not None

    # --- saving (R-EL-4) -----------------------------------------------------------------------------

    def to_save(self) -> tuple[dict[int, str], dict[int, int], str, list[str]]:
        """The texts and versions to send, the question and its lines — or :class:`ValidationError`
        naming every bad value, when one is bad (then nothing is sent)."""
        rows = {cid: self.by_id[cid] for cid in self.edits}
        new = parse_limits(self.edits, names={cid: f"{row.name} (#{cid})" for cid, row in rows.items()})
        n = len(new)
        changes = [f"{rows[cid].name}: {limit_text(rows[cid].limit)} → {limit_text(new[cid])}"
                   for cid in sorted(new, key=lambda cid: rows[cid].name.casefold())]
        more = [f"… and {n - SHOWN_IN_CONFIRM:,} more"] if n > SHOWN_IN_CONFIRM else []
        lines = [*changes[:SHOWN_IN_CONFIRM], *more, "",
                 "They are saved together: if one cannot be saved, none is. The change is audited."]
        question = f"Save {count(n, 'email limit change')}?"
        return dict(self.edits), {cid: rows[cid].version for cid in new}, question, lines

    def below_use(self) -> dict[int, int]:
        """The edited clients whose new limit is below this cycle's use (sent + scheduled): id → limit."""
        found: dict[int, int] = {}
        for cid, text in self.edits.items():
            ok, value = parsed(text)
            row = self.by_id[cid]
            if ok and isinstance(value, int) and value < row.sent + row.scheduled:
                found[cid] = value
        return found

    def what_if(self, below: dict[int, int], sends: dict[int, tuple[PlannedSend, ...]]) -> list[str]:
        """The lines the confirmation starts with when limits go below what is used (R-EL-2)."""
        lines: list[str] = []
        for cid in sorted(below, key=lambda cid: self.by_id[cid].name.casefold())[:SHOWN_IN_CONFIRM]:
            lines += what_if_lines(self.by_id[cid], below[cid], sends.get(cid, ()))
        return [*lines, ""]

    def saved(self, sent: dict[int, str]) -> None:
        """Forget the edits that were saved (unless retyped since)."""
        for cid, text in sent.items():
            if self.edits.get(cid) == text:
                del self.edits[cid]
