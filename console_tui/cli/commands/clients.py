"""``console-tui clients list|add|purge``: the console's per-client summary, adding a client and purging a
removed one, for scripts.

Stored text is printed as the screen shows it, in every format: cleaned of escape sequences and
control, bidi and zero-width characters (:func:`console_tui.display.safe`); CSV cells that a
spreadsheet would read as a formula are prefixed with a single quote (:func:`console_tui.export.write_csv`).
"""

from __future__ import annotations

import math
import shutil
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import click

from console_tui.cli.context import Context, fail, pass_context
from console_tui.data.views.console import ClientSummary
from console_tui.display import safe
from console_tui.domain.wording import count
from console_tui.export import CLIENT_COLUMNS, client_row, write_csv, write_json

if TYPE_CHECKING:  # the language is imported when a filter is given
    from console_tui.domain.filters import Filter
    from console_tui.domain.filters.facts import ClientFacts

COLUMNS = (
    *CLIENT_COLUMNS, "tags", "email_limit", "license_term", "renews_on", "managers", "config_complete",
    "direct_support", "ebs", "usage_pct",
)
#: JSON also carries each client's changes (figure → change, R-HIST-2) and its utilization sections.
JSON_COLUMNS = (*COLUMNS, "changes_1d", "changes_7d", "utilization_sections")


def _row(summary: ClientSummary, facts: ClientFacts, today: date) -> dict[str, object]:
    """One client's output row: the console's figures (:func:`console_tui.export.client_row`) and
    the facts a script needs, stored text cleaned as the screen shows it. ``usage_pct`` is the share
    of the email limit used this cycle, scheduled jobs included (none: no limit)."""
    return {
        **client_row(summary),
        "tags": [safe(tag) for tag in facts.tags],
        "email_limit": facts.limit,
        "license_term": facts.term,
        "renews_on": None if facts.renews is None else (today + timedelta(days=facts.renews)).isoformat(),
        "managers": sorted(safe(login) for login in facts.managers),
        "config_complete": facts.config_complete,
        "direct_support": "support" in facts.features,
        "ebs": facts.ebs,
        "usage_pct": None if facts.usage is None or math.isinf(facts.usage) else round(facts.usage, 1),
    }


