"""`console-tui billing history`: the last 12 closed cycles, the agency's or one client's (R-BL-5), on the demo."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import func, select

from console_tui.cli.main import main
from console_tui.data import schema as s


def invoke(demo, *args: str, login: str | None = None):  # noqa: ANN001, ANN201
    return CliRunner().invoke(main, ["--db", demo.url, "--user", login or demo.login, *args])


def test_r_bl_5_the_agencys_totals_per_closed_cycle(demo_db) -> None:  # noqa: ANN001
    found = json.loads(invoke(demo_db, "billing", "history", "--format", "json").output)["cycles"]
    with demo_db.db.read() as session:
        newest = session.scalar(select(func.max(s.BillingCycle.cycle)))
        billed = session.scalar(select(func.sum(s.BillingCharge.total_cents)).where(s.BillingCharge.cycle == newest))
    assert len(found) == 12 and found[0]["cycle"] == f"{newest:%Y-%m}" and found[0]["total_cents"] == billed
    assert [row["cycle"] for row in found] == sorted((row["cycle"] for row in found), reverse=True)
    table = invoke(demo_db, "billing", "history")
    assert table.exit_code == 0 and "product & overages" in table.output and "12 cycles, $" in table.output


def test_r_bl_5_one_clients_charges_per_closed_cycle(demo_db) -> None:  # noqa: ANN001
    with demo_db.db.read() as session:
        cid = session.scalar(select(s.BillingCharge.client_id).where(s.BillingCharge.provisional.is_(False))
                             .group_by(s.BillingCharge.client_id).having(func.count() == 13).limit(1))
        name = session.get_one(s.Client, cid).name
    found = json.loads(invoke(demo_db, "billing", "history", "--client", str(cid), "--format", "json").output)
    assert (found["client_id"], found["name"], len(found["cycles"])) == (cid, name, 12)  # the cycle in progress is not
    row = found["cycles"][0]
    assert row["total_cents"] == (row["license_cents"] + row["product_overages_cents"] + row["agency_services_cents"]
                                  + row["tax_cents"])
    assert invoke(demo_db, "billing", "history", "--client", str(cid)).output.startswith(f"{name} (#{cid})\n")


def test_billing_history_is_for_administrators_and_known_clients(demo_db) -> None:  # noqa: ANN001
    with demo_db.db.read() as session:
        other = session.scalar(select(s.AgencyUser.login).where(s.AgencyUser.role != "Administrator",
                                                                 s.AgencyUser.active.is_(True)).limit(1))
    refused = invoke(demo_db, "billing", "history", login=other)
    assert refused.exit_code == 1 and "Administrator" in refused.output and "Traceback" not in refused.output
    missing = invoke(demo_db, "billing", "history", "--client", "999999")
    assert missing.exit_code == 2 and len(missing.output.strip().splitlines()) == 1
