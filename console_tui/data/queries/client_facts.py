"""The facts the filter language reads (:class:`ClientFacts`), for every client a user may access.

Same clients as the console (R-CMC-1, R-ACC-2): not removed, every one for an Administrator, the
ones they are a Client Manager of for anyone else. Three flat queries whatever the number of
clients (clients with their status, nightly snapshot and users; the Client Managers; this cycle's
sent and scheduled emails), never one per client. Where each fact comes from:

* name, kind, status, term, limit, ebs, features — the client row (R-MC-3, R-OPT-6, R-EL-1, R-SUP-1);
* sent, opened, contacts, sender, util — the nightly snapshot (R-CMC-4); no snapshot yet: 0 and ``new``;
  open — opened ÷ sent in %, ``None`` when nothing was sent (R-CMC-3);
* users, login — the client's users who are not blocked: how many, and whole local days from the
  latest one's last login to today (``None``: nobody ever logged in), as the console shows them;
* renews — days from today to the next renewal of the license term from its start date
  (:func:`cycles.next_renewal`), ``None`` without a term and start date;
* usage — emails sent plus scheduled in the calendar-month cycle holding today ÷ the limit, in %
  (R-EL-2); ``None`` when unlimited; a limit of 0 is 100 % used at 0 and unbounded above it;
* config — the required configuration fields are all set (R-MC-3);
* tags — as Manage Clients shows them (R-MC-2), the pre-renewal window from the setting;
* managers — the logins of the client's Client Managers (R-OPT-5).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, tzinfo
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.admin import cycle_counts_in
from console_tui.data.queries.console import accessible_client_ids, acting_user
from console_tui.data.schema import AgencyUser, Client, ClientAccess, ClientSnapshot, ClientStatus
from console_tui.domain.configuration import Configuration, Term, is_complete
from console_tui.domain.cycles import cycle_for, next_renewal
from console_tui.domain.filters import ClientFacts, choice_key
from console_tui.domain.limits import usage
from console_tui.domain.removal import PRE_RENEWAL_DAYS, in_pre_renewal
from console_tui.domain.tags import TagInput, tags_for

FEATURES = ("crm", "api", "cart", "ads", "brand", "support")

#: Tags and renewal dates repeat across thousands of clients (a few dozen tag sets, a few hundred
#: start dates): each distinct one is computed once.
_tags = lru_cache(maxsize=1024)(tags_for)
_renewal = lru_cache(maxsize=4096)(next_renewal)

#: Clients per span of ids when a pass goes through every client a span at a time (:func:`client_spans`).
SPAN = 4_000
Span = tuple[int, int]  # the first and last client id, both included


def client_facts(db: Database, login: str, today: date, tz: tzinfo, *,
                 pre_renewal_days: int = PRE_RENEWAL_DAYS) -> tuple[ClientFacts, ...]:
    """The facts of every client ``login`` may access, sorted by name as the console sorts them."""
    with db.read() as session:
        return client_facts_in(session, acting_user(session, login), today, tz, pre_renewal_days=pre_renewal_days)


def _within(column: Any, span: Span | None) -> list[ColumnElement[bool]]:  # noqa: ANN401 - any id column
    return [] if span is None else [column.between(*span)]


def client_spans(session: Session, user: AgencyUser, size: int | None = None) -> Iterator[Span]:
    """The ids of the clients ``user`` may access, as consecutive spans of at most ``size`` (default
    :data:`SPAN`) clients each, lowest first: a pass that reads each span's rows in turn never holds
    every client's at once."""
    size = size or SPAN

    def ids_above(last: int) -> Select[int]:
        stmt = select(Client.id).where(Client.deleted_at.is_(None), Client.id > last)
        return stmt if allowed is None else stmt.where(Client.id.in_(allowed))

    allowed = accessible_client_ids(user)
    last = 0
    while True:
        end = session.scalar(ids_above(last).order_by(Client.id).offset(size - 1).limit(1))
        if end is None:
            end = session.scalar(select(func.max(ids_above(last).subquery().c.id)))
            if end is not None:
                yield last + 1, end
            return
        yield last + 1, end
        last = end


