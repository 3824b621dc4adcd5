"""The read side: query functions that return frozen dataclasses (never ORM objects).

:func:`client_summaries` builds the console's per-client summary for every client a user
may access in three flat queries (clients with their figures, your recent places, the
company's recent places) — never one query per client.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Select, cast, func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.schema import (
    Agency,
    AgencyUser,
    Avatar,
    Client,
    ClientAccess,
    ClientSnapshot,
    ClientStatus,
    RecentPlace,
    RollupState,
)
from console_tui.data.views.console import FEATURES_BY_BITS, ClientSummary, ConsoleOverview, PlaceRef

ADMINISTRATOR = "Administrator"
PLACES_PER_CLIENT = 3


class UnknownUser(LookupError):
    """The acting login is not an agency user; the message says how to add one."""

    def __init__(self, login: str, message: str | None = None) -> None:
        self.login = login
        super().__init__(message or (
            f"{login!r} is not an agency user of this console. An Administrator can add you with "
            f"`console-tui users add {login} --name \"Your Name\" --email you@example.com --role ROLE`, "
            "or choose another user with --user LOGIN."
        ))


class DeactivatedUser(UnknownUser):
    """The acting login is an agency user whose account is deactivated; says how to reactivate it."""

    def __init__(self, login: str) -> None:
        super().__init__(login, (
            f"Your account {login!r} on this console is deactivated; an Administrator can reactivate it with "
            f"`console-tui users activate {login}`."
        ))


def acting_user(session: Session, login: str) -> AgencyUser:
    """The active agency user ``login``; :class:`UnknownUser` (or :class:`DeactivatedUser`) if none."""
    user = session.scalars(select(AgencyUser).where(AgencyUser.login == login)).first()
    if user is None:
        raise UnknownUser(login)
    if not user.active:
        raise DeactivatedUser(login)
    return user


def accessible_client_ids(user: AgencyUser) -> Select[int] | None:
    """The ids a user may access (R-ACC-2); ``None`` means every client (Administrators)."""
    if user.role == ADMINISTRATOR:
        return None
    return select(ClientAccess.client_id).where(ClientAccess.agency_user_id == user.id)


def _feature_bits() -> Any:
    """The six feature flags as one number, bit 0 the first (:data:`FEATURES_BY_BITS`'s order)."""
    flags = (Client.uses_crm_pipeline, Client.has_api_key, Client.uses_shopping_cart, Client.uses_google_ads,
             Client.uses_custom_branding, Client.direct_support)
    return sum((cast(flag, Integer) * (1 << bit) for bit, flag in enumerate(flags)), start=cast(0, Integer))


def _summary_select(user: AgencyUser) -> Select[*tuple[Any, ...]]:
    """One row per client, its columns in :class:`ClientSummary`'s order up to ``features`` (as bits),
    without ``has_avatar`` and with the status's id for its name: one table and one join.

    The user figures are the client's own columns (kept by the database on every client user write),
    so the read never counts users; the few statuses and the clients with an avatar are read apart
    (:func:`summaries_of`), cheaper than a join and a subquery per client.
    """
    stmt = (
        select(
            Client.id,
            Client.name,
            Client.kind,
            Client.status_id,
            Client.user_count,
            Client.last_user_login,
            func.coalesce(ClientSnapshot.contacts_added_30d, 0),
            func.coalesce(ClientSnapshot.contacts_series, ""),
            func.coalesce(ClientSnapshot.emails_sent_30d, 0),
            func.coalesce(ClientSnapshot.emails_opened_30d, 0),
            func.coalesce(ClientSnapshot.sender_status, "New"),
            func.coalesce(ClientSnapshot.utilization_score, 0),
            _feature_bits(),
        )
        .outerjoin(ClientSnapshot, ClientSnapshot.client_id == Client.id)
        .where(Client.deleted_at.is_(None))
    )
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(Client.id.in_(allowed))
    return stmt


Places = dict[int, tuple[PlaceRef, ...]]


def _places(session: Session, user: AgencyUser, mine: bool) -> Places:
    who = RecentPlace.agency_user_id == user.id if mine else RecentPlace.agency_user_id.is_(None)
    ranked = (
        select(
            RecentPlace.client_id,
            RecentPlace.id,
            RecentPlace.title,
            RecentPlace.kind,
            RecentPlace.action,
            RecentPlace.occurred_at,
            RecentPlace.content_item_id,
            func.row_number()
            .over(partition_by=RecentPlace.client_id, order_by=(RecentPlace.occurred_at.desc(), RecentPlace.id.desc()))
            .label("rn"),
        )
        .where(who)
    )
    allowed = accessible_client_ids(user)
    if allowed is not None:
        ranked = ranked.where(RecentPlace.client_id.in_(allowed))
    newest = ranked.subquery()
    rows = session.connection().execute(
        select(*(column for column in newest.c if column.name != "rn")).where(newest.c.rn <= PLACES_PER_CLIENT))
    places: dict[int, list[PlaceRef]] = defaultdict(list)
    shared: dict[str, str] = {}  # titles, kinds and actions repeat: one string each, not one per place
    share, new = shared.setdefault, tuple.__new__
    for client_id, place_id, title, kind, action, at, content_id in rows:
        places[client_id].append(new(PlaceRef, (place_id, share(title, title), share(kind, kind),
                                                share(action, action), at, content_id)))
    return {client_id: tuple(refs) for client_id, refs in places.items()}


def summary_rows(session: Session, user: AgencyUser, *criteria: Any) -> list[tuple[Any, ...]]:
    """:func:`_summary_select`'s rows (narrowed by ``criteria``) as the driver's own tuples fetched at
    once: no Row objects and no result processing, which together cost about as much as the query
    itself at 10,000 clients. :func:`summaries_of` reads the last login (the one column whose driver
    value is not yet what the view holds)."""
    result = session.connection().execute(_summary_select(user).where(*criteria))
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _login_reader(session: Session) -> Callable[[Any], datetime | None]:
    """The driver's value of ``client.last_user_login`` -> an aware UTC datetime (the column type's own reader)."""
    dialect = session.get_bind().dialect
    column = Client.__table__.c.last_user_login
    read = column.type.dialect_impl(dialect).result_processor(dialect, None)
    return read or (lambda value: value)


def summaries_of(session: Session, rows: Iterable[Sequence[Any]], mine: Places,
                 theirs: Places) -> list[ClientSummary]:
    """:class:`ClientSummary` tuples from :func:`summary_rows` and the clients' Recent Places.

    Built as tuples, the few distinct kinds, statuses and sender statuses shared rather than one
    string per client (at 50,000 clients that is megabytes).
    """
    statuses: dict[int, str] = dict(session.execute(select(ClientStatus.id, ClientStatus.name)).all())
    avatars = set(session.scalars(select(Avatar.client_id)))
    shared: dict[str, str] = {}
    share, new, none, login = shared.setdefault, tuple.__new__, (), _login_reader(session)
    return [
        new(ClientSummary, (cid, name, share(kind, kind), statuses[status_id], n_users, login(last), cid in avatars,
                            added, series, sent, opened, share(sender, sender), score, FEATURES_BY_BITS[bits],
                            mine.get(cid, none), theirs.get(cid, none)))
        for cid, name, kind, status_id, n_users, last, added, series, sent, opened, sender, score, bits in rows
    ]


def _live_clients(user: AgencyUser, *columns: Any) -> Select[Any]:
    """``columns`` of the clients ``user`` may access that are not removed."""
    stmt = select(*columns).where(Client.deleted_at.is_(None))
    allowed = accessible_client_ids(user)
    return stmt if allowed is None else stmt.where(Client.id.in_(allowed))


def client_count(session: Session, user: AgencyUser) -> int:
    """How many clients ``user`` may access."""
    return session.scalar(_live_clients(user, func.count())) or 0


def _by_name(summary: ClientSummary) -> tuple[str, int]:
    return summary.name.casefold(), summary.id


def client_summaries(session: Session, user: AgencyUser, *, with_places: bool = True,
                     first: int | None = None) -> tuple[ClientSummary, ...]:
    """The four sections of R-CMC-3 for every client ``user`` may access (R-CMC-1, R-ACC-2), or only
    the ``first`` of them by name: a first screenful, read from the names alone before any join.
    (SQL's ``lower`` folds only ASCII letters on SQLite, so a name that starts with another capital
    may be left out of it; the complete list is in the console's order.)"""
    mine = _places(session, user, mine=True) if with_places else {}
    theirs = _places(session, user, mine=False) if with_places else {}
    criteria = () if first is None else (Client.id.in_(
        _live_clients(user, Client.id).order_by(func.lower(Client.name), Client.id).limit(first)),)
    summaries = summaries_of(session, summary_rows(session, user, *criteria), mine, theirs)
    # By name here, not in SQL: SQLite would sort every wide row through a temporary B-tree.
    summaries.sort(key=_by_name)
    return tuple(summaries)


def rollup_as_of(db: Database) -> datetime | None:
    """When the nightly figures were last computed (R-CMC-4); consoles poll this to reload."""
    with db.read() as session:
        return session.scalar(select(RollupState.as_of).where(RollupState.job == "nightly"))


def console_overview(db: Database, login: str, *, with_places: bool = True,
                     first: int | None = None) -> ConsoleOverview:
    """The console's first screen for ``login``: agency, figures' "as of", every client.

    ``with_places=False`` leaves Recent Places out, in one flat query (the two Recent Places queries
    cost more than the rest together on a large agency). ``first=N`` holds only the first N clients
    by name, and how many there are in all: what the first frame needs, read in the same time for
    50 clients or 50,000 (the console loads that first, then every client, then Recent Places).
    """
    with db.read() as session:
        user = acting_user(session, login)
        agency = session.scalars(select(Agency).limit(1)).first()
        as_of = session.scalar(select(RollupState.as_of).where(RollupState.job == "nightly"))
        return ConsoleOverview(
            agency_name=agency.name if agency else "(no agency)",
            agency_utilization=agency.utilization_score if agency else 0,
            user_login=user.login,
            user_role=user.role,
            as_of=as_of,
            clients=client_summaries(session, user, with_places=with_places, first=first),
            client_count=None if first is None else client_count(session, user),
        )


__all__ = [
    "DeactivatedUser",
    "UnknownUser",
    "acting_user",
    "accessible_client_ids",
    "client_count",
    "client_summaries",
    "console_overview",
    "rollup_as_of",
]
