"""The plan ladder: changing plan, and the capacity check other commands share (R-CAP-2, R-CAP-3)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from console_tui.clock import Clock
from console_tui.data.commands.base import unit_of_work
from console_tui.data.engine import Database
from console_tui.data.queries.admin import (
    agency_in,
    counted_clients_in,
    ladder_in,
    next_rung,
    team_members_in,
)
from console_tui.data.views.admin import PlanRow
from console_tui.data.views.results import PlanChanged
from console_tui.domain import capacity as cap
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.permissions import Action
from console_tui.domain.wording import count, join_words

MB_PER_GB = 1024


def check_room_for_one_more(session: Session, warn_pct: int = cap.WARN_PCT) -> str | None:
    """Refuse one more counted client when the plan is full (R-CAP-3); else the warning after it.

    Locks the agency row on PostgreSQL so two concurrent adds cannot both take the last place
    (SQLite's write transactions are serial already). Returns the advance warning (R-CAP-2) for
    the count *after* the new client, or None.
    """
    agency = agency_in(session, lock=True)
    ladder = ladder_in(session)
    current = next(row for row in ladder if row.id == agency.plan_id)
    counted = counted_clients_in(session)
    upgrade = next_rung(ladder, current)
    cap.check_can_add(counted, current.as_plan(), upgrade_to=upgrade.as_plan() if upgrade else None)
    return cap.capacity_warning(cap.capacity(counted + 1, current.as_plan(), warn_pct))


def find_plan(ladder: tuple[PlanRow, ...], wanted: str | int) -> PlanRow:
    """A plan by rank (``2``, ``"2"``) or by name, case-insensitively (R-CAP-3)."""
    text = " ".join(str(wanted).split())
    for row in ladder:
        if (text.isdigit() and row.rank == int(text)) or row.name.casefold() == text.casefold():
            return row
    names = join_words([f"{row.rank} {row.name}" for row in ladder])
    raise NotFound("plan", repr(text), f"Choose one of the plans by rank or name: {names}")


def _overflows(target: PlanRow, counted: int, team: int, storage_mb: int) -> list[str]:
    problems = []
    if counted > target.max_clients:
        problems.append(f"{count(counted)} counted clients (it allows {count(target.max_clients)})")
    if team > target.max_team_members:
        problems.append(f"{count(team)} team members (it allows {count(target.max_team_members)})")
    if storage_mb > target.storage_gb * MB_PER_GB:
        used = -(-storage_mb // MB_PER_GB)
        problems.append(f"{count(used)} GB of storage (it allows {count(target.storage_gb)} GB)")
    return problems


class _Rehearsed(Exception):  # noqa: N818 - not an error: it carries a dry run's result out of its transaction
    def __init__(self, result: PlanChanged) -> None:
        self.result = result


def change_plan(db: Database, clock: Clock, login: str, plan: str | int, *,
                seen_version: int | None = None, dry_run: bool = False) -> PlanChanged:
    """Move the agency to another rung of the ladder, at once (R-CAP-3). Administrators only.

    A downgrade is refused while the agency uses more than the smaller plan allows — clients,
    team members or storage — naming each and what to do; choosing the current plan is refused.
    ``dry_run``: the same checks and change, rolled back; what it would do, with nothing kept.
    """
    try:
        return _change_plan(db, clock, login, plan, seen_version, dry_run)
    except _Rehearsed as rehearsed:
        return rehearsed.result


def _change_plan(db: Database, clock: Clock, login: str, plan: str | int, seen_version: int | None,
                 dry_run: bool) -> PlanChanged:
    with unit_of_work(db, clock, login, Action.CHANGE_PLAN) as work:
        agency = agency_in(work.session, lock=True)
        work.expect_version(agency, seen_version, "Changing the plan")
        ladder = ladder_in(work.session)
        current = next(row for row in ladder if row.id == agency.plan_id)
        target = find_plan(ladder, plan)
        if target.id == current.id:
            raise RuleRefused(f"Changing to the {target.name} plan", f"the agency is already on the {target.name} plan",
                              "Choose another plan; nothing was changed")
        upgrade = target.rank > current.rank
        if not upgrade:
            problems = _overflows(target, counted_clients_in(work.session), team_members_in(work.session),
                                  int(agency.storage_used_mb or 0))
            if problems:
                raise RuleRefused(
                    f"Moving down to the {target.name} plan",
                    f"the agency uses more than it allows: {join_words(problems, 'and')}",
                    "Suspend or remove clients, deactivate team members or free storage first, "
                    "or choose a larger plan",
                )
        agency.plan_id = target.id
        work.audit(
            before={"plan": current.name, "rank": current.rank, "max_clients": current.max_clients},
            after={"plan": target.name, "rank": target.rank, "max_clients": target.max_clients},
            action="change_plan",
        )
        changed = PlanChanged(current.name, target.name, target.max_clients, upgrade)
        if dry_run:
            raise _Rehearsed(changed)  # the transaction is rolled back
        return changed
