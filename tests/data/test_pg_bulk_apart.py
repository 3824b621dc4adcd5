"""The console's bulk child process in PostgreSQL per-user mode: it connects as the console's own
role (the same URL), so the database's policies and the audit log's "who" are the console's."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from console_tui.clock import FixedClock
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.data.views.bulk import Outcome
from console_tui.services.bulk import BulkServices
from console_tui.services.bulk_apart import BulkApart
from console_tui.services.console import Services
from tests.conftest import FIXED_NOW, TEST_TZ
from tests.pg_agency import Agency, agency  # noqa: F401 - the module's fixture

pytestmark = pytest.mark.postgres


def test_the_bulk_child_acts_as_the_connected_role(agency: Agency) -> None:
    """The row-level policies let a role write audit rows and batches only as itself: the run going
    through shows the child connected as the console's role."""
    login = agency.logins["admin"]
    db = Database(agency.url_as(login))
    try:
        bulk = BulkApart(BulkServices(Services(db, login, FixedClock(FIXED_NOW, TEST_TZ)), Settings()))
        plan = bulk.dry_run_words([agency.mine, agency.theirs], ["rebrand", "lock"])
        assert [row.outcome for row in plan.rows] == [Outcome.CHANGE, Outcome.CHANGE]
        result = bulk.run(plan)
    finally:
        db.dispose()
    with agency.db.read() as session:
        batch = session.execute(text("SELECT actor FROM bulk_batch WHERE id = :batch"), {"batch": result.batch}).one()
        actors = session.execute(text("SELECT actor, client_id FROM audit_log WHERE batch_id = :batch ORDER BY id"),
                                 {"batch": result.batch}).all()
    assert tuple(batch) == (login,)
    assert [tuple(row) for row in actors] == [(login, agency.mine), (login, agency.theirs)]


def test_a_company_manager_makes_the_bulk_change_its_role_may_make(agency: Agency) -> None:
    """EBS is a Company Manager's to turn on (R-ACC-3): its bulk change starts a batch row the
    database lets that role add, though the role may not manage clients."""
    with agency.db.write() as session:  # off, as it may be for a while (turning it off waits on the sender)
        session.execute(text("UPDATE client SET ebs_enabled = false WHERE id = :id"), {"id": agency.mine})
    login = agency.logins["cm"]
    db = Database(agency.url_as(login))
    try:
        bulk = BulkServices(Services(db, login, FixedClock(FIXED_NOW, TEST_TZ)), Settings())
        plan = bulk.dry_run_words([agency.mine], ["ebs", "on"])
        assert [row.outcome for row in plan.rows] == [Outcome.CHANGE], plan.rows
        result = bulk.run(plan)
    finally:
        db.dispose()
    with agency.db.read() as session:
        batch = session.execute(text("SELECT actor FROM bulk_batch WHERE id = :batch"), {"batch": result.batch}).one()
    assert tuple(batch) == (login,)
