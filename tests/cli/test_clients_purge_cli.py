"""`console-tui clients purge ID --confirm-name NAME` (R-OPT-9's separate, explicit purge; R-ACC-4, R-ACC-5):
only a removed company, only with its exact name, only for Administrators; exit codes as refusals.py says."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from console_tui.cli.main import main
from console_tui.data.commands.removal import remove_company
from console_tui.data.engine import Database
from console_tui.data.schema import AuditEntry, Client
from tests.data.command_helpers import seed


def invoke(db: Database, *args: str):
    return CliRunner().invoke(main, ["--db", db.url, *args], catch_exceptions=False)


def exists(db: Database, client_id: int) -> bool:
    with db.read() as session:
        return session.get(Client, client_id) is not None


def actions(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def removed(db: Database, clock) -> int:  # noqa: ANN001
    client_id = seed(db).client_id
    remove_company(db, clock, "admin", client_id, confirm_name="Bloom Florists")
    return client_id


def test_r_opt_9_clients_purge_deletes_a_removed_company_and_is_audited(sqlite_db: Database, clock) -> None:
    client_id = removed(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "admin", "clients", "purge", str(client_id),
                    "--confirm-name", "Bloom Florists")
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"purged client {client_id}: Bloom Florists; deleted 2 client users and "
                             "0 events\n")
    assert not exists(sqlite_db, client_id)
    assert actions(sqlite_db) == ["remove_company", "purge_company"]


def test_r_opt_9_clients_purge_refuses_a_name_that_does_not_match(sqlite_db: Database, clock) -> None:
    client_id = removed(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "admin", "clients", "purge", str(client_id),
                    "--confirm-name", "bloom florists")
    assert result.exit_code == 1
    assert "the name typed does not match the company's name" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
    assert exists(sqlite_db, client_id) and actions(sqlite_db) == ["remove_company"]


def test_r_opt_9_clients_purge_refuses_a_company_that_was_not_removed(sqlite_db: Database) -> None:
    client_id = seed(sqlite_db).client_id
    result = invoke(sqlite_db, "--user", "admin", "clients", "purge", str(client_id),
                    "--confirm-name", "Bloom Florists")
    assert result.exit_code == 1
    assert "the company has not been removed" in result.stderr and "Remove the company first" in result.stderr
    assert exists(sqlite_db, client_id) and actions(sqlite_db) == []


def test_r_acc_4_clients_purge_is_for_administrators(sqlite_db: Database, clock) -> None:
    client_id = removed(sqlite_db, clock)
    result = invoke(sqlite_db, "--user", "cm", "clients", "purge", str(client_id), "--confirm-name", "Bloom Florists")
    assert result.exit_code == 1 and "Administrator" in result.stderr
    assert exists(sqlite_db, client_id)


def test_clients_purge_of_an_unknown_client_or_without_the_name_is_usage(sqlite_db: Database) -> None:
    seed(sqlite_db)
    missing = invoke(sqlite_db, "--user", "admin", "clients", "purge", "999999", "--confirm-name", "x")
    assert missing.exit_code == 2 and "999999" in missing.stderr
    no_name = invoke(sqlite_db, "--user", "admin", "clients", "purge", "1")
    assert no_name.exit_code == 2 and "--confirm-name" in no_name.output
