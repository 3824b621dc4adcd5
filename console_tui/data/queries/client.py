"""Read-side queries for one client: detail series, instance dashboard, Information screens.

Every function takes the acting login and checks, before reading, that the user may see the
client and use the screen (R-ACC-2, R-ACC-3, R-ACC-4): a refusal raises
:class:`~console_tui.domain.errors.PermissionDenied` naming the role needed. Results are frozen
dataclasses from :mod:`console_tui.data.views.client`. No Textual here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.queries.console import (
    PLACES_PER_CLIENT,
    acting_user,
    refuse_hidden_client,
    summaries_of,
    summary_rows,
)
from console_tui.data.queries.utilization import client_activities
from console_tui.data.schema import (
    Agency,
    AgencyUser,
    Avatar,
    Client,
    ClientAccess,
    ClientSnapshot,
    ClientUser,
    ContentItem,
    DailyMetric,
    RecentPlace,
    RollupState,
    SenderStatusChange,
    TeamCall,
)
from console_tui.data.views.client import (
    ActivityRow,
    AgencyFacts,
    AvatarInfo,
    ClientDetail,
    ClientUserRow,
    CompanyProfile,
    ContentPage,
    ContentRow,
    DayFigures,
    InstanceDashboard,
    StatusChange,
    TeamCallPage,
    TeamCallRow,
)
from console_tui.data.views.console import ClientSummary, PlaceRef
from console_tui.domain.errors import NotFound
from console_tui.domain.permissions import Action, require
from console_tui.domain.roles import Role

DETAIL_DAYS = 90
INSTANCE_ROWS = 50


def _client(session: Session, login: str, client_id: int, action: Action) -> tuple[AgencyUser, Client]:
    """The acting user and the client, once ``action`` is allowed on it (R-ACC-2/3/4)."""
    user = acting_user(session, login)
    client = session.get(Client, client_id)
    if client is None or client.deleted_at is not None:
        refuse_hidden_client(session, user, client_id, action)
        raise NotFound("client", client_id)
    role = Role(user.role)
    manager = role is Role.ADMINISTRATOR or bool(
        session.scalar(
            select(
                exists().where(ClientAccess.agency_user_id == user.id, ClientAccess.client_id == client_id)
            )
        )
    )
    require(role, action, is_client_manager=manager)
    return user, client


def _as_of(session: Session) -> datetime | None:
    return session.scalar(select(RollupState.as_of).where(RollupState.job == "nightly"))


def _last_day(session: Session, today: date) -> date:
    """The last day the nightly rollup covered (yesterday when it has not run yet)."""
    last = session.scalar(select(RollupState.last_day).where(RollupState.job == "nightly"))
    return last or today - timedelta(days=1)


def check_switch_into(db: Database, login: str, client_id: int) -> str:
    """Raise unless the user may switch into the client (R-ACC-3, R-CMC-5); returns its name."""
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.SWITCH_INTO_CLIENT)
        return client.name


def client_detail(db: Database, login: str, client_id: int, today: date, days: int = DETAIL_DAYS) -> ClientDetail:
    """Daily figures for the last ``days`` rolled-up days, the sender-status history, and the
    utilization activities with which of them the client has done (R-UT-1)."""
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.VIEW_CLIENT)
        last = _last_day(session, today)
        first = last - timedelta(days=days - 1)
        rows = session.execute(
            select(DailyMetric.day, DailyMetric.contacts_added, DailyMetric.emails_sent, DailyMetric.emails_opened)
            .where(DailyMetric.client_id == client_id, DailyMetric.day.between(first, last))
        )
        by_day = {day: DayFigures(day, added, sent, opened) for day, added, sent, opened in rows}
        series = tuple(
            by_day.get(day, DayFigures(day, 0, 0, 0))
            for day in (first + timedelta(days=i) for i in range(days))
        )
        history = tuple(
            StatusChange(day, old, new)
            for day, old, new in session.execute(
                select(SenderStatusChange.day, SenderStatusChange.old_status, SenderStatusChange.new_status)
                .where(SenderStatusChange.client_id == client_id)
                .order_by(SenderStatusChange.day.desc(), SenderStatusChange.id.desc())
            )
        )
        status = session.scalar(select(ClientSnapshot.sender_status).where(ClientSnapshot.client_id == client_id))
        activities = client_activities(session, client_id)
        return ClientDetail(client_id, client.name, status or "New", _as_of(session), series, history, activities)


def _users(session: Session, client_id: int, limit: int | None = None) -> tuple[ClientUserRow, ...]:
    stmt = (
        select(ClientUser)
        .where(ClientUser.client_id == client_id)
        .order_by(func.lower(ClientUser.full_name), ClientUser.id)
        .limit(limit)
    )
    return tuple(
        ClientUserRow(u.id, u.full_name, u.email, u.role, u.blocked, u.created_at, u.last_login_at, u.version)
        for u in session.scalars(stmt)
    )


def client_users(db: Database, login: str, client_id: int) -> tuple[str, tuple[ClientUserRow, ...]]:
    """The client's name and its users (User Accounts, R-CMC-3; Administrator or Company Manager)."""
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.MANAGE_CLIENT_USERS)
        return client.name, _users(session, client_id)


