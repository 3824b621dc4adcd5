"""A save that changes nothing writes nothing: no row rewritten, no audit row, "Nothing changed".

One mechanism (``Work.audit`` comparing the normalised stored values with the new ones) covers every
command that edits; these tests go through several of them on both backends.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from console_tui.data.commands.clients import save_configuration, set_client_status, update_company_profile
from console_tui.data.commands.limits import set_email_limits
from console_tui.data.commands.options import set_allowance, toggle_direct_support
from console_tui.data.commands.users import update_client_user
from console_tui.data.engine import Database
from console_tui.data.queries.client import agency_facts
from console_tui.domain.errors import NothingChanged
from console_tui.domain.forms import ProfileForm
from tests.data.command_helpers import audit_count, client_state, seed
from tests.factories import make_client

#: the seeded client's profile as it was typed: the phone in its national format, not E.164
TYPED = ProfileForm(company_name="Bloom Florists", street="1 Petal Row", city="London", state="London",
                    postal_code="SW1A 2AA", country="GB", website="https://bloom.example.com", phone="020 7946 0958")


def _seed_typed(db: Database):  # noqa: ANN202
    return seed(db, street=TYPED.street, city=TYPED.city, state=TYPED.state, postal_code=TYPED.postal_code,
                website=TYPED.website, phone=TYPED.phone, region="Other")


def test_an_unchanged_profile_saved_by_a_salesperson_writes_nothing(db: Database, clock) -> None:
    ids = _seed_typed(db)
    before = client_state(db, ids.client_id)
    with pytest.raises(NothingChanged, match="Nothing changed"):
        update_company_profile(db, clock, "sp", ids.client_id, TYPED, seen_version=before["version"])
    after = client_state(db, ids.client_id)
    assert after == before and after["phone"] == "020 7946 0958"  # not rewritten as +442079460958
    assert audit_count(db) == 0


def test_a_real_profile_change_is_still_saved_and_audited(db: Database, clock) -> None:
    ids = _seed_typed(db)
    update_company_profile(db, clock, "sp", ids.client_id, replace(TYPED, city="Leeds", state="Leeds"))
    assert client_state(db, ids.client_id)["city"] == "Leeds" and audit_count(db) == 1


def test_every_edit_command_refuses_a_save_that_changes_nothing(db: Database, clock) -> None:
    ids = seed(db, region="Other")  # the region follows from the country (GB)
    state = client_state(db, ids.client_id)
    unchanged = [
        lambda: update_client_user(db, clock, "admin", ids.client_id, ids.client_user_id, full_name=" Flora Bloom ",
                                   email="flora@BLOOM.example.com"),
        lambda: save_configuration(db, clock, "admin", ids.client_id, term=None, start_date=None),
        lambda: set_email_limits(db, clock, "admin", {ids.client_id: ""}),
        lambda: set_client_status(db, clock, "admin", ids.client_id, "Active"),
        lambda: toggle_direct_support(db, clock, "admin", ids.client_id, enabled=bool(state["direct_support"])),
    ]
    for save in unchanged:
        with pytest.raises(NothingChanged):
            save()
    assert audit_count(db) == 0
    set_allowance(db, clock, "admin", ids.client_id, "sms_credits", 100)
    with pytest.raises(NothingChanged):
        set_allowance(db, clock, "admin", ids.client_id, "sms_credits", "100")
    assert audit_count(db) == 1


@pytest.mark.parametrize("login", ["admin", "sp", "jr"])
def test_r_cap_1_the_dashboards_plan_figure_is_agency_wide_for_every_role(db: Database, clock, login) -> None:
    seed(db)  # Bloom Florists: the one client the non-administrators manage
    with db.write() as session:
        for n in range(4):
            make_client(session, f"Other {n}")  # counted, but nobody but the Administrator sees them
        make_client(session, "Paused", status="Suspended")
        make_client(session, "A lead", kind="lead")
    assert agency_facts(db, login).counted_clients == 5
