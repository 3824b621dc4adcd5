"""The agency's trends from the history (R-HIST-1): per history day, the 30-day sends and opens summed
over the user's clients, and how many of them had each sender status and each utilization level.

Two grouped reads of the wanted days, by key (the table is ordered by day first): one by sender
status, one by utilization score (at most 101 scores a day, put into R-UT-2's levels here).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.console import accessible_client_ids, acting_user
from console_tui.data.queries.history import latest_day
from console_tui.data.schema import AgencyUser, ClientHistory
from console_tui.data.views.history import AgencyDay, AgencyTrend
from console_tui.domain.utilization import level


def agency_trend(db: Database, login: str, days: int) -> AgencyTrend:
    with db.read() as session:
        return agency_trend_in(session, acting_user(session, login), days)


def agency_trend_in(session: Session, user: AgencyUser, days: int) -> AgencyTrend:
    last = latest_day(session)
    if last is None:
        return AgencyTrend(())
    wanted = [last - timedelta(days=n) for n in range(days)]
    where = [ClientHistory.day.in_(wanted)]
    allowed = accessible_client_ids(user)
    if allowed is not None:
        where.append(ClientHistory.client_id.in_(allowed))
    by_status = session.execute(
        select(ClientHistory.day, ClientHistory.sender_status, func.count(), func.sum(ClientHistory.emails_sent_30d),
               func.sum(ClientHistory.emails_opened_30d))
        .where(*where).group_by(ClientHistory.day, ClientHistory.sender_status)).all()
    by_score = session.execute(
        select(ClientHistory.day, ClientHistory.utilization_score, func.count())
        .where(*where).group_by(ClientHistory.day, ClientHistory.utilization_score)).all()
    sent: Counter[date] = Counter()
    opened: Counter[date] = Counter()
    statuses: dict[date, Counter[str]] = {}
    levels: dict[date, Counter[str]] = {}
    for day, status, count, day_sent, day_opened in by_status:
        sent[day] += int(day_sent or 0)
        opened[day] += int(day_opened or 0)
        statuses.setdefault(day, Counter())[status] += count
    for day, score, count in by_score:
        levels.setdefault(day, Counter())[level(max(0, min(100, score))).value] += count
    return AgencyTrend(tuple(
        AgencyDay(day, sent[day], opened[day], dict(statuses[day]), dict(levels.get(day, {})))
        for day in sorted(statuses)))
