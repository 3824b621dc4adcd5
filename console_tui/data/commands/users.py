"""Users: a client's users (User Accounts, R-CMC-3; R-ACC-3: Administrator or Company Manager) and
agency users (``console-tui users add|role|deactivate|reactivate``; Administrators, R-ACC-1).

Decisions:

* A client user's email is unique within the client (case-insensitive); names and emails are
  checked by the add-client form's rules. Deleting a client user deletes the row; past team calls
  keep their participant ids. Adding or editing one is noted in "Your Recent Places".
* **Bootstrap**: on a database with no agency user at all, nobody could add the first one, so the
  first ``add_agency_user`` needs no acting user; it must create an Administrator, and its audit
  row records the new user as the actor and ``bootstrap`` with the login that asked.
* **The last active Administrator** can be neither deactivated nor given another role: nobody
  could manage the agency's users after that.
* The plan's team-member figure is shown, not enforced (R-CAP-3 refuses clients only): adding a
  user at or past 90 % of it returns a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from console_tui.clock import Clock
from console_tui.data.commands.activity import MAX_TITLE, note_place
from console_tui.data.commands.base import Work, unit_of_work
from console_tui.data.engine import Database
from console_tui.data.queries.admin import agency_in, team_members_in
from console_tui.data.schema import AgencyUser, ClientUser
from console_tui.data.views.results import AgencyUserAdded, AgencyUserRole
from console_tui.domain import capacity as cap
from console_tui.domain.errors import ConflictError, DomainError, NotFound, RuleRefused, ValidationError
from console_tui.domain.forms import validate_agency_user, validate_client_role, validate_person, validate_role
from console_tui.domain.permissions import Action
from console_tui.domain.roles import Role
from console_tui.domain.wording import count

USER_COLUMNS = ("full_name", "email", "role", "blocked")


def _values(user: ClientUser) -> dict[str, object]:
    return {name: getattr(user, name) for name in USER_COLUMNS}


def _check_unique_email(work: Work, client_id: int, email: str, except_id: int | None = None) -> None:
    clash = work.session.scalar(
        select(ClientUser.id).where(ClientUser.client_id == client_id, func.lower(ClientUser.email) == email.lower(),
                                    ClientUser.id != (except_id or 0)))
    if clash is not None:
        raise ValidationError({"email": "is already used by another user of this client"},
                              what="Saving the client user", todo="Use another email, or edit that user instead")


def _client_user(work: Work, client_id: int, user_id: int) -> ClientUser:
    user = work.session.get(ClientUser, user_id)
    if user is None or user.client_id != client_id:
        raise NotFound("client user", user_id, "Reload the user list and try again")
    return user


def create_client_user(db: Database, clock: Clock, login: str, client_id: int, *, full_name: str, email: str,
                       role: str = "User") -> int:
    """Add a user to the client's instance; returns the new user's id."""
    with unit_of_work(db, clock, login, Action.MANAGE_CLIENT_USERS, client_id=client_id) as work:
        name, mail = validate_person(full_name, email, what="Adding the client user")
        role = validate_client_role(role)
        _check_unique_email(work, client_id, mail)
        user = ClientUser(client_id=client_id, full_name=name, email=mail, role=role, created_at=work.now)
        work.session.add(user)
        work.session.flush()
        note_place(work, "user", name, "created")
        work.audit(before=None, after={"client_user": user.id, **_values(user)}, action="create_client_user")
        return user.id


def update_client_user(db: Database, clock: Clock, login: str, client_id: int, user_id: int, *, full_name: str,
                       email: str, role: str | None = None, blocked: bool | None = None,
                       seen_version: int | None = None) -> int:
    """Edit a client user's name, email, role or blocked flag; returns the row's new version."""
    with unit_of_work(db, clock, login, Action.MANAGE_CLIENT_USERS, client_id=client_id) as work:
        user = _client_user(work, client_id, user_id)
        work.expect_version(user, seen_version, "Saving the client user")
        name, mail = validate_person(full_name, email, what="Saving the client user")
        new_role = validate_client_role(role) if role is not None else user.role
        _check_unique_email(work, client_id, mail, except_id=user.id)
        before = _values(user)
        user.full_name, user.email, user.role = name, mail, new_role
        if blocked is not None:
            user.blocked = blocked
        note_place(work, "user", name, "edited")
        work.audit(before={"client_user": user.id, **before}, after={"client_user": user.id, **_values(user)},
                   action="update_client_user")
        work.session.flush()
        return user.version


def delete_client_user(db: Database, clock: Clock, login: str, client_id: int, user_id: int, *,
                       seen_version: int | None = None) -> None:
    """Delete a user from the client's instance."""
    with unit_of_work(db, clock, login, Action.MANAGE_CLIENT_USERS, client_id=client_id) as work:
        user = _client_user(work, client_id, user_id)
        work.expect_version(user, seen_version, "Deleting the client user")
        note_place(work, "user", f"Removed {user.full_name}"[:MAX_TITLE], "edited")
        work.audit(before={"client_user": user.id, **_values(user)}, after=None, action="delete_client_user")
        work.session.delete(user)


@contextmanager
def _bootstrap_or(db: Database, clock: Clock, login: str) -> Iterator[tuple[Work, bool]]:
    """The normal unit of work, or — on a database without agency users — a bootstrap one."""
    with db.read() as session:
        empty = not session.scalar(select(func.count()).select_from(AgencyUser))
    if not empty:
        with unit_of_work(db, clock, login, Action.MANAGE_AGENCY_USERS) as work:
            yield work, False
        return
    try:
        with db.write() as session:
            if session.scalar(select(func.count()).select_from(AgencyUser)):
                raise ConflictError("Adding the first agency user", "someone added one a moment ago",
                                    "Try again: an Administrator must now add you")
            work = Work(session, None, clock.now(), Action.MANAGE_AGENCY_USERS)  # type: ignore[arg-type]
            yield work, True
            if not work._audited:
                raise RuntimeError("add_agency_user changed data without an audit row")
    except IntegrityError as error:
        raise ConflictError("Adding the agency user", "the database refused it because it clashes with another user",
                            "Check the login with `console-tui users list`") from error


