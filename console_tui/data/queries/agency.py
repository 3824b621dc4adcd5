"""Read-side queries for the agency's administration screens (no Textual; frozen dataclasses).

Email Limits (R-EL-1..4), Client Usage (R-CU-1), the agency's Billing Overview (R-BL-1..4),
My Account (R-CAP-1..3), agency users and their access (R-ACC-1, R-ACC-2) and the audit log
(R-ACC-5). Each function opens one read session, checks the acting user's permission first
(R-ACC-4: a refusal raises :class:`PermissionDenied` naming the role needed) and runs a fixed,
small number of queries however many clients there are — never one per client.

**[decision]** Every screen here is for Administrators except My Account, which every role may read
(R-ACC-3: "everything else in the console: every role"; only plan changes are for Administrators,
and a non-administrator sees only their own clients' names there, R-ACC-2).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, tzinfo

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.admin import agency_in, email_limit_rows, next_rung, plan_usage, plan_usage_in
from console_tui.data.queries.audit_text import action_text, changes_of, relabel_limits
from console_tui.data.queries.billing import charges_so_far
from console_tui.data.queries.console import accessible_client_ids, acting_user
from console_tui.data.rollup import day_bounds
from console_tui.data.schema import (
    AgencyUser,
    AuditEntry,
    BillingCharge,
    Client,
    ClientAccess,
    ClientStatus,
    ClientUsageMonth,
)
from console_tui.data.views.agency import (
    AccountPage,
    AgencyUserAccess,
    AuditFilter,
    AuditPage,
    AuditRow,
    BillingPage,
    BillingRow,
    BillingTotals,
    ClientRef,
    EmailLimitsPage,
    NotCounted,
    UsagePage,
    UsageRow,
    UsersPage,
)
from console_tui.domain import capacity as cap
from console_tui.domain.cycles import cycle_for, ended_cycles
from console_tui.domain.errors import CapacityReached, DomainError, PermissionDenied
from console_tui.domain.permissions import Action, require
from console_tui.domain.roles import Role

AUDIT_PAGE = 200
NO_FILTER = AuditFilter()  # the whole log; frozen, so one instance serves every call


def _require(session: Session, login: str, action: Action) -> AgencyUser:
    """The acting user, once ``action`` is allowed (R-ACC-4: the refusal names the role needed)."""
    user = acting_user(session, login)
    require(Role(user.role), action)
    return user


# --- Email Limits (R-EL-1..4) --------------------------------------------------------------------


def email_limits_page(db: Database, login: str, today: date, tz: tzinfo) -> EmailLimitsPage:
    """Every live client's limit and this cycle's usage, with the plan's email terms (R-EL-3)."""
    rows = email_limit_rows(db, login, today, tz)  # checks Email Limits (Administrator)
    with db.read() as session:
        plan = agency_in(session).plan
        return EmailLimitsPage(cycle_for(today), plan.included_emails, plan.overage_per_1000_cents, rows)


# --- Client Usage (R-CU-1) -----------------------------------------------------------------------


def usage_page(db: Database, login: str, today: date, tz: tzinfo, month: date | None = None) -> UsagePage:
    """A closed month's usage per client: the month asked for, else the latest closed one (R-CU-1).

    Only months whose cycle has ended are offered, and only those the nightly rollup has closed
    (``client_usage_month``); every live client that existed by the month's end has a row (zeros
    when it had no activity).
    """
    open_cycle = cycle_for(today)
    with db.read() as session:
        _require(session, login, Action.CLIENT_USAGE)
        rolled = tuple(session.scalars(
            select(ClientUsageMonth.month).group_by(ClientUsageMonth.month).order_by(ClientUsageMonth.month)))
        ended = {cycle.start for cycle in ended_cycles(rolled[0], today)} if rolled else set()
        months = tuple(month for month in rolled if month in ended)
        if not months:
            return UsagePage(None, (), open_cycle, ())
        chosen = cycle_for(month if month is not None and cycle_for(month).start in months else months[-1])
        ends = day_bounds(chosen.end, tz)[1]
        used = (select(ClientUsageMonth).where(ClientUsageMonth.month == chosen.start).subquery())
        rows = session.execute(
            select(Client.id, Client.name, Client.kind, func.coalesce(used.c.emails_sent, 0),
                   func.coalesce(used.c.contacts_added, 0), func.coalesce(used.c.page_impressions, 0))
            .outerjoin(used, used.c.client_id == Client.id)
            .where(Client.deleted_at.is_(None), Client.created_at < ends)
            .order_by(func.lower(Client.name), Client.id))
        return UsagePage(chosen, months, open_cycle, tuple(UsageRow(*row) for row in rows))


# --- Billing Overview (R-BL-1..4) ----------------------------------------------------------------


def _totals(rows: tuple[BillingRow, ...]) -> BillingTotals:
    return BillingTotals(
        license_cents=sum(r.license_cents for r in rows),
        product_overages_cents=sum(r.product_overages_cents for r in rows),
        agency_services_cents=sum(r.agency_services_cents for r in rows),
        tax_cents=sum(r.tax_cents for r in rows),
        total_cents=sum(r.total_cents for r in rows),
        in_pack=sum(1 for r in rows if r.in_pack),
        additional=sum(1 for r in rows if r.additional),
        provisional=sum(1 for r in rows if r.provisional),
    )


