"""Manage Clients commands: add_client, save_configuration, update_company_profile, set_client_status."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console_tui.data.commands.clients import (
    add_client,
    save_configuration,
    set_client_status,
    update_company_profile,
)
from console_tui.data.engine import Database
from console_tui.data.schema import Client, ClientStatus, ClientUser, RecentPlace
from console_tui.domain.errors import CapacityReached, ConflictError, ValidationError
from console_tui.domain.forms import ProfileForm
from tests.data.command_helpers import (
    GOOD_FORM,
    audit_count,
    client_count,
    client_state,
    one_audit,
    seed,
)
from tests.factories import T0, status_id

PROFILE = ProfileForm(company_name="Bloom Florists & Co", street="1 Petal Row", city="Dublin", state="Leinster",
                      postal_code="D02 X285", country="Ireland", website="", phone="+353 1 234 5678")


def fill(db: Database, counted: int, *, leads: int = 0) -> None:
    """Add clients (counted, Active) and leads (never counted) in one flush."""
    with db.write() as session:
        active = status_id(session, "Active")
        session.add_all(Client(name=f"Filler {i}", kind="client", status_id=active, created_at=T0)
                        for i in range(counted))
        session.add_all(Client(name=f"Lead {i}", kind="lead", status_id=active, created_at=T0) for i in range(leads))


# --- add_client ------------------------------------------------------------------------------------


def test_r_mc_1_add_client_creates_client_and_first_user_with_one_audit_row(db: Database, clock) -> None:
    seed(db)
    added = add_client(db, clock, "admin", GOOD_FORM)
    entry = one_audit(db, clock, actor="admin", action="add_client", client_id=added.client_id)
    assert entry.before is None and entry.after["name"] == "Rose & Thorn Ltd"
    assert entry.after["first_user"]["email"] == "ada@bloom.example.com"
    with db.read() as session:
        client = session.get(Client, added.client_id)
        user = session.get(ClientUser, added.client_user_id)
        assert (client.kind, client.status.name, client.country, client.region) == ("client", "Active", "GB", "Other")
        assert client.phone == "+442079460958" and client.ebs_enabled is True  # R-SUP-1
        assert (user.client_id, user.full_name) == (client.id, "Ada Lovelace")
        place = session.scalars(select(RecentPlace).where(RecentPlace.client_id == client.id)).one()
        assert (place.kind, place.action) == ("info", "created")


@pytest.mark.parametrize(("uses_platform", "expected"), [(False, True), (True, False)])
def test_r_opt_6_new_client_direct_support_follows_the_billing_platform(db: Database, clock, uses_platform: bool,
                                                                       expected: bool) -> None:
    seed(db, uses_billing_platform=uses_platform)
    added = add_client(db, clock, "admin", GOOD_FORM)
    assert added.direct_support is expected
    with db.read() as session:
        assert session.get(Client, added.client_id).direct_support is expected


def test_r_mc_1_every_bad_field_is_named_and_nothing_is_created(db: Database, clock) -> None:
    seed(db)
    before = client_count(db)
    bad = replace(GOOD_FORM, email="not-an-email", street="  ", country="Atlantis", website="ftp://x")
    with pytest.raises(ValidationError) as caught:
        add_client(db, clock, "admin", bad, kind="customer")
    assert set(caught.value.field_errors) == {"email", "street", "country", "website", "phone", "kind"}
    assert "Street address is required" in str(caught.value)
    assert client_count(db) == before and audit_count(db) == 0


def test_r_cap_3_capacity_89_percent_adds_without_warning_before_90(db: Database, clock) -> None:
    seed(db, max_clients=100)
    fill(db, 87)  # + Bloom Florists = 88 counted; after the add 89 %: no warning yet
    added = add_client(db, clock, "admin", GOOD_FORM)
    assert added.counted and added.capacity_warning is None


def test_r_cap_2_capacity_at_89_then_90_percent_warns_in_advance(db: Database, clock) -> None:
    seed(db, max_clients=100)
    fill(db, 88, leads=5)  # 89 counted (leads never count)
    added = add_client(db, clock, "admin", GOOD_FORM)  # now 90 %
    assert added.capacity_warning is not None and "90 %" in added.capacity_warning
    again = add_client(db, clock, "admin", replace(GOOD_FORM, company_name="Second Ltd"))  # from 90 % to 91 %
    assert again.capacity_warning is not None and "91 %" in again.capacity_warning


def test_r_cap_3_at_100_percent_adding_is_refused_with_both_ways_out(db: Database, clock) -> None:
    seed(db, max_clients=100)
    fill(db, 99)
    with pytest.raises(CapacityReached) as caught:
        add_client(db, clock, "admin", GOOD_FORM)
    message = str(caught.value)
    assert "upgrade to the Growth plan (200 clients)" in message and "suspend or remove clients" in message
    assert client_count(db) == 100 and audit_count(db) == 0


def test_r_cap_1_a_lead_can_be_added_when_the_plan_is_full(db: Database, clock) -> None:
    seed(db, max_clients=100)
    fill(db, 99)
    added = add_client(db, clock, "admin", GOOD_FORM, kind="lead")
    assert not added.counted
    one_audit(db, clock, actor="admin", action="add_client", client_id=added.client_id)


# --- save_configuration ----------------------------------------------------------------------------


def test_r_mc_3_save_configuration_sets_fields_region_and_completeness(db: Database, clock) -> None:
    ids = seed(db)
    saved = save_configuration(db, clock, "admin", ids.client_id, term="Annual", start_date=date(2026, 3, 1),
                               billing_contact="Flora Bloom", billing_email="billing@bloom.example.com",
                               tax_rate="20", margin_protection=True)
    assert saved.complete and saved.missing == () and saved.region == "Other"
    entry = one_audit(db, clock, actor="admin", action="save_configuration", client_id=ids.client_id)
    assert entry.before["license_term"] is None and entry.after["license_term"] == "annual"
    assert entry.after["tax_rate"] == "20.00"
    with db.read() as session:
        assert session.get(Client, ids.client_id).tax_rate == Decimal("20.00")


def test_r_mc_3_incomplete_configuration_is_saved_and_reported(db: Database, clock) -> None:
    ids = seed(db)
    saved = save_configuration(db, clock, "admin", ids.client_id, term="monthly", start_date=date(2026, 3, 1))
    assert not saved.complete and saved.missing == ("billing_contact", "billing_email", "tax_rate")


def test_r_mc_3_invalid_configuration_changes_nothing(db: Database, clock) -> None:
    ids = seed(db)
    before = client_state(db, ids.client_id)
    with pytest.raises(ValidationError) as caught:
        save_configuration(db, clock, "admin", ids.client_id, term="weekly", start_date=None, tax_rate="101")
    assert set(caught.value.field_errors) == {"term", "tax_rate"}
    assert client_state(db, ids.client_id) == before and audit_count(db) == 0


# --- update_company_profile and two editors ---------------------------------------------------------


def test_r_mc_1_company_profile_update_normalises_and_derives_region(db: Database, clock) -> None:
    ids = seed(db)
    saved = update_company_profile(db, clock, "sp", ids.client_id, PROFILE)
    assert saved.region == "EU"
    entry = one_audit(db, clock, actor="sp", action="update_company_profile", client_id=ids.client_id)
    assert entry.before["name"] == "Bloom Florists" and entry.after["name"] == "Bloom Florists & Co"
    assert entry.after["country"] == "IE" and entry.after["phone"] == "+35312345678"


def test_r_mc_1_bad_profile_is_refused_field_by_field(db: Database, clock) -> None:
    ids = seed(db)
    before = client_state(db, ids.client_id)
    with pytest.raises(ValidationError) as caught:
        update_company_profile(db, clock, "admin", ids.client_id, replace(PROFILE, city="", phone="12"))
    assert set(caught.value.field_errors) == {"city", "phone"} and "Saving the company profile" in str(caught.value)
    assert client_state(db, ids.client_id) == before and audit_count(db) == 0


def test_two_sessions_edit_the_same_client_the_second_gets_a_conflict(db: Database, clock) -> None:
    ids = seed(db)
    with db.read() as first_screen:
        seen_by_first = first_screen.get(Client, ids.client_id).version
    with db.read() as second_screen:
        seen_by_second = second_screen.get(Client, ids.client_id).version
    update_company_profile(db, clock, "admin", ids.client_id, PROFILE, seen_version=seen_by_first)
    with pytest.raises(ConflictError, match="someone else changed it"):
        update_company_profile(db, clock, "cm", ids.client_id, replace(PROFILE, city="Cork"),
                               seen_version=seen_by_second)
    assert client_state(db, ids.client_id)["city"] == "Dublin" and audit_count(db) == 1


def test_two_concurrent_saves_of_the_same_version_one_wins_one_conflicts(db: Database, clock) -> None:
    ids = seed(db)
    seen = client_state(db, ids.client_id)["version"]
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def save(city: str) -> None:
        start.wait()
        try:
            update_company_profile(db, clock, "admin", ids.client_id, replace(PROFILE, city=city), seen_version=seen)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(city,)) for city in ("Cork", "Galway")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "saved"] and audit_count(db) == 1


# --- set_client_status -----------------------------------------------------------------------------


def test_r_cap_1_suspending_a_client_frees_a_place(db: Database, clock) -> None:
    ids = seed(db)
    result = set_client_status(db, clock, "admin", ids.client_id, "suspended")
    assert (result.status, result.counted, result.created) == ("Suspended", False, False)
    entry = one_audit(db, clock, actor="admin", action="set_client_status", client_id=ids.client_id)
    assert (entry.before, entry.after) == ({"status": "Active"}, {"status": "Suspended", "created": False})


def test_r_cap_3_reactivating_into_a_full_plan_is_refused(db: Database, clock) -> None:
    ids = seed(db, max_clients=100)
    with db.write() as session:
        session.get(Client, ids.client_id).status_id = status_id(session, "Suspended")
    fill(db, 100)
    with pytest.raises(CapacityReached, match="upgrade to the Growth plan"):
        set_client_status(db, clock, "admin", ids.client_id, "Active")
    assert audit_count(db) == 0 and client_state(db, ids.client_id)["status_id"] != 1


def test_r_cap_1_custom_statuses_are_created_only_when_asked_and_count(db: Database, clock) -> None:
    ids = seed(db)
    with pytest.raises(ValidationError, match="does not exist yet"):
        set_client_status(db, clock, "admin", ids.client_id, "Key account")
    assert audit_count(db) == 0
    result = set_client_status(db, clock, "admin", ids.client_id, "Key account", create=True)
    assert (result.status, result.created, result.counted) == ("Key account", True, True)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(ClientStatus)
                              .where(ClientStatus.name == "Key account", ClientStatus.builtin.is_(False))) == 1
