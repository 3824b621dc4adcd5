"""A client's utilization activities (R-UT-1): the catalogue in section order, each with when the
client completed it, or not yet. Read inside the caller's session; no permission check here (the
caller has checked the client)."""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from console_tui.data.schema import UtilizationActivity, UtilizationCompletion, UtilizationSection
from console_tui.data.views.client import SectionActivity


def client_activities(session: Session, client_id: int) -> tuple[SectionActivity, ...]:
    """Every activity of the catalogue, by section position then activity id, with the client's
    completion (one query: the catalogue left-joined with this client's completions)."""
    done = and_(UtilizationCompletion.activity_id == UtilizationActivity.id,
                UtilizationCompletion.client_id == client_id)
    rows = session.execute(
        select(UtilizationSection.name, UtilizationActivity.name, UtilizationActivity.weight,
               UtilizationCompletion.completed_at)
        .join(UtilizationSection, UtilizationSection.id == UtilizationActivity.section_id)
        .outerjoin(UtilizationCompletion, done)
        .order_by(UtilizationSection.position, UtilizationSection.id, UtilizationActivity.id))
    return tuple(SectionActivity(section, name, weight, at) for section, name, weight, at in rows)
