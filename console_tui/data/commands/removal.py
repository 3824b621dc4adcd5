"""Remove Company (soft, R-OPT-9) and the separate, explicit purge. Administrators only.

Both ask the person to type the company's name (``confirm_name``) as the console shows it: both the
typed and the stored name are compared cleaned (:func:`clean_text`: escape sequences and control
characters removed, as on screen) and with surrounding spaces ignored, nothing else — a different
case or spelling is refused and nothing happens. Messages quote the name as shown, too.

* :func:`remove_company` — monthly clients any time, annual ones only in the pre-renewal window
  (``pre_renewal_days``, a setting); refused with the date it opens. Sets ``deleted_at`` (the client
  leaves every list and stops counting toward the plan) and blocks all its client users; its data
  stays.
* :func:`purge_company` — only for a company already removed. Deletes the client row; the database
  deletes its users, events, figures, content, services, jobs, calls and avatar with it (ON DELETE
  CASCADE). Its audit rows survive with ``client_id`` NULL (ON DELETE SET NULL), and the purge's own
  audit row keeps the company's id and name in ``before``.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select, update

from console_tui.clock import Clock
from console_tui.data.commands.base import unit_of_work
from console_tui.data.engine import Database
from console_tui.data.schema import Client, ClientUser, Event
from console_tui.data.views.results import CompanyPurged, CompanyRemoved
from console_tui.domain.configuration import Term
from console_tui.domain.errors import RuleRefused
from console_tui.domain.permissions import Action
from console_tui.domain.removal import PRE_RENEWAL_DAYS, next_renewal, removal_guard
from console_tui.domain.text import clean_text


def _shown(name: str) -> str:
    """A company's name as the console shows it: cleaned, surrounding spaces trimmed."""
    return clean_text(name).strip()


def _confirm(client: Client, typed: str, what: str) -> None:
    if _shown(typed) != _shown(client.name):
        raise RuleRefused(what, "the name typed does not match the company's name",
                          f"Type the company's name exactly as shown: {_shown(client.name)}")


def remove_company(db: Database, clock: Clock, login: str, client_id: int, *, confirm_name: str,
                   pre_renewal_days: int = PRE_RENEWAL_DAYS, seen_version: int | None = None) -> CompanyRemoved:
    """Remove a company (soft delete), if R-OPT-9 allows it today."""
    with unit_of_work(db, clock, login, Action.REMOVE_COMPANY, client_id=client_id) as work:
        client = work.client
        assert client is not None
        what = f"Removing {_shown(client.name)}"
        work.expect_version(client, seen_version, what)
        _confirm(client, confirm_name, what)
        today = work.now.astimezone(clock.tz).date()
        term = client.license_term
        if term == Term.ANNUAL and client.license_start is None:
            raise RuleRefused(what, "the client is on an annual term with no start date, so its renewal is unknown",
                              "Set the license start date in Client Configuration first")
        renewal = next_renewal(client.license_start, term, today) if term and client.license_start else None
        removal_guard(term, renewal, today, pre_renewal_days).enforce(what)
        blocked = cast("CursorResult[Any]", work.session.execute(  # an UPDATE's result is a CursorResult
            update(ClientUser).where(ClientUser.client_id == client.id, ClientUser.blocked.is_(False))
            .values(blocked=True, version=ClientUser.version + 1)
        )).rowcount
        client.deleted_at = work.now
        work.audit(before={"name": client.name, "deleted_at": None, "license_term": term},
                   after={"deleted_at": work.now.isoformat(), "users_blocked": blocked,
                          "renewal": renewal.isoformat() if renewal else None},
                   action="remove_company")
        return CompanyRemoved(client.id, client.name, work.now, blocked)


def purge_company(db: Database, clock: Clock, login: str, client_id: int, *, confirm_name: str) -> CompanyPurged:
    """Delete a removed company's data for good, after confirmation by name."""
    with unit_of_work(db, clock, login, Action.PURGE_COMPANY, client_id=client_id, include_removed=True) as work:
        client = work.client
        assert client is not None
        what = f"Purging {_shown(client.name)}"
        if client.deleted_at is None:
            raise RuleRefused(what, "the company has not been removed",
                              "Remove the company first (Remove Company); only removed companies can be purged")
        _confirm(client, confirm_name, what)
        session = work.session
        users = session.scalar(select(func.count()).select_from(ClientUser).where(ClientUser.client_id == client.id))
        events = session.scalar(select(func.count()).select_from(Event).where(Event.client_id == client.id))
        name, cid = client.name, client.id
        work.audit(before={"client_id": cid, "name": name, "removed_at": client.deleted_at.isoformat(),
                           "client_users": users, "events": events},
                   after={"purged": True}, action="purge_company")
        session.flush()  # the audit row first: deleting the client then sets its client_id to NULL
        session.expunge(client)
        session.execute(delete(Client).where(Client.id == cid))
        return CompanyPurged(cid, name, int(users or 0), int(events or 0))
