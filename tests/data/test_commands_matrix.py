"""The permission matrix through the commands: six roles x every command, both ways (R-ACC-3, R-ACC-4).

Allowed: the command succeeds and leaves exactly one audit row (R-ACC-5). Refused:
:class:`PermissionDenied` naming the role(s) needed, and no audit row. Non-administrators act on a
client they are a Client Manager of (R-ACC-2); a last test checks the other side of R-ACC-2.

The check is the same code on both backends, so this runs on SQLite only, from one seeded file
copied per case (fast); every command's data behaviour is tested on both backends elsewhere.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from console_tui.data.commands import activity, clients, limits, options, plan, removal, users
from console_tui.data.engine import Database
from console_tui.domain.errors import PermissionDenied
from console_tui.domain.forms import ProfileForm
from tests.conftest import FIXED_NOW
from tests.data.command_helpers import GOOD_FORM, ROLE_LOGINS, Seed, audit_count, seed
from tests.factories import make_client, make_user

ADMIN = frozenset({"admin"})
EVERY = frozenset(ROLE_LOGINS)
SUPPRESSION = frozenset({"admin", "cm", "mm"})
CLIENT_USERS = frozenset({"admin", "cm"})
NEEDS = {
    ADMIN: "needs the Administrator role",
    SUPPRESSION: "needs the Administrator, Company Manager or Marketing Manager roles",
    CLIENT_USERS: "needs the Administrator or Company Manager roles",
}


@dataclass(frozen=True)
class Ctx:
    ids: Seed
    removed_id: int
    png: Path


Call = Callable[[Database, Any, str, Ctx], Any]

#: command -> (the logins allowed, how to call it). The expected table of R-ACC-3.
MATRIX: dict[str, tuple[frozenset[str], Call]] = {
    "add_client": (ADMIN, lambda db, ck, who, c: clients.add_client(db, ck, who, GOOD_FORM)),
    "save_configuration": (ADMIN, lambda db, ck, who, c: clients.save_configuration(
        db, ck, who, c.ids.client_id, term="monthly", start_date=FIXED_NOW.date())),
    "update_company_profile": (EVERY, lambda db, ck, who, c: clients.update_company_profile(
        db, ck, who, c.ids.client_id,
        ProfileForm("Bloom", "1 Row", "Paris", "IDF", "75001", "FR", "", "+33 1 42 68 53 00"))),
    "set_client_status": (ADMIN, lambda db, ck, who, c: clients.set_client_status(
        db, ck, who, c.ids.client_id, "Suspended")),
    "remove_company": (ADMIN, lambda db, ck, who, c: removal.remove_company(
        db, ck, who, c.ids.client_id, confirm_name="Bloom Florists")),
    "purge_company": (ADMIN, lambda db, ck, who, c: removal.purge_company(
        db, ck, who, c.removed_id, confirm_name="Gone Ltd")),
    "set_email_limits": (ADMIN, lambda db, ck, who, c: limits.set_email_limits(db, ck, who, {c.ids.client_id: "10"})),
    "schedule_email_job": (EVERY, lambda db, ck, who, c: limits.schedule_email_job(
        db, ck, who, c.ids.client_id, name="News", recipients=10, scheduled_for=FIXED_NOW + timedelta(hours=1))),
    "toggle_direct_support": (ADMIN, lambda db, ck, who, c: options.toggle_direct_support(
        db, ck, who, c.ids.client_id, enabled=True)),
    "set_suppression": (SUPPRESSION, lambda db, ck, who, c: options.set_suppression(
        db, ck, who, c.ids.client_id, enabled=True)),
    "set_rebrand_lock": (ADMIN, lambda db, ck, who, c: options.set_rebrand_lock(
        db, ck, who, c.ids.client_id, locked=True)),
    "set_allowance": (ADMIN, lambda db, ck, who, c: options.set_allowance(
        db, ck, who, c.ids.client_id, "sms_credits", 5)),
    "add_client_manager": (ADMIN, lambda db, ck, who, c: options.add_client_manager(
        db, ck, who, c.ids.client_id, "extra")),
    "remove_client_manager": (ADMIN, lambda db, ck, who, c: options.remove_client_manager(
        db, ck, who, c.ids.client_id, "jr")),
    "change_plan": (ADMIN, lambda db, ck, who, c: plan.change_plan(db, ck, who, "Growth")),
    "create_client_user": (CLIENT_USERS, lambda db, ck, who, c: users.create_client_user(
        db, ck, who, c.ids.client_id, full_name="Iris Petal", email="iris@bloom.example.com")),
    "update_client_user": (CLIENT_USERS, lambda db, ck, who, c: users.update_client_user(
        db, ck, who, c.ids.client_id, c.ids.client_user_id, full_name="Flora B", email="flora@bloom.example.com")),
    "delete_client_user": (CLIENT_USERS, lambda db, ck, who, c: users.delete_client_user(
        db, ck, who, c.ids.client_id, c.ids.other_user_id)),
    "start_team_call": (EVERY, lambda db, ck, who, c: activity.start_team_call(
        db, ck, who, c.ids.client_id, [c.ids.client_user_id], url_template="https://meet.example.com/{room}")),
    "set_avatar": (EVERY, lambda db, ck, who, c: activity.set_avatar(db, ck, who, c.ids.client_id, c.png)),
    "add_agency_user": (ADMIN, lambda db, ck, who, c: users.add_agency_user(
        db, ck, who, new_login="newbie", full_name="New Bie", email="newbie@agency.example.com", role="Salesperson")),
    "set_agency_user_active": (ADMIN, lambda db, ck, who, c: users.set_agency_user_active(
        db, ck, who, target="extra", active=False)),
    "set_agency_user_role": (ADMIN, lambda db, ck, who, c: users.set_agency_user_role(
        db, ck, who, target="extra", role="Sales Manager")),
}

CASES = [(command, login) for command in MATRIX for login in ROLE_LOGINS]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> tuple[Path, Ctx]:
    """One seeded SQLite file: the agency, a user per role, Bloom Florists, a removed Gone Ltd."""
    folder = tmp_path_factory.mktemp("matrix")
    path = folder / "seeded.db"
    shutil.copy(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    ids = seed(database, ebs_enabled=False)  # so turning EBS on is a change (an unchanged save writes nothing)
    with database.write() as session:
        make_user(session, "extra", "Salesperson")
        removed_id = make_client(session, "Gone Ltd", deleted_at=FIXED_NOW - timedelta(days=1)).id
    database.dispose()
    png = folder / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 60)).save(buffer, format="PNG")
    png.write_bytes(buffer.getvalue())
    return path, Ctx(ids, removed_id, png)


@pytest.fixture
def case_db(seeded: tuple[Path, Ctx], tmp_path: Path):
    path = tmp_path / "case.db"
    shutil.copy(seeded[0], path)
    database = Database(f"sqlite:///{path}")
    yield database, seeded[1]
    database.dispose()


def test_r_acc_3_the_matrix_covers_every_command() -> None:
    commands = {
        name for module in (activity, clients, limits, options, plan, removal, users)
        for name, value in module.__dict__.items() if not name.startswith("_") and callable(value)
        and getattr(value, "__module__", "") == module.__name__
        and "login" in value.__code__.co_varnames[:3]
    }
    assert commands == set(MATRIX)


@pytest.mark.parametrize(("command", "login"), CASES, ids=[f"{c}-{lg}" for c, lg in CASES])
def test_r_acc_3_r_acc_4_each_role_each_command(case_db, clock, command: str, login: str) -> None:
    database, ctx = case_db
    allowed, call = MATRIX[command]
    if login in allowed:
        call(database, clock, login, ctx)
        assert audit_count(database) == 1  # R-ACC-5
    else:
        with pytest.raises(PermissionDenied) as caught:
            call(database, clock, login, ctx)
        assert NEEDS[allowed] in str(caught.value)
        assert f"your role is {ROLE_LOGINS[login]}" in str(caught.value)
        assert audit_count(database) == 0


@pytest.mark.parametrize("command", sorted(c for c, (allowed, _call) in MATRIX.items() if allowed == EVERY))
def test_r_acc_2_non_administrators_act_only_on_clients_they_manage(case_db, clock, command: str) -> None:
    database, ctx = case_db
    options.remove_client_manager(database, clock, "admin", ctx.ids.client_id, "sp")
    with pytest.raises(PermissionDenied, match="as a Client Manager of this client"):
        MATRIX[command][1](database, clock, "sp", ctx)
    assert audit_count(database) == 1  # only the removal
