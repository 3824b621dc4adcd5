"""Snoozing and unsnoozing a reason of the attention queue (R-ATT-3): one's own, in one transaction
with one audit row (R-ACC-5).

A person snoozes only for themselves (the acting login) and only a client they may access
(``Action.SNOOZE_REASON`` is client-scoped); the agency row, which everyone's queue shows, is
``Action.SNOOZE_AGENCY_REASON``. The reason must be one the queue gives that client today: its
severity now is stored, so the reason comes back when it gets worse. Snoozing a reason again
replaces the earlier snooze (a new day, a new note).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from console_tui.clock import Clock, local_today
from console_tui.data.commands.base import unit_of_work
from console_tui.data.engine import Database
from console_tui.data.queries.attention import agency_name_in, current_reasons_in
from console_tui.data.schema import AgencyUser, AttentionSnooze
from console_tui.domain.attention import Thresholds
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.permissions import Action
from console_tui.domain.snooze import Snooze, check_until, snooze_note


def _action(client_id: int | None) -> Action:
    return Action.SNOOZE_AGENCY_REASON if client_id is None else Action.SNOOZE_REASON


def _existing(session: Session, user: AgencyUser, client_id: int | None, code: str) -> AttentionSnooze | None:
    which = AttentionSnooze.client_id.is_(None) if client_id is None else AttentionSnooze.client_id == client_id
    return session.scalars(select(AttentionSnooze).where(
        AttentionSnooze.agency_user_id == user.id, which, AttentionSnooze.code == code)).first()


def snooze_reason(db: Database, clock: Clock, login: str, client_id: int | None, code: str, *,
                  until: date, note: str, thresholds: Thresholds) -> Snooze:
    """Hide the reason ``code`` of ``client_id`` (``None``: the agency row) from ``login``'s queue
    until ``until``, with ``note`` (R-ATT-3)."""
    what = "Snoozing the reason"
    today = local_today(clock)
    check_until(until, today, what)
    note = snooze_note(note, what)
    with unit_of_work(db, clock, login, _action(client_id), client_id=client_id) as work:
        reasons = current_reasons_in(work.session, work.user, client_id, today, clock.tz, thresholds)
        reason = next((r for r in reasons if r.code == code), None)
        if reason is None:
            whose = "the agency" if client_id is None else "the client"
            raise RuleRefused(what, f"{whose} has no reason {code!r} in the queue today",
                              "See the reasons with `console-tui attention`")
        row = _existing(work.session, work.user, client_id, code)
        before = None if row is None else {"code": code, "until": row.until.isoformat(), "note": row.note,
                                           "severity": row.severity}
        if row is None:
            row = AttentionSnooze(agency_user_id=work.user.id, client_id=client_id, code=code)
            work.session.add(row)
        row.until, row.note, row.severity, row.created_at = until, note, reason.severity.word, work.now
        work.audit(before=before, after={"code": code, "until": until.isoformat(), "note": note,
                                         "severity": reason.severity.word}, action="snooze_reason")
        name = work.client.name if work.client is not None else agency_name_in(work.session)
        return Snooze(client_id, code, until, reason.severity, note, name, work.now)


def unsnooze_reason(db: Database, clock: Clock, login: str, client_id: int | None, code: str) -> None:
    """Bring back ``login``'s snoozed reason ``code`` of ``client_id`` now (R-ATT-3)."""
    with unit_of_work(db, clock, login, _action(client_id), client_id=client_id) as work:
        row = _existing(work.session, work.user, client_id, code)
        if row is None:
            raise NotFound("snooze", f"{code!r} of {'the agency' if client_id is None else f'client {client_id}'}",
                           "See your snoozes with `console-tui attention --snoozed`")
        before = {"code": code, "until": row.until.isoformat(), "note": row.note, "severity": row.severity}
        work.session.delete(row)
        work.audit(before=before, after=None, action="unsnooze_reason")


__all__ = ["snooze_reason", "unsnooze_reason"]