def add_agency_user(db: Database, clock: Clock, login: str, *, new_login: str, full_name: str, email: str,
                    role: str, warn_pct: int = cap.WARN_PCT) -> AgencyUserAdded:
    """Add a member of the agency's staff with one role (R-ACC-1). Administrators only, except the first."""
    new_login, name, mail, parsed = validate_agency_user(new_login, full_name, email, role)
    with _bootstrap_or(db, clock, login) as (work, bootstrap):
        session = work.session
        if bootstrap and parsed is not Role.ADMINISTRATOR:
            raise RuleRefused(f"Adding {new_login} as {parsed.value}", "this console has no agency users yet, "
                              "and the first one must be an Administrator", "Add an Administrator first")
        if session.scalar(select(AgencyUser.id).where(func.lower(AgencyUser.login) == new_login.lower())):
            raise ValidationError({"login": f"{new_login!r} is already an agency user"},
                                  what="Adding the agency user", todo="Choose another login")
        user = AgencyUser(login=new_login, full_name=name, email=mail, role=parsed.value, created_at=work.now)
        session.add(user)
        session.flush()
        if bootstrap:
            work.user = user
        after = {"agency_user": user.id, "login": new_login, "full_name": name, "email": mail, "role": parsed.value}
        work.audit(before={"bootstrap": True, "asked_by": login} if bootstrap else None, after=after,
                   action="add_agency_user")
        warning = None
        try:
            team = cap.meter(team_members_in(session), agency_in(session).plan.max_team_members, warn_pct)
            if team.warning:
                warning = (f"The team has {count(team.used, 'member')} and the plan includes "
                           f"{count(team.limit)} ({team.percent} %)")
        except DomainError:  # no agency yet: nothing to compare with
            pass
        return AgencyUserAdded(user.id, new_login, parsed.value, bootstrap, warning)


def _agency_user(work: Work, target: str) -> AgencyUser:
    user = work.session.scalars(select(AgencyUser).where(func.lower(AgencyUser.login) == target.lower())).first()
    if user is None:
        raise NotFound("agency user", target, "Check the login with `console-tui users list`")
    return user


def _keep_an_administrator(work: Work, user: AgencyUser, what: str) -> None:
    """Refuse taking away ``user``'s active Administrator role if nobody else has one: nobody could
    manage the agency's users then."""
    if not (user.active and user.role == Role.ADMINISTRATOR.value):
        return
    # locks the active Administrators' rows (PostgreSQL): two such changes cannot both pass
    admins = work.session.scalars(select(AgencyUser.id).where(
        AgencyUser.role == Role.ADMINISTRATOR.value, AgencyUser.active).with_for_update()).all()
    if set(admins) <= {user.id}:
        raise RuleRefused(what, f"{user.login} is the last active Administrator",
                          "Add or reactivate another Administrator first")


def set_agency_user_active(db: Database, clock: Clock, login: str, *, target: str, active: bool) -> str:
    """Reactivate (``active``) or deactivate agency user ``target``; Administrators only, one audit row.

    A deactivated user keeps their row, role and client access but cannot open the console or run a
    command until reactivated. The last active Administrator cannot be deactivated (nobody could
    reactivate anyone then). Returns the login as stored.
    """
    what = f"{'Reactivating' if active else 'Deactivating'} {target}"
    with unit_of_work(db, clock, login, Action.MANAGE_AGENCY_USERS, conflict=what) as work:
        user = _agency_user(work, target)
        if user.active == active:
            raise RuleRefused(what, f"{user.login} is already {'active' if active else 'deactivated'}")
        if not active:
            _keep_an_administrator(work, user, what)
        user.active = active
        work.audit(before={"agency_user": user.id, "login": user.login, "active": not active},
                   after={"agency_user": user.id, "login": user.login, "active": active},
                   action="activate_agency_user" if active else "deactivate_agency_user")
        return user.login


def set_agency_user_role(db: Database, clock: Clock, login: str, *, target: str, role: str) -> AgencyUserRole:
    """Give agency user ``target`` another role (R-ACC-1); Administrators only, one audit row.

    ``role`` is read like ``users add --role`` (any case). The last active Administrator cannot be
    given another role. **Decision:** the user's client access is kept: an Administrator sees every
    client anyway, and someone who stops being one again sees the clients they were granted. A
    deactivated user's role may be changed (it applies once they are reactivated).
    """
    what = f"Changing {target}'s role"
    parsed = validate_role(role, what)
    with unit_of_work(db, clock, login, Action.MANAGE_AGENCY_USERS, conflict=what) as work:
        user = _agency_user(work, target)
        what = f"Changing {user.login}'s role"
        if user.role == parsed.value:
            raise RuleRefused(what, f"{user.login} is already {parsed.value}", "Choose another role")
        if parsed is not Role.ADMINISTRATOR:
            _keep_an_administrator(work, user, what)
        before, user.role = user.role, parsed.value
        work.audit(before={"agency_user": user.id, "login": user.login, "role": before},
                   after={"agency_user": user.id, "login": user.login, "role": parsed.value},
                   action="set_agency_user_role")
        return AgencyUserRole(user.login, before, parsed.value)
