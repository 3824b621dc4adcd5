"""``console-tui billing history [--client ID] [--format table|json]``: the last 12 closed billing cycles (R-BL-5).

Without ``--client``: the agency's totals per cycle (clients billed, license, product and overages,
agency services, tax, total). With it: that client's charges per cycle, "in-pack" and
"provisional" as the screen marks them. Newest cycle first; JSON amounts are integer cents.
Administrators only, as Billing Overview. Exit status: 0 printed; 1 not allowed; 2 no such client
or an unknown user.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from console_tui.cli.context import Context, pass_context
from console_tui.cli.refusals import refusals
from console_tui.display import safe
from console_tui.domain.wording import count, money

AGENCY_COLUMNS = ("cycle", "clients", "license_cents", "product_overages_cents", "agency_services_cents",
                  "tax_cents", "total_cents")
CLIENT_COLUMNS = ("cycle", "license_cents", "product_overages_cents", "agency_services_cents", "tax_cents",
                  "total_cents", "in_pack", "provisional")
HEADINGS = {"cycle": "cycle", "clients": "clients", "license_cents": "license",
            "product_overages_cents": "product & overages", "agency_services_cents": "agency services",
            "tax_cents": "tax", "total_cents": "total", "in_pack": "in-pack", "provisional": "provisional"}


@click.group("billing")
def billing() -> None:
    """Billing: the charges of closed cycles (Administrators)."""


@billing.command("history")
@click.option("--client", "client_id", type=int, metavar="CLIENT_ID", default=None,
              help="One client's charges per cycle instead of the agency's totals.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_context
def history(context: Context, client_id: int | None, fmt: str) -> None:
    """Print the last 12 closed billing cycles, newest first: the agency's totals, or one client's charges."""
    from console_tui.data import migrate
    from console_tui.data.queries.billing_history import agency_history, client_history

    with refusals():
        migrate.ensure_schema(context.db)
        if client_id is None:
            rows = [{"cycle": f"{t.cycle:%Y-%m}", "clients": t.clients, "license_cents": t.license_cents,
                     "product_overages_cents": t.product_overages_cents,
                     "agency_services_cents": t.agency_services_cents, "tax_cents": t.tax_cents,
                     "total_cents": t.total_cents} for t in agency_history(context.db, context.login)]
            head: dict[str, Any] = {}
            columns: tuple[str, ...] = AGENCY_COLUMNS
        else:
            name, charges = client_history(context.db, context.login, client_id)
            rows = [{"cycle": f"{r.cycle:%Y-%m}", "license_cents": r.license_cents,
                     "product_overages_cents": r.product_cents + r.overage_cents + r.services_cents,
                     "agency_services_cents": r.agency_services_cents, "tax_cents": r.tax_cents,
                     "total_cents": r.total_cents, "in_pack": r.in_pack, "provisional": r.provisional}
                    for r in charges]
            head = {"client_id": client_id, "name": safe(name)}
            columns = CLIENT_COLUMNS
    if fmt == "json":
        json.dump({**head, "cycles": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if head:
        click.echo(f"{head['name']} (#{client_id})")
    if not rows:
        click.echo("No billing cycle has closed yet.")
        return
    _print_table(rows, columns)


def _cell(column: str, value: Any) -> str:
    if column.endswith("_cents"):
        return money(value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def _print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in columns:
        table.add_column(HEADINGS[column], no_wrap=True,
                         justify="right" if column.endswith("_cents") or column == "clients" else "left")
    total = sum(row["total_cents"] for row in rows)
    for row in rows:
        table.add_row(*(_cell(column, row[column]) for column in columns))
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    click.echo(f"{count(len(rows), 'cycle')}, {money(total)} in all")
