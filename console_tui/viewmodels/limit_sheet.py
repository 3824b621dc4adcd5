"""The Email Limits page with the edits typed over it — no Textual, so it is easy to test.

It knows, for each client, what to show (limit, usage, possible overage, R-EL-2/3), which edits
are valid (R-EL-1: blank = unlimited, else a whole number ≥ 0), and what a save would send
(R-EL-4: all of them, or — if one is bad — none, with every bad one named).
"""

from __future__ import annotations

from console_tui.data.views.admin import EmailLimitRow
from console_tui.data.views.agency import EmailLimitsPage
from console_tui.data.views.what_if import LimitsWhatIf
from console_tui.display import clip, safe
from console_tui.domain.errors import ValidationError
from console_tui.domain.limits import PlannedSend, parse_limit, parse_limits, possible_overage
from console_tui.domain.what_if import LimitOutlook, limit_outlook
from console_tui.domain.wording import count, money
from console_tui.viewmodels.what_if_text import limit_lines, limit_text, panel_lines

__all__ = ["LimitSheet", "limit_text", "parsed"]

SHOWN_IN_CONFIRM = 10
FIX = "write a whole number of 0 or more, or leave it blank for unlimited"


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
        #: client id → (sent, scheduled jobs) this cycle, read when a new limit is typed (R-WI-1)
        self.cycles: dict[int, tuple[int, tuple[PlannedSend, ...]]] = {}
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
        """About one client: saved limit and usage; with a new limit typed, the cycle so far and what
        the limit would block (R-WI-1) once read; the overage (or what is wrong)."""
        head = (f"{safe(row.name)} · saved limit {limit_text(row.limit)} · used {count(row.sent + row.scheduled)} "
                f"({count(row.sent)} sent + {count(row.scheduled)} scheduled)")
        limit = row.limit
        lines: list[str] = []
        if (text := self.edits.get(row.client_id)) is not None:
            ok, value = parsed(text)
            if not ok:
                return f"{head}\nThe new limit {value}: {FIX}."
            limit = value  # type: ignore[assignment]
            head += f" · new {limit_text(limit)}, not saved"
            outlook = self.outlook(row.client_id)
            lines = panel_lines(outlook) if outlook else ["Reading the cycle so far…"]
        overage = possible_overage(limit, self.page.included_emails, self.page.overage_per_1000_cents).message
        return "\n".join([head, *lines, overage])

    # --- the cycle so far under a new limit (R-WI-1) ----------------------------------------------------

    def new_limits(self) -> dict[int, int | None]:
        """The edited clients whose new limit reads well: id → limit (None: unlimited)."""
        found: dict[int, int | None] = {}
        for cid, text in self.edits.items():
            ok, value = parsed(text)
            if ok:
                found[cid] = value  # type: ignore[assignment]
        return found

    def wants_cycle(self, row: EmailLimitRow | None) -> bool:
        """A new limit is typed for the row and its cycle so far is not read yet."""
        return row is not None and row.client_id in self.new_limits() and row.client_id not in self.cycles

    def remember(self, what_if: LimitsWhatIf) -> None:
        for cid, outlook in what_if.outlooks.items():
            self.cycles[cid] = (outlook.sent, tuple(send for send, _goes in outlook.jobs))

    def outlook(self, client_id: int) -> LimitOutlook | None:
        """The cycle so far under the client's new limit, when both are known."""
        limits = self.new_limits()
        if client_id not in limits or client_id not in self.cycles:
            return None
        sent, jobs = self.cycles[client_id]
        return limit_outlook(client_id, limits[client_id], sent, jobs)

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

    def confirm_lines(self, what_if: LimitsWhatIf) -> tuple[int, list[str]]:
        """How many new limits would block a job or are below what the cycle uses, and the lines the
        confirmation shows: each changed client's cycle so far under its new limit (R-WI-1)."""
        self.remember(what_if)
        outlooks = what_if.outlooks
        risky = sum(1 for o in outlooks.values() if o.below_use or o.blocked or o.sends_stopped)
        order = sorted(outlooks, key=lambda cid: self.by_id[cid].name.casefold())
        lines = [line for cid in order[:SHOWN_IN_CONFIRM]
                 for line in limit_lines(self.by_id[cid].name, self.by_id[cid].limit, outlooks[cid])]
        more = [f"… and {len(order) - SHOWN_IN_CONFIRM:,} more"] if len(order) > SHOWN_IN_CONFIRM else []
        return risky, [*lines, *more, "",
                       "They are saved together: if one cannot be saved, none is. The change is audited."]

    def saved(self, sent: dict[int, str]) -> None:
        """Forget the edits that were saved (unless retyped since)."""
        for cid, text in sent.items():
            if self.edits.get(cid) == text:
                del self.edits[cid]
