"""The day-by-day history (R-HIST-1): one ``client_history`` row per client per local day.

A day's row holds the console's figures as of the end of that day, computed from the day's data
alone, so a second run of the day writes the same rows: the 30-day sums of the daily figures
ending that day, the open rate, the sender status those sums give (R-SS-2, with the emails sent
ever through that day), the utilization score and each section's from the activities completed by
the end of the day (R-UT-1), the client users not blocked created by then, and the last day a
client user logged in (a login event's day, or a user's last login, whichever is later).

:func:`record_days` recomputes a span of days whole — it replaces every row of those days — with one
read of the daily figures and a sliding 30-day window per client: ``refresh --since`` every day from
that date, the demo every day it generates. The nightly rollup records the day it closes with
:func:`record_closed_day`, from the 30-day figures it has just computed for the console (the same
sums) and the day before's row, so its cost does not grow with the history kept.
:func:`prune` drops the days older than the ``history_days`` setting.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import chain
from typing import Any

from sqlalchemy import and_, case, delete, func, or_, select
from sqlalchemy.orm import Session

from console_tui.data.engine import postgres_driver, sqlite_driver
from console_tui.data.schema import (
    Client,
    ClientHistory,
    ClientSnapshot,
    ClientUser,
    DailyMetric,
    UtilizationActivity,
    UtilizationCompletion,
    UtilizationSection,
)
from console_tui.domain.history import Scoring, open_rate_bp
from console_tui.domain.sender import SenderWindow, sender_status
from console_tui.domain.utilization import Activity

WINDOW_DAYS = 30
DEFAULT_HISTORY_DAYS = 400
COLUMNS = ("client_id", "day", "contacts_added_30d", "emails_sent_30d", "emails_opened_30d", "open_rate_bp",
           "sender_status", "utilization_score", "section_scores", "users", "last_login_day")
CHUNK = 20_000


def _end(day: date, tz: tzinfo) -> datetime:
    """The UTC instant where local ``day`` ends (a DST day is 23 or 25 hours long)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


def encode_sections(scores: dict[int, int]) -> str:
    """``{section id: score}`` as stored: ``id:score`` pairs by section id, comma-separated."""
    return ",".join(f"{sid}:{score}" for sid, score in sorted(scores.items()))


def decode_sections(text: str, names: dict[int, str]) -> dict[str, int]:
    """The stored pairs as ``{section name: score}``, in section order; unknown ids are left out."""
    pairs: dict[int, int] = {}
    for pair in text.split(",") if text else ():
        sid, _, score = pair.partition(":")
        pairs[int(sid)] = int(score)
    return {names[sid]: score for sid, score in sorted(pairs.items()) if sid in names}


