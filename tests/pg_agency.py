"""A small agency on PostgreSQL with one real role per agency user (``db roles sync``), for tests.

A private schema and uniquely named roles (roles are cluster-wide; other sessions share the server),
both dropped at the end. The agency: one user per role, all but the Administrator Client Managers of
"Mine" and none of "Theirs"; a deactivated Salesperson; a login with a quote and a space. Every role
gets a test password, to connect over TCP as the server's pg_hba allows.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import URL, text
from sqlalchemy.engine import make_url

from console_tui.data import migrate
from console_tui.data.engine import Database
from console_tui.data.pgaccess import ddl, roles, sql
from console_tui.data.schema import AuditEntry, ClientAccess
from console_tui.domain.roles import Role
from tests.conftest import _require_pg
from tests.factories import T0, make_agency, make_client, make_user

_COUNT = itertools.count()

PASSWORD = "per-user-test"
ROLE_BY_SHORT = {"admin": Role.ADMINISTRATOR, "cm": Role.COMPANY_MANAGER, "mm": Role.MARKETING_MANAGER,
                 "sm": Role.SALES_MANAGER, "sp": Role.SALESPERSON, "jr": Role.JR_SALESPERSON}


@dataclass
class Agency:
    url: str
    schema: str
    db: Database
    logins: dict[str, str]  # short name → login (= role name)
    mine: int
    theirs: int
    deactivated: str
    quoted: str
    group: str
    worker: str
    made: list[str]  # every role made for this agency, dropped at the end

    def owner_url(self) -> str:
        """The URL of the owner of the tables (the single-password mode), in this agency's schema."""
        return f"{self.url}{'&' if '?' in self.url else '?'}options=-csearch_path%3D{self.schema}"

    def connect(self, role: str) -> psycopg.Connection:
        url = make_url(self.url)
        return psycopg.connect(host=url.host or "127.0.0.1", port=url.port or 5432, dbname=url.database,
                               user=role, password=PASSWORD, options=f"-csearch_path={self.schema}",
                               autocommit=True)

    def url_as(self, role: str) -> str:
        """A database URL connecting as ``role`` (for ``--db``), in this agency's schema."""
        url = make_url(self.url)
        return URL.create("postgresql", role, PASSWORD, url.host, url.port, url.database,
                          {"options": f"-csearch_path={self.schema}"}).render_as_string(hide_password=False)


def _build(db: Database, tag: str) -> tuple[dict[str, str], int, int, str, str]:
    logins = {short: f"{tag}_{short}" for short in ROLE_BY_SHORT}
    deactivated, quoted = f"{tag}_gone", f'{tag} o"brien'
    with db.write() as session:
        make_agency(session)
        users = {short: make_user(session, logins[short], ROLE_BY_SHORT[short].value) for short in logins}
        make_user(session, deactivated, Role.SALESPERSON.value).active = False
        make_user(session, quoted, Role.SALESPERSON.value)
        mine, theirs = make_client(session, "Mine"), make_client(session, "Theirs")
        for short, user in users.items():
            if short != "admin":
                session.add(ClientAccess(agency_user_id=user.id, client_id=mine.id, granted_at=T0))
        session.add(AuditEntry(at=T0, agency_user_id=None, actor="someone", action="x", client_id=mine.id))
        return logins, mine.id, theirs.id, deactivated, quoted


Build = Callable[[Database, str], tuple[dict[str, str], int, int, str, str]]


def per_user_agency(request: pytest.FixtureRequest, build: Build) -> Iterator[Agency]:
    """A private schema at head, filled by ``build(db, tag)`` (which returns the logins by short name,
    the client every non-Administrator manages, one none does, a deactivated login and one more), then
    one role per agency user (``db roles sync``), each with the test password; all dropped at the end."""
    url = _require_pg(request.node.nodeid)
    tag = f"t{os.getpid()}_{next(_COUNT)}"
    schema = f"pgroles_{tag}"
    owner = Database(url)
    with owner.engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"'))
    db = Database(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}")
    group, worker = f"{tag}_users", f"{tag}_worker"
    made: list[str] = [group, worker]
    try:
        migrate.upgrade(db)
        logins, mine, theirs, deactivated, quoted = build(db, tag)
        made += [*logins.values(), deactivated, quoted]
        roles.sync(db, group, worker)
        with owner.engine.begin() as connection:
            for role in made:
                ddl.run(connection, [f"ALTER ROLE {sql.ident(role)} PASSWORD '{PASSWORD}'"])
        yield Agency(url, schema, db, logins, mine, theirs, deactivated, quoted, group, worker, made)
    finally:
        db.dispose()
        with owner.engine.begin() as connection:  # the schema, and with it every grant and policy naming a role
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        with owner.engine.begin() as connection:
            for role in reversed(made):
                ddl.run(connection, [f"DROP ROLE IF EXISTS {sql.ident(role)}"])
        owner.dispose()


@pytest.fixture(scope="module")
def agency(request: pytest.FixtureRequest) -> Iterator[Agency]:
    yield from per_user_agency(request, _build)
