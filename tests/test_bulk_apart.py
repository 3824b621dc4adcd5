"""The console's bulk dry runs and runs happen in a child process (R-BULK-5): same database, same
acting user and checks, progress streamed back, refusals handed back as themselves, stopped cleanly."""

from __future__ import annotations

import os
import subprocess

import pytest
from sqlalchemy import func, select

from console_tui.config import Settings
from console_tui.data.commands import bulk as commands
from console_tui.data.engine import Database
from console_tui.data.schema import AuditEntry, BulkBatch, Client
from console_tui.data.views.bulk import Outcome
from console_tui.domain.errors import NotFound, ValidationError
from console_tui.services.bulk import BulkServices
from console_tui.services.bulk_apart import BulkApart, Stopped
from console_tui.services.console import Services
from tests.data.bulk_helpers import bulk_agency


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen]:  # type: ignore[type-arg]
    """Every child process started from now on (the bulk child's Popen, recorded)."""
    started: list[subprocess.Popen] = []  # type: ignore[type-arg]

    class Recorded(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(subprocess, "Popen", Recorded)
    return started


def apart(db: Database, clock, login: str = "admin") -> BulkApart:  # noqa: ANN001
    return BulkApart(BulkServices(Services(db, login, clock), Settings()))


def not_here(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the console's own process ran the bulk change")


def limits(db: Database, ids: dict[str, int]) -> dict[str, int | None]:
    with db.read() as session:
        found = {cid: limit for cid, limit in
                 session.execute(select(Client.id, Client.email_limit).where(Client.id.in_(ids.values())))}
    return {name: found[cid] for name, cid in ids.items()}


def test_r_bulk_5_the_dry_run_and_the_run_happen_in_the_child(db: Database, clock, monkeypatch) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    for name in ("run", "plan_for_words", "undo_plan", "_all_steps"):  # the parent's copies refuse to work
        monkeypatch.setattr(commands, name, not_here)
    bulk = apart(db, clock)
    plan = bulk.dry_run_words([ids["Alder Annual"], ids["Birch Monthly"]], ["set-limit", "none"])
    assert [(row.name, row.text) for row in plan.rows] == [("Alder Annual", "500 → none"),
                                                           ("Birch Monthly", "no change")]
    told: list[tuple[int, int]] = []
    result = bulk.run(plan, progress=lambda done, total: told.append((done, total)))
    assert result.batch is not None and [row.outcome for row in result.rows] == [Outcome.CHANGE, Outcome.SAME]
    assert told == [(2, 2)] and limits(db, {"Alder Annual": ids["Alder Annual"]}) == {"Alder Annual": None}
    undo = bulk.undo_dry_run(result.batch)
    assert [row.text for row in undo.rows] == ["none → 500"]
    with db.read() as session:  # the audit row says who acted: the same user as the console
        actors = set(session.scalars(select(AuditEntry.actor).where(AuditEntry.batch_id == result.batch)))
    assert actors == {"admin"}


def test_r_bulk_2_the_child_checks_the_same_user_s_permissions(db: Database, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    plan = apart(db, clock, "cm").dry_run_words([ids["Alder Annual"], ids["Dogwood Suspended"]], ["ebs", "off"])
    assert [row.outcome for row in plan.rows] == [Outcome.CHANGE, Outcome.REFUSED]  # cm manages only the first
    assert " needs the " in plan.rows[1].reason


def test_refusals_come_back_as_themselves(db: Database, clock) -> None:  # noqa: ANN001
    bulk_agency(db)
    bulk = apart(db, clock)
    with pytest.raises(NotFound, match="batch 999"):
        bulk.undo_dry_run(999)
    with pytest.raises(ValidationError) as caught:
        bulk.dry_run_words([1], ["set-limit", "lots"])
    assert "was refused" in str(caught.value) and "Traceback" not in str(caught.value)


def test_a_stopped_dry_run_ends_its_child_and_changes_nothing(db: Database, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    before = limits(db, ids)
    with pytest.raises(Stopped, match="no client had been changed"):
        apart(db, clock).dry_run_words(list(ids.values()), ["set-limit", "7"], cancelled=lambda: True)
    assert limits(db, ids) == before


def test_a_run_stopped_after_its_first_chunk_keeps_whole_chunks_as_its_batch(db: Database, clock) -> None:  # noqa: ANN001
    """Stopped once the child has committed a chunk: those clients stay changed, under the batch's
    number (undoable); the others are untouched; nothing is half-applied."""
    ids = bulk_agency(db)
    bulk = apart(db, clock)
    plan = bulk.dry_run_words(list(ids.values()), ["set-limit", "4321"])
    told: list[int] = []
    with pytest.raises(Stopped) as caught:
        bulk.run(plan, progress=lambda done, _total: told.append(done), cancelled=lambda: bool(told))
    assert caught.value.done == len(ids) == told[0]  # one chunk (CHUNK clients) holds them all here
    with db.read() as session:
        batch = session.scalars(select(func.max(BulkBatch.id))).one()
        audited = session.scalars(select(func.count()).select_from(AuditEntry)
                                  .where(AuditEntry.batch_id == batch)).one()
    changed = [name for name, value in limits(db, ids).items() if value == 4321]
    assert audited == len(changed) and set(changed) == {row.name for row in plan.rows if row.outcome is Outcome.CHANGE}


def test_an_all_or_nothing_run_stopped_at_once_leaves_nothing(db: Database, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    bulk = apart(db, clock)
    plan = bulk.dry_run_words([ids["Alder Annual"]], ["set-limit", "77"])
    before = limits(db, ids)
    with pytest.raises(Stopped):
        bulk.run(plan, all_or_nothing=True, cancelled=lambda: True)
    assert limits(db, ids) == before
    with db.read() as session:
        assert session.scalars(select(func.count()).select_from(BulkBatch)).one() == 0


def test_the_child_is_another_process(db: Database, clock, children) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    apart(db, clock).dry_run_words([ids["Alder Annual"]], ["set-limit", "1"])
    assert len(children) == 1 and children[0].pid != os.getpid()


def test_a_prepared_child_takes_the_next_call_and_a_dead_one_is_replaced(sqlite_db: Database, clock,  # noqa: ANN001
                                                                          children) -> None:  # noqa: ANN001
    ids = bulk_agency(sqlite_db)
    bulk = apart(sqlite_db, clock)
    bulk.prepare()  # while the person chooses: the child imports, then waits for its job
    assert len(children) == 1
    assert bulk.dry_run_words([ids["Alder Annual"]], ["set-limit", "1"]).rows[0].outcome is Outcome.CHANGE
    assert len(children) == 1  # the prepared one answered
    bulk.prepare()
    children[1].kill()
    children[1].wait()
    assert bulk.dry_run_words([ids["Alder Annual"]], ["set-limit", "2"]).rows[0].outcome is Outcome.CHANGE
    assert len(children) == 3  # a fresh child, not the dead one
