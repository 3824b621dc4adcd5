"""Plan capacity: which clients count, the advance warning and the refusal (R-CAP-1..3).

* R-CAP-1: a record counts toward the plan when its kind is ``client`` and its status counts:
  the built-in ``Active`` does, ``Suspended`` and ``Inactive`` (exact, case-sensitive names) do not,
  and each custom status says whether it does (chosen when it is added; yes unless told).
  Leads and prospects never count.
* R-CAP-2: clients, team members and storage are shown against the plan; a warning shows from
  ``warn_pct`` (default 90 %, a setting) of the client count.
* R-CAP-3: at 100 % adding or reactivating a counted client is refused, offering both ways out.
  Plans form a ladder where each next plan doubles clients, team members and storage.

**[decision]** Percentages are shown rounded down (89.9 % reads 89 %), and the warning and
"full" tests compare exactly, so 899 of 1,000 does not warn yet and 900 does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from console_tui.domain.errors import CapacityReached
from console_tui.domain.wording import count

#: Statuses that do not count toward the plan (R-CAP-1).
NOT_COUNTED_STATUSES: frozenset[str] = frozenset({"Suspended", "Inactive"})
#: The only kind that counts (R-CAP-1).
COUNTED_KIND = "client"
#: Warn from this percentage of the plan's clients (R-CAP-2).
WARN_PCT = 90


def default_counts(status_name: str) -> bool:
    """Whether a status counts toward the plan when nothing says otherwise (R-CAP-1): the built-in
    Suspended and Inactive do not; every other status does unless it was added as not counting."""
    return status_name not in NOT_COUNTED_STATUSES


def is_counted(kind: str, status_counts: bool) -> bool:
    """True when a record of ``kind`` whose status counts (``status_counts``) counts toward the plan (R-CAP-1)."""
    return kind == COUNTED_KIND and status_counts


def becomes_counted(kind_before: str, counts_before: bool, kind_after: str, counts_after: bool) -> bool:
    """True when a change (new record, reactivation, lead → client) adds to the count (R-CAP-3)."""
    return is_counted(kind_after, counts_after) and not is_counted(kind_before, counts_before)


@dataclass(frozen=True)
class Plan:
    """A plan's capacity (R-CAP-2, R-CAP-3)."""

    name: str
    clients: int
    team_members: int
    storage_gb: int

    def __post_init__(self) -> None:
        if min(self.clients, self.team_members, self.storage_gb) < 1:
            raise ValueError("a plan allows at least 1 client, 1 team member and 1 GB")


def plan_ladder(base: Plan, steps: int = 5) -> tuple[Plan, ...]:
    """``steps`` plans from ``base``, each doubling clients, team members and storage (R-CAP-3).

    Plans after the base are named "<base name> x2", "x4", …
    """
    plans = [base]
    for i in range(1, steps):
        factor = 2**i
        plans.append(
            replace(
                base,
                name=f"{base.name} x{factor}",
                clients=base.clients * factor,
                team_members=base.team_members * factor,
                storage_gb=base.storage_gb * factor,
            )
        )
    return tuple(plans)


def next_plan(ladder: tuple[Plan, ...], current: Plan) -> Plan | None:
    """The plan after ``current`` in the ladder, or None at the top (R-CAP-3)."""
    bigger = [plan for plan in ladder if plan.clients > current.clients]
    return min(bigger, key=lambda plan: plan.clients) if bigger else None


@dataclass(frozen=True)
class Capacity:
    """Use of one plan allowance: ``percent`` is rounded down (R-CAP-2)."""

    used: int
    limit: int
    percent: int
    warning: bool
    full: bool


def meter(used: int, limit: int, warn_pct: int = WARN_PCT) -> Capacity:
    """How much of ``limit`` is used: warning from ``warn_pct`` %, full at 100 % (R-CAP-2)."""
    if limit < 1:
        raise ValueError("a limit must be at least 1")
    return Capacity(
        used=used,
        limit=limit,
        percent=used * 100 // limit,
        warning=used * 100 >= warn_pct * limit,
        full=used >= limit,
    )


def capacity(counted: int, plan: Plan, warn_pct: int = WARN_PCT) -> Capacity:
    """Counted clients against the plan (R-CAP-2)."""
    return meter(counted, plan.clients, warn_pct)


@dataclass(frozen=True)
class AccountUsage:
    """Clients, team members and storage against the plan, for the account screen (R-CAP-2)."""

    clients: Capacity
    team_members: Capacity
    storage_gb: Capacity


def account_usage(
    counted: int, team_members: int, storage_gb: int, plan: Plan, warn_pct: int = WARN_PCT
) -> AccountUsage:
    """All three plan allowances at once (R-CAP-2)."""
    return AccountUsage(
        meter(counted, plan.clients, warn_pct),
        meter(team_members, plan.team_members, warn_pct),
        meter(storage_gb, plan.storage_gb, warn_pct),
    )


def capacity_warning(cap: Capacity) -> str | None:
    """The advance warning for the client count, or None below the threshold (R-CAP-2)."""
    if cap.full:
        return (
            f"All {count(cap.limit)} clients of the plan are used: upgrade the plan, or "
            "suspend or remove clients, before adding another"
        )
    if cap.warning:
        left = cap.limit - cap.used
        return (
            f"{cap.percent} % of the plan's clients are used ({count(cap.used)} of "
            f"{count(cap.limit)}); {count(left)} more can be added before the plan is full"
        )
    return None


def check_can_add(counted: int, plan: Plan, *, upgrade_to: Plan | None = None) -> None:
    """Refuse adding or reactivating a counted client when the plan is full (R-CAP-3).

    Raises :class:`CapacityReached` naming both ways out: upgrade the plan (``upgrade_to``, if
    given, is named with its capacity) or suspend/remove clients.
    """
    if counted < plan.clients:
        return
    upgrade = "upgrade the plan"
    if upgrade_to is not None:
        upgrade = f"upgrade to the {upgrade_to.name} plan ({count(upgrade_to.clients)} clients)"
    raise CapacityReached(
        "Adding another counted client",
        counted=counted,
        limit=plan.clients,
        plan_name=plan.name,
        todo=f"Either {upgrade}, or suspend or remove clients you no longer work with "
        "(suspended and inactive clients are not counted)",
    )
