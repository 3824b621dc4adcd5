"""The comparison of two to four clients (R-CMP-1, R-CMP-3): one read session, a fixed number of
queries whatever the number of clients, each client checked first.

Every client is read under ``VIEW_CLIENT`` (R-ACC-2): one the user may not access (or that does
not exist, or was removed) refuses the whole comparison with the usual sentence — nothing is shown
for the others, so a comparison is never half of what was asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.admin import cycle_counts_in
from console_tui.data.queries.console import acting_user, summaries_of, summary_rows
from console_tui.data.queries.history import changes_in
from console_tui.data.schema import (
    AgencyUser,
    Client,
    ClientAccess,
    RollupState,
    UtilizationActivity,
    UtilizationCompletion,
    UtilizationSection,
)
from console_tui.data.views.compare import ComparedClient, ComparePage
from console_tui.domain.compare import TRAY_MAX
from console_tui.domain.cycles import cycle_for
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.permissions import Action, require
from console_tui.domain.roles import Role
from console_tui.domain.utilization import Activity, utilization_score


def _check(session: Session, user: AgencyUser, ids: Sequence[int]) -> None:
    """Refuse unless the user may view every client in ``ids`` (R-ACC-2, R-ACC-4), in their order."""
    live = set(session.scalars(select(Client.id).where(Client.id.in_(ids), Client.deleted_at.is_(None))))
    managed = set(session.scalars(select(ClientAccess.client_id).where(
        ClientAccess.agency_user_id == user.id, ClientAccess.client_id.in_(ids))))
    role = Role(user.role)
    for client_id in ids:
        if client_id not in live:
            raise NotFound("client", client_id)
        require(role, Action.VIEW_CLIENT, is_client_manager=client_id in managed)


def _sections(session: Session, ids: Sequence[int]) -> tuple[tuple[str, ...], dict[int, tuple[int, ...]]]:
    """The catalogue's sections in order, and each client's score in each (R-UT-1's score over one
    section's activities)."""
    sections = tuple(session.scalars(select(UtilizationSection.name).order_by(UtilizationSection.position,
                                                                               UtilizationSection.id)))
    by_section: dict[str, list[Activity]] = defaultdict(list)
    for key, section, weight in session.execute(
            select(UtilizationActivity.key, UtilizationSection.name, UtilizationActivity.weight)
            .join(UtilizationSection, UtilizationSection.id == UtilizationActivity.section_id)):
        by_section[section].append(Activity(key, section, weight))
    done: dict[int, set[str]] = defaultdict(set)
    for client_id, key in session.execute(
            select(UtilizationCompletion.client_id, UtilizationActivity.key)
            .join(UtilizationActivity, UtilizationActivity.id == UtilizationCompletion.activity_id)
            .where(UtilizationCompletion.client_id.in_(ids))):
        if client_id is not None:  # the agency's own completions have none
            done[client_id].add(key)
    scores = {cid: tuple(utilization_score(by_section[name], done[cid]) for name in sections) for cid in ids}
    return sections, scores


def compare_clients(db: Database, login: str, client_ids: Sequence[int], today: date, tz: tzinfo) -> ComparePage:
    """The clients ``client_ids`` side by side, in that order (R-CMP-1): card figures, email limit and
    use this cycle (R-EL-2), utilization sections (R-UT-1), changes against yesterday and 7 days ago
    (R-HIST-2)."""
    ids = tuple(dict.fromkeys(client_ids))
    if not 1 <= len(ids) <= TRAY_MAX:
        raise RuleRefused("Comparing clients", f"a comparison holds 1 to {TRAY_MAX} clients, not {len(ids)}")
    with db.read() as session:
        user = acting_user(session, login)
        _check(session, user, ids)
        rows = summary_rows(session, user, Client.id.in_(ids))
        summaries = {summary.id: summary for summary in summaries_of(session, rows, {}, {})}
        limits = {cid: limit for cid, limit in session.execute(
            select(Client.id, Client.email_limit).where(Client.id.in_(ids)))}
        cycle = cycle_for(today)
        counts = cycle_counts_in(session, cycle, tz, ids)
        sections, scores = _sections(session, ids)
        as_of = session.scalar(select(RollupState.as_of).where(RollupState.job == "nightly"))
        changes = changes_in(session, user, ids)  # the cards' own computation, for these clients
        clients = tuple(
            ComparedClient(summaries[cid], limits[cid], *counts.get(cid, (0, 0)), section_scores=scores[cid],
                           changes=changes.clients.get(cid))
            for cid in ids
        )
        return ComparePage(clients, sections, f"{cycle.start:%B %Y}", as_of, changes.day)
