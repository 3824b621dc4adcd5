"""The administration screens' fixtures: the UI seed (tests/ui/seed.py) plus what these screens
read — a plan ladder, closed months of usage, billing computed by the billing rules for three
cycles, a scheduled email job, and a little history made through the commands (so it is audited).

``make_admin_app(login="admin", warn_pct=90)`` builds the app as the CLI does; ``open_screen``
pushes one of the screens onto it, the way Manage Clients' page menu will.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from textual.pilot import Pilot
from textual.screen import Screen

from console_tui.app.application import ConsoleApp, make_app
from console_tui.clock import FixedClock
from console_tui.config import Settings
from console_tui.data.commands.limits import set_email_limits
from console_tui.data.commands.options import add_client_manager
from console_tui.data.engine import Database
from console_tui.data.schema import (
    Agency,
    BillingCharge,
    BillingCycle,
    Client,
    ClientStatus,
    ClientUsageMonth,
    DailyMetric,
    EmailJob,
    Plan,
)
from console_tui.domain.billing import BillableClient, Pricing, cycle_charges
from console_tui.domain.configuration import Term
from console_tui.domain.cycles import cycle_for, previous_cycle
from tests.conftest import FIXED_NOW, TEST_TZ, copy_database
from tests.ui import seed
from tests.ui.conftest import press, settle

__all__ = ["press", "settle"]  # tests/ui/conftest.py's: the one copy

AdminAppFactory = Callable[..., ConsoleApp]
WIDE, NARROW = (120, 40), (80, 24)
STORAGE_MB = 60 * 1024  # 60 GB: more than the Starter plan's 50 GB


def _ladder(session) -> None:  # noqa: ANN001
    growth = session.scalars(select(Plan)).one()
    for rank, name, factor in ((0, "Starter", 0.5), (2, "Growth x2", 2), (3, "Growth x4", 4)):
        session.add(Plan(rank=rank, name=name, max_clients=int(growth.max_clients * factor),
                         max_team_members=int(growth.max_team_members * factor),
                         storage_gb=int(growth.storage_gb * factor), in_pack_licenses=growth.in_pack_licenses,
                         in_pack_price_cents=growth.in_pack_price_cents,
                         additional_client_price_cents=growth.additional_client_price_cents,
                         annual_discount_pct=growth.annual_discount_pct, included_emails=growth.included_emails,
                         overage_per_1000_cents=growth.overage_per_1000_cents))
    session.scalars(select(Agency)).one().storage_used_mb = STORAGE_MB


def _usage_months(session) -> None:  # noqa: ANN001
    """What the nightly rollup writes for the closed months (R-CU-1): sums of the daily figures."""
    sums: dict[tuple[int, date], list[int]] = {}
    for cid, day, sent, added, impressions in session.execute(
            select(DailyMetric.client_id, DailyMetric.day, DailyMetric.emails_sent, DailyMetric.contacts_added,
                   DailyMetric.page_impressions)):
        month = day.replace(day=1)
        if month < seed.NOW.date().replace(day=1):
            figures = sums.setdefault((cid, month), [0, 0, 0])
            figures[0] += sent
            figures[1] += added
            figures[2] += impressions + sent // 3
    session.add_all(ClientUsageMonth(client_id=cid, month=month, emails_sent=s, contacts_added=a, page_impressions=p)
                    for (cid, month), (s, a, p) in sums.items())


def _billing(session) -> None:  # noqa: ANN001
    """Charges for the cycle in progress and the 12 closed before it from the billing rules (R-BL-1..3,
    R-BL-5), replacing the seed's; the fee of the agency's services varies from the fourth cycle back."""
    session.execute(delete(BillingCycle))
    session.execute(delete(BillingCharge))
    plan = session.scalars(select(Plan).where(Plan.name == "Growth")).one()
    pricing = Pricing(plan.in_pack_price_cents, plan.additional_client_price_cents, plan.annual_discount_pct,
                      plan.included_emails, plan.overage_per_1000_cents, direct_support_cents=2900)
    clients = session.execute(select(Client, ClientStatus.counts).join(ClientStatus)).all()
    cycle = cycle_for(seed.NOW.date())
    for back in range(1 + seed.CLOSED_CYCLES):
        fee_now = (lambda cid: cid % 2) if back < 3 else (lambda cid, back=back: (cid + back) % 3 == 0)
        sent = dict(session.execute(
            select(DailyMetric.client_id, func.sum(DailyMetric.emails_sent))
            .where(DailyMetric.day.between(cycle.start, cycle.end)).group_by(DailyMetric.client_id)).all())
        billable = [
            BillableClient(client.id, client.created_at.date(), client.kind, counts, Term.ANNUAL, client.tax_rate,
                           config_complete=client.name != "Evergreen Accounting",
                           emails_sent=int(sent.get(client.id, 0)) * 20,
                           direct_support=client.direct_support,
                           agency_services_cents=5000 if fee_now(client.id) else 0)
            for client, counts in clients if client.kind == "client"
        ]
        for c in cycle_charges(billable, pricing, plan.in_pack_licenses):
            session.add(BillingCharge(client_id=c.client_id, cycle=cycle.start, in_pack=c.in_pack,
                                      provisional=c.provisional, license_cents=c.license_cents,
                                      product_cents=c.direct_support_cents, overage_cents=c.email_overage_cents,
                                      services_cents=c.addons_cents, agency_services_cents=c.agency_services_cents,
                                      tax_cents=c.tax_cents, total_cents=c.total_cents))
        cycle = previous_cycle(cycle)
    session.flush()
    seed.close_seeded_cycles(session)


def seed_admin(database: Database, clock: FixedClock) -> dict[str, int]:
    ids = seed.seed(database)
    with database.write() as session:
        _ladder(session)
        _usage_months(session)
        _billing(session)
        session.add(EmailJob(client_id=ids["Blue Harbor Dental"], name="Winter promo", recipients=1_200,
                             status="scheduled", scheduled_for=seed.NOW + timedelta(days=3)))
    early = FixedClock(clock.now() - timedelta(hours=3), tz=clock.tz)
    set_email_limits(database, early, "admin", {ids["Acme Widgets"]: "70000", ids["Blue Harbor Dental"]: "3000"})
    early.advance(timedelta(minutes=30))
    add_client_manager(database, early, "admin", ids["Evergreen Accounting"], "sam")
    return ids


@pytest.fixture(scope="session")
def admin_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> tuple[Path, dict[str, int]]:
    """The administration screens' agency, built once per test session: (path, client ids by name)."""
    path = tmp_path_factory.mktemp("admin") / "admin.db"
    shutil.copy(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    ids = seed_admin(database, FixedClock(FIXED_NOW, tz=TEST_TZ))
    database.dispose()
    return path, ids


@pytest.fixture
def admin_ids(admin_template: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return dict(admin_template[1])


@pytest.fixture
def admin_db_url(tmp_path: Path, admin_template: tuple[Path, dict[str, int]]) -> str:
    return copy_database(admin_template[0], tmp_path / "admin.db")


@pytest.fixture
def admin_db(admin_db_url: str) -> Iterator[Database]:
    """A second connection to the same database: what "someone else" changes in the tests."""
    database = Database(admin_db_url)
    yield database
    database.dispose()


@pytest.fixture
def make_admin_app(admin_db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[AdminAppFactory]:
    """Build the app on the administration seed; exports (``ctrl+e``) go to ``tmp_path / "exports"``."""
    opened: list[Database] = []

    def build(login: str = "admin", warn_pct: int = 90) -> ConsoleApp:
        database = Database(admin_db_url)
        opened.append(database)
        settings = Settings(database_url=admin_db_url, partner_portal_url="https://partners.example.com/portal",
                            capacity_warning_pct=warn_pct, export_dir=tmp_path / "exports")
        return make_app(_services(database, login, clock), settings, clock, cursor_blink=False)

    yield build
    for database in opened:
        database.dispose()


def _services(database: Database, login: str, clock: FixedClock):  # noqa: ANN202
    from console_tui.services.console import Services

    return Services(database, login, clock)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


async def open_screen(pilot: Pilot, screen: Screen) -> Screen:
    """Push ``screen`` over the console (as the page menu will) and wait for its load."""
    await settle(pilot)
    pilot.app.push_screen(screen)
    await settle(pilot)
    return pilot.app.screen


def notice(app: ConsoleApp) -> str:
    return app.screen.query_one("#notice").text


def status(app: ConsoleApp) -> str:
    return str(app.screen.query_one("#status").render())


def shown_rows(app: ConsoleApp, selector: str) -> list[tuple[str, ...]]:
    return list(app.screen.query_one(selector)._rows)
