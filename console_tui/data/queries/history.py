"""Reading the history (R-HIST-2..4): changes per client, one client's trend, the morning briefing.

Days compared are agency-wide: the nightly job writes a row for every client each day it closes, so
"yesterday" is the latest history day on or before the day before (a day the job missed reads as the
one before it, R-HIST-2), and a client with no row on a day did not exist then (or was removed).
Each function reads whole days through the ``day`` index: a fixed number of queries for any agency.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.history import decode_sections
from console_tui.data.queries.client import _client
from console_tui.data.queries.client_facts import Span, client_spans
from console_tui.data.queries.console import accessible_client_ids, acting_user
from console_tui.data.schema import AgencyUser, Client, ClientHistory, DailyMetric, UtilizationSection
from console_tui.data.views.history import (
    Briefing,
    ChangesPage,
    ClientChanges,
    ClientRef,
    LevelLine,
    LimitLine,
    MoveLine,
    RenewalLine,
    StatusLine,
    Trend,
)
from console_tui.domain.cycles import cycle_for, next_renewal
from console_tui.domain.history import (
    DayFigures,
    Mover,
    biggest_moves,
    figure_changes,
    level_move,
    limit_reached,
    status_move,
    window_opened,
)
from console_tui.domain.permissions import Action

BRIEFING_TOP = 5
_FIGURES = (ClientHistory.client_id, ClientHistory.day, ClientHistory.contacts_added_30d,
            ClientHistory.emails_sent_30d, ClientHistory.emails_opened_30d, ClientHistory.open_rate_bp,
            ClientHistory.sender_status, ClientHistory.utilization_score, ClientHistory.users,
            ClientHistory.last_login_day)


def _figures(row: Any) -> DayFigures:
    return tuple.__new__(DayFigures, row[1:])


def latest_day(session: Session, on_or_before: date | None = None) -> date | None:
    """The latest day with history, on or before ``on_or_before`` when given."""
    stmt = select(func.max(ClientHistory.day))
    if on_or_before is not None:
        stmt = stmt.where(ClientHistory.day <= on_or_before)
    return session.scalar(stmt)


def day_rows(session: Session, user: AgencyUser, day: date | None, sections: bool = False,
             ids: Sequence[int] | None = None, span: Span | None = None) -> dict[int, tuple[DayFigures, str]]:
    """Each accessible client's figures on history day ``day`` (none: no day), with its encoded section
    scores when ``sections``; only the clients ``ids`` and those whose ids are within ``span``, when
    given. One read by the ``day`` key."""
    if day is None:
        return {}
    # the figures a comparison needs; the day is known and the last login day is left out (no date to parse)
    stmt = select(ClientHistory.client_id, *_FIGURES[2:-1], *([ClientHistory.section_scores] if sections else [])
                  ).where(ClientHistory.day == day, *([] if span is None else [ClientHistory.client_id.between(*span)]))
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(ClientHistory.client_id.in_(allowed))
    if ids is not None:
        stmt = stmt.where(ClientHistory.client_id.in_(ids))
    new, last = tuple.__new__, len(_FIGURES) - 1
    return {row[0]: (new(DayFigures, (day, *row[1:last], None)), str(row[-1]) if sections else "")
            for row in session.connection().execute(stmt).all()}


def section_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(UtilizationSection.id, UtilizationSection.name)
                                .order_by(UtilizationSection.position)).all())


def changes_in(session: Session, user: AgencyUser, ids: Sequence[int] | None = None) -> ChangesPage:
    """Every accessible client's changes against yesterday and 7 days ago, and its section scores;
    only the clients ``ids`` when given (a comparison's). The three days are read a span of client ids
    at a time (:func:`client_spans`): only the changes are kept for every client, never three whole
    days of rows beside them."""
    day = latest_day(session)
    if day is None:
        return ChangesPage(None, None, None, {})
    day_1d, day_7d = latest_day(session, day - timedelta(days=1)), latest_day(session, day - timedelta(days=7))
    names = section_names(session)
    clients = {}
    for span in client_spans(session, user) if ids is None else [None]:
        now = day_rows(session, user, day, sections=True, ids=ids, span=span)
        before, week = (day_rows(session, user, day_1d, ids=ids, span=span),
                        day_rows(session, user, day_7d, ids=ids, span=span))
        for cid, (figures, sections) in now.items():
            then = before.get(cid)
            move = status_move(then[0].sender_status if then else None, figures.sender_status)
            clients[cid] = ClientChanges(
                cid, figure_changes(figures, then[0] if then else None),
                figure_changes(figures, week[cid][0] if cid in week else None),
                move.old if move else None, decode_sections(sections, names))
    return ChangesPage(day, day_1d, day_7d, clients)


def trend_in(session: Session, login: str, client_id: int, days: int) -> Trend:
    """One client's last ``days`` days of history, oldest first (R-HIST-1), once it may be viewed (R-ACC-2)."""
    name = _client(session, login, client_id, Action.VIEW_CLIENT)[1].name
    last = latest_day(session)
    if last is None:
        return Trend(client_id, name, (), ())
    wanted = [last - timedelta(days=n) for n in range(days)]  # read by key: the table is ordered by day first
    rows = session.execute(select(*_FIGURES, ClientHistory.section_scores).where(
        ClientHistory.day.in_(wanted), ClientHistory.client_id == client_id).order_by(ClientHistory.day)).all()
    names = section_names(session)
    return Trend(client_id, name, tuple(_figures(row[:-1]) for row in rows),
                 tuple(decode_sections(str(row[-1]), names) for row in rows))


def _names(session: Session, user: AgencyUser) -> dict[int, str]:
    stmt = select(Client.id, Client.name)
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(Client.id.in_(allowed))
    return dict(session.connection().execute(stmt).all())


def _limits(session: Session, user: AgencyUser, day: date, since: date, names: dict[int, str]) -> list[LimitLine]:
    """Clients whose cycle's sends reached their email limit after ``since``, by ``day`` (R-EL-1)."""
    cycle = cycle_for(day)
    before = since if since >= cycle.start else cycle.start - timedelta(days=1)
    stmt = (select(Client.id, Client.email_limit, func.coalesce(func.sum(DailyMetric.emails_sent), 0),
                   func.coalesce(func.sum(case((DailyMetric.day <= before, DailyMetric.emails_sent), else_=0)), 0))
            .join(DailyMetric, DailyMetric.client_id == Client.id)
            .where(Client.email_limit.is_not(None), Client.deleted_at.is_(None),
                   DailyMetric.day >= cycle.start, DailyMetric.day <= day)
            .group_by(Client.id, Client.email_limit))
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(Client.id.in_(allowed))
    return [LimitLine(cid, names.get(cid, ""), limit, int(now))
            for cid, limit, now, then in session.execute(stmt) if limit_reached(limit, int(then), int(now))]


def _renewals(session: Session, user: AgencyUser, day: date, since: date, window_days: int,
              names: dict[int, str]) -> list[RenewalLine]:
    """Annual clients whose pre-renewal window (R-OPT-9) opened after ``since``, by ``day``."""
    stmt = select(Client.id, Client.license_start).where(
        Client.license_term == "annual", Client.license_start.is_not(None), Client.deleted_at.is_(None))
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(Client.id.in_(allowed))
    span = (day - since).days
    # the anniversaries whose window opens in (since, day]: only clients started on one of them are checked
    dates = {(d.month, d.day) for d in (since + timedelta(days=window_days + n) for n in range(1, span + 1))}
    if (2, 28) in dates:
        dates.add((2, 29))  # a term started on 29 February renews on the 28th in other years
    lines = []
    for cid, start in session.connection().execute(stmt):
        if start is None or (span < 366 and (start.month, start.day) not in dates):
            continue
        renews = next_renewal(start, "annual", since)
        opened = window_opened(renews, since, day, window_days)
        if opened is not None:
            lines.append(RenewalLine(cid, names.get(cid, ""), opened, renews))
    return lines


def _moves(moves: tuple[Mover, ...], names: dict[int, str]) -> tuple[MoveLine, ...]:
    return tuple(MoveLine(m.client_id, names.get(m.client_id, ""), m.change, m.now) for m in moves)


def briefing_in(session: Session, user: AgencyUser, *, since: date | None = None, window_days: int = 30,
                top: int = BRIEFING_TOP) -> Briefing:
    """What changed for ``user``'s clients from ``since`` (default: the day before) to the latest history
    day (R-HIST-4): each end is the latest history day on or before its date."""
    day = latest_day(session)
    if day is None:
        return Briefing(None, None, 0)
    target = day - timedelta(days=1) if since is None or since >= day else since
    base = latest_day(session, target)
    now = {cid: fig for cid, (fig, _s) in day_rows(session, user, day).items()}
    if base is None:
        return Briefing(day, None, len(now))
    then = {cid: fig for cid, (fig, _s) in day_rows(session, user, base).items()}
    names = _names(session, user)

    def by_name(cid: int) -> tuple[str, int]:
        return names.get(cid, "").casefold(), cid

    both = [cid for cid in now if cid in then]
    statuses = [(cid, move) for cid in both if now[cid].sender_status != then[cid].sender_status
                and (move := status_move(then[cid].sender_status, now[cid].sender_status))]
    statuses.sort(key=lambda item: (not item[1].worse, *by_name(item[0])))
    levels = [(cid, level) for cid in both if now[cid].utilization != then[cid].utilization
              and (level := level_move(then[cid].utilization, now[cid].utilization))]
    levels.sort(key=lambda item: (item[1].up, *by_name(item[0])))
    opens_drops, opens_rises = biggest_moves(now, then, "emails_opened_30d", top)
    sends_drops, sends_rises = biggest_moves(now, then, "emails_sent_30d", top)
    return Briefing(
        day, base, len(now),
        status_changes=tuple(StatusLine(cid, names.get(cid, ""), m.old, m.new, m.word) for cid, m in statuses),
        opens_drops=_moves(opens_drops, names), opens_rises=_moves(opens_rises, names),
        sends_drops=_moves(sends_drops, names), sends_rises=_moves(sends_rises, names),
        level_changes=tuple(LevelLine(cid, names.get(cid, ""), m.old.value, m.new.value, m.old_score, m.new_score,
                                      m.up) for cid, m in levels),
        added=tuple(ClientRef(cid, names.get(cid, "")) for cid in sorted(set(now) - set(then), key=by_name)),
        removed=tuple(ClientRef(cid, names.get(cid, "")) for cid in sorted(set(then) - set(now), key=by_name)),
        limits_reached=tuple(sorted(_limits(session, user, day, base, names), key=lambda x: by_name(x.client_id))),
        renewal_windows=tuple(sorted(_renewals(session, user, day, base, window_days, names),
                                     key=lambda x: (x.opened, *by_name(x.client_id)))),
    )


def client_changes(db: Database, login: str) -> ChangesPage:
    with db.read() as session:
        return changes_in(session, acting_user(session, login))


def client_trend(db: Database, login: str, client_id: int, days: int) -> Trend:
    with db.read() as session:
        return trend_in(session, login, client_id, days)


def briefing(db: Database, login: str, *, since: date | None = None, window_days: int = 30,
             top: int = BRIEFING_TOP) -> Briefing:
    with db.read() as session:
        return briefing_in(session, acting_user(session, login), since=since, window_days=window_days, top=top)