def _select(user: AgencyUser, span: Span | None = None) -> Select[*tuple[Any, ...]]:
    stmt = (
        select(Client.id, Client.name, Client.kind, ClientStatus.name, Client.license_term, Client.license_start,
               Client.billing_contact, Client.billing_email, Client.tax_rate, Client.email_limit, Client.ebs_enabled,
               Client.uses_crm_pipeline, Client.has_api_key, Client.uses_shopping_cart, Client.uses_google_ads,
               Client.uses_custom_branding, Client.direct_support,
               ClientSnapshot.emails_sent_30d, ClientSnapshot.emails_opened_30d, ClientSnapshot.contacts_added_30d,
               ClientSnapshot.sender_status, ClientSnapshot.utilization_score,
               Client.user_count, Client.last_user_login)
        .join(ClientStatus, ClientStatus.id == Client.status_id)
        .outerjoin(ClientSnapshot, ClientSnapshot.client_id == Client.id)
        .where(Client.deleted_at.is_(None), *_within(Client.id, span))
    )
    allowed = accessible_client_ids(user)
    return stmt if allowed is None else stmt.where(Client.id.in_(allowed))


def _managers(session: Session, user: AgencyUser, span: Span | None = None) -> dict[int, frozenset[str]]:
    stmt = (select(ClientAccess.client_id, AgencyUser.login)
            .join(AgencyUser, AgencyUser.id == ClientAccess.agency_user_id)
            .where(*_within(ClientAccess.client_id, span)))
    allowed = accessible_client_ids(user)
    if allowed is not None:
        stmt = stmt.where(ClientAccess.client_id.in_(allowed))
    found: dict[int, set[str]] = defaultdict(set)
    for client_id, login in session.execute(stmt):
        found[client_id].add(login)
    return {client_id: frozenset(logins) for client_id, logins in found.items()}


def usage_pct(limit: int | None, used: int) -> float | None:
    """% of the cycle's limit used (R-EL-2); ``None`` unlimited; a 0 limit is full at 0, unbounded above."""
    if limit is None:
        return None
    if limit == 0:
        return 100.0 if used == 0 else math.inf
    return used * 100 / limit


def _days_since(moment: datetime | None, today: date, tz: tzinfo) -> int | None:
    return None if moment is None else (today - moment.astimezone(tz).date()).days


def client_facts_in(session: Session, user: AgencyUser, today: date, tz: tzinfo, *,
                    pre_renewal_days: int = PRE_RENEWAL_DAYS) -> tuple[ClientFacts, ...]:
    """:func:`client_facts` inside an open read session, for the acting ``user``."""
    facts = list(each_client_facts(session, user, today, tz, pre_renewal_days=pre_renewal_days))
    facts.sort(key=lambda f: (f.name.casefold(), f.id))
    return tuple(facts)


def each_client_facts(session: Session, user: AgencyUser, today: date, tz: tzinfo, *,
                      pre_renewal_days: int = PRE_RENEWAL_DAYS, span: Span | None = None) -> Iterator[ClientFacts]:
    """The facts one client at a time, in no order, of the clients whose ids are within ``span`` (all
    when None): a caller that keeps little of each (the cards' attention marks) and goes a span at a
    time (:func:`client_spans`) never holds every client's facts, nor their lookup tables."""
    managers = _managers(session, user, span)
    cycle = cycle_for(today)
    allowed = accessible_client_ids(user)
    ids = None if allowed is None else session.scalars(allowed.where(*_within(ClientAccess.client_id, span))).all()
    counts = cycle_counts_in(session, cycle, tz, ids, span=span)
    rows = session.connection().execute(_select(user, span))  # Core rows, read as used: no ORM overhead
    for (cid, name, kind, status, term, start, contact, email, tax, limit, ebs, crm, api, cart, ads, brand, support,
         sent, opened, contacts, sender, score, n_users, last) in rows:
        config = Configuration(Term(term) if term else None, start, contact or "", email or "", tax)
        renewal = _renewal(start, term, today) if term and start else None
        complete = is_complete(config)
        tags = _tags(TagInput(ebs_enabled=ebs, config_complete=complete, term=config.term,
                                 pre_renewal=in_pre_renewal(term, renewal, today, pre_renewal_days),
                                 direct_support=support, status=status, sender_status=sender))
        sent, opened = int(sent or 0), int(opened or 0)
        yield ClientFacts(
            id=cid, name=name, kind=kind, status=status, tags=tags, sender=choice_key(sender or "New"),
            util=int(score or 0), sent=sent, opened=opened, open=opened * 100 / sent if sent else None,
            contacts=int(contacts or 0), users=int(n_users), login=_days_since(last, today, tz),
            renews=None if renewal is None else (renewal - today).days, term=term, limit=limit,
            usage=usage_pct(limit, usage(*counts.get(cid, (0, 0)))), managers=managers.get(cid, frozenset()),
            features=frozenset(key for key, on in zip(FEATURES, (crm, api, cart, ads, brand, support), strict=True)
                               if on),
            config_complete=complete, ebs=bool(ebs),
        )


__all__ = ["SPAN", "Span", "client_facts", "client_facts_in", "client_spans", "each_client_facts", "usage_pct"]