def company_profile(db: Database, login: str, client_id: int) -> CompanyProfile:
    """The client's Account page (Settings, R-CMC-3)."""
    with db.read() as session:
        _user, c = _client(session, login, client_id, Action.EDIT_COMPANY_PROFILE)
        return CompanyProfile(
            c.id, c.name, c.kind, c.status.name, c.created_at, c.street, c.city, c.state, c.postal_code,
            c.country, c.website, c.phone, c.license_term, c.license_start, c.billing_contact,
            c.billing_email, c.tax_rate, c.region, c.margin_protection, c.direct_support, c.ebs_enabled,
            c.rebrand_locked, c.email_limit, c.version,
        )


def _calls(session: Session, client_id: int) -> tuple[TeamCallRow, ...]:
    names: dict[int, str] = {
        user_id: name
        for user_id, name in session.execute(
            select(ClientUser.id, ClientUser.full_name).where(ClientUser.client_id == client_id)
        )
    }
    rows = session.execute(
        select(TeamCall.started_at, AgencyUser.full_name, TeamCall.url, TeamCall.participant_ids)
        .join(AgencyUser, AgencyUser.id == TeamCall.started_by_id)
        .where(TeamCall.client_id == client_id)
        .order_by(TeamCall.started_at.desc(), TeamCall.id.desc())
    )
    calls = []
    for started_at, by, url, participants in rows:
        ids = participants.get("ids", []) if isinstance(participants, dict) else []
        calls.append(TeamCallRow(started_at, by, url, tuple(names.get(i, f"user #{i}") for i in ids)))
    return tuple(calls)


def team_calls(db: Database, login: str, client_id: int) -> tuple[str, tuple[TeamCallRow, ...]]:
    """The client's team calls, newest first, with the participants' names."""
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.TEAM_CALL)
        return client.name, _calls(session, client_id)


def team_call_page(db: Database, login: str, client_id: int) -> TeamCallPage:
    """The client's users to choose from (every role that may start a call) and its calls so far."""
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.TEAM_CALL)
        return TeamCallPage(client.name, _users(session, client_id), _calls(session, client_id))


def avatar_info(db: Database, login: str, client_id: int) -> tuple[str, AvatarInfo]:
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.SET_AVATAR)
        avatar = session.get(Avatar, client_id)
        if avatar is None:
            return client.name, AvatarInfo(client_id, client.rebrand_locked)
        return client.name, AvatarInfo(
            client_id, client.rebrand_locked, avatar.mime_type, avatar.width, avatar.height,
            avatar.image, avatar.updated_at,
        )