class _Utilization:
    """Per client, the score and section scores of the activities it completed by a given instant."""

    def __init__(self, session: Session, client_ids: set[int], until: datetime | None = None) -> None:
        """``until``: only one instant will be asked about (a closed day's end); read just what was done before it."""
        rows = session.connection().execute(
            select(UtilizationActivity.key, UtilizationSection.id, UtilizationSection.name, UtilizationActivity.weight)
            .join(UtilizationSection, UtilizationSection.id == UtilizationActivity.section_id))
        activities, self.section_ids = [], {}
        for key, sid, name, weight in rows:
            activities.append(Activity(key, name, weight))
            self.section_ids[name] = sid
        self.scoring = Scoring(activities)
        self.until = until
        self._cache: dict[frozenset[str], tuple[int, str]] = {}
        completions = (select(UtilizationCompletion.client_id, UtilizationActivity.key)
                       .join(UtilizationActivity, UtilizationActivity.id == UtilizationCompletion.activity_id)
                       .where(UtilizationCompletion.client_id.is_not(None)))
        if until is not None:
            per_client = (completions.with_only_columns(UtilizationCompletion.client_id,
                                                        func.aggregate_strings(UtilizationActivity.key, ","))
                          .where(UtilizationCompletion.completed_at < until).group_by(UtilizationCompletion.client_id))
            self.keys = {cid: frozenset(keys.split(",")) for cid, keys in session.connection().execute(per_client)
                         if cid in client_ids}
            return
        done: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
        for cid, key, at in session.connection().execute(completions.add_columns(UtilizationCompletion.completed_at)):
            if cid in client_ids:
                done[cid].append((at, key))
        # per client, its completions in time order: the instants, and the keys done by each of them
        self.times: dict[int, list[datetime]] = {}
        self.prefixes: dict[int, list[frozenset[str]]] = {}
        for cid, items in done.items():
            items.sort()
            self.times[cid] = [at for at, _key in items]
            keys: list[str] = []
            self.prefixes[cid] = [frozenset()] + [frozenset(keys := [*keys, key]) for _at, key in items]

    def as_of(self, cid: int, end: datetime) -> tuple[int, str]:
        if self.until is not None:
            if end != self.until:
                raise ValueError("read for one instant only")
            keys = self.keys.get(cid, frozenset())
        elif cid in self.times:  # the keys of the completions before ``end``
            keys = self.prefixes[cid][bisect_left(self.times[cid], end)]
        else:
            keys = frozenset()
        known = self._cache.get(keys)
        if known is None:
            total, by_name = self.scoring.score(keys)
            known = (total, encode_sections({self.section_ids[name]: score for name, score in by_name.items()}))
            self._cache[keys] = known
        return known


def _clients(session: Session, first_end: datetime) -> list[tuple[int, datetime, datetime | None]]:
    """Clients alive at some end of day in the span: created before its last end, not removed before its first."""
    return list(session.connection().execute(
        select(Client.id, Client.created_at, Client.deleted_at)
        .where(or_(Client.deleted_at.is_(None), Client.deleted_at >= first_end))
        .order_by(Client.id)))


def _users(session: Session, tz: tzinfo) -> tuple[dict[int, list[datetime]], dict[int, list[tuple[datetime, date]]]]:
    """Per client: its unblocked users' creation instants, and their last logins with their local days,
    each in time order (a later instant is never an earlier local day)."""
    created: dict[int, list[datetime]] = defaultdict(list)
    logins: dict[int, list[tuple[datetime, date]]] = defaultdict(list)
    for cid, at, last in session.connection().execute(
            select(ClientUser.client_id, ClientUser.created_at, ClientUser.last_login_at)
            .where(ClientUser.blocked.is_(False))):
        created[cid].append(at)
        if last is not None:
            logins[cid].append((last, last.astimezone(tz).date()))
    for values in created.values():
        values.sort()
    for seen in logins.values():
        seen.sort()
    return created, logins


def _users_at(session: Session, tz: tzinfo, end: datetime) -> dict[int, tuple[int, date | None]]:
    """Per client at ``end``: its unblocked users created before it, and the local day of their last login before it."""
    last = func.max(case((ClientUser.last_login_at < end, ClientUser.last_login_at), else_=None))
    rows = session.connection().execute(
        select(ClientUser.client_id, func.count(case((ClientUser.created_at < end, 1), else_=None)), last)
        .where(ClientUser.blocked.is_(False)).group_by(ClientUser.client_id))
    return {cid: (int(n), _utc(at).astimezone(tz).date() if at is not None else None) for cid, n, at in rows}