def billing_page(db: Database, login: str, today: date, tz: tzinfo, cycle: date | None = None) -> BillingPage:
    """A cycle's charges for every client billed in it (R-BL-4): the cycle asked for, else the one
    in progress. A closed cycle shows what was billed (clients removed since keep their rows, marked
    ``removed``); the cycle in progress is computed now (:func:`~console_tui.data.queries.billing.charges_so_far`),
    so clients added today and a plan changed a minute ago are in it."""
    current = cycle_for(today)
    with db.read() as session:
        _require(session, login, Action.BILLING)
        in_pack_licenses = agency_in(session).plan.in_pack_licenses
        billed = set(session.scalars(select(BillingCharge.cycle).group_by(BillingCharge.cycle)))
        live = charges_so_far(session, current, tz)
        cycles = tuple(sorted(c for c in billed | ({current.start} if live else set()) if c <= current.start))
        if not cycles:
            return BillingPage(None, (), False, in_pack_licenses, (), _totals(()))
        wanted = cycle_for(cycle).start if cycle is not None else None
        chosen = cycle_for(wanted if wanted in cycles else cycles[-1])
        if chosen.start == current.start:
            return BillingPage(chosen, cycles, True, in_pack_licenses, live, _totals(live))
        b = BillingCharge
        rows = tuple(
            BillingRow(cid, name, deleted is not None, *figures)
            for cid, name, deleted, *figures in session.execute(
                select(b.client_id, Client.name, Client.deleted_at, b.in_pack, b.provisional, b.license_cents,
                       b.product_cents, b.overage_cents, b.services_cents, b.agency_services_cents, b.tax_cents,
                       b.total_cents)
                .join(Client, Client.id == b.client_id)
                .where(b.cycle == chosen.start)
                .order_by(func.lower(Client.name), Client.id))
        )
        return BillingPage(chosen, cycles, False, in_pack_licenses, rows, _totals(rows))


# --- My Account (R-CAP-1..3) ---------------------------------------------------------------------


def _reason(kind: str, status: str, removed: bool) -> tuple[str, str]:
    """Why a record is not counted (R-CAP-1), the first that applies: a short label and a sentence."""
    if removed:
        return "removed", "Removed companies are not counted"
    if kind != cap.COUNTED_KIND:
        return kind, f"{kind.title()}s are never counted"
    return status, f"{status} clients are not counted"


def account_page(db: Database, login: str, warn_pct: int = cap.WARN_PCT) -> AccountPage:
    """The plan and its use, the warning from ``warn_pct`` %, the refusal at 100 %, the ladder and
    what is not counted, with why (R-CAP-1..3).

    Every role may read it (R-ACC-3: only plan *changes* are for Administrators; ``plan_change_refusal``
    says so to the others). The figures are the agency's; the list of records that are not counted
    names, for a non-administrator, only the clients they may access (R-ACC-2).
    """
    with db.read() as session:
        user = _require(session, login, Action.OPEN_CONSOLE)
        try:
            require(Role(user.role), Action.CHANGE_PLAN)
            plan_change_refusal = None
        except PermissionDenied as error:
            plan_change_refusal = str(error)
        agency = agency_in(session)
        usage = plan_usage_in(session, warn_pct)
        refusal = None
        upgrade = next_rung(usage.ladder, usage.plan)
        try:
            cap.check_can_add(usage.counted_clients, usage.plan.as_plan(),
                              upgrade_to=upgrade.as_plan() if upgrade else None)
        except CapacityReached as error:
            refusal = str(error)
        not_counted_ = or_(Client.deleted_at.is_not(None), Client.kind != cap.COUNTED_KIND,
                           ClientStatus.counts.is_(False))
        tally: dict[str, int] = defaultdict(int)
        for kind, status, removed, n in session.execute(
                select(Client.kind, ClientStatus.name, Client.deleted_at.is_not(None), func.count())
                .join(ClientStatus, ClientStatus.id == Client.status_id).where(not_counted_)
                .group_by(Client.kind, ClientStatus.name, Client.deleted_at.is_not(None))):
            tally[_reason(kind, status, bool(removed))[0]] += n
        stmt = (select(Client.id, Client.name, Client.kind, ClientStatus.name, Client.deleted_at)
                .join(ClientStatus, ClientStatus.id == Client.status_id).where(not_counted_)
                .order_by(func.lower(Client.name), Client.id))
        allowed = accessible_client_ids(user)
        if allowed is not None:
            stmt = stmt.where(Client.id.in_(allowed))
        rows = [NotCounted(cid, name, kind, status, *_reason(kind, status, deleted is not None))
                for cid, name, kind, status, deleted in session.execute(stmt)]
        order = {label: n for n, label in enumerate(("lead", "prospect", *sorted(cap.NOT_COUNTED_STATUSES)))}
        rows.sort(key=lambda row: order.get(row.label, len(order)))  # stable: by reason, then by name
        by_reason = tuple(sorted(tally.items(), key=lambda item: order.get(item[0], len(order))))
        return AccountPage(agency.name, agency.version, usage, warn_pct, refusal, tuple(rows), by_reason,
                           plan_change_refusal, allowed is not None)


