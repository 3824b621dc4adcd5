"""`console-tui clients add` (R-MC-1, R-CAP-3): the wizard's checks, from a script."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import func, select

from console_tui.cli.main import main
from console_tui.data.engine import Database
from console_tui.data.schema import Client, ClientUser
from tests.data.command_helpers import seed
from tests.data.test_commands_clients import fill

GOOD = ["--name", "Ada Lovelace", "--email", "ada@rose.example.com", "--company", "Rose & Thorn Ltd",
        "--street", "10 Downing Street", "--city", "London", "--state", "London", "--postal-code", "SW1A 2AA",
        "--country", "UK", "--phone", "020 7946 0958"]


def invoke(db: Database, *args: str):
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        return (session.scalar(select(func.count()).select_from(Client)),
                session.scalar(select(func.count()).select_from(ClientUser)))


def test_r_mc_1_clients_add_creates_the_client_and_prints_its_id(sqlite_db: Database) -> None:
    seed(sqlite_db)
    result = invoke(sqlite_db, "--user", "admin", "clients", "add", *GOOD, "--website", "https://rose.example.com")
    assert result.exit_code == 0, result.output
    with sqlite_db.read() as session:
        client = session.scalars(select(Client).where(Client.name == "Rose & Thorn Ltd")).one()
    assert result.stdout.startswith(f"added client {client.id}: Rose & Thorn Ltd (client)")
    assert counts(sqlite_db) == (2, 3)


def test_r_mc_1_clients_add_names_each_bad_field_and_creates_nothing(sqlite_db: Database) -> None:
    seed(sqlite_db)
    before = counts(sqlite_db)
    bad = [*GOOD, "--email", "ada-at-rose", "--street", "", "--country", "Atlantis", "--website", "rose.example"]
    result = invoke(sqlite_db, "--user", "admin", "clients", "add", *bad)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    for named in ("Email (--email) is not a valid email", "Street address (--street) is required",
                  "Country (--country) is not a country", "Website (--website)", "Phone (--phone)"):
        assert named in result.stderr
    assert counts(sqlite_db) == before


def test_r_mc_1_clients_add_with_nothing_names_every_required_field(sqlite_db: Database) -> None:
    seed(sqlite_db)
    result = invoke(sqlite_db, "--user", "admin", "clients", "add")
    assert result.exit_code == 2 and "9 fields need attention" in result.stderr


def test_clients_add_rejects_an_unknown_kind_as_usage(sqlite_db: Database) -> None:
    seed(sqlite_db)
    result = invoke(sqlite_db, "--user", "admin", "clients", "add", *GOOD, "--kind", "customer")
    assert result.exit_code == 2 and "customer" in result.stderr


def test_r_cap_3_clients_add_on_a_full_plan_is_refused_with_both_ways_out(sqlite_db: Database) -> None:
    seed(sqlite_db, max_clients=3)
    fill(sqlite_db, 2)
    result = invoke(sqlite_db, "--user", "admin", "clients", "add", *GOOD)
    assert result.exit_code == 1
    assert "upgrade to the Growth plan" in result.stderr and "suspend or remove clients" in result.stderr
    lead = invoke(sqlite_db, "--user", "admin", "clients", "add", *GOOD, "--kind", "lead")
    assert lead.exit_code == 0


def test_r_acc_4_clients_add_is_for_administrators(sqlite_db: Database) -> None:
    seed(sqlite_db)
    result = invoke(sqlite_db, "--user", "sm", "clients", "add", *GOOD)
    assert result.exit_code == 1 and "Manage Clients was refused" in result.stderr
