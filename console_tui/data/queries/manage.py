"""Read-side queries for Manage Clients and the per-client option screens (R-MC, R-OPT).

Each function opens a read session, checks the acting user's permission first (R-ACC-4) and
returns frozen dataclasses from :mod:`console_tui.data.views.manage`. No Textual here.

:func:`manage_list` serves 10,000 clients in a few flat queries (clients with their status,
snapshot and user figures; the cycle's sent emails grouped by client), never one per client;
the screen sorts and filters in memory.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.admin import agency_in, cycle_counts_in, ebs_inputs_in, plan_usage_in
from console_tui.data.queries.console import acting_user, refuse_hidden_client
from console_tui.data.schema import (
    AddonService,
    AgencyUser,
    Avatar,
    Client,
    ClientAccess,
    ClientService,
    ClientSnapshot,
    ClientStatus,
    ClientUser,
    DailyMetric,
    RollupState,
    SenderStatusChange,
)
from console_tui.data.views.manage import (
    ClientOptions,
    ConfigurationView,
    FlagsView,
    ManageList,
    ManageRow,
    ManagersView,
    RemovalView,
    SenderView,
    ServiceRow,
    ServicesView,
    StaffRef,
    StatusChoices,
    StatusStep,
    SuppressionView,
    WindowFigures,
)
from console_tui.domain import capacity as cap
from console_tui.domain.configuration import Configuration, Term, is_complete, missing_fields, region_for_country
from console_tui.domain.cycles import cycle_for, next_renewal
from console_tui.domain.ebs import EBS_WAIT_DAYS, ebs_toggle_guard
from console_tui.domain.errors import NotFound
from console_tui.domain.guard import Guard
from console_tui.domain.permissions import OPTIONS_MENU, Action, MenuItem, menu_items, refused_by_rule, require
from console_tui.domain.removal import PRE_RENEWAL_DAYS, in_pre_renewal, removal_guard
from console_tui.domain.roles import Role
from console_tui.domain.sender import BREAKDOWN_WINDOWS_DAYS, SenderWindow, bad_rates, rates
from console_tui.domain.tags import TagInput, tags_for


def _renewal(term: str | None, start: date | None, today: date) -> date | None:
    return next_renewal(start, term, today) if term and start else None


def _configuration(c: Client) -> Configuration:
    return Configuration(Term(c.license_term) if c.license_term else None, c.license_start,
                         c.billing_contact or "", c.billing_email or "", c.tax_rate, c.margin_protection)


# --- the list (R-MC-2) ------------------------------------------------------------------------------


def manage_list(db: Database, login: str, today: date, tz: tzinfo, *,
                pre_renewal_days: int = PRE_RENEWAL_DAYS, warn_pct: int = cap.WARN_PCT) -> ManageList:
    """Every client, lead and prospect, removed ones included, with tags and figures (R-MC-2).

    Users are the client's users who are not blocked; the last login is any user's latest;
    "sent this cycle" is the calendar-month billing cycle holding ``today`` (admin_queries).
    """
    with db.read() as session:
        require(Role(acting_user(session, login).role), Action.MANAGE_CLIENTS)
        cycle = cycle_for(today)
        sent = cycle_counts_in(session, cycle, tz)
        users = (
            select(ClientUser.client_id,
                   func.sum(case((ClientUser.blocked.is_(False), 1), else_=0)).label("n"),
                   func.max(ClientUser.last_login_at).label("last"))
            .group_by(ClientUser.client_id).subquery()
        )
        stmt = (
            select(Client.id, Client.name, Client.kind, ClientStatus.name, ClientStatus.counts, Client.license_term,
                   Client.license_start,
                   Client.billing_contact, Client.billing_email, Client.tax_rate, Client.ebs_enabled,
                   Client.direct_support, Client.deleted_at, ClientSnapshot.sender_status,
                   func.coalesce(users.c.n, 0), users.c.last)
            .join(ClientStatus, ClientStatus.id == Client.status_id)
            .outerjoin(ClientSnapshot, ClientSnapshot.client_id == Client.id)
            .outerjoin(users, users.c.client_id == Client.id)
            .order_by(func.lower(Client.name), Client.id)
        )
        rows = []
        for (cid, name, kind, status, counts, term, start, contact, email, tax, ebs, support, removed, sender,
             n_users, last) in session.execute(stmt):
            config = Configuration(Term(term) if term else None, start, contact or "", email or "", tax)
            renewal = _renewal(term, start, today)
            tags = tags_for(TagInput(
                ebs_enabled=ebs, config_complete=is_complete(config), term=config.term,
                pre_renewal=in_pre_renewal(term, renewal, today, pre_renewal_days), direct_support=support,
                status=status, sender_status=sender))
            rows.append(ManageRow(cid, name, kind, status, term, tags, int(n_users or 0), last,
                                  sent.get(cid, (0, 0))[0], sender or "New", removed,
                                  removed is None and cap.is_counted(kind, counts)))
        agency = agency_in(session)
        warning = plan_usage_in(session, warn_pct).warning
        return ManageList(agency.name, cycle.label, tuple(rows), warning)


# --- one client -------------------------------------------------------------------------------------


def _client(session: Session, login: str, client_id: int, action: Action, *,
            include_removed: bool = False) -> tuple[AgencyUser, Client, bool]:
    """The acting user, the client and whether they manage it, once ``action`` is allowed."""
    user = acting_user(session, login)
    client = session.get(Client, client_id)
    if client is None or (client.deleted_at is not None and not include_removed):
        refuse_hidden_client(session, user, client_id, action)
        raise NotFound("client", client_id, "Reload the list: it may have been removed")
    manager = bool(session.scalar(select(exists().where(
        ClientAccess.agency_user_id == user.id, ClientAccess.client_id == client_id))))
    require(Role(user.role), action, is_client_manager=manager)
    return user, client, manager


def _removal_guard(c: Client, today: date, window_days: int) -> Guard:
    """Whether the company may be removed today (R-OPT-9), as the menu and the screen say it."""
    term, start = c.license_term, c.license_start
    if term == Term.ANNUAL and start is None:
        return Guard(False, "the client is on an annual term with no start date, so its renewal is unknown; "
                            "set the license start date in Client Configuration first")
    return removal_guard(term, _renewal(term, start, today), today, window_days)


def _ebs_off_guard(session: Session, c: Client, today: date, wait_days: int) -> Guard:
    """Whether EBS may be turned off today (R-SUP-2)."""
    inputs = ebs_inputs_in(session, c)
    return ebs_toggle_guard(inputs.sender_status, inputs.last_became_healthy, today, wait_days)


def _refused_now(session: Session, c: Client, item: MenuItem, today: date, window_days: int,
                 wait_days: int) -> MenuItem:
    """The item, disabled with the reason and date when a rule refuses its one change today (R-OPT-1).

    Remove Company follows R-OPT-9; Email Suppression, while EBS is on, follows R-SUP-2 (turning
    EBS off is then all the screen can do). The other items have no rule beyond the role.
    """
    if not item.enabled:
        return item
    if item.action is Action.REMOVE_COMPANY:
        return refused_by_rule(item, _removal_guard(c, today, window_days))
    if item.action is Action.EMAIL_SUPPRESSION and c.ebs_enabled:
        return refused_by_rule(item, _ebs_off_guard(session, c, today, wait_days), "EBS is on and cannot be "
                                                                                     "turned off now: ")
    return item


def client_options(db: Database, login: str, client_id: int, today: date, *,
                   window_days: int = PRE_RENEWAL_DAYS, wait_days: int = EBS_WAIT_DAYS) -> ClientOptions:
    """The options menu (R-OPT-1): every item, disabled ones with the reason (R-ACC-3).

    Anyone who may see the client (R-ACC-2) gets the menu; a removed company's items are all
    disabled, saying when it was removed. An item a rule refuses today (R-OPT-9, R-SUP-2) is
    disabled with the rule's reason and the date it opens, computed by the screens' own guards.
    """
    with db.read() as session:
        user, c, manager = _client(session, login, client_id, Action.VIEW_CLIENT, include_removed=True)
        items = menu_items(OPTIONS_MENU, Role(user.role), is_client_manager=manager)
        if c.deleted_at is not None:
            gone = f"the company was removed on {c.deleted_at.date().isoformat()}"
            items = tuple(MenuItem(i.label, i.action, False, gone) for i in items)
        items = tuple(_refused_now(session, c, i, today, window_days, wait_days) for i in items)
        sender = session.scalar(select(ClientSnapshot.sender_status).where(ClientSnapshot.client_id == c.id))
        state = (
            ("Client Configuration", "complete" if is_complete(_configuration(c)) else "incomplete"),
            ("Enable/Disable Direct Support", "on" if c.direct_support else "off"),
            ("Email Sender", sender or "New"),
            ("Email Suppression", "EBS on" if c.ebs_enabled else "EBS off"),
            ("Client Rebrand", "locked" if c.rebrand_locked else "unlocked"),
            ("Remove Company", f"{c.license_term} term" if c.license_term else "no license term"),
        )
        return ClientOptions(c.id, c.name, c.kind, c.status.name, user.role, manager, c.deleted_at, items, state)


def configuration(db: Database, login: str, client_id: int) -> ConfigurationView:
    """Client Configuration as saved (R-MC-3, R-OPT-3); the region follows from the country."""
    with db.read() as session:
        _user, c, _m = _client(session, login, client_id, Action.CLIENT_CONFIGURATION)
        return ConfigurationView(
            c.id, c.name, c.version, c.country, region_for_country(c.country).value, c.license_term,
            c.license_start, c.billing_contact or "", c.billing_email or "", c.tax_rate, c.margin_protection,
            missing_fields(_configuration(c)))


def services(db: Database, login: str, client_id: int) -> ServicesView:
    """Every add-on of the catalogue with this client's allowance and active amount (R-OPT-4)."""
    with db.read() as session:
        _user, c, _m = _client(session, login, client_id, Action.SERVICES_ALLOWANCES)
        rows = session.execute(
            select(AddonService.key, AddonService.name, AddonService.unit, AddonService.unit_price_cents,
                   ClientService.allowance, ClientService.active_quantity, ClientService.version)
            .outerjoin(ClientService, (ClientService.service_id == AddonService.id)
                       & (ClientService.client_id == client_id))
            .order_by(AddonService.id))
        return ServicesView(c.id, c.name, tuple(
            ServiceRow(key, name, unit, price, allowance, int(active or 0), version)
            for key, name, unit, price, allowance, active, version in rows))