def capacity_banner_text(db: Database, login: str, warn_pct: int = cap.WARN_PCT) -> str | None:
    """The advance warning for the management bar while it applies (R-CAP-2), else None.

    Every role may read it (it is the plan's figure, like the console itself); a database with no
    agency yet has no warning.
    """
    try:
        return plan_usage(db, login, warn_pct).warning
    except DomainError:
        return None


# --- Agency users and access (R-ACC-1, R-ACC-2) --------------------------------------------------


def users_page(db: Database, login: str) -> UsersPage:
    """Every agency user with their role and the live clients they may access (R-ACC-2)."""
    with db.read() as session:
        _require(session, login, Action.MANAGE_AGENCY_USERS)
        access: dict[int, list[ClientRef]] = defaultdict(list)
        for user_id, cid, name in session.execute(
                select(ClientAccess.agency_user_id, Client.id, Client.name)
                .join(Client, Client.id == ClientAccess.client_id).where(Client.deleted_at.is_(None))
                .order_by(func.lower(Client.name), Client.id)):
            access[user_id].append(ClientRef(cid, name))
        live = session.scalar(select(func.count()).select_from(Client).where(Client.deleted_at.is_(None))) or 0
        users = tuple(
            AgencyUserAccess(u.id, u.login, u.full_name, u.email, u.role, u.active, u.role == Role.ADMINISTRATOR,
                             tuple(access.get(u.id, ())))
            for u in session.scalars(select(AgencyUser).order_by(func.lower(AgencyUser.login)))
        )
        return UsersPage(users, live)


def client_refs(db: Database, login: str) -> tuple[ClientRef, ...]:
    """Every live client by name, for choosing one to grant access to (Administrators)."""
    with db.read() as session:
        _require(session, login, Action.MANAGE_AGENCY_USERS)
        return tuple(ClientRef(cid, name) for cid, name in session.execute(
            select(Client.id, Client.name).where(Client.deleted_at.is_(None))
            .order_by(func.lower(Client.name), Client.id)))


# --- The audit log (R-ACC-5) ---------------------------------------------------------------------


def _client_condition(text: str) -> ColumnElement[bool] | None:
    text = " ".join(text.split())
    if not text:
        return None
    if text.startswith("#") and text[1:].isdigit():
        return AuditEntry.client_id == int(text[1:])
    return func.lower(Client.name).contains(text.lower(), autoescape=True)


def audit_page(db: Database, login: str, filters: AuditFilter = NO_FILTER, *,
               older_than: tuple[datetime, int] | None = None, limit: int = AUDIT_PAGE) -> AuditPage:
    """The audit log, newest first, filtered by user, client and action (R-ACC-5); ``older_than``
    (the last row's ``(at, id)``) reads the next page. Administrators."""
    with db.read() as session:
        _require(session, login, Action.VIEW_AUDIT_LOG)
        conditions = []
        if filters.actor:
            conditions.append(AuditEntry.actor == filters.actor)
        if filters.action:
            conditions.append(AuditEntry.action == filters.action)
        if filters.client_id is not None:
            conditions.append(AuditEntry.client_id == filters.client_id)
        if (by_client := _client_condition(filters.client)) is not None:
            conditions.append(by_client)
        if older_than is not None:
            at, entry_id = older_than
            conditions.append(or_(AuditEntry.at < at, and_(AuditEntry.at == at, AuditEntry.id < entry_id)))
        found = session.execute(
            select(AuditEntry, Client.name).outerjoin(Client, Client.id == AuditEntry.client_id)
            .where(*conditions).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit + 1)).all()
        entries = found[:limit]
        names = _limit_client_names(session, [entry for entry, _ in entries])
        rows = tuple(
            AuditRow(e.id, e.at, e.actor, e.action, e.client_id, name,
                     relabel_limits(changes_of(e.before, e.after), names),
                     action_text(e.action) + (f" (batch {e.batch_id})" if e.batch_id else ""))
            for e, name in entries
        )
        actors = tuple(session.scalars(select(AgencyUser.login).order_by(func.lower(AgencyUser.login))))
        actions = tuple(session.scalars(select(AuditEntry.action).group_by(AuditEntry.action)
                                        .order_by(AuditEntry.action)))
        return AuditPage(rows, len(found) > limit, actors, actions, tuple(action_text(a) for a in actions))


def _limit_client_names(session: Session, entries: list[AuditEntry]) -> dict[str, str]:
    """Names of the clients an Email Limits save names by id, in one query for the page."""
    ids = {int(key) for e in entries for side in (e.before, e.after) if isinstance(side, dict)
           for key in (side.get("email_limits") or {}) if str(key).isdigit()}
    if not ids:
        return {}
    return {str(cid): name for cid, name in session.execute(
        select(Client.id, Client.name).where(Client.id.in_(sorted(ids))))}
