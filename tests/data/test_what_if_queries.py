"""The what-if reads (R-WI-1..3) on SQLite and PostgreSQL: one read for one client or many, the
permission checked first, and the figures the pure outlooks get."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from console_tui.data.engine import Database
from console_tui.data.queries.what_if import MANY, charges_what_if, limits_what_if, plan_what_if, scheduled_jobs
from console_tui.data.schema import Client, EmailJob, Event
from console_tui.domain.errors import NotFound, PermissionDenied
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.data.command_helpers import seed
from tests.factories import T0, make_client

TODAY = FIXED_NOW.astimezone(TEST_TZ).date()


def _jobs(db: Database, client_id: int, *jobs: tuple[int, int, str]) -> None:
    """(days from now, size, status) per job; one email_sent event of 4,000 this cycle."""
    with db.write() as session:
        session.add(Event(external_id=f"sent-{client_id}", client_id=client_id, type="email_sent",
                          occurred_at=FIXED_NOW - timedelta(days=2), quantity=4_000))
        for days, size, status in jobs:
            session.add(EmailJob(client_id=client_id, name=f"job {days}", recipients=size, status=status,
                                 scheduled_for=FIXED_NOW + timedelta(days=days)))


def _clients(db: Database, n: int, **fields: object) -> list[int]:
    with db.write() as session:
        clients = [make_client(session, f"Client {i:02d}", **fields) for i in range(n)]
        for i, client in enumerate(clients):
            client.created_at = T0 + timedelta(days=1 + i)  # younger than Bloom Florists, in order
        return [client.id for client in clients]


def test_r_wi_1_limits_what_if_reads_sent_and_the_cycles_jobs_in_order(db: Database) -> None:
    client_id = seed(db, email_limit=9_000).client_id
    _jobs(db, client_id, (5, 2_000, "scheduled"), (1, 3_000, "scheduled"), (2, 500, "cancelled"),
          (20, 100, "scheduled"))  # the last one is in the next cycle
    what_if = limits_what_if(db, "admin", {client_id: 6_000}, TODAY, TEST_TZ)
    outlook = what_if.outlooks[client_id]
    assert outlook.sent == 4_000 and [(s.size, goes) for s, goes in outlook.jobs] == [(3_000, False), (2_000, True)]
    assert what_if.names[client_id] == "Bloom Florists" and what_if.saved[client_id] == 9_000


def test_r_wi_1_limits_what_if_answers_for_many_clients_at_once(db: Database) -> None:
    seed(db)
    ids = _clients(db, 3)
    what_if = limits_what_if(db, "admin", dict.fromkeys(ids, 10), TODAY, TEST_TZ)
    assert set(what_if.outlooks) == set(ids) and all(o.sent == 0 for o in what_if.outlooks.values())


def test_r_wi_1_limits_what_if_past_many_ids_reads_without_a_list_of_ids(sqlite_db: Database) -> None:
    seed(sqlite_db)
    ids = _clients(sqlite_db, MANY + 1)
    _jobs(sqlite_db, ids[-1], (1, 50, "scheduled"))
    what_if = limits_what_if(sqlite_db, "admin", dict.fromkeys(ids, 10), TODAY, TEST_TZ)
    assert len(what_if.outlooks) == MANY + 1 and what_if.outlooks[ids[-1]].blocked[0].size == 50


def test_r_wi_1_limits_what_if_is_for_administrators_and_live_clients(db: Database) -> None:
    client_id = seed(db).client_id
    with pytest.raises(PermissionDenied):
        limits_what_if(db, "mm", {client_id: 1}, TODAY, TEST_TZ)
    with pytest.raises(NotFound):
        limits_what_if(db, "admin", {999_999: 1}, TODAY, TEST_TZ)


def test_r_wi_1_scheduled_jobs_lists_the_cycle_on_and_marks_what_the_limit_blocks(db: Database) -> None:
    client_id = seed(db, email_limit=6_000).client_id
    _jobs(db, client_id, (1, 3_000, "scheduled"), (2, 500, "cancelled"), (5, 2_000, "scheduled"),
          (20, 100, "scheduled"))
    page = scheduled_jobs(db, "sp", client_id, TODAY, TEST_TZ)  # a Client Manager may read them
    assert [(j.recipients, j.status, j.blocked) for j in page.jobs] == [
        (3_000, "scheduled", True), (500, "cancelled", False), (2_000, "scheduled", False), (100, "scheduled", False)]
    assert (page.sent, page.scheduled, page.limit) == (4_000, 5_000, 6_000)


def test_r_wi_1_scheduled_jobs_needs_access_to_the_client(db: Database) -> None:
    seed(db)
    other = _clients(db, 1)[0]
    with pytest.raises(PermissionDenied):
        scheduled_jobs(db, "sp", other, TODAY, TEST_TZ)


def test_r_wi_2_removing_an_in_pack_client_moves_the_oldest_additional_one_in(db: Database) -> None:
    seed(db)  # Bloom Florists is the oldest; the Starter plan has 5 in-pack licenses
    ids = _clients(db, 6)
    what_if = charges_what_if(db, "admin", TODAY, removed=[ids[0]])
    o = what_if.outlook
    assert o.joins_in_pack == (ids[4],) and o.stops_license == (ids[0],)
    assert o.saves_cents == 3_000  # the 2,000 in-pack fee, and 3,000 → 2,000 for the one moving in
    assert what_if.cycle.start.month == 12 and what_if.names[ids[4]] == "Client 04"


def test_r_wi_2_a_status_that_stops_counting_is_asked_the_same_way(db: Database) -> None:
    seed(db)
    ids = _clients(db, 6)
    o = charges_what_if(db, "admin", TODAY, counts={ids[1]: False, ids[5]: False}).outlook
    assert o.joins_in_pack == (ids[4],) and o.stops_license == (ids[1], ids[5])
    assert o.saves_cents == 2_000 + 3_000 + 1_000
    with pytest.raises(PermissionDenied):
        charges_what_if(db, "cm", TODAY, removed=[ids[0]])


def test_r_wi_2_removed_companies_are_not_billed_next_cycle(db: Database) -> None:
    seed(db)
    ids = _clients(db, 2)
    with db.write() as session:
        session.get(Client, ids[0]).deleted_at = FIXED_NOW
    o = charges_what_if(db, "admin", TODAY).outlook
    assert ids[0] not in o.before_rows and o.difference_cents == 0


def test_r_wi_3_plan_what_if_shows_capacity_and_the_monthly_difference(db: Database) -> None:
    seed(db, max_clients=4)  # Starter: 4 clients, 5 in-pack at $20; Growth: 8 clients, 10 in-pack at $18
    ids = _clients(db, 6)
    what_if = plan_what_if(db, "admin", TODAY, 2)
    o = what_if.outlook
    assert (o.usage_before.clients.used, o.usage_before.clients.limit, o.usage_after.clients.limit) == (7, 4, 8)
    assert o.monthly_difference_cents == 7 * 1_800 - (5 * 2_000 + 2 * 3_000)
    assert o.charges.joins_in_pack == (ids[4], ids[5]) and what_if.target.name == "Growth"
    with pytest.raises(NotFound):
        plan_what_if(db, "admin", TODAY, 9)
    with db.read() as session:  # nothing was changed
        assert session.scalar(select(Client.id).where(Client.deleted_at.is_not(None))) is None