def managers(db: Database, login: str, client_id: int) -> ManagersView:
    """The client's Client Managers and who else could be one (R-OPT-5, R-ACC-2)."""
    with db.read() as session:
        _user, c, _m = _client(session, login, client_id, Action.CLIENT_MANAGERS)
        staff = session.execute(
            select(AgencyUser.login, AgencyUser.full_name, AgencyUser.role, ClientAccess.client_id)
            .outerjoin(ClientAccess, (ClientAccess.agency_user_id == AgencyUser.id)
                       & (ClientAccess.client_id == client_id))
            .where(AgencyUser.active).order_by(func.lower(AgencyUser.full_name), AgencyUser.login))
        current: list[StaffRef] = []
        others: list[StaffRef] = []
        for login_, full_name, role, access in staff:
            if access is not None:
                current.append(StaffRef(login_, full_name, role))
            elif role != Role.ADMINISTRATOR:
                others.append(StaffRef(login_, full_name, role))
        return ManagersView(c.id, c.name, tuple(current), tuple(others))


def flags(db: Database, login: str, client_id: int, action: Action) -> FlagsView:
    """Direct Support (R-OPT-6) or Client Rebrand (R-OPT-8): the switches and the row version."""
    with db.read() as session:
        _user, c, _m = _client(session, login, client_id, action)
        logo = bool(session.scalar(select(exists().where(Avatar.client_id == c.id))))
        return FlagsView(c.id, c.name, c.version, c.direct_support, c.rebrand_locked,
                         agency_in(session).uses_billing_platform, logo)


