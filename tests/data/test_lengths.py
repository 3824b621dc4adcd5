"""One source of truth for text lengths: the validators' limits are the schema's column lengths.

A value the console accepts must fit its column on PostgreSQL (which refuses an overlong VARCHAR
with raw SQL) and must not be stored silently over-long on SQLite.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import String, func, select

from console_tui.cli.main import main
from console_tui.data.commands import activity, clients, limits
from console_tui.data.commands.clients import add_client
from console_tui.data.engine import Database
from console_tui.data.ingest import parse as ingest_parse
from console_tui.data.schema import Base, Client, ClientUser
from console_tui.domain import configuration, forms, lengths
from console_tui.domain.client_form import FIELD_LIMITS, ClientForm, validate_client_form
from console_tui.domain.errors import ValidationError
from console_tui.domain.roles import Role
from tests.data.command_helpers import seed

#: String columns only the code writes, from fixed vocabularies (kinds, statuses, job names,
#: catalogue keys, MIME types, action names) or derived values: no person's text reaches them.
INTERNAL = {
    "plan.name", "agency.name", "client.kind", "client.license_term", "client.region",
    "event.type", "client_snapshot.sender_status", "sender_status_change.old_status",
    "sender_status_change.new_status", "utilization_section.name", "utilization_activity.key",
    "utilization_activity.name", "recent_place.kind", "recent_place.action", "addon_service.key",
    "addon_service.name", "addon_service.unit", "email_job.status", "avatar.mime_type",
    "audit_log.action", "job_run.job", "job_run.status", "job_run.runner", "rollup_state.job",
    "attention_snooze.code", "attention_snooze.severity",
    "saved_view.sort",  # one of domain.saved_views.SORTS
    "bulk_batch.action",  # one of domain.bulk.BulkKind, or "undo"
    "client_history.sender_status",  # the rollup's own sender statuses
    "client_history.section_scores",  # "section id:score" pairs the rollup writes
}

#: add-client form field -> the columns its value is written to (the country is stored as its code).
FORM_COLUMNS = {
    "full_name": ("client_user.full_name", "agency_user.full_name"),
    "email": ("client_user.email", "agency_user.email"),
    "company_name": ("client.name",),
    "street": ("client.street",),
    "city": ("client.city",),
    "state": ("client.state",),
    "postal_code": ("client.postal_code",),
    "website": ("client.website",),
    "phone": ("client.phone",),
}


def string_columns() -> dict[str, int]:
    return {f"{table.name}.{column.name}": column.type.length
            for table in Base.metadata.tables.values() for column in table.columns
            if isinstance(column.type, String) and column.type.length is not None}


def test_every_string_column_is_either_written_by_people_with_its_domain_length_or_internal() -> None:
    columns = string_columns()
    unclassified = set(columns) - set(lengths.COLUMNS) - INTERNAL
    assert not unclassified, f"say who writes these columns (lengths.COLUMNS or INTERNAL): {unclassified}"
    assert set(lengths.COLUMNS) <= set(columns), "lengths.COLUMNS names a column the schema does not have"
    differ = {name: (columns[name], limit) for name, limit in lengths.COLUMNS.items() if columns[name] != limit}
    assert not differ, f"column length != domain limit: {differ}"


def test_every_validator_limit_is_the_length_of_the_column_it_writes() -> None:
    columns = string_columns()
    limits_and_columns = [(FIELD_LIMITS[field], column) for field, names in FORM_COLUMNS.items() for column in names]
    limits_and_columns += [
        (forms.MAX_LOGIN, "agency_user.login"), (forms.MAX_LOGIN, "audit_log.actor"),
        (forms.MAX_ROLE, "client_user.role"), (clients.MAX_STATUS, "client_status.name"),
        (limits.MAX_JOB_NAME, "email_job.name"), (activity.MAX_TITLE, "recent_place.title"),
        (configuration.MAX_TEXT, "client.billing_contact"), (ingest_parse.MAX_ID, "event.external_id"),
        *[(limit, f"event.{field}") for field, limit in ingest_parse.TEXT_LIMITS.items()],
    ]
    assert [(limit, column) for limit, column in limits_and_columns if limit != columns[column]] == []
    assert max(len(role.value) for role in Role) <= columns["agency_user.role"]
    assert set(FIELD_LIMITS) - set(FORM_COLUMNS) == {"country"}  # typed as a name, stored as 2 letters
    # a settings URL with the team call's room name (call- and 16 hex digits) fits team_call.url
    assert lengths.SETTING_URL + len("call-0123456789abcdef") <= columns["team_call.url"]


@pytest.mark.parametrize(("field", "limit"), [("postal_code", 20), ("city", 100), ("state", 100)])
def test_r_mc_1_the_form_refuses_a_value_one_longer_than_its_column(field: str, limit: int) -> None:
    good = dict(full_name="Ada", email="ada@rose.example.com", company_name="Rose", street="1 Road", city="London",
                state="London", postal_code="SW1A 2AA", country="HK", phone="+44 20 7946 0958")
    # Hong Kong: no subdivisions and no postal format to check, so only the length decides
    validate_client_form(ClientForm(**{**good, field: "9" * limit}))
    with pytest.raises(ValidationError) as raised:
        validate_client_form(ClientForm(**{**good, field: "9" * (limit + 1)}))
    assert raised.value.field_errors == {field: f"is too long (at most {limit} characters)"}


def longest(field: str) -> str:
    return "x" * FIELD_LIMITS[field]


def test_r_mc_1_the_longest_accepted_values_are_stored_whole_on_both_backends(db: Database, clock) -> None:
    seed(db)
    local = "a" * 64
    domain = ".".join(["b" * 60, "c" * 60, "d" * 60, "e" * (254 - len(local) - 1 - 3 * 61 - 4), "com"])
    form = ClientForm(full_name=longest("full_name"), email=f"{local}@{domain}", company_name=longest("company_name"),
                      street=longest("street"), city=longest("city"), state=longest("state"),
                      postal_code=longest("postal_code"), country="HK", website="https://rose.example.com/" + "p" * 275,
                      phone="+44 20 7946 0958")
    added = add_client(db, clock, "admin", form, kind="client")
    with db.read() as session:
        client = session.get(Client, added.client_id)
        user = session.get(ClientUser, added.client_user_id)
        assert (client.postal_code, client.city, client.state) == (form.postal_code, form.city, form.state)
        assert len(client.name) == lengths.COMPANY_NAME and len(client.website or "") == lengths.WEBSITE
        assert len(user.email) == lengths.EMAIL and len(user.full_name) == lengths.PERSON_NAME


def test_r_mc_1_clients_add_with_an_overlong_postal_code_is_one_line_and_creates_nothing(db: Database) -> None:
    seed(db)
    args = ["--name", "Ada", "--email", "ada@rose.example.com", "--company", "Rose", "--street", "1 Road",
            "--city", "London", "--state", "London", "--postal-code", "9" * 21, "--country", "GB",
            "--phone", "+44 20 7946 0958"]
    with db.read() as session:
        before = session.scalar(select(func.count()).select_from(Client))
    result = CliRunner().invoke(main, ["--db", db.url, "--user", "admin", "clients", "add", *args])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert "1 field needs attention (Postal code (--postal-code) is too long (at most 20 characters))" in line
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Client)) == before

