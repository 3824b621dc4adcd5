"""The morning briefing is shown once a day per agency user: the day it was last shown is kept on the
user (``agency_user.briefing_seen_on``).

Claiming the day is one conditional UPDATE, so two consoles opened at once by the same person show it
once between them. It is not audited: it records that a panel was shown, it changes nothing the agency
manages.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, update

from console_tui.data.engine import Database
from console_tui.data.schema import AgencyUser


def claim_briefing_day(db: Database, login: str, today: date) -> bool:
    """True the first time ``login`` asks on ``today`` (and records it), False after that."""
    with db.write() as session:
        result = session.execute(
            update(AgencyUser)
            .where(AgencyUser.login == login,
                   or_(AgencyUser.briefing_seen_on.is_(None), AgencyUser.briefing_seen_on < today))
            .values(briefing_seen_on=today)
            .execution_options(synchronize_session=False))
        return bool(result.rowcount)  # type: ignore[attr-defined]
