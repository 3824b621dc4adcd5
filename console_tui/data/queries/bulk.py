"""The read side of bulk changes: which clients a filter selects, and the batches run so far (R-BULK)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, tzinfo

from sqlalchemy import func, select

from console_tui.data.engine import Database
from console_tui.data.queries.client_facts import client_facts_in
from console_tui.data.queries.console import acting_user
from console_tui.data.schema import AuditEntry, BulkBatch
from console_tui.data.views.bulk import BatchSummary
from console_tui.domain.filters import Filter, compile_filter
from console_tui.domain.permissions import Action, check
from console_tui.domain.removal import PRE_RENEWAL_DAYS
from console_tui.domain.roles import Role


def select_clients(db: Database, login: str, where: Filter | None, today: date, tz: tzinfo, *,
                   pre_renewal_days: int = PRE_RENEWAL_DAYS) -> tuple[tuple[int, str], ...]:
    """(id, name) of the clients ``login`` may access that ``where`` holds for, as ``clients list
    --where`` selects them (the console's order: by name)."""
    with db.read() as session:
        user = acting_user(session, login)
        facts = client_facts_in(session, user, today, tz, pre_renewal_days=pre_renewal_days)
    keep = compile_filter(where, me=user.login) if where else None
    return tuple((f.id, f.name) for f in facts if keep is None or keep(f))


def batches(db: Database, login: str) -> tuple[BatchSummary, ...]:
    """The batches, newest first, with how many changes each made. **[decision]** (R-BULK-3) whoever
    may read the audit log sees every batch; anyone else sees their own."""
    with db.read() as session:
        user = acting_user(session, login)
        stmt = select(BulkBatch).order_by(BulkBatch.id.desc())
        if not check(Role(user.role), Action.VIEW_AUDIT_LOG).allowed:
            stmt = stmt.where(BulkBatch.agency_user_id == user.id)
        found = list(session.scalars(stmt))
        ids = [b.id for b in found]
        changes = dict(session.execute(
            select(AuditEntry.batch_id, func.count()).where(AuditEntry.batch_id.in_(ids))
            .group_by(AuditEntry.batch_id)).all()) if ids else {}
    undone: dict[int, list[int]] = defaultdict(list)
    for batch in found:
        if batch.undo_of is not None:
            undone[batch.undo_of].append(batch.id)
    return tuple(BatchSummary(b.id, b.actor, b.at, tuple(b.args), b.all_or_nothing, b.undo_of,
                              int(changes.get(b.id, 0)), tuple(sorted(undone.get(b.id, ()))))
                 for b in found)


__all__ = ["batches", "select_clients"]
