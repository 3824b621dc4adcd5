"""The words of the what-if panels (R-WI-1..3), shared by the screens and the CLI — no Textual.

Names are stored text: they are cleaned here (``display.safe``) and the screens show the lines as
plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from console_tui.data.views.what_if import ChargesWhatIf, PlanWhatIf
from console_tui.display import day_text, safe
from console_tui.domain.capacity import Capacity
from console_tui.domain.limits import PlannedSend
from console_tui.domain.what_if import ChargesOutlook, LimitOutlook
from console_tui.domain.wording import count, join_words, money

#: How many clients a panel names before "and N more".
NAMED = 3


def limit_text(limit: int | None) -> str:
    return "unlimited" if limit is None else count(limit)


def sends_text(sends: Sequence[PlannedSend]) -> str:
    """``3 Dec 2026: 1,200 emails; 10 Dec 2026: 2,088 emails``."""
    return "; ".join(f"{day_text(send.day)}: {count(send.size)} emails" for send in sends)


def jobs_text(outlook: LimitOutlook) -> str:
    """Each scheduled job with what the limit does to it: ``3 Dec 2026: 1,200 emails ✗ blocked``."""
    return "; ".join(f"{day_text(send.day)}: {count(send.size)} emails{'' if goes else ' ✗ blocked'}"
                     for send, goes in outlook.jobs) or "none"


def blocks_text(outlook: LimitOutlook) -> str:
    """``It would block 1 scheduled job (…) and every further send this cycle (…).`` (R-WI-1)."""
    stops = []
    if blocked := outlook.blocked:
        n = len(blocked)
        every = "all " if n == len(outlook.jobs) and n > 1 else ""
        stops.append(f"{every}{count(n, 'scheduled job')} ({sends_text(blocked)})")
    if outlook.sends_stopped and outlook.limit is not None:
        over = f", {count(outlook.sent - outlook.limit)} over it" if outlook.sent > outlook.limit else ""
        stops.append(f"every further send this cycle (sent already reached the limit{over})")
    if stops:
        return f"It would block {' and '.join(stops)}."
    if outlook.limit is None:
        return "Unlimited: it blocks nothing."
    return f"It would block nothing scheduled; {count(outlook.room_left or 0)} emails left to schedule."


def limit_lines(name: str, saved: int | None, outlook: LimitOutlook) -> list[str]:
    """One client's what-if for the save's confirmation and the CLI's dry run (R-WI-1): the change,
    the cycle so far (sent, each scheduled job and whether it goes out) and what it would block."""
    below = (f" (below what this cycle already uses: {count(outlook.sent + outlook.scheduled)})"
             if outlook.below_use else "")
    return [f"{safe(name)}: {limit_text(saved)} → {limit_text(outlook.limit)}{below}",
            f"  Sent this cycle: {count(outlook.sent)}. Scheduled: {jobs_text(outlook)}.",
            f"  {blocks_text(outlook)}"]


def panel_lines(outlook: LimitOutlook) -> list[str]:
    """The Email Limits row panel while a new limit is typed (R-WI-1)."""
    return [f"Cycle so far: {count(outlook.sent)} sent. Scheduled: {jobs_text(outlook)}.", blocks_text(outlook)]


# --- R-WI-2, R-WI-3: the next cycle's charges -------------------------------------------------------


def _named(ids: Sequence[int], names: Mapping[int, str]) -> str:
    shown = [safe(names.get(cid, f"#{cid}")) for cid in ids[:NAMED]]
    more = len(ids) - NAMED
    return join_words([*shown, count(more, "other")] if more > 0 else shown, "and")


def difference_text(cents: int) -> str:
    if cents < 0:
        return f"the agency saves {money(-cents)} a month"
    if cents > 0:
        return f"the agency pays {money(cents)} more a month"
    return "no change to what the agency pays"


def moves_lines(outlook: ChargesOutlook, names: Mapping[int, str]) -> list[str]:
    """Who moves into or out of the in-pack licenses, and who stops or starts paying one (R-WI-2)."""
    lines = []
    for moved, one, many in ((outlook.joins_in_pack, "moves into", "move into"), (outlook.leaves_in_pack, "leaves",
                                                                                  "leave")):
        ids = tuple(cid for cid in moved if cid in outlook.before_rows and cid in outlook.after_rows
                    and cid not in outlook.stops_license and cid not in outlook.starts_license)  # said below
        if len(ids) == 1:
            lines.append(f"{_named(ids, names)} {one} the in-pack discount: license "
                         f"{money(outlook.before_rows[ids[0]].license_cents)} → "
                         f"{money(outlook.after_rows[ids[0]].license_cents)}.")
        elif ids:
            lines.append(f"{_named(ids, names)} {many} the in-pack discount.")
    if outlook.stops_license:
        ids = outlook.stops_license
        fee = sum(outlook.before_rows[cid].license_cents for cid in ids)
        lines.append(f"{_named(ids, names)} {'stops' if len(ids) == 1 else 'stop'} paying a license "
                     f"({money(fee)}).")
    if outlook.starts_license:
        ids = outlook.starts_license
        fee = sum(outlook.after_rows[cid].license_cents for cid in ids)
        lines.append(f"{_named(ids, names)} {'starts' if len(ids) == 1 else 'start'} paying a license "
                     f"({money(fee)}).")
    return lines


def charges_lines(what_if: ChargesWhatIf) -> list[str]:
    """The removal's or status change's panel: the next cycle before and after (R-WI-2)."""
    o = what_if.outlook
    return [f"Next cycle ({what_if.cycle.start:%B %Y}), the agency's charges: {money(o.before.total_cents)} → "
            f"{money(o.after.total_cents)}: {difference_text(o.difference_cents)}.",
            f"Licenses {money(o.before.license_cents)} → {money(o.after.license_cents)}.",
            *(moves_lines(o, what_if.names) or ["Nobody moves into the in-pack discount."])]


def _capacity(meter: Capacity) -> str:
    return f"{count(meter.used)} of {count(meter.limit)} ({meter.percent} %)"


def plan_lines(what_if: PlanWhatIf) -> list[str]:
    """The plan change's panel: capacity and the monthly cost before and after (R-WI-3)."""
    o = what_if.outlook
    before, after = o.usage_before, o.usage_after
    return [f"Clients: {_capacity(before.clients)} → {_capacity(after.clients)}.",
            f"Team members: {_capacity(before.team_members)} → {_capacity(after.team_members)}. "
            f"Storage (GB): {_capacity(before.storage_gb)} → {_capacity(after.storage_gb)}.",
            f"Next cycle ({what_if.cycle.start:%B %Y}): {money(o.charges.before.total_cents)} → "
            f"{money(o.charges.after.total_cents)}: {difference_text(o.monthly_difference_cents)}.",
            *moves_lines(o.charges, what_if.names)]
