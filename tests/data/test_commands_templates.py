"""Client templates on both backends (R-TPL-1, R-TPL-2): saved written or from a client, replaced only
when asked, removed, one audit row each; Administrators only; a new client starts from one in the same
transaction as its add."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from console_tui.data.commands.clients import add_client
from console_tui.data.commands.options import set_allowance
from console_tui.data.commands.templates import EBS_STAYS_ON, add_template, remove_template, save_template_from_client
from console_tui.data.engine import Database
from console_tui.data.queries.audit_text import action_text
from console_tui.data.queries.templates import client_setup_in, client_template, client_templates
from console_tui.data.schema import Client
from console_tui.domain.configuration import Term
from console_tui.domain.errors import NotFound, PermissionDenied, RuleRefused, ValidationError
from console_tui.domain.templates import ClientSetup, EmailLimit, Setup, setup_document
from tests.data.command_helpers import GOOD_FORM, audit_count, audits, one_audit, seed

STARTER = Setup(services=(("sms_credits", 500),), email_limit=EmailLimit(10_000), managers=("cm", "jr"),
                direct_support=True, license_term=Term.ANNUAL, rebrand_lock=True)


def setup(db: Database, client_id: int) -> ClientSetup:
    with db.read() as session:
        client = session.get(Client, client_id)
        assert client is not None
        return client_setup_in(session, client)


def test_r_tpl_1_a_template_is_saved_listed_shown_and_removed_with_one_audit_row_each(db: Database, clock) -> None:
    seed(db)
    saved = add_template(db, clock, "admin", "  Annual   starter ", STARTER)
    assert (saved.name, saved.replaced) == ("Annual starter", False)
    entry = one_audit(db, clock, actor="admin", action="save_template", client_id=None)
    assert entry.before is None and entry.after == {"name": "Annual starter", "setup": setup_document(STARTER)}
    assert action_text("save_template") == "Template saved"
    rows = client_templates(db, "admin")
    assert [(row.name, row.owner, row.setup) for row in rows] == [("Annual starter", "admin", STARTER)]
    assert client_template(db, "admin", "annual STARTER").setup == STARTER
    before = audit_count(db)
    assert remove_template(db, clock, "admin", " ANNUAL starter") == "Annual starter"
    assert client_templates(db, "admin") == () and audit_count(db) == before + 1
    assert action_text("remove_template") == "Template removed"
    with pytest.raises(NotFound, match="no template 'Gone'"):
        remove_template(db, clock, "admin", "Gone")


def test_r_tpl_1_a_name_is_taken_until_replaced_on_purpose(db: Database, clock) -> None:
    seed(db)
    add_template(db, clock, "admin", "Starter", STARTER)
    with pytest.raises(RuleRefused, match="a template called Starter already exists"):
        add_template(db, clock, "admin", "STARTER", Setup(ebs=True))
    replaced = add_template(db, clock, "admin", "starter", Setup(ebs=True), replace_existing=True)
    assert replaced.replaced and client_template(db, "admin", "Starter").setup == Setup(ebs=True)
    entry = audits(db)[-1]
    assert entry.before == {"name": "Starter", "setup": setup_document(STARTER)}
    with pytest.raises(ValidationError):
        add_template(db, clock, "admin", " ", STARTER)


@pytest.mark.parametrize(("bad", "words"), [
    (Setup(services=(("jetpacks", 1),)),
     "Saving the template Bad was refused: there is no add-on service 'jetpacks'. Choose one of: sms_credits"),
    (Setup(managers=("nobody",)), "there is no active agency user 'nobody'"),
    (Setup(managers=("admin",)), "admin is an Administrator"),
])
def test_r_tpl_1_services_and_managers_must_exist(db: Database, clock, bad: Setup, words: str) -> None:
    seed(db)
    with pytest.raises(RuleRefused, match=words):
        add_template(db, clock, "admin", "Bad", bad)
    assert audit_count(db) == 0


@pytest.mark.parametrize("login", ["cm", "mm", "sm", "sp", "jr"])
def test_r_tpl_1_only_administrators_list_and_manage_templates(db: Database, clock, login: str) -> None:
    ids = seed(db)
    add_template(db, clock, "admin", "Starter", STARTER)
    for attempt in (lambda: client_templates(db, login), lambda: add_template(db, clock, login, "Mine", STARTER),
                    lambda: save_template_from_client(db, clock, login, "Mine", ids.client_id),
                    lambda: remove_template(db, clock, login, "Starter")):
        with pytest.raises(PermissionDenied, match="Client templates was refused: it needs the Administrator role"):
            attempt()


def test_r_tpl_1_saving_from_a_client_takes_its_setup_as_it_is(db: Database, clock) -> None:
    ids = seed(db, email_limit=7_000, rebrand_locked=True, license_term="monthly")
    set_allowance(db, clock, "admin", ids.client_id, "sms_credits", 250)
    saved = save_template_from_client(db, clock, "admin", "Like Bloom", ids.client_id)
    assert saved.setup == Setup(services=(("sms_credits", 250),), email_limit=EmailLimit(7_000),
                                managers=("cm", "jr", "mm", "sm", "sp"), direct_support=False, ebs=True,
                                license_term=Term.MONTHLY, rebrand_lock=True)
    with pytest.raises(NotFound):
        save_template_from_client(db, clock, "admin", "Nobody", 999_999)


def test_r_tpl_2_a_new_client_starts_from_a_template_in_its_one_audit_row(db: Database, clock) -> None:
    seed(db)
    add_template(db, clock, "admin", "Starter", STARTER)
    added = add_client(db, clock, "admin", GOOD_FORM, template="starter")
    assert added.template is not None and added.template.name == "Starter" and added.template.note is None
    assert setup(db, added.client_id) == ClientSetup({"sms_credits": 500}, 10_000, frozenset({"cm", "jr"}), True,
                                                     True, Term.ANNUAL, True)
    with db.read() as session:
        client = session.get(Client, added.client_id)
        assert client is not None and client.license_start == clock.now().astimezone(clock.tz).date()
    entry = audits(db)[-1]
    assert (entry.action, entry.client_id) == ("add_client", added.client_id)
    assert entry.after is not None and entry.after["template"] == "Starter"
    assert "Email limit: none → 10,000" in entry.after["changes"]


def test_r_tpl_2_a_new_client_keeps_ebs_on_and_is_told_why(db: Database, clock) -> None:
    seed(db)
    add_template(db, clock, "admin", "Quiet", Setup(ebs=False, rebrand_lock=True))
    added = add_client(db, clock, "admin", GOOD_FORM, template="Quiet")
    assert added.template is not None and added.template.note == EBS_STAYS_ON
    assert setup(db, added.client_id).ebs is True and setup(db, added.client_id).rebrand_lock is True


def test_r_tpl_2_a_template_that_no_longer_holds_adds_nothing(db: Database, clock) -> None:
    seed(db)
    add_template(db, clock, "admin", "Team", Setup(managers=("cm",)))
    with db.write() as session:  # the manager was made an Administrator since
        from console_tui.data.schema import AgencyUser

        user = session.scalars(select(AgencyUser).where(AgencyUser.login == "cm")).one()
        user.role = "Administrator"
    before = audit_count(db)
    with pytest.raises(RuleRefused, match="cm is an Administrator"):
        add_client(db, clock, "admin", GOOD_FORM, template="Team")
    with pytest.raises(NotFound, match="no template 'Nope'"):
        add_client(db, clock, "admin", GOOD_FORM, template="Nope")
    with db.read() as session:
        assert session.scalars(select(Client).where(Client.name == GOOD_FORM.company_name)).first() is None
    assert audit_count(db) == before


def test_r_tpl_2_applying_ebs_off_to_an_existing_client_goes_through_r_sup_2_s_guard(db: Database, clock) -> None:
    from datetime import timedelta

    from console_tui.data.commands.base import unit_of_work
    from console_tui.data.commands.templates import apply_changes_in
    from console_tui.domain.permissions import Action
    from console_tui.domain.templates import template_changes
    from tests.data.command_helpers import set_sender

    ids = seed(db)
    today = clock.now().astimezone(clock.tz).date()

    def apply() -> None:
        with unit_of_work(db, clock, "admin", Action.MANAGE_TEMPLATES) as work:
            client = work.session.get(Client, ids.client_id)
            assert client is not None
            changes = template_changes(Setup(ebs=False, rebrand_lock=True), client_setup_in(work.session, client))
            apply_changes_in(work, client, changes, today)
            work.audit(before=None, after={"changes": [change.text for change in changes]})

    with pytest.raises(RuleRefused, match="Turning EBS off for Bloom Florists was refused"):
        apply()  # a New sender (R-SUP-2)
    assert setup(db, ids.client_id).ebs and not setup(db, ids.client_id).rebrand_lock  # nothing half-applied
    set_sender(db, ids.client_id, "Healthy", today - timedelta(days=60))
    apply()
    assert not setup(db, ids.client_id).ebs and setup(db, ids.client_id).rebrand_lock