def content_page(db: Database, login: str, client_id: int, content_item_id: int) -> ContentPage:
    """A content item's page (Recent Places, R-CMC-3 section 3)."""
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.VIEW_CLIENT)
        item = session.get(ContentItem, content_item_id)
        if item is None or item.client_id != client_id:
            raise NotFound("content item", content_item_id)
        return ContentPage(
            item.id, client.name, item.title, item.content_type, item.body, item.created_at, item.updated_at
        )


def instance_dashboard(db: Database, login: str, client_id: int) -> InstanceDashboard:
    """The client's own dashboard after switching in (R-CMC-5); checks R-ACC-3 first."""
    with db.read() as session:
        _user, client = _client(session, login, client_id, Action.SWITCH_INTO_CLIENT)
        snap = session.get(ClientSnapshot, client_id)
        content = tuple(
            ContentRow(i.id, i.title, i.content_type, i.updated_at)
            for i in session.scalars(
                select(ContentItem).where(ContentItem.client_id == client_id)
                .order_by(ContentItem.updated_at.desc(), ContentItem.id.desc()).limit(INSTANCE_ROWS)
            )
        )
        activity = tuple(
            ActivityRow(at, who or "client user", action, kind, title, content_id)
            for at, who, action, kind, title, content_id in session.execute(
                select(RecentPlace.occurred_at, AgencyUser.full_name, RecentPlace.action, RecentPlace.kind,
                       RecentPlace.title, RecentPlace.content_item_id)
                .outerjoin(AgencyUser, AgencyUser.id == RecentPlace.agency_user_id)
                .where(RecentPlace.client_id == client_id)
                .order_by(RecentPlace.occurred_at.desc(), RecentPlace.id.desc()).limit(INSTANCE_ROWS)
            )
        )
        return InstanceDashboard(
            client_id, client.name, _as_of(session),
            snap.contacts_added_30d if snap else 0, snap.emails_sent_30d if snap else 0,
            snap.emails_opened_30d if snap else 0, snap.sender_status if snap else "New",
            snap.utilization_score if snap else 0,
            _users(session, client_id, INSTANCE_ROWS), content, activity,
        )


def agency_facts(db: Database, login: str) -> AgencyFacts:
    """The plan, its counted clients and the team size for the agency dashboard (every role may open
    the console). Agency-wide for every role: the plan counts all the agency's clients (R-CAP-1)."""
    with db.read() as session:
        acting_user(session, login)
        agency = session.scalars(select(Agency).limit(1)).first()
        from console_tui.data.queries.admin import counted_clients_in, team_members_in  # the agency dashboard's

        team, counted = team_members_in(session), counted_clients_in(session)
        if agency is None:
            return AgencyFacts("(no plan)", 0, 0, team, counted)
        plan = agency.plan
        return AgencyFacts(plan.name, plan.max_clients, plan.max_team_members, team, counted)


def _client_places(session: Session, user: AgencyUser, client_id: int, mine: bool) -> tuple[PlaceRef, ...]:
    who = RecentPlace.agency_user_id == user.id if mine else RecentPlace.agency_user_id.is_(None)
    rows = session.execute(
        select(RecentPlace.id, RecentPlace.title, RecentPlace.kind, RecentPlace.action, RecentPlace.occurred_at,
               RecentPlace.content_item_id)
        .where(RecentPlace.client_id == client_id, who)
        .order_by(RecentPlace.occurred_at.desc(), RecentPlace.id.desc())
        .limit(PLACES_PER_CLIENT)
    )
    return tuple(PlaceRef._make(row) for row in rows)


def client_summary(db: Database, login: str, client_id: int) -> ClientSummary | None:
    """One client's card, read again after a change (None when the user may no longer see it).

    The same columns as :func:`~console_tui.data.queries.console.client_summaries`, for one client.
    """
    with db.read() as session:
        user = acting_user(session, login)
        rows = summary_rows(session, user, Client.id == client_id)
        if not rows:
            return None
        places = ({client_id: _client_places(session, user, client_id, mine=True)},
                  {client_id: _client_places(session, user, client_id, mine=False)})
        return summaries_of(session, rows, *places)[0]
