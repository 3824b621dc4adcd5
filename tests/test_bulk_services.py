"""The bulk facade the screens call (R-BULK-4): ids in, a plan with names out, run, undo, batches."""

from __future__ import annotations

from console_tui.config import Settings
from console_tui.data.views.bulk import Outcome
from console_tui.services.bulk import BulkServices
from console_tui.services.console import Services
from tests.data.bulk_helpers import bulk_agency


def test_r_bulk_4_the_facade_names_the_clients_runs_the_plan_and_undoes_it(sqlite_db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(sqlite_db)
    bulk = BulkServices(Services(sqlite_db, "admin", clock), Settings())
    plan = bulk.dry_run([ids["Alder Annual"], ids["Birch Monthly"]], bulk.parse(["set-limit", "none"]))
    assert [(row.name, row.text) for row in plan.rows] == [("Alder Annual", "500 → none"),
                                                           ("Birch Monthly", "no change")]
    result = bulk.run(plan)
    assert result.batch is not None and [row.outcome for row in result.rows] == [Outcome.CHANGE, Outcome.SAME]
    undo = bulk.undo_dry_run(result.batch)
    assert [row.text for row in undo.rows] == ["none → 500"] and bulk.run(undo).totals.changes == 1
    assert [b.words for b in bulk.batches()] == [("undo", str(result.batch)), ("set-limit", "none")]


def test_a_run_tells_its_progress_after_each_chunk(sqlite_db, clock, monkeypatch) -> None:  # noqa: ANN001
    from console_tui.data.commands import bulk as commands

    monkeypatch.setattr(commands, "CHUNK", 1)
    ids = bulk_agency(sqlite_db)
    bulk = BulkServices(Services(sqlite_db, "admin", clock), Settings())
    plan = bulk.dry_run(list(ids.values()), bulk.parse(["set-limit", "1234"]))
    told: list[tuple[int, int]] = []
    bulk.run(plan, progress=lambda done, total: told.append((done, total)))
    assert told == [(n, len(ids)) for n in range(1, len(ids) + 1)]