def _windows(session: Session, client_id: int, last: date) -> tuple[WindowFigures, ...]:
    """Sums over each breakdown window ending on ``last``, in one grouped query (R-OPT-7)."""
    columns = []
    for days in BREAKDOWN_WINDOWS_DAYS:
        inside = DailyMetric.day >= last - timedelta(days=days - 1)
        for column in (DailyMetric.emails_sent, DailyMetric.emails_opened, DailyMetric.emails_bounced,
                       DailyMetric.spam_complaints, DailyMetric.unsubscribes):
            columns.append(func.coalesce(func.sum(case((inside, column), else_=0)), 0))
    first = last - timedelta(days=max(BREAKDOWN_WINDOWS_DAYS) - 1)
    sums = session.execute(select(*columns).where(DailyMetric.client_id == client_id,
                                                  DailyMetric.day.between(first, last))).one()
    windows = []
    for i, days in enumerate(BREAKDOWN_WINDOWS_DAYS):
        sent, opened, bounced, spam, unsub = (int(v) for v in sums[i * 5:i * 5 + 5])
        figures = SenderWindow(sent, bounced, spam, unsub, sent, opened)
        windows.append(WindowFigures(days, last - timedelta(days=days - 1), last, sent, opened, bounced, spam,
                                     unsub, rates(figures)))
    return tuple(windows)


