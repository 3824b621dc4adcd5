"""The nightly rollup (R-NM-1..4): raw events -> daily figures -> what the console shows.

Incremental (R-NM-4): the rollup remembers the highest event id it has rolled up. New events
name the local days they touched; each touched day is recomputed *whole* from its events with
one ``INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE`` (so a late event is counted and a
second run writes identical rows: R-NM-2). Then every client's 30-day snapshot, sender status
with its history (R-SS-2), EBS re-enable (R-SUP-3), utilization (R-UT) and the usage of closed
months (R-CU-1) are refreshed.

Days are local days of the clock's timezone; their bounds are computed in Python (so DST days
are 23 or 25 hours long) and passed to SQL as UTC instants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Date, Select, Table, case, func, literal, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from console_tui.clock import Clock, local_today
from console_tui.data.engine import Database
from console_tui.data.history import record_closed_day, record_days
from console_tui.data.schema import (
    Agency,
    AuditEntry,
    Client,
    ClientSnapshot,
    ClientUsageMonth,
    DailyMetric,
    Event,
    RollupState,
    SenderStatusChange,
    UtilizationActivity,
    UtilizationCompletion,
    UtilizationSection,
)
from console_tui.domain.ebs import ebs_forced_on
from console_tui.domain.sender import SenderStatus, SenderWindow, sender_status
from console_tui.domain.utilization import Activity, utilization_score

JOB = "nightly"
WINDOW_DAYS = 30
ROLLUP_ACTOR = "nightly rollup"

#: event type -> daily_metric column it adds its quantity to
METRIC_OF_EVENT = {
    "contact_added": "contacts_added",
    "email_sent": "emails_sent",
    "email_opened": "emails_opened",
    "email_bounced": "emails_bounced",
    "spam_complaint": "spam_complaints",
    "unsubscribed": "unsubscribes",
    "page_impression": "page_impressions",
    "client_login": "client_logins",
}
METRIC_COLUMNS = tuple(METRIC_OF_EVENT.values())

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RollupResult:
    events: int
    days: tuple[date, ...]
    clients: int
    status_changes: int
    ebs_reenabled: int
    as_of: datetime
    history_rows: int = 0  # client_history rows written (R-HIST-1)


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where local ``day`` starts and the next one starts."""
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def _upsert(session: Session, table: Table, index: list[str], select_stmt: Select[*tuple[Any, ...]] | None = None,
            rows: list[dict[str, Any]] | None = None, columns: list[str] | None = None) -> None:
    insert: postgresql.Insert | sqlite.Insert
    if session.get_bind().dialect.name == "postgresql":
        insert = postgresql.insert(table)
    else:
        insert = sqlite.insert(table)
    stmt = insert
    if select_stmt is not None:
        if columns is None:
            raise TypeError("an upsert from a select names the columns it fills")
        stmt = insert.from_select(columns, select_stmt)
    update_cols = [c for c in (columns or [c.name for c in table.columns]) if c not in index]
    stmt = stmt.on_conflict_do_update(index_elements=index, set_={c: stmt.excluded[c] for c in update_cols})
    if rows is None:
        session.execute(stmt)
    elif rows:
        session.execute(stmt, rows)


def _touched_days(session: Session, after_id: int, upto_id: int, tz: tzinfo) -> list[date]:
    """Local days holding events with ids in (after_id, upto_id]."""
    if session.get_bind().dialect.name == "postgresql":
        utc_day = func.date(func.timezone("UTC", Event.occurred_at))
    else:
        utc_day = func.date(Event.occurred_at)
    rows = session.execute(
        select(utc_day).where(Event.id > after_id, Event.id <= upto_id).distinct()
    ).scalars()
    days: set[date] = set()
    for value in rows:
        utc = value if isinstance(value, date) else date.fromisoformat(value)
        for instant in (time(0), time(23, 59, 59)):
            days.add(datetime.combine(utc, instant, tzinfo=UTC).astimezone(tz).date())
    return sorted(days)


def _roll_day(session: Session, day: date, tz: tzinfo) -> None:
    start, end = day_bounds(day, tz)
    sums = [
        func.coalesce(func.sum(case((Event.type == kind, Event.quantity), else_=0)), 0).label(column)
        for kind, column in METRIC_OF_EVENT.items()
    ]
    grouped = (
        select(Event.client_id, literal(day, Date()).label("day"), *sums)
        .where(Event.occurred_at >= start, Event.occurred_at < end)
        .group_by(Event.client_id)
    )
    columns = ["client_id", "day", *METRIC_COLUMNS]
    _upsert(session, DailyMetric.__table__, ["client_id", "day"], select_stmt=grouped, columns=columns)


