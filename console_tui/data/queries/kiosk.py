"""The kiosk's agency page: the agency's figures over the clients the acting user may access (R-ACC-2).

One read session, a fixed number of queries however many clients there are:

* the clients and their 30-day figures, tallied by sender status (the nightly snapshot);
* emails sent yesterday, from the raw ``email_sent`` events of that local day (the rollup's own
  definition, ``METRIC_OF_EVENT``, over the rollup's day bounds, so a DST day is 23 or 25 hours);
* the top movers: each client's figures in the snapshot (the 30 days ending the last day the
  nightly rollup closed, ``D``) against the same figures one day earlier (:func:`figures_before`).
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from console_tui.data.engine import Database
from console_tui.data.queries.console import accessible_client_ids, acting_user
from console_tui.data.rollup import JOB, METRIC_OF_EVENT, WINDOW_DAYS, day_bounds
from console_tui.data.schema import Agency, Client, ClientSnapshot, DailyMetric, Event, RollupState, SenderStatusChange
from console_tui.data.views.kiosk import AgencyPage, NamedMover
from console_tui.domain.movers import Figures, top_movers
from console_tui.domain.sender import SenderStatus

MOVERS = 10
EMAIL_SENT = next(kind for kind, column in METRIC_OF_EVENT.items() if column == "emails_sent")


def agency_page(db: Database, login: str, today: date, tz: tzinfo, *, movers: int = MOVERS) -> AgencyPage:
    """The agency page for ``login`` on local day ``today``."""
    yesterday = today - timedelta(days=1)
    with db.read() as session:
        user = acting_user(session, login)
        allowed = accessible_client_ids(user)
        live = (Client.deleted_at.is_(None), *(() if allowed is None else (Client.id.in_(allowed),)))
        agency = session.scalars(select(Agency).limit(1)).first()
        as_of, last_day = session.execute(
            select(RollupState.as_of, RollupState.last_day).where(RollupState.job == JOB)).first() or (None, None)
        status = func.coalesce(ClientSnapshot.sender_status, SenderStatus.NEW.value)
        tally = {row[0]: row[1:] for row in session.execute(
            select(status, func.count(), func.coalesce(func.sum(ClientSnapshot.emails_sent_30d), 0),
                   func.coalesce(func.sum(ClientSnapshot.emails_opened_30d), 0))
            .select_from(Client).outerjoin(ClientSnapshot, ClientSnapshot.client_id == Client.id)
            .where(*live).group_by(status))}
        start, end = day_bounds(yesterday, tz)
        sent_yesterday = session.scalar(
            select(func.coalesce(func.sum(Event.quantity), 0))
            .where(Event.type == EMAIL_SENT, Event.occurred_at >= start, Event.occurred_at < end,
                   Event.client_id.in_(select(Client.id).where(*live))))
        named = _movers(session, live, last_day, movers) if last_day is not None else ()
        return AgencyPage(
            agency_name=agency.name if agency else "(no agency)",
            as_of=as_of,
            clients=sum(int(n) for n, _sent, _opened in tally.values()),
            yesterday=yesterday,
            emails_sent_yesterday=int(sent_yesterday or 0),
            emails_sent_30d=sum(int(sent) for _n, sent, _opened in tally.values()),
            emails_opened_30d=sum(int(opened) for _n, _sent, opened in tally.values()),
            senders=tuple((s.value, int(tally.get(s.value, (0,))[0])) for s in SenderStatus),
            movers_since=None if last_day is None else last_day - timedelta(days=1),
            movers=named,
        )


def figures_before(rows: list[Any]) -> dict[int, Figures]:
    """Each client's figures on the day before ``D``, from the rows :func:`_movers` reads: the 30-day
    window ending ``D - 1`` is the snapshot's less day ``D`` plus day ``D - 30``; the sender status is
    the one a change on ``D`` left (none: the status was the same). A client whose first snapshot
    was written on ``D`` (its change has no old status) had no figures the day before.

    This is where a day-by-day history of the figures would answer directly (its rows for ``D - 1``).
    """
    before = {}
    for cid, _name, sent, opened, now_status, sent_d, opened_d, sent_old, opened_old, changed, old_status in rows:
        if changed and old_status is None:
            continue
        before[cid] = Figures(sent - sent_d + sent_old, opened - opened_d + opened_old,
                              old_status if changed else now_status)
    return before


def _movers(session: Session, live: tuple[Any, ...], last_day: date, count: int) -> tuple[NamedMover, ...]:
    """The top movers between the day before ``last_day`` and ``last_day``: only the clients with
    figures on ``last_day`` or on the day that left the window, or a status change, can have moved."""
    now, gone = aliased(DailyMetric), aliased(DailyMetric)
    change = aliased(SenderStatusChange)
    snap = ClientSnapshot
    rows = [tuple(row) for row in session.execute(
        select(Client.id, Client.name, snap.emails_sent_30d, snap.emails_opened_30d, snap.sender_status,
               func.coalesce(now.emails_sent, 0), func.coalesce(now.emails_opened, 0),
               func.coalesce(gone.emails_sent, 0), func.coalesce(gone.emails_opened, 0),
               change.client_id.is_not(None), change.old_status)
        .join(snap, snap.client_id == Client.id)
        .outerjoin(now, and_(now.client_id == Client.id, now.day == last_day))
        .outerjoin(gone, and_(gone.client_id == Client.id, gone.day == last_day - timedelta(days=WINDOW_DAYS)))
        .outerjoin(change, and_(change.client_id == Client.id, change.day == last_day))
        .where(*live, or_(now.client_id.is_not(None), gone.client_id.is_not(None), change.client_id.is_not(None))))]
    after = {row[0]: Figures(row[2], row[3], row[4]) for row in rows}
    names = {row[0]: row[1] for row in rows}
    return tuple(NamedMover(names[m.client_id], m) for m in top_movers(figures_before(rows), after, count))
