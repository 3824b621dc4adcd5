"""``client.user_count`` and ``client.last_user_login`` follow every write to a client's users.

The console's summary and the filters read the two columns instead of counting users; each write
path is checked against a count made from ``client_user`` itself, so a stale figure fails here.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, insert, select, text, update

from console_tui.data import migrate
from console_tui.data.commands.clients import add_client
from console_tui.data.commands.removal import remove_company
from console_tui.data.commands.users import create_client_user, delete_client_user, update_client_user
from console_tui.data.engine import Database
from console_tui.data.queries.console import console_overview
from console_tui.data.schema import Client, ClientUser
from tests.data.command_helpers import GOOD_FORM, seed
from tests.factories import T0, make_client

LOGIN = T0 + timedelta(days=3)


def figures(db: Database, client_id: int) -> tuple[int, datetime | None]:
    """The client's stored figures, after checking them against its users counted afresh."""
    with db.read() as session:
        stored = session.execute(select(Client.user_count, Client.last_user_login).where(Client.id == client_id)).one()
        counted = session.execute(
            select(func.count(), func.max(ClientUser.last_login_at))
            .where(ClientUser.client_id == client_id, ClientUser.blocked.is_(False))).one()
    assert tuple(stored) == tuple(counted)
    return stored[0], stored[1]


def record_login(db: Database, user_id: int, at: datetime | None) -> None:
    with db.write() as session:
        session.execute(update(ClientUser).where(ClientUser.id == user_id).values(last_login_at=at))


def test_a_seeded_client_counts_its_users_and_a_new_one(db: Database, clock) -> None:
    ids = seed(db)
    assert figures(db, ids.client_id) == (2, None)
    create_client_user(db, clock, "cm", ids.client_id, full_name="Iris Petal", email="iris@bloom.example.com")
    assert figures(db, ids.client_id) == (3, None)


def test_a_login_moves_the_last_login_both_ways(db: Database, clock) -> None:
    ids = seed(db)
    record_login(db, ids.client_user_id, LOGIN)
    record_login(db, ids.other_user_id, LOGIN - timedelta(days=1))
    assert figures(db, ids.client_id) == (2, LOGIN)
    record_login(db, ids.client_user_id, None)  # not only ever later: recomputed, not a running max
    assert figures(db, ids.client_id) == (2, LOGIN - timedelta(days=1))


def test_blocking_and_unblocking_a_user(db: Database, clock) -> None:
    ids = seed(db)
    record_login(db, ids.client_user_id, LOGIN)
    with db.read() as session:
        flora = session.get(ClientUser, ids.client_user_id)
        assert flora is not None
        name, email = flora.full_name, flora.email
    update_client_user(db, clock, "cm", ids.client_id, ids.client_user_id, full_name=name, email=email, blocked=True)
    assert figures(db, ids.client_id) == (1, None)  # a blocked user's login no longer counts either
    update_client_user(db, clock, "cm", ids.client_id, ids.client_user_id, full_name=name, email=email, blocked=False)
    assert figures(db, ids.client_id) == (2, LOGIN)


def test_deleting_a_user(db: Database, clock) -> None:
    ids = seed(db)
    record_login(db, ids.other_user_id, LOGIN)
    delete_client_user(db, clock, "cm", ids.client_id, ids.other_user_id)
    assert figures(db, ids.client_id) == (1, None)


def test_a_user_moved_to_another_client_is_counted_there(db: Database, clock) -> None:
    ids = seed(db)
    with db.write() as session:
        other = make_client(session, "Thistle & Co").id
        session.execute(update(ClientUser).where(ClientUser.id == ids.other_user_id).values(client_id=other))
    assert figures(db, ids.client_id) == (1, None)
    assert figures(db, other) == (1, None)


def test_adding_a_client_counts_its_first_user(db: Database, clock) -> None:
    seed(db)
    added = add_client(db, clock, "admin", GOOD_FORM)
    assert figures(db, added.client_id) == (1, None)


def test_removing_a_company_blocks_and_uncounts_its_users(db: Database, clock) -> None:
    ids = seed(db)
    assert figures(db, ids.client_id) == (2, None)
    remove_company(db, clock, "admin", ids.client_id, confirm_name="Bloom Florists")
    assert figures(db, ids.client_id) == (0, None)


def test_the_console_shows_the_stored_figures(db: Database, clock) -> None:
    ids = seed(db)
    record_login(db, ids.client_user_id, LOGIN)
    summary, = console_overview(db, "admin").clients
    assert (summary.id, summary.user_count, summary.last_login) == (ids.client_id, 2, LOGIN)


def test_the_demo_agency_s_figures_match_its_users(demo_db) -> None:
    with demo_db.db.read() as session:
        ids = list(session.scalars(select(Client.id)))
    assert len(ids) > 30
    assert any(figures(demo_db.db, cid)[0] > 1 for cid in ids)


def test_the_migration_fills_in_the_figures_of_existing_users(db: Database, clock) -> None:
    ids = seed(db)
    record_login(db, ids.client_user_id, LOGIN)
    migrate.downgrade(db, "0006")  # the revision before the figures
    try:
        with db.write() as session:  # written while no trigger keeps the figures
            session.execute(text("DELETE FROM client_user WHERE id = :id"), {"id": ids.other_user_id})
    finally:
        migrate.upgrade(db)
    assert figures(db, ids.client_id) == (1, LOGIN)


@pytest.mark.postgres
def test_two_users_added_at_once_are_both_counted(backend: str, db: Database, clock) -> None:
    """PostgreSQL: the second writer waits for the first, then counts the user it committed."""
    if backend != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    ids = seed(db)
    row = {"client_id": ids.client_id, "full_name": "Iris Petal", "created_at": T0, "version": 1,
           "role": "User", "blocked": False}
    with db.engine.connect() as first:
        first.execute(insert(ClientUser).values(email="iris@bloom.example.com", **row))  # holds the client's row

        pid: list[int] = []

        def second() -> None:
            with db.engine.begin() as connection:
                pid.append(connection.scalar(text("SELECT pg_backend_pid()")))
                connection.execute(insert(ClientUser).values(email="ivy@bloom.example.com", **row))

        writer = threading.Thread(target=second)
        writer.start()
        waiting = text("SELECT count(*) FROM pg_locks WHERE pid = :pid AND NOT granted")
        with db.engine.connect() as watcher:  # until the second writer waits for the first's lock
            while not pid or watcher.scalar(waiting, {"pid": pid[0]}) == 0:
                watcher.rollback()
                writer.join(0.01)
        first.commit()
        writer.join()
    assert figures(db, ids.client_id) == (4, None)