def _months_closed(days: Iterable[date], today: date) -> list[date]:
    current = today.replace(day=1)
    return sorted({d.replace(day=1) for d in days if d.replace(day=1) < current})


def _roll_month(session: Session, month: date) -> None:
    end = (month + timedelta(days=32)).replace(day=1)
    grouped = (
        select(
            DailyMetric.client_id,
            literal(month, Date()),
            func.sum(DailyMetric.emails_sent),
            func.sum(DailyMetric.contacts_added),
            func.sum(DailyMetric.page_impressions),
        )
        .where(DailyMetric.day >= month, DailyMetric.day < end)
        .group_by(DailyMetric.client_id)
    )
    columns = ["client_id", "month", "emails_sent", "contacts_added", "page_impressions"]
    _upsert(session, ClientUsageMonth.__table__, ["client_id", "month"], select_stmt=grouped, columns=columns)


def _activities(session: Session) -> list[Activity]:
    rows = session.execute(
        select(UtilizationActivity.key, UtilizationSection.name, UtilizationActivity.weight).join(
            UtilizationSection, UtilizationSection.id == UtilizationActivity.section_id
        )
    )
    return [Activity(key, section, weight) for key, section, weight in rows]


def _utilization(session: Session) -> tuple[dict[int, int], int]:
    """Scores per client and the agency's own (completions with no client) (R-UT-1, R-UT-3)."""
    activities = _activities(session)
    done: dict[int | None, set[str]] = defaultdict(set)
    rows = session.execute(
        select(UtilizationCompletion.client_id, UtilizationActivity.key).join(
            UtilizationActivity, UtilizationActivity.id == UtilizationCompletion.activity_id
        )
    )
    for client_id, key in rows:
        done[client_id].add(key)
    scores = {cid: utilization_score(activities, keys) for cid, keys in done.items() if cid is not None}
    return scores, utilization_score(activities, done.get(None, ()))


def _snapshots(session: Session, today: date, now: datetime) -> tuple[int, int, int]:
    """Refresh every live client's snapshot for the 30 days ending the day before ``today``;
    a sender-status change is dated that last day (R-SS-2)."""
    first, last = today - timedelta(days=WINDOW_DAYS), today - timedelta(days=1)
    in_window = (DailyMetric.day >= first, DailyMetric.day <= last)
    window = {
        row[0]: row[1:]
        for row in session.execute(
            select(
                DailyMetric.client_id,
                func.sum(DailyMetric.contacts_added),
                func.sum(DailyMetric.emails_sent),
                func.sum(DailyMetric.emails_opened),
                func.sum(DailyMetric.emails_bounced),
                func.sum(DailyMetric.spam_complaints),
                func.sum(DailyMetric.unsubscribes),
            )
            .where(*in_window)
            .group_by(DailyMetric.client_id)
        )
    }
    series: dict[int, list[int]] = defaultdict(lambda: [0] * WINDOW_DAYS)
    for cid, day, added in session.execute(
        select(DailyMetric.client_id, DailyMetric.day, DailyMetric.contacts_added).where(
            *in_window, DailyMetric.contacts_added > 0
        )
    ):
        series[cid][(day - first).days] = added
    ever = dict(
        session.execute(
            select(DailyMetric.client_id, func.sum(DailyMetric.emails_sent)).group_by(DailyMetric.client_id)
        ).all()
    )
    previous = {
        cid: (status, healthy)
        for cid, status, healthy in session.execute(
            select(ClientSnapshot.client_id, ClientSnapshot.sender_status, ClientSnapshot.last_became_healthy)
        )
    }
    scores, agency_score = _utilization(session)
    clients = session.execute(select(Client.id, Client.ebs_enabled).where(Client.deleted_at.is_(None))).all()
    rows, changes, reenable = [], [], []
    for cid, ebs_on in clients:
        added, sent, opened, bounced, spam, unsub = (int(v or 0) for v in window.get(cid, (0,) * 6))
        status = sender_status(SenderWindow(sent, bounced, spam, unsub, int(ever.get(cid) or 0), opened))
        old_status, healthy = previous.get(cid, (None, None))
        if status.value != old_status:
            changes.append({"client_id": cid, "day": last, "old_status": old_status, "new_status": status.value})
            if status is SenderStatus.HEALTHY:
                healthy = last
            if old_status is not None and ebs_forced_on(SenderStatus(old_status), status, ebs_on):
                reenable.append(cid)
        rows.append(
            {
                "client_id": cid, "as_of": now, "contacts_added_30d": added,
                "contacts_series": ",".join(map(str, series[cid])) if cid in series else "0" + ",0" * (WINDOW_DAYS - 1),
                "emails_sent_30d": sent, "emails_opened_30d": opened, "emails_sent_ever": int(ever.get(cid) or 0),
                "sender_status": status.value, "last_became_healthy": healthy,
                "utilization_score": scores.get(cid, 0), "last_client_login": None,
            }
        )
    _upsert(session, ClientSnapshot.__table__, ["client_id"], rows=rows)
    if changes:
        _upsert(session, SenderStatusChange.__table__, ["client_id", "day"], rows=changes,
                columns=["client_id", "day", "old_status", "new_status"])
    if reenable:
        session.execute(
            update(Client).where(Client.id.in_(reenable)).values(ebs_enabled=True, version=Client.version + 1)
        )
        session.add_all(
            AuditEntry(at=now, agency_user_id=None, actor=ROLLUP_ACTOR, action="ebs_reenabled", client_id=cid,
                       before={"ebs_enabled": False}, after={"ebs_enabled": True, "reason": "R-SUP-3"})
            for cid in reenable
        )
    session.execute(update(Agency).values(utilization_score=agency_score))
    return len(rows), len(changes), len(reenable)