def sender(db: Database, login: str, client_id: int, today: date) -> SenderView:
    """Email Sender (R-OPT-7): status, 24 h / 7 / 30 / 90-day breakdown, status history (R-SS-2).

    Windows end on the last day the nightly rollup closed (yesterday before it first runs).
    """
    with db.read() as session:
        _user, c, _m = _client(session, login, client_id, Action.EMAIL_SENDER)
        state = session.execute(select(RollupState.last_day, RollupState.as_of)
                                .where(RollupState.job == "nightly")).first()
        last = (state[0] if state else None) or today - timedelta(days=1)
        windows = _windows(session, c.id, last)
        thirty = next(w for w in windows if w.days == 30)
        history = tuple(StatusStep(day, old, new) for day, old, new in session.execute(
            select(SenderStatusChange.day, SenderStatusChange.old_status, SenderStatusChange.new_status)
            .where(SenderStatusChange.client_id == c.id)
            .order_by(SenderStatusChange.day.desc(), SenderStatusChange.id.desc())))
        status = ebs_inputs_in(session, c).sender_status.value
        bad = bad_rates(SenderWindow(thirty.sent, thirty.bounced, thirty.spam, thirty.unsubscribed, thirty.sent))
        return SenderView(c.id, c.name, status, c.ebs_enabled, state[1] if state else None, windows, bad, history)


def suppression(db: Database, login: str, client_id: int, today: date,
                wait_days: int = EBS_WAIT_DAYS) -> SuppressionView:
    """Email Suppression (R-SUP-2): EBS state and the off-toggle guard for today."""
    with db.read() as session:
        _user, c, _m = _client(session, login, client_id, Action.EMAIL_SUPPRESSION)
        inputs = ebs_inputs_in(session, c)
        return SuppressionView(c.id, c.name, c.version, c.ebs_enabled, inputs.sender_status.value,
                               inputs.last_became_healthy, _ebs_off_guard(session, c, today, wait_days), wait_days)


def removal(db: Database, login: str, client_id: int, today: date,
            window_days: int = PRE_RENEWAL_DAYS) -> RemovalView:
    """Remove Company (R-OPT-9): whether it is allowed today, and from when if not."""
    with db.read() as session:
        _user, c, _m = _client(session, login, client_id, Action.REMOVE_COMPANY)
        term, start = c.license_term, c.license_start
        renewal = _renewal(term, start, today)
        guard = _removal_guard(c, today, window_days)
        users = session.scalar(select(func.count()).select_from(ClientUser).where(
            ClientUser.client_id == c.id, ClientUser.blocked.is_(False))) or 0
        return RemovalView(c.id, c.name, c.version, term, start, renewal, users, guard)


def status_choices(db: Database, login: str, client_id: int) -> StatusChoices:
    """The client's status and every status (built-in first), for the status picker (R-CAP-1)."""
    with db.read() as session:
        _user, c, _m = _client(session, login, client_id, Action.SET_CLIENT_STATUS)
        rows = session.execute(select(ClientStatus.name, ClientStatus.counts)
                               .where(ClientStatus.retired_at.is_(None))
                               .order_by(ClientStatus.builtin.desc(), func.lower(ClientStatus.name))).all()
        return StatusChoices(c.id, c.name, c.kind, c.status.name, c.version, tuple(name for name, _ in rows),
                             frozenset(name for name, counts in rows if counts))