def _print_table(rows: Sequence[dict[str, object]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    columns = ("id", "name", "kind", "status", "users", "contacts 30d", "sent 30d", "open rate", "sender", "util %")
    for column in columns:
        left = column in ("name", "kind", "status", "sender")
        table.add_column(column, no_wrap=column != "name", min_width=16 if column == "name" else None,
                         overflow="fold", justify="left" if left else "right")
    for row in rows:
        rate = row["open_rate"]
        table.add_row(
            str(row["id"]), Text(str(row["name"])), Text(str(row["kind"])), Text(str(row["status"])), str(row["users"]),
            str(row["contacts_added_30d"]), str(row["emails_sent_30d"]),
            "—" if rate is None else f"{rate:.1%}", str(row["sender_status"]), str(row["utilization"]),
        )
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@click.group()
def clients() -> None:
    """Clients: list what the console shows, add one, purge a removed one."""


def _print_where_help(click_context: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--where-help``: the filter language's fields, each with its operators, values and an example."""
    if not value or click_context.resilient_parsing:
        return
    from console_tui.domain.filters import SYNTAX, field_help

    rows = field_help()
    wide = max(len(row.example) for row in rows)
    lines = [*SYNTAX, ""]
    lines += [f"  {row.example:<{wide}}  {row.field}: {row.summary} [{row.values}]" for row in rows]
    click.echo("\n".join(lines))
    click_context.exit(0)


def _where(text: str | None) -> Filter | None:
    """The parsed ``--where`` filter; a mistake is shown with a caret under it, and the command stops (exit 2)."""
    if text is None:
        return None
    from console_tui.domain.filters import FilterError, format_error, parse_filter

    try:
        return parse_filter(text)
    except FilterError as error:
        width = shutil.get_terminal_size((80, 24)).columns
        click.echo("console-tui: --where: the filter cannot be read (--where-help lists the fields):\n"
                   + format_error(text, error, width), err=True)
        sys.exit(2)


@clients.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--where", "where", metavar="EXPR", default=None,
              help='Only the clients the filter holds for, e.g. --where \'sender>=at-risk -tag:"EBS Active"\'.')
@click.option("--where-help", is_flag=True, expose_value=False, is_eager=True, callback=_print_where_help,
              help="List the filter's fields with an example each, and exit.")
@pass_context
def list_clients(context: Context, fmt: str, where: str | None) -> None:
    """Print every client you may access with its 30-day figures (as of the last nightly run).

    --where keeps the clients a filter holds for (docs/filters.md; --where-help lists the fields).
    Exit status: 0 listed; 2 a bad filter or an unknown user.
    """
    from console_tui.clock import local_today
    from console_tui.data.queries.client_facts import client_facts_in
    from console_tui.data.queries.console import UnknownUser, acting_user, client_summaries
    from console_tui.data.queries.history import changes_in
    from console_tui.domain.filters import compile_filter
    from console_tui.domain.history import figure_changes

    parsed = _where(where)
    today = local_today(context.clock)
    try:
        with context.db.read() as session:
            user = acting_user(session, context.login)
            summaries = client_summaries(session, user, with_places=False)
            facts = {f.id: f for f in client_facts_in(session, user, today, context.clock.tz,
                                                     pre_renewal_days=context.settings.pre_renewal_days)}
            changes = changes_in(session, user).clients if fmt == "json" else {}
    except UnknownUser as error:
        fail(str(error))
    if parsed:
        keep = compile_filter(parsed, me=user.login)
        summaries = tuple(s for s in summaries if keep(facts[s.id]))
    rows = [_row(s, facts[s.id], today) for s in summaries]
    if fmt == "json":
        none = figure_changes(None, None)
        for row in rows:
            change = changes.get(int(row["id"]))  # type: ignore[call-overload]
            row.update(changes_1d=change.changes_1d if change else none,
                       changes_7d=change.changes_7d if change else none,
                       utilization_sections=change.sections if change else {})
        write_json(sys.stdout, JSON_COLUMNS, rows)
    elif fmt == "csv":
        write_csv(sys.stdout, COLUMNS, rows)
    else:
        _print_table(rows)


#: add-client form field -> the ``clients add`` option that fills it (for messages)
ADD_OPTIONS = {
    "full_name": "--name", "email": "--email", "company_name": "--company", "street": "--street",
    "city": "--city", "state": "--state", "postal_code": "--postal-code", "country": "--country",
    "website": "--website", "phone": "--phone", "kind": "--kind",
}


@clients.command("add")
@click.option("--name", "full_name", default="", help="First client user's full name.")
@click.option("--email", default="", help="First client user's email.")
@click.option("--company", "company_name", default="", help="Company name.")
@click.option("--street", default="", help="Street address.")
@click.option("--city", default="", help="City.")
@click.option("--state", default="", help="State or province.")
@click.option("--postal-code", "postal_code", default="", help="Postal code.")
@click.option("--country", default="", help="Country: name or 2-letter code.")
@click.option("--website", default="", help="Website (optional): https://…")
@click.option("--phone", default="", help="Phone number (with the country code, or local to --country).")
@click.option("--kind", type=click.Choice(["client", "lead", "prospect"]), default="client", show_default=True)
@click.option("--template", default=None, metavar="NAME",
              help="Start from this client template's setup (`console-tui templates list`).")
@pass_context
def add_client_command(context: Context, /, kind: str, template: str | None, **fields: str) -> None:
    """Add a client and its first client user (the same checks as the Add Client wizard). Administrators.

    Every field is required except --website; every bad one is named and nothing is created.
    With --template, the client starts from that template's setup, in the same transaction.
    Prints the new client's id. Exit status: 0 added; 1 refused (permission, plan full); 2 bad input.
    """
    from console_tui.cli.refusals import refusals
    from console_tui.data.commands.clients import add_client
    from console_tui.domain.client_form import FIELD_LABELS, ClientForm
    from console_tui.domain.errors import ValidationError

    labels = {name: f"{FIELD_LABELS.get(name, 'Kind')} ({option})" for name, option in ADD_OPTIONS.items()}
    with refusals():
        try:
            added = add_client(context.db, context.clock, context.login, ClientForm(**fields), kind=kind,
                               warn_pct=context.settings.capacity_warning_pct, template=template)
        except ValidationError as error:
            raise ValidationError(error.field_errors, what=error.what, todo=error.todo, labels=labels) from None
    click.echo(f"added client {added.client_id}: {safe(fields['company_name']).strip()} ({kind}); "
               f"first user #{added.client_user_id}")
    if added.template is not None:
        changes = "; ".join(change.text for change in added.template.changes) or "nothing to change"
        click.echo(f"from template {safe(added.template.name)}: {safe(changes)}")
        if added.template.note:
            click.echo(f"note: {added.template.note}", err=True)
    if added.capacity_warning:
        click.echo(f"warning: {added.capacity_warning}", err=True)


@clients.command("purge")
@click.argument("client_id", type=int)
@click.option("--confirm-name", "confirm_name", required=True,
              help="The company's name, exactly as shown: confirms the purge.")
@pass_context
def purge_client_command(context: Context, client_id: int, confirm_name: str) -> None:
    """Delete a removed company's data for good (Administrators). Only a company already removed
    (Remove Company) can be purged; --confirm-name must match its name. The purge is audited.

    Exit status: 0 purged; 1 refused (permission, not removed, the name does not match); 2 no such client.
    """
    from console_tui.cli.progress import Progress
    from console_tui.cli.refusals import refusals
    from console_tui.data.commands.removal import purge_company

    with refusals(), Progress() as progress:
        progress("Purging", 0, 0)  # one transaction: its length is not known ahead
        purged = purge_company(context.db, context.clock, context.login, client_id, confirm_name=confirm_name)
    click.echo(f"purged client {purged.client_id}: {safe(purged.name)}; deleted "
               f"{count(purged.client_users, 'client user')} and {count(purged.events, 'event')}")