def _settled_max_event_id(session: Session, events_locked: bool = False) -> int:
    """The highest event id below which no insert is still in flight.

    PostgreSQL numbers an event when its INSERT runs but shows it only at COMMIT: while two feeds
    overlap, ``max(id)`` can already count a later id whose earlier one commits after this read,
    and the rollup, which resumes after ``upto``, would skip that event for good. So wait
    for every transaction still inserting events — a ``SHARE`` lock on ``event`` is granted only
    once they have ended — and read ``max(id)`` under it. The lock is taken on a connection of its
    own and released at once: a feed waits for a moment, not for the whole rollup. SQLite admits
    one writer at a time, so ids there always commit in order. ``events_locked``: the caller's own
    transaction already keeps every other writer out of ``event`` (the demo build), so read it there.
    """
    bind = session.get_bind()
    if bind.dialect.name != "postgresql" or events_locked:
        return session.scalar(select(func.max(Event.id))) or 0
    with bind.engine.connect() as connection, connection.begin():
        connection.execute(text("SET LOCAL lock_timeout = '60s'"))  # never hang on a stuck feed
        connection.execute(text("LOCK TABLE event IN SHARE MODE"))
        return connection.scalar(select(func.max(Event.id))) or 0


def rollup_in(session: Session, tz: tzinfo, now: datetime, day: date, *, recompute_from: date | None = None,
              progress: Progress | None = None, events_locked: bool = False) -> RollupResult:
    """Roll up, inside ``session``'s transaction, every event not yet rolled up; then refresh the
    snapshots for the 30 days ending ``day`` (the day being closed) and record its history. ``recompute_from``
    also recomputes every day's figures and history from that date through ``day`` (``refresh --since``)."""
    state = session.get(RollupState, JOB) or RollupState(job=JOB, last_event_id=0)
    session.add(state)
    upto = _settled_max_event_id(session, events_locked)
    touched = set(_touched_days(session, state.last_event_id, upto, tz)) if upto > state.last_event_id else set()
    if recompute_from is not None:
        touched.update(recompute_from + timedelta(days=n) for n in range((day - recompute_from).days + 1))
    days = sorted(touched)
    events = session.scalar(select(func.count()).where(Event.id > state.last_event_id, Event.id <= upto)) or 0
    for done, touched_day in enumerate(days, 1):
        _roll_day(session, touched_day, tz)
        if progress:
            progress("days", done, len(days))
    for month in _months_closed(days, day + timedelta(days=1)):
        _roll_month(session, month)
    clients, changes, reenabled = _snapshots(session, day + timedelta(days=1), now)
    history = (record_days(session, tz, min(recompute_from, day), day) if recompute_from is not None
               else record_closed_day(session, tz, day))  # R-HIST-1
    state.last_event_id, state.last_day, state.as_of = upto, day, now
    return RollupResult(events, tuple(days), clients, changes, reenabled, now, history)


def rollup(db: Database, clock: Clock, *, day: date | None = None, progress: Progress | None = None) -> RollupResult:
    """Roll up everything new and refresh the console's figures as of ``day`` (default: yesterday)."""
    closing = day or local_today(clock) - timedelta(days=1)
    with db.write() as session:
        return rollup_in(session, clock.tz, clock.now(), closing, progress=progress)
