"""Bulk changes on both backends (R-BULK): the dry run is what the run does, refusals stay per client,
undo restores exactly and leaves later changes alone, and the roles are the single changes' roles."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console_tui.data.commands import bulk
from console_tui.data.commands.limits import set_email_limits
from console_tui.data.commands.options import set_suppression
from console_tui.data.queries.bulk import batches
from console_tui.data.views.bulk import Outcome
from console_tui.domain.bulk import BulkAction, BulkKind
from console_tui.domain.errors import NotFound, RuleRefused
from console_tui.domain.permissions import check
from console_tui.domain.roles import Role
from tests.data.bulk_helpers import ACTIONS, RULES, batch_audits, bulk_agency, value_of
from tests.data.command_helpers import ROLE_LOGINS, audit_count


def _plan(db, clock, login, ids, action):  # noqa: ANN001, ANN202
    return bulk.dry_run(db, clock, login, [(cid, f"#{cid}") for cid in ids], action, RULES)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_r_bulk_4_the_dry_run_is_what_the_run_does(db, clock, data) -> None:  # noqa: ANN001
    """For every action, over random selections, logins and modes, the run's rows are the dry run's
    rows, the tables then hold each row's "after" (or still its "before"), and every change has one
    audit row with the batch number. The state carries over from one example to the next."""
    if not hasattr(db, "_bulk_ids"):
        db._bulk_ids = bulk_agency(db)
    ids = list(db._bulk_ids.values())
    action = data.draw(st.sampled_from(ACTIONS), label="action")
    chosen = data.draw(st.lists(st.sampled_from([*ids, 9999]), unique=True, max_size=len(ids) + 1), label="clients")
    login = data.draw(st.sampled_from(["admin", "admin", "cm", "mm"]), label="login")
    all_or_nothing = data.draw(st.booleans(), label="all_or_nothing")
    before = {cid: value_of(db, cid, action) for cid in ids}
    audits_before = audit_count(db)

    plan = _plan(db, clock, login, chosen, action)
    assert audit_count(db) == audits_before and {cid: value_of(db, cid, action) for cid in ids} == before
    result = bulk.run(db, clock, login, plan, RULES, all_or_nothing=all_or_nothing)

    assert [row.client_id for row in result.rows] == chosen
    assert all(done.same_as(planned) for done, planned in zip(result.rows, plan.rows, strict=True)), \
        [(d.text, p.text) for d, p in zip(result.rows, plan.rows, strict=True) if not d.same_as(p)]
    refused = any(row.outcome is Outcome.REFUSED for row in plan.rows)
    applied = not (all_or_nothing and refused)
    assert result.applied is applied
    changed = {row.client_id: row for row in plan.rows if row.outcome is Outcome.CHANGE}
    for cid in ids:
        expected = changed[cid].after if applied and cid in changed else before[cid]
        assert value_of(db, cid, action) == expected, (cid, plan.rows)
    if applied:
        assert result.batch is not None
        assert sorted(entry.client_id for entry in batch_audits(db, result.batch)) == sorted(changed)
    else:
        assert result.batch is None and audit_count(db) == audits_before


def test_r_bulk_5_a_refused_client_never_stops_the_others(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    chosen = [ids["Alder Annual"], ids["Cedar NoTerm"], ids["Birch Monthly"], ids["Fir Inactive"]]
    with_off = BulkAction(BulkKind.EBS, False)
    plan = _plan(db, clock, "admin", chosen, with_off)
    outcomes = [row.outcome for row in plan.rows]
    # Cedar is off already; Fir is Limited: R-SUP-2 refuses it, with the reason
    assert outcomes == [Outcome.CHANGE, Outcome.SAME, Outcome.CHANGE, Outcome.REFUSED]
    assert "Limited" in plan.rows[3].reason and plan.rows[3].text.startswith("refused: ")
    assert str(plan.totals) == "2 to change, 1 no change, 1 refused, 0 conflicts"

    nothing = bulk.run(db, clock, "admin", plan, RULES, all_or_nothing=True)
    assert (nothing.applied, nothing.batch) == (False, None)
    assert value_of(db, ids["Alder Annual"], with_off) is True

    done = bulk.run(db, clock, "admin", plan, RULES)
    assert done.applied and [row.outcome for row in done.rows] == outcomes
    assert [value_of(db, cid, with_off) for cid in chosen] == [False, False, False, True]
    assert [(e.client_id, e.action, e.before, e.after) for e in batch_audits(db, done.batch)] == [
        (ids["Alder Annual"], "set_suppression", {"ebs_enabled": True}, {"ebs_enabled": False}),
        (ids["Birch Monthly"], "set_suppression", {"ebs_enabled": True}, {"ebs_enabled": False}),
    ]


def test_r_bulk_6_undo_restores_exactly_and_leaves_later_changes_alone(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    chosen = [ids["Alder Annual"], ids["Birch Monthly"], ids["Cedar NoTerm"], ids["Dogwood Suspended"]]
    limit = BulkAction(BulkKind.SET_LIMIT, 1000)
    before = {cid: value_of(db, cid, limit) for cid in chosen}
    first = bulk.run(db, clock, "admin", _plan(db, clock, "admin", chosen, limit), RULES)
    assert first.totals.changes == 4
    set_email_limits(db, clock, "admin", {ids["Birch Monthly"]: "42"})  # someone changes one since

    undo = bulk.undo_plan(db, clock, "admin", first.batch, RULES)
    assert undo.undo_of == first.batch and undo.words == ("undo", str(first.batch))
    by_client = {row.client_id: row for row in undo.rows}
    assert by_client[ids["Birch Monthly"]].outcome is Outcome.CONFLICT
    assert "it is 42, the batch set 1,000" in by_client[ids["Birch Monthly"]].reason
    undone = bulk.run(db, clock, "admin", undo, RULES)
    assert {cid: value_of(db, cid, limit) for cid in chosen} == {**before, ids["Birch Monthly"]: 42}
    assert len(batch_audits(db, undone.batch)) == 3

    listed = {b.number: b for b in batches(db, "admin")}
    assert listed[undone.batch].undo_of == first.batch and listed[first.batch].undone_by == (undone.batch,)
    assert (listed[first.batch].changes, listed[undone.batch].changes) == (4, 3)
    again = bulk.undo_plan(db, clock, "admin", undone.batch, RULES)  # an undo is a batch: it can be undone
    assert {row.client_id: row.outcome for row in again.rows} == {
        cid: Outcome.CHANGE for cid in chosen if cid != ids["Birch Monthly"]}


def test_r_bulk_6_undo_of_every_kind_sets_the_value_back(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    chosen = [ids["Alder Annual"], ids["Birch Monthly"], ids["Bloom Florists"]]
    for action in (BulkAction(BulkKind.GRANT, True, "sm"), BulkAction(BulkKind.TERM, "annual"),
                   BulkAction(BulkKind.ALLOWANCE, 7, "sms_credits"), BulkAction(BulkKind.REBRAND, True),
                   BulkAction(BulkKind.STATUS, "Suspended"), BulkAction(BulkKind.DIRECT_SUPPORT, False)):
        before = {cid: value_of(db, cid, action) for cid in chosen}
        ran = bulk.run(db, clock, "admin", _plan(db, clock, "admin", chosen, action), RULES)
        assert ran.totals.changes >= 1, (action, ran.rows)
        bulk.run(db, clock, "admin", bulk.undo_plan(db, clock, "admin", ran.batch, RULES), RULES)
        assert {cid: value_of(db, cid, action) for cid in chosen} == before, action


def test_r_bulk_2_each_role_may_bulk_change_only_where_the_single_change_is_allowed(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    managed, other = ids["Alder Annual"], ids["Dogwood Suspended"]
    for login, role in ROLE_LOGINS.items():
        for action in ACTIONS:
            plan = _plan(db, clock, login, [managed, other], action)
            for row in plan.rows:
                is_manager = login == "cm" and row.client_id == managed
                allowed = check(Role(role), action.permission, is_client_manager=is_manager).allowed
                denied = row.outcome is Outcome.REFUSED and " needs the " in row.reason
                assert denied is not allowed, (login, str(action), row.text)


def test_r_bulk_1_a_bulk_refusal_is_the_single_changes_refusal(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    fir = ids["Fir Inactive"]
    with pytest.raises(RuleRefused) as single:
        set_suppression(db, clock, "admin", fir, enabled=False)
    row = _plan(db, clock, "admin", [fir], BulkAction(BulkKind.EBS, False)).rows[0]
    assert row.outcome is Outcome.REFUSED and row.reason == single.value.why.strip().rstrip(".")


def test_r_bulk_4_a_client_changed_after_the_dry_run_is_a_conflict_not_applied(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    alder, birch = ids["Alder Annual"], ids["Birch Monthly"]
    plan = _plan(db, clock, "admin", [alder, birch], BulkAction(BulkKind.SET_LIMIT, 700))
    set_email_limits(db, clock, "admin", {alder: "700"})
    result = bulk.run(db, clock, "admin", plan, RULES)
    assert [row.outcome for row in result.rows] == [Outcome.CONFLICT, Outcome.CHANGE]
    assert "changed since the dry run" in result.rows[0].reason
    assert [e.client_id for e in batch_audits(db, result.batch)] == [birch]


def test_r_bulk_6_undo_of_an_unknown_batch_is_refused(db, clock) -> None:  # noqa: ANN001
    bulk_agency(db)
    with pytest.raises(NotFound, match="there is no batch 77"):
        bulk.undo_plan(db, clock, "admin", 77, RULES)


def test_r_bulk_3_a_run_is_a_numbered_batch_and_its_audit_rows_carry_the_number(db, clock) -> None:  # noqa: ANN001
    ids = bulk_agency(db)
    managed = [ids["Alder Annual"], ids["Birch Monthly"]]
    plan = _plan(db, clock, "cm", managed, BulkAction(BulkKind.EBS, True))
    assert audit_count(db) == 0 and batches(db, "admin") == ()  # a dry run makes no batch
    mine = bulk.run(db, clock, "cm", _plan(db, clock, "cm", managed, BulkAction(BulkKind.EBS, False)), RULES)
    admins = bulk.run(db, clock, "admin", _plan(db, clock, "admin", managed, BulkAction(BulkKind.EBS, True)), RULES,
                      all_or_nothing=True)
    assert plan.totals.same == 2 and admins.batch == mine.batch + 1
    assert [(e.actor, e.batch_id) for e in batch_audits(db, mine.batch)] == [("cm", mine.batch)] * 2
    listed = batches(db, "admin")
    assert [(b.number, b.actor, b.words, b.all_or_nothing, b.changes) for b in listed] == [
        (admins.batch, "admin", ("ebs", "on"), True, 2), (mine.batch, "cm", ("ebs", "off"), False, 2)]
    assert [b.number for b in batches(db, "cm")] == [mine.batch]  # only the audit log's readers see all


def test_r_bulk_5_a_chunk_whose_commit_fails_is_redone_one_client_at_a_time(db, clock, monkeypatch) -> None:  # noqa: ANN001
    from sqlalchemy.exc import OperationalError

    ids = bulk_agency(db)
    chosen = [ids["Alder Annual"], ids["Birch Monthly"], ids["Cedar NoTerm"], ids["Fir Inactive"]]
    plan = _plan(db, clock, "admin", chosen, BulkAction(BulkKind.REBRAND, True))
    steps = bulk._all_steps

    def failing(session, user, now, rows, rules, batch_id, *, run=False):  # noqa: ANN001, ANN202
        done = steps(session, user, now, rows, rules, batch_id, run=run)
        if run and len(rows) > 1:  # the chunk wrote its clients, then its commit fails
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))
        return done

    monkeypatch.setattr(bulk, "CHUNK", 3)
    monkeypatch.setattr(bulk, "_all_steps", failing)
    result = bulk.run(db, clock, "admin", plan, RULES)
    assert [row.outcome for row in result.rows] == [Outcome.CHANGE, Outcome.CHANGE, Outcome.SAME, Outcome.CHANGE]
    assert sorted(e.client_id for e in batch_audits(db, result.batch)) == sorted(
        cid for cid in chosen if cid != ids["Cedar NoTerm"])
    assert all(value_of(db, cid, BulkAction(BulkKind.REBRAND, True)) for cid in chosen)


def test_r_bulk_3_the_audit_log_says_which_batch_a_change_belongs_to(db, clock) -> None:  # noqa: ANN001
    from console_tui.data.queries.agency import audit_page

    ids = bulk_agency(db)
    ran = bulk.run(db, clock, "admin", _plan(db, clock, "admin", [ids["Alder Annual"]],
                                             BulkAction(BulkKind.DIRECT_SUPPORT, True)), RULES)
    set_email_limits(db, clock, "admin", {ids["Alder Annual"]: "9"})
    assert [row.what for row in audit_page(db, "admin").rows] == [
        "Email limits changed", f"Direct Support turned on or off (batch {ran.batch})"]
