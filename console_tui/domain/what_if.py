"""What a change would do, worked out before it is made (R-WI-1, R-WI-2, R-WI-3).

Each function takes one client or many, so a single change and a bulk change ask the same
question the same way:

* R-WI-1 :func:`limit_outlook` — a new email limit against the cycle so far: what was sent, each
  scheduled job (day and size) and whether the limit lets it go out (the jobs go out in date
  order, each while it fits: :func:`~console_tui.domain.limits.send_outcomes`).
* R-WI-2 :func:`charges_outlook` — the agency's charges for the next cycle before and after a set
  of changed clients (removed, or a status that stops or starts counting): the totals, which
  clients move into (or out of) the in-pack licenses, which stop (or start) paying a license, and
  the difference. **[decision]** The next cycle's usage is not known yet, so both sides leave email
  overage out (no emails); add-ons on their active amount, Direct Support, Agency Services and tax
  are in, as the clients are set up now.
* R-WI-3 :func:`plan_outlook` — another plan: capacity (clients, team members, storage) before
  and after, and the next cycle's charges under each plan's prices and in-pack licenses; the
  monthly cost difference is the difference of those totals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from console_tui.domain.billing import BillableClient, Charges, Pricing, Totals, cycle_charges, totals
from console_tui.domain.capacity import WARN_PCT, AccountUsage, Plan, account_usage
from console_tui.domain.limits import PlannedSend, send_outcomes

# --- R-WI-1: a new email limit --------------------------------------------------------------------


@dataclass(frozen=True)
class LimitOutlook:
    """One client's cycle so far under a (new) limit: sent, its scheduled jobs in the order they go
    out, each with whether the limit lets it through (R-WI-1)."""

    client_id: int
    limit: int | None
    sent: int
    jobs: tuple[tuple[PlannedSend, bool], ...]

    @property
    def scheduled(self) -> int:
        return sum(send.size for send, _goes in self.jobs)

    @property
    def blocked(self) -> tuple[PlannedSend, ...]:
        return tuple(send for send, goes in self.jobs if not goes)

    @property
    def below_use(self) -> bool:
        """The limit is below what the cycle already uses (sent + scheduled, R-EL-2)."""
        return self.limit is not None and self.limit < self.sent + self.scheduled

    @property
    def sends_stopped(self) -> bool:
        """What was sent already reaches the limit: no further send fits this cycle."""
        return self.limit is not None and self.sent >= self.limit

    @property
    def room_left(self) -> int | None:
        """What may still be scheduled after the jobs that go out; None when unlimited."""
        if self.limit is None:
            return None
        going = sum(send.size for send, goes in self.jobs if goes)
        return max(0, self.limit - self.sent - going)


def limit_outlook(client_id: int, limit: int | None, sent: int, jobs: Sequence[PlannedSend]) -> LimitOutlook:
    """What ``limit`` would mean for a client that has sent ``sent`` this cycle and has ``jobs``
    scheduled in it (R-WI-1)."""
    return LimitOutlook(client_id, limit, sent, send_outcomes(limit, sent, jobs))


# --- R-WI-2: clients that stop (or start) counting -----------------------------------------------


@dataclass(frozen=True)
class ChargesOutlook:
    """The next cycle's charges before and after a change (R-WI-2, R-WI-3)."""

    before: Totals
    after: Totals
    joins_in_pack: tuple[int, ...]
    leaves_in_pack: tuple[int, ...]
    stops_license: tuple[int, ...]
    starts_license: tuple[int, ...]
    before_rows: Mapping[int, Charges]
    after_rows: Mapping[int, Charges]

    @property
    def difference_cents(self) -> int:
        """After minus before: negative when the agency saves."""
        return self.after.total_cents - self.before.total_cents

    @property
    def saves_cents(self) -> int:
        """What the agency saves each cycle (0 when it pays more)."""
        return max(0, -self.difference_cents)


def changed_clients(clients: Sequence[BillableClient], *, removed: Sequence[int] = (),
                    counts: Mapping[int, bool] | None = None) -> tuple[BillableClient, ...]:
    """The clients after removing ``removed`` and giving others a status that counts or not
    (``counts``: client id → whether the new status counts, R-CAP-1)."""
    gone, counts = set(removed), counts or {}
    return tuple(replace(c, status_counts=counts[c.client_id]) if c.client_id in counts else c
                 for c in clients if c.client_id not in gone)


def _only_in(was: Mapping[int, Charges], now: Mapping[int, Charges], order: Sequence[int], *,
             in_pack: bool) -> tuple[int, ...]:
    """The clients that have an in-pack license (``in_pack``) or pay a license in ``was``, and not
    in ``now`` (or are gone from it), in ``order``."""
    def has(rows: Mapping[int, Charges], cid: int) -> bool:
        row = rows.get(cid)
        return row is not None and (row.in_pack if in_pack else row.license_cents > 0)
    return tuple(cid for cid in order if has(was, cid) and not has(now, cid))


def charges_outlook(before: Sequence[BillableClient], after: Sequence[BillableClient], pricing: Pricing,
                    in_pack: int, *, pricing_after: Pricing | None = None,
                    in_pack_after: int | None = None) -> ChargesOutlook:
    """The charges of ``before`` and of ``after`` (the same clients changed, fewer, or under another
    plan's prices and in-pack licenses), and who moves (R-WI-2). Ids come in the clients' order."""
    rows_before = cycle_charges(before, pricing, in_pack)
    rows_after = cycle_charges(after, pricing_after or pricing, in_pack if in_pack_after is None else in_pack_after)
    old = {row.client_id: row for row in rows_before}
    new = {row.client_id: row for row in rows_after}
    order = [c.client_id for c in before] + [c.client_id for c in after if c.client_id not in old]
    return ChargesOutlook(
        totals(rows_before), totals(rows_after),
        joins_in_pack=_only_in(new, old, order, in_pack=True), leaves_in_pack=_only_in(old, new, order, in_pack=True),
        stops_license=_only_in(old, new, order, in_pack=False), starts_license=_only_in(new, old, order, in_pack=False),
        before_rows=old, after_rows=new)


# --- R-WI-3: another plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanOutlook:
    """Capacity and the next cycle's charges on the current plan and on another (R-WI-3)."""

    current: Plan
    target: Plan
    usage_before: AccountUsage
    usage_after: AccountUsage
    charges: ChargesOutlook

    @property
    def monthly_difference_cents(self) -> int:
        """What the agency pays more each cycle on the target plan (negative: less)."""
        return self.charges.difference_cents


def plan_outlook(clients: Sequence[BillableClient], *, counted: int, team_members: int, storage_gb: int,
                 current: Plan, target: Plan, pricing: Pricing, in_pack: int, target_pricing: Pricing,
                 target_in_pack: int, warn_pct: int = WARN_PCT) -> PlanOutlook:
    """Moving from ``current`` to ``target`` with the agency as it is (R-WI-3)."""
    return PlanOutlook(
        current, target,
        account_usage(counted, team_members, storage_gb, current, warn_pct),
        account_usage(counted, team_members, storage_gb, target, warn_pct),
        charges_outlook(clients, clients, pricing, in_pack, pricing_after=target_pricing,
                        in_pack_after=target_in_pack))
