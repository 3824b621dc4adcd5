"""The kiosk's agency page: the agency's figures over the clients the acting user may access (R-ACC-2).

One read session, a fixed number of queries however many clients there are:

* the clients and their 30-day figures, tallied by sender status (the nightly snapshot);
* emails sent yesterday, from the raw ``email_sent`` events of that local day (the rollup's own
  definition, ``METRIC_OF_EVENT``, over the rollup's day bounds, so a DST day is 23 or 25 hours);
* the top movers: each client's figures on the history's latest day against the day before
  (:func:`_movers`), from ``client_history`` like the morning briefing and the cards' marks.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.console import accessible_client_ids, acting_user
from console_tui.data.queries.history import latest_day
from console_tui.data.rollup import JOB, METRIC_OF_EVENT, day_bounds
from console_tui.data.schema import Agency, Client, ClientHistory, ClientSnapshot, Event, RollupState
from console_tui.data.views.kiosk import AgencyPage, NamedMover
from console_tui.domain.movers import Figures, top_movers
from console_tui.domain.sender import SenderStatus

MOVERS = 30  # more than the tallest screen's list shows
EMAIL_SENT = next(kind for kind, column in METRIC_OF_EVENT.items() if column == "emails_sent")


def agency_page(db: Database, login: str, today: date, tz: tzinfo, *, movers: int = MOVERS,
                previous: AgencyPage | None = None) -> AgencyPage:
    """The agency page for ``login`` on local day ``today``.

    The movers change only when the nightly run does: with the ``previous`` page read for the same
    run, its movers are kept (less the clients no longer live or accessible) instead of reading
    two history days again.
    """
    yesterday = today - timedelta(days=1)
    with db.read() as session:
        user = acting_user(session, login)
        allowed = accessible_client_ids(user)
        live = (Client.deleted_at.is_(None), *(() if allowed is None else (Client.id.in_(allowed),)))
        agency = session.scalars(select(Agency).limit(1)).first()
        as_of = session.scalar(select(RollupState.as_of).where(RollupState.job == JOB))
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
        # the history's latest day against the latest on or before the day before it, as the briefing
        # and the cards' marks compare (a day the nightly run missed reads as the one before it)
        now = latest_day(session)
        since = latest_day(session, now - timedelta(days=1)) if now is not None else None
        named: tuple[NamedMover, ...] = ()
        if since is not None and previous is not None and (previous.as_of, previous.movers_since) == (as_of, since):
            still = set(session.scalars(select(Client.id).where(*live)))
            named = tuple(named for named in previous.movers if named.mover.client_id in still)
        elif now is not None and since is not None:
            named = _movers(session, live, now, since, movers)
        return AgencyPage(
            agency_name=agency.name if agency else "(no agency)",
            as_of=as_of,
            clients=sum(int(n) for n, _sent, _opened in tally.values()),
            yesterday=yesterday,
            emails_sent_yesterday=int(sent_yesterday or 0),
            emails_sent_30d=sum(int(sent) for _n, sent, _opened in tally.values()),
            emails_opened_30d=sum(int(opened) for _n, _sent, opened in tally.values()),
            senders=tuple((s.value, int(tally.get(s.value, (0,))[0])) for s in SenderStatus),
            movers_since=since,
            movers=named,
        )


def _movers(session: Session, live: tuple[Any, ...], now: date, since: date,
            count: int) -> tuple[NamedMover, ...]:
    """The top movers from history day ``since`` to history day ``now`` (R-HIST-1): each live client's
    30-day sends and opens and its sender status on both days, the rows the briefing and the cards'
    marks compare (one read of the two days by their key). A client without a row on ``since``
    (created after it) is not a mover."""
    h = ClientHistory
    days: dict[date, dict[int, Figures]] = {now: {}, since: {}}
    names: dict[int, str] = {}
    for cid, name, day, sent, opened, status in session.connection().execute(
            select(h.client_id, Client.name, h.day, h.emails_sent_30d, h.emails_opened_30d, h.sender_status)
            .join(Client, Client.id == h.client_id).where(h.day.in_((now, since)), *live)):
        names[cid] = name
        days[day][cid] = Figures(sent, opened, status)
    return tuple(NamedMover(names[m.client_id], m) for m in top_movers(days[since], days[now], count))