def _utc(value: datetime | str) -> datetime:
    """A UTC instant from SQLite's aggregate (text) or a driver's datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _before(session: Session, first_day: date) -> dict[int, tuple[int, date | None]]:
    """Per client, before ``first_day``: emails sent, and the last day with a client login."""
    rows = session.connection().execute(
        select(DailyMetric.client_id, func.sum(DailyMetric.emails_sent),
               func.max(case((DailyMetric.client_logins > 0, DailyMetric.day), else_=None)))
        .where(DailyMetric.day < first_day).group_by(DailyMetric.client_id))
    return {cid: (int(sent or 0), day if day is None or isinstance(day, date) else date.fromisoformat(day))
            for cid, sent, day in rows}


def _daily(session: Session, first_day: date, last: date) -> Iterator[tuple[Any, ...]]:
    """The daily figures of the span by client then day, fetched in batches (a row at a time costs
    more than the window's arithmetic)."""
    return chain.from_iterable(session.connection().execute(
        select(DailyMetric.client_id, DailyMetric.day, DailyMetric.contacts_added, DailyMetric.emails_sent,
               DailyMetric.emails_opened, DailyMetric.emails_bounced, DailyMetric.spam_complaints,
               DailyMetric.unsubscribes, DailyMetric.client_logins)
        .where(DailyMetric.day >= first_day, DailyMetric.day <= last)
        .order_by(DailyMetric.client_id, DailyMetric.day)).partitions(CHUNK))


def compute_days(session: Session, tz: tzinfo, first: date, last: date) -> Iterator[tuple[Any, ...]]:
    """Every client's history rows (:data:`COLUMNS`' order) for each day from ``first`` through ``last``."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    ends = [_end(day, tz) for day in days]
    lead = first - timedelta(days=WINDOW_DAYS - 1)  # the first day inside the first day's window
    clients = _clients(session, ends[0])
    util = _Utilization(session, {cid for cid, _c, _d in clients})
    created, logins = _users(session, tz)
    before = _before(session, lead)
    daily = _daily(session, lead, last)
    pending = next(daily, None)
    for cid, created_at, deleted_at in clients:
        figures: dict[int, tuple[int, ...]] = {}  # days after ``lead`` -> the day's figures, the days with any
        while pending is not None and pending[0] < cid:
            pending = next(daily, None)
        while pending is not None and pending[0] == cid:
            day = pending[1] if isinstance(pending[1], date) else date.fromisoformat(pending[1])
            figures[(day - lead).days] = pending[2:]
            pending = next(daily, None)
        ever, login_day = before.get(cid, (0, None))
        added = sent = opened = bounced = spam = unsub = 0
        for offset, (a, s, o, b, sp, u, logged) in figures.items():  # the first day's window, less that day
            if offset < WINDOW_DAYS - 1:
                added, sent, opened, bounced, spam, unsub = (added + a, sent + s, opened + o, bounced + b,
                                                             spam + sp, unsub + u)
                ever += s
                if logged and (login_day is None or lead + timedelta(days=offset) > login_day):
                    login_day = lead + timedelta(days=offset)
        users_created = created.get(cid, [])
        user_logins = logins.get(cid, [])
        login_ats = [at for at, _local in user_logins]
        for n, (day, end) in enumerate(zip(days, ends, strict=True)):
            index = n + WINDOW_DAYS - 1
            row = figures.get(index)
            if row is not None:
                a, s, o, b, sp, u, logged = row
                added, sent, opened, bounced, spam, unsub = (added + a, sent + s, opened + o, bounced + b,
                                                             spam + sp, unsub + u)
                ever += s
                if logged:
                    login_day = day
            dropped = figures.get(index - WINDOW_DAYS) if n else None
            if dropped is not None:
                a, s, o, b, sp, u, _logged = dropped
                added, sent, opened, bounced, spam, unsub = (added - a, sent - s, opened - o, bounced - b,
                                                             spam - sp, unsub - u)
            if created_at >= end or (deleted_at is not None and deleted_at < end):
                continue
            status = sender_status(SenderWindow(sent, bounced, spam, unsub, ever, opened))
            score, sections = util.as_of(cid, end)
            before_end = bisect_left(login_ats, end)  # the users' logins before the day's end
            seen = user_logins[before_end - 1][1] if before_end else None
            last_login = seen if login_day is None or (seen is not None and seen > login_day) else login_day
            yield (cid, day, added, sent, opened, open_rate_bp(opened, sent), status.value, score, sections,
                   bisect_left(users_created, end), last_login)


def record_days(session: Session, tz: tzinfo, first: date, last: date) -> int:
    """Replace the history of every day from ``first`` through ``last`` (R-HIST-1); returns the rows written."""
    session.execute(delete(ClientHistory).where(and_(ClientHistory.day >= first, ClientHistory.day <= last)))
    written, chunk = 0, []
    for row in compute_days(session, tz, first, last):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            written += _insert(session, chunk)
            chunk = []
    return written + _insert(session, chunk)


def _insert(session: Session, rows: list[tuple[Any, ...]]) -> int:
    """Insert history rows (:data:`COLUMNS`' order) with one ``executemany`` of the driver: plain values
    need no per-row work from SQLAlchemy (days are ISO text on SQLite, as its ``Date`` type stores them)."""
    if not rows:
        return 0
    connection = session.connection()
    names = ", ".join(COLUMNS)
    if connection.dialect.name == "sqlite":
        day, login = COLUMNS.index("day"), COLUMNS.index("last_login_day")
        sqlite_driver(connection).executemany(
            f"INSERT INTO client_history ({names}) VALUES ({', '.join('?' * len(COLUMNS))})",
            [(*row[:day], row[day].isoformat(), *row[day + 1:login],
              None if row[login] is None else row[login].isoformat(), *row[login + 1:]) for row in rows])
    else:
        with postgres_driver(connection).cursor() as cursor:
            cursor.executemany(f"INSERT INTO client_history ({names}) VALUES ({', '.join(['%s'] * len(COLUMNS))})",
                               rows)
    return len(rows)


def record_closed_day(session: Session, tz: tzinfo, day: date) -> int:
    """Record the day the nightly rollup has just closed (R-HIST-1), from what it computed: the client
    snapshots' 30-day figures and sender status (the same sums :func:`compute_days` makes), with the
    day's utilization, users, and last login day carried on from the day before. Without the day
    before's history (a first run, a day missed), the day is computed whole by :func:`record_days`."""
    before = day - timedelta(days=1)
    carried = dict(session.connection().execute(
        select(ClientHistory.client_id, ClientHistory.last_login_day).where(ClientHistory.day == before)).all())
    if not carried:
        return record_days(session, tz, day, day)
    end = _end(day, tz)
    rows = session.connection().execute(
        select(ClientSnapshot.client_id, ClientSnapshot.contacts_added_30d, ClientSnapshot.emails_sent_30d,
               ClientSnapshot.emails_opened_30d, ClientSnapshot.sender_status)
        .join(Client, Client.id == ClientSnapshot.client_id)
        .where(Client.created_at < end, or_(Client.deleted_at.is_(None), Client.deleted_at >= end))
        .order_by(ClientSnapshot.client_id)).all()
    util = _Utilization(session, {row[0] for row in rows}, until=end)
    users = _users_at(session, tz, end)
    logged_in = set(session.connection().execute(
        select(DailyMetric.client_id).where(DailyMetric.day == day, DailyMetric.client_logins > 0)).scalars())
    out: list[tuple[Any, ...]] = []
    for cid, added, sent, opened, status in rows:
        last_login = day if cid in logged_in else carried.get(cid)
        count, seen = users.get(cid, (0, None))
        if seen is not None and (last_login is None or seen > last_login):
            last_login = seen
        score, sections = util.as_of(cid, end)
        out.append((cid, day, added, sent, opened, open_rate_bp(opened, sent), status, score, sections, count,
                    last_login))
    session.execute(delete(ClientHistory).where(ClientHistory.day == day))
    return _insert(session, out)


def prune(session: Session, last: date, keep_days: int) -> int:
    """Drop the days before the ``keep_days`` that end with ``last`` (R-HIST-1); returns the rows dropped."""
    cutoff = last - timedelta(days=keep_days - 1)
    result: Any = session.execute(delete(ClientHistory).where(ClientHistory.day < cutoff))
    return int(result.rowcount or 0)
