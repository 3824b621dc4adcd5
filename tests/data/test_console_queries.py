"""The console's per-client summaries (R-CMC-3, R-ACC-2), built as tuples from the cursor's rows, on
SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest
from sqlalchemy import text

from console_tui.data.queries.client import client_summary
from console_tui.data.queries.console import console_overview
from console_tui.data.schema import Avatar, ClientAccess, ClientSnapshot, ClientUser, RecentPlace
from console_tui.data.views.console import Features, PlaceRef
from tests.factories import T0, make_agency, make_client, make_user

FLAGS = ("uses_crm_pipeline", "has_api_key", "uses_shopping_cart", "uses_google_ads", "uses_custom_branding",
         "direct_support")


def _agency(db):  # noqa: ANN001, ANN202 - a Database; returns the clients' ids
    """Bloom (users, one blocked; avatar; snapshot; four places of each kind; some flags), Quiet (nothing but
    its name) and Hidden (a Salesperson's one client)."""
    with db.write() as session:
        make_agency(session)
        boss, sal = make_user(session, "boss"), make_user(session, "sal", role="Salesperson")
        bloom = make_client(session, "Bloom Florists", uses_crm_pipeline=True, uses_google_ads=True,
                            direct_support=True)
        quiet = make_client(session, "Quiet Co", kind="lead", status="Suspended")
        hidden = make_client(session, "Apex Dental")
        session.add(ClientAccess(agency_user_id=sal.id, client_id=hidden.id, granted_at=T0))
        for n, (blocked, login) in enumerate([(False, T0 + timedelta(days=3)), (False, None),
                                              (True, T0 + timedelta(days=9))]):
            session.add(ClientUser(client_id=bloom.id, full_name=f"User {n}", email=f"u{n}@bloom.example",
                                   blocked=blocked, created_at=T0, last_login_at=login))
        session.add(Avatar(client_id=bloom.id, mime_type="image/png", width=1, height=1, image=b"x", updated_at=T0))
        session.add(ClientSnapshot(client_id=bloom.id, as_of=T0, contacts_added_30d=3, contacts_series="1,0,2",
                                   emails_sent_30d=10, emails_opened_30d=4, emails_sent_ever=10,
                                   sender_status="Healthy", utilization_score=70))
        for n, who in product(range(4), (boss.id, None)):
            session.add(RecentPlace(client_id=bloom.id, agency_user_id=who, kind="user", title=f"Place {n}",
                                    action="edited", occurred_at=T0 + timedelta(hours=n)))
        return bloom.id, quiet.id, hidden.id


def test_r_cmc_3_every_section_of_every_client(db) -> None:  # noqa: ANN001
    bloom_id, quiet_id, hidden_id = _agency(db)
    overview = console_overview(db, "boss")
    assert [c.name for c in overview.clients] == ["Apex Dental", "Bloom Florists", "Quiet Co"]
    bloom, quiet = overview.clients[1], overview.clients[2]
    assert (bloom.id, bloom.kind, bloom.status, bloom.user_count, bloom.last_login, bloom.has_avatar) == (
        bloom_id, "client", "Active", 2, T0 + timedelta(days=3), True)
    assert bloom.last_login.tzinfo == UTC
    assert (bloom.contacts_added_30d, bloom.contacts_series, bloom.emails_sent_30d, bloom.emails_opened_30d,
            bloom.open_rate, bloom.sender_status, bloom.utilization_score) == (3, (1, 0, 2), 10, 4, 0.4, "Healthy", 70)
    assert bloom.features == Features(True, False, False, True, False, True)
    assert bloom.features is Features.of(True, False, False, True, False, True)
    assert [p.title for p in bloom.your_places] == [p.title for p in bloom.company_places] == [
        "Place 3", "Place 2", "Place 1"]
    assert all(isinstance(p, PlaceRef) and p.at.tzinfo == UTC for p in bloom.your_places)
    assert (quiet.id, quiet.kind, quiet.status, quiet.user_count, quiet.last_login, quiet.has_avatar) == (
        quiet_id, "lead", "Suspended", 0, None, False)
    assert (quiet.contacts_series, quiet.open_rate, quiet.sender_status, quiet.your_places) == ((), None, "New", ())
    assert quiet.features is Features.of(*(False,) * 6)


def test_r_acc_2_a_salesperson_sees_only_the_clients_it_manages(db) -> None:  # noqa: ANN001
    _bloom_id, _quiet_id, hidden_id = _agency(db)
    assert [c.id for c in console_overview(db, "sal").clients] == [hidden_id]
    assert client_summary(db, "sal", hidden_id) is not None


def test_the_first_page_holds_the_first_clients_by_name_and_counts_them_all(db) -> None:  # noqa: ANN001
    _agency(db)
    with db.write() as session:
        make_client(session, "apex Bakery")  # lower case sorts with its letter, not after Z
        make_client(session, "Removed Co", deleted_at=T0)
    everyone = console_overview(db, "boss", with_places=False)
    first = console_overview(db, "boss", with_places=False, first=2)
    assert [c.name for c in first.clients] == ["apex Bakery", "Apex Dental"]
    assert first.clients == everyone.clients[:2]
    assert (first.client_count, first.total, first.partial) == (4, 4, True)
    assert (everyone.client_count, everyone.total, everyone.partial) == (None, 4, False)
    whole = console_overview(db, "boss", with_places=False, first=4)
    assert (whole.clients, whole.partial) == (everyone.clients, False)
    sal = console_overview(db, "sal", with_places=False, first=2)  # R-ACC-2: the page is of their clients
    assert ([c.name for c in sal.clients], sal.client_count) == (["Apex Dental"], 1)


def test_one_clients_card_reads_the_same_as_in_the_list(db) -> None:  # noqa: ANN001
    ids = _agency(db)
    listed = {c.id: c for c in console_overview(db, "boss").clients}
    for client_id in ids:
        assert client_summary(db, "boss", client_id) == listed[client_id]
    first = console_overview(db, "boss", with_places=False).clients
    assert [c._replace(your_places=(), company_places=()) for c in listed.values()] == sorted(
        first, key=lambda c: list(listed).index(c.id))


def test_repeated_words_are_one_string_each(db) -> None:  # noqa: ANN001
    """Kinds, statuses, sender statuses and places' words repeat across thousands of clients: shared."""
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        for n in range(3):
            client = make_client(session, f"Client {n}")
            session.add(RecentPlace(client_id=client.id, agency_user_id=None, kind="info", title="Company profile",
                                    action="edited", occurred_at=T0))
    clients = console_overview(db, "boss").clients
    for words in ([c.kind for c in clients], [c.status for c in clients], [c.sender_status for c in clients],
                  [p.title for c in clients for p in c.company_places]):
        assert len(words) == 3 and len({id(word) for word in words}) == 1, words


def test_the_64_feature_sets_are_shared_and_read_back_from_their_bits() -> None:
    seen = set()
    for flags in product((False, True), repeat=6):
        features = Features.of(*flags)
        assert tuple(on for _, on in features.items()) == flags
        assert Features.of(*flags) is features
        seen.add(id(features))
    assert len(seen) == 64


def test_every_flag_reaches_its_feature(db) -> None:  # noqa: ANN001
    """Each of the six columns lands on its own flag (the query sums them into one number)."""
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        for n, flag in enumerate(FLAGS):
            make_client(session, f"Client {n}", **{flag: True})
    clients = console_overview(db, "boss", with_places=False).clients
    for n, client in enumerate(clients):
        assert [on for _, on in client.features.items()] == [i == n for i in range(6)], client.name



def test_clients_come_by_name_whatever_its_case_then_by_id(db) -> None:  # noqa: ANN001
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        ids = [make_client(session, name).id for name in ("bloom", "Apex", "BLOOM", "Bloom", "apex")]
    clients = console_overview(db, "boss", with_places=False).clients
    assert [c.id for c in clients] == [ids[1], ids[4], ids[0], ids[2], ids[3]]



@pytest.mark.parametrize("stored, read", [
    ("2026-11-19 08:50:15.123456", datetime(2026, 11, 19, 8, 50, 15, 123456, tzinfo=UTC)),  # as SQLAlchemy writes
    ("2026-11-19 08:50:15", datetime(2026, 11, 19, 8, 50, 15, tzinfo=UTC)),
    ("2026-11-19T08:50:15+02:00", datetime(2026, 11, 19, 6, 50, 15, tzinfo=UTC)),
    ("2026-11-19 08:50:15Z", datetime(2026, 11, 19, 8, 50, 15, tzinfo=UTC)),
    ("2026-11-19", datetime(2026, 11, 19, tzinfo=UTC)),
])
def test_sqlite_times_come_back_aware_in_utc_whatever_text_holds_them(sqlite_db, stored, read) -> None:  # noqa: ANN001
    """SQLite keeps times as text; each form of it reads back as the same aware UTC datetime."""
    with sqlite_db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        client = make_client(session, "Bloom Florists")
        session.add(ClientUser(client_id=client.id, full_name="U", email="u@bloom.example", created_at=T0,
                               last_login_at=T0))
    with sqlite_db.write() as session:
        session.execute(text("UPDATE client_user SET last_login_at = :stored"), {"stored": stored})
    last = console_overview(sqlite_db, "boss").clients[0].last_login
    assert last == read and last.tzinfo is UTC
