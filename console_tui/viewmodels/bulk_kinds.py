"""What the bulk change's screens show, without Textual: the actions a role may pick, what each asks
for, the dry run's rows as cells, and one line about a run (R-BULK).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from console_tui.data.views.bulk import BatchSummary, BulkResult, BulkRow, Outcome
from console_tui.domain.bulk import PERMISSION, USAGE, BulkKind, show
from console_tui.domain.permissions import Action, check
from console_tui.domain.roles import Role

#: What each action sets, as the dialog lists it.
LABELS: dict[BulkKind, str] = {
    BulkKind.SET_LIMIT: "Email limit per billing cycle",
    BulkKind.DIRECT_SUPPORT: "Direct Support",
    BulkKind.EBS: "Engagement-based suppression (EBS)",
    BulkKind.GRANT: "Add a client manager",
    BulkKind.REVOKE: "Remove a client manager",
    BulkKind.STATUS: "Client status",
    BulkKind.TERM: "License term",
    BulkKind.REBRAND: "Client rebrand lock",
    BulkKind.ALLOWANCE: "A service's allowance",
}

#: The order ``o`` steps through on the dry run: every row, then each outcome alone.
OUTCOMES: tuple[Outcome | None, ...] = (None, Outcome.CHANGE, Outcome.SAME, Outcome.REFUSED, Outcome.CONFLICT)


#: The dialog's entry for applying a client template (its value is the template's name).
TEMPLATE_LABEL = "Apply a client template"


def may_apply_templates(role: Role) -> bool:
    """Templates are the Administrators' (R-TPL-1); applying one is then each part's own change."""
    return check(role, Action.MANAGE_TEMPLATES).allowed


def kinds_for(role: Role) -> tuple[BulkKind, ...]:
    """The actions ``role`` may make on a client it can see (a bulk change is only these, R-BULK-2)."""
    return tuple(kind for kind in BulkKind if check(role, PERMISSION[kind], is_client_manager=True).allowed)


def argument_hint(kind: BulkKind) -> str:
    """What the dialog's value field asks: ``N|none`` for ``set-limit N|none``."""
    return USAGE[kind].partition(" ")[2]


def tone(row: BulkRow) -> str | None:
    return {Outcome.REFUSED: "warn", Outcome.CONFLICT: "warn", Outcome.SAME: "dim"}.get(row.outcome)


def cells(row: BulkRow, several: bool = False) -> tuple[str, str, str]:
    """Client, outcome word, and before → after (a change, or what stays) or why (refused, conflict);
    ``several``: the plan makes different changes (a template's parts, an undo), so each says which."""
    if row.outcome in (Outcome.CHANGE, Outcome.SAME):
        detail = f"{show(row.before, row.action.kind)} → {show(row.after, row.action.kind)}"
        if row.outcome is Outcome.SAME:
            detail = f"stays {show(row.before, row.action.kind)}"
    else:
        detail = row.reason
    if several or row.undoes:
        detail = f"{row.action}: {detail}"
    return row.name or f"client {row.client_id}", row.outcome.value, detail


def shown_rows(rows: Sequence[BulkRow], outcome: Outcome | None) -> list[BulkRow]:
    """The rows with ``outcome`` (every row for None), refused and conflicts first, then by name."""
    picked = [row for row in rows if outcome is None or row.outcome is outcome]
    first = {Outcome.REFUSED: 0, Outcome.CONFLICT: 0, Outcome.CHANGE: 1, Outcome.SAME: 2}
    return sorted(picked, key=lambda row: (first[row.outcome], row.name.casefold(), row.client_id))


def result_text(result: BulkResult) -> str:
    """``Batch 7: 120 changed, 3 refused, 0 conflicts. Undo: H, then u on batch 7.``"""
    totals = result.totals
    if not result.applied:
        return (f"Nothing was applied (all or nothing): {totals.refused:,} refused, "
                f"{totals.conflicts:,} conflicts.")
    told = (f"Batch {result.batch}: {totals.changes:,} changed, {totals.same:,} no change, "
            f"{totals.refused:,} refused, {totals.conflicts:,} conflicts.")
    return told + (f" Undo: H, then u on batch {result.batch}." if totals.changes else "")


def batch_cells(batch: BatchSummary, tz: tzinfo) -> tuple[str, ...]:
    """Number, when, who, what, changes, and what undid it (or what it undoes)."""
    at = batch.at.astimezone(tz)
    notes = []
    if batch.undo_of is not None:
        notes.append(f"undoes {batch.undo_of}")
    if batch.undone_by:
        notes.append("undone by " + ", ".join(str(n) for n in batch.undone_by))
    if batch.all_or_nothing:
        notes.append("all or nothing")
    return (str(batch.number), f"{at:%Y-%m-%d %H:%M}", batch.actor, " ".join(batch.words), f"{batch.changes:,}",
            "; ".join(notes))


__all__ = ["LABELS", "OUTCOMES", "TEMPLATE_LABEL", "argument_hint", "batch_cells", "cells", "kinds_for",
           "may_apply_templates", "result_text", "shown_rows", "tone"]
