"""Applying a client template to existing clients as a bulk change, on both backends (R-TPL-2, R-BULK):
a row per part per client, the dry run is what the run does, a client gets every part or none, the
undo sets every part back, and bad input is one refusal before anything is written."""

from __future__ import annotations

import pytest

from console_tui.data.commands import bulk
from console_tui.data.commands.templates import add_template
from console_tui.data.views.bulk import Outcome
from console_tui.domain.bulk import BulkAction, BulkKind, template_actions, template_name_in
from console_tui.domain.configuration import Term
from console_tui.domain.errors import NotFound, RuleRefused, ValidationError
from console_tui.domain.templates import EmailLimit, Setup
from tests.data.bulk_helpers import RULES, batch_audits, bulk_agency, value_of
from tests.data.command_helpers import audit_count

SETUP = Setup(services=(("sms_credits", 50),), email_limit=EmailLimit(2500), managers=("sm",), direct_support=True,
              ebs=False, license_term=Term.ANNUAL, rebrand_lock=False)
ACTIONS = template_actions(SETUP)


def test_r_tpl_2_a_templates_parts_are_the_single_changes_that_set_them() -> None:
    assert [str(action) for action in ACTIONS] == [
        "allowance sms_credits 50", "set-limit 2500", "grant sm", "direct-support on", "ebs off", "term annual",
        "rebrand unlock"]
    assert template_name_in(["template", " Annual ", "starter"]) == "Annual starter"
    assert template_name_in(["set-limit", "5"]) is None
    with pytest.raises(ValidationError):
        template_name_in(["template"])


def _values(db, ids):  # noqa: ANN001, ANN202
    return {cid: [value_of(db, cid, action) for action in ACTIONS] for cid in ids}


def test_r_tpl_2_a_template_applied_in_bulk_gives_each_client_all_its_parts_or_none(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    add_template(db, clock, "admin", "Starter", SETUP)
    chosen = [ids["Alder Annual"], ids["Fir Inactive"], ids["Birch Monthly"]]
    before = _values(db, list(ids.values()))
    audits = audit_count(db)

    plan = bulk.plan_for_words(db, clock, "admin", [(cid, "") for cid in chosen], ["template", "starter"], RULES)
    assert plan.words == ("template", "Starter") and len(plan.rows) == 3 * len(ACTIONS)
    assert _values(db, list(ids.values())) == before and audit_count(db) == audits  # the dry run wrote nothing
    fir = [row for row in plan.rows if row.client_id == ids["Fir Inactive"]]
    # Fir's sender is Limited: EBS off is refused (R-SUP-2), so none of Fir's parts is made
    assert {row.outcome for row in fir} <= {Outcome.REFUSED, Outcome.SAME}
    held = [row for row in fir if row.outcome is Outcome.REFUSED and row.action.kind is not BulkKind.EBS]
    assert held and all(row.reason == "not applied: ebs off was refused" for row in held)

    result = bulk.run(db, clock, "admin", plan, RULES)
    assert all(done.same_as(planned) for done, planned in zip(result.rows, plan.rows, strict=True))
    after = _values(db, list(ids.values()))
    assert after[ids["Fir Inactive"]] == before[ids["Fir Inactive"]]
    for cid in (ids["Alder Annual"], ids["Birch Monthly"]):
        rows = [row for row in result.rows if row.client_id == cid]
        assert after[cid] == [row.after if row.outcome is Outcome.CHANGE else row.before for row in rows]
    changed = [row for row in result.rows if row.outcome is Outcome.CHANGE]
    assert len(batch_audits(db, result.batch)) == len(changed)

    undo = bulk.undo_plan(db, clock, "admin", result.batch, RULES)
    assert bulk.run(db, clock, "admin", undo, RULES).totals.changes == len(changed)
    assert _values(db, list(ids.values())) == before


def test_r_tpl_2_an_unknown_template_or_service_is_refused_before_anything_is_written(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    audits = audit_count(db)
    with pytest.raises(NotFound):
        bulk.plan_for_words(db, clock, "admin", [(ids["Alder Annual"], "")], ["template", "Nope"], RULES)
    add_template(db, clock, "admin", "Odd", Setup(services=(("sms_credits", 5),)))
    with db.write() as session:  # the service leaves the catalogue after the template was saved
        from sqlalchemy import delete

        from console_tui.data.schema import AddonService, ClientService

        session.execute(delete(ClientService))
        session.execute(delete(AddonService).where(AddonService.key == "sms_credits"))
    audits = audit_count(db)
    with pytest.raises(RuleRefused):
        bulk.plan_for_words(db, clock, "admin", [(ids["Alder Annual"], "")], ["template", "Odd"], RULES)
    assert audit_count(db) == audits


def test_r_bulk_2_a_template_needs_each_parts_permission(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    add_template(db, clock, "admin", "Ebs only", Setup(ebs=True, direct_support=True))
    plan = bulk.plan_for_words(db, clock, "cm", [(ids["Alder Annual"], "")], ["template", "ebs only"], RULES)
    # a Company Manager may turn EBS on (it is on: no change) but not Direct Support: nothing is made
    assert [(row.action, row.outcome) for row in plan.rows] == [
        (BulkAction(BulkKind.DIRECT_SUPPORT, True), Outcome.REFUSED), (BulkAction(BulkKind.EBS, True), Outcome.SAME)]
