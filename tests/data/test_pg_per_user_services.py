"""The console's services in per-user mode answer as in the single-password mode, for each of the six roles:
the same clients, the same refusals (tests/pg_agency.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from console_tui.clock import FixedClock
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.domain.forms import ProfileForm
from console_tui.services.admin import AdminServices
from console_tui.services.console import Services
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.pg_agency import ROLE_BY_SHORT, Agency, agency  # noqa: F401 - the module's fixture

pytestmark = pytest.mark.postgres
OTHERS = [short for short in ROLE_BY_SHORT if short != "admin"]


@contextmanager
def services_at(url: str, login: str) -> Iterator[Services]:
    db = Database(url)
    try:
        yield Services(db, login, FixedClock(FIXED_NOW, TEST_TZ))
    finally:
        db.dispose()


def _outcome(call: Callable[[], object]) -> str:
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the refusal itself is what is compared
        return f"{type(error).__name__}: {error}"
    return "done"


def _answers(services: Services, agency: Agency) -> dict[str, object]:
    profile = ProfileForm(company_name="Renamed", country="GB")
    return {
        "clients": sorted(c.name for c in services.overview().clients),
        "detail mine": _outcome(lambda: services.detail(agency.mine)),
        "detail theirs": _outcome(lambda: services.detail(agency.theirs)),
        "users theirs": _outcome(lambda: services.users(agency.theirs)),
        "save theirs": _outcome(lambda: services.save_profile(agency.theirs, profile, 1)),
    }


@pytest.mark.parametrize("short", OTHERS)
def test_each_role_sees_and_is_refused_the_same_as_in_the_single_password_mode(agency: Agency, short: str) -> None:
    login = agency.logins[short]
    with services_at(agency.url_as(login), login) as per_user, services_at(agency.owner_url(), login) as single:
        answers = _answers(per_user, agency)
        assert answers == _answers(single, agency)
    assert answers["clients"] == ["Mine"]
    assert str(answers["detail theirs"]).startswith("PermissionDenied: Viewing a client was refused")
    assert str(answers["save theirs"]).startswith("PermissionDenied: Settings was refused")


@pytest.mark.parametrize("short", list(ROLE_BY_SHORT))
def test_each_role_saves_its_clients_company_profile_as_itself(agency: Agency, short: str) -> None:
    login = agency.logins[short]
    with services_at(agency.url_as(login), login) as services:
        version = services.profile(agency.mine).version
        form = ProfileForm(company_name="Mine", street="10 Downing Street", city=f"City {short}", state="London",
                           postal_code="SW1A 2AA", country="GB", phone="020 7946 0958")
        services.save_profile(agency.mine, form, version)
    with agency.db.read() as session:
        actor = session.scalar(text("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1"))
    assert actor == login


def test_the_console_keeps_a_new_or_deactivated_users_database_role_in_step_or_says_what_to_run(
        agency: Agency) -> None:
    admin, newcomer = agency.logins["admin"], f"{agency.group}_console"
    agency.made.append(newcomer)  # dropped with the agency's roles
    with services_at(agency.url_as(admin), admin) as per_user:
        added = AdminServices(per_user, Settings()).add_user(login=newcomer, full_name="New Comer",
                                                           email="new@agency.example.com", role="Salesperson")
    assert added.database_note.startswith("run `console-tui db roles sync` as the database owner")
    with services_at(agency.owner_url(), admin) as owner:
        said = AdminServices(owner, Settings()).set_active(newcomer, False)
    assert said == f"database role {newcomer!r}: nologin"
