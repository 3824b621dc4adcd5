"""A small, fixed agency for UI tests, written through the ORM (no rollup, no randomness).

Eight clients with snapshots, 90 days of daily figures, sender-status history, users, content,
recent places, billing, team calls and one avatar; an Administrator ``admin``, a Salesperson
``sam`` (Client Manager of two clients) and a Company Manager ``carla``.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console_tui.data.engine import Database
from console_tui.data.schema import (
    Agency,
    AgencyUser,
    Avatar,
    BillingCharge,
    BillingCycle,
    Client,
    ClientAccess,
    ClientSnapshot,
    ClientStatus,
    ClientUser,
    ContentItem,
    DailyMetric,
    Plan,
    RecentPlace,
    RollupState,
    SenderStatusChange,
    TeamCall,
)
from console_tui.domain.cycles import add_months

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CLOSED_CYCLES = 12  # billed before NOW's cycle (R-BL-5)
LAST_DAY = date(2026, 11, 19)
AS_OF = datetime(2026, 11, 20, 2, 5, tzinfo=UTC)

# name, kind, status, sender, utilization, (crm, api, cart, ads, brand, support), users
CLIENTS = [
    ("Acme Widgets", "client", "Active", "Healthy", 93, (1, 1, 1, 0, 1, 1), 4),
    ("Blue Harbor Dental", "client", "Active", "At Risk", 64, (1, 0, 0, 1, 0, 0), 3),
    ("Cedar & Pine Realty", "client", "Suspended", "Unhealthy", 38, (0, 0, 0, 0, 0, 1), 2),
    ("Delta Yoga Studio", "lead", "Active", "New", 12, (0, 0, 0, 0, 0, 0), 1),
    ("Evergreen Accounting", "client", "Onboarding", "Limited", 47, (1, 1, 0, 0, 0, 0), 2),
    ("Fjord Coffee Roasters", "client", "Active", "Healthy", 81, (1, 0, 1, 1, 1, 0), 5),
    ("Granite Law Group", "prospect", "Active", "New", 0, (0, 0, 0, 0, 0, 0), 0),
    ("Harbor Lights Bakery", "client", "Inactive", "Healthy", 55, (0, 1, 1, 0, 0, 0), 1),
]
#: Client names that try to be markup or terminal control.
HOSTILE = [
    "[@click=app.quit]x[/]",
    "[link=https://evil.example]y[/link]",
    "\x1b]8;;http://x.example\x1b\\osc link\x1b]8;;\x1b\\",
    "csi\x1b[2Jclear",
    "c1\x9b31mred",
    "bidi\u202eevil",
    "zero\u200bwidth",
    "Very long name " + "abcdefghij" * 30,
    "東京デジタル株式会社マーケティング",
    "Rocket 🚀 Labs 👩‍💻",
]
PEOPLE = ["Ana Lima", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eva Novak"]


def _series(seed: int, days: int, scale: int) -> list[int]:
    return [((i * 7 + seed * 13) % 11) * scale // 10 + (3 if i % 7 in (1, 2) else 0) for i in range(days)]


def _png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (32, 32), (30, 90, 160))
    ImageDraw.Draw(image).ellipse((6, 6, 25, 25), fill=(250, 200, 40))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def seed(db: Database, names: list[str] | None = None) -> dict[str, int]:
    """Write the agency; ``names`` replaces the clients' names (for hostile-name tests)."""
    ids: dict[str, int] = {}
    with db.write() as session:
        _agency(session)
        admin, sam, _carla = _team(session)
        for n, (name, kind, status, sender, score, flags, n_users) in enumerate(CLIENTS):
            client = _client(session, names[n] if names and n < len(names) else name, kind, status, flags)
            ids[name] = client.id
            _figures(session, client, n, sender, score, n_users)
            _people(session, client, n, n_users, admin)
            if n in (0, 1):
                session.add(ClientAccess(agency_user_id=sam.id, client_id=client.id, granted_at=NOW))
        for extra in (names or [])[len(CLIENTS):]:
            client = _client(session, extra, "client", "Active", (0,) * 6)
            ids[extra] = client.id
        session.add(RollupState(job="nightly", last_event_id=0, last_day=LAST_DAY, as_of=AS_OF))
        session.flush()
        close_seeded_cycles(session)
    return ids


def close_seeded_cycles(session: Session) -> None:
    """Every cycle with charges before NOW's is closed (R-BL-5), with the agency's totals of its charges."""
    b = BillingCharge
    session.add_all(BillingCycle(cycle=cycle, closed_at=NOW, clients=clients, license_cents=lic,
                                 product_overages_cents=product, agency_services_cents=fees, tax_cents=tax,
                                 total_cents=total)
                    for cycle, clients, lic, product, fees, tax, total in session.execute(
                        select(b.cycle, func.count(), func.sum(b.license_cents),
                               func.sum(b.product_cents + b.overage_cents + b.services_cents),
                               func.sum(b.agency_services_cents), func.sum(b.tax_cents), func.sum(b.total_cents))
                        .where(b.cycle < NOW.date().replace(day=1)).group_by(b.cycle)))


def _agency(session: Session) -> None:
    plan = Plan(rank=1, name="Growth", max_clients=10, max_team_members=8, storage_gb=100, in_pack_licenses=3,
                in_pack_price_cents=2500, additional_client_price_cents=4000, annual_discount_pct=Decimal("10"),
                included_emails=50_000, overage_per_1000_cents=150)
    session.add(Agency(name="Northwind Partners", plan=plan, utilization_score=72,
                       created_at=NOW - timedelta(days=900)))
    for name, builtin in (("Active", True), ("Suspended", True), ("Inactive", True), ("Onboarding", False)):
        session.add(ClientStatus(name=name, builtin=builtin))
    session.flush()


def _team(session: Session) -> tuple[AgencyUser, AgencyUser, AgencyUser]:
    users = [
        AgencyUser(login=login, full_name=full, email=f"{login}@northwind.example", role=role, created_at=NOW)
        for login, full, role in (("admin", "Alex Admin", "Administrator"), ("sam", "Sam Seller", "Salesperson"),
                                  ("carla", "Carla Company", "Company Manager"))
    ]
    session.add_all(users)
    session.flush()
    return users[0], users[1], users[2]


def _client(session: Session, name: str, kind: str, status: str, flags: tuple[int, ...]) -> Client:
    status_id = session.query(ClientStatus.id).filter_by(name=status).scalar()
    crm, api, cart, ads, brand, support = (bool(f) for f in flags)
    client = Client(
        name=name, kind=kind, status_id=status_id, created_at=NOW - timedelta(days=400), street="1 Main Street",
        city="Springfield", state="IL", postal_code="62701", country="US", website="https://example.com",
        phone="+1 217 555 0100", license_term="annual", license_start=date(2026, 2, 1), billing_contact="Pat Payer",
        billing_email="billing@example.com", tax_rate=Decimal("8.25"), region="US", uses_crm_pipeline=crm,
        has_api_key=api, uses_shopping_cart=cart, uses_google_ads=ads, uses_custom_branding=brand,
        direct_support=support,
    )
    session.add(client)
    session.flush()
    return client


def _figures(session: Session, client: Client, n: int, sender: str, score: int, n_users: int) -> None:
    added = _series(n, 90, 10 + 10 * n)
    sent = _series(n + 3, 90, 400) if sender != "New" else [0] * 90
    for i in range(90):
        day = LAST_DAY - timedelta(days=89 - i)
        session.add(DailyMetric(client_id=client.id, day=day, contacts_added=added[i], emails_sent=sent[i],
                                emails_opened=sent[i] * 3 // 10))
    session.add(ClientSnapshot(
        client_id=client.id, as_of=AS_OF, contacts_added_30d=sum(added[-30:]),
        contacts_series=",".join(str(v) for v in added[-30:]), emails_sent_30d=sum(sent[-30:]),
        emails_opened_30d=sum(s * 3 // 10 for s in sent[-30:]), sender_status=sender, utilization_score=score,
        last_client_login=NOW - timedelta(days=n * 3) if n_users else None,
    ))
    histories = {"New": [], "Healthy": ["Healthy"], "At Risk": ["Healthy", "At Risk"]}
    history = histories.get(sender, ["Healthy", "At Risk", sender])
    previous = "New"
    for k, status in enumerate(history):
        session.add(SenderStatusChange(client_id=client.id, day=LAST_DAY - timedelta(days=60 - 20 * k),
                                       old_status=previous, new_status=status))
        previous = status


def _people(session: Session, client: Client, n: int, n_users: int, admin: AgencyUser) -> None:
    users = []
    for u in range(n_users):
        name = PEOPLE[(n + u) % len(PEOPLE)]
        user = ClientUser(client_id=client.id, full_name=name, email=f"{name.split()[0].lower()}@client{n}.example",
                          role="Administrator" if u == 0 else "User", blocked=u == 3,
                          created_at=NOW - timedelta(days=300),
                          last_login_at=NOW - timedelta(days=n * 3 + u) if u < 3 else None)
        session.add(user)
        users.append(user)
    session.flush()
    for k, (title, kind) in enumerate((("Spring Newsletter", "email"), ("Pricing Page", "landing_page"))):
        item = ContentItem(client_id=client.id, title=title, content_type=kind,
                           body=f"{title} for client {n}.\nSecond line of the body.",
                           created_at=NOW - timedelta(days=30 + k), updated_at=NOW - timedelta(days=2 + k + n))
        session.add(item)
        session.flush()
        session.add(RecentPlace(client_id=client.id, agency_user_id=None, content_item_id=item.id, kind="content",
                                title=title, action="edited", occurred_at=NOW - timedelta(days=2 + k + n)))
    if n % 2 == 0:
        session.add(RecentPlace(client_id=client.id, agency_user_id=admin.id, content_item_id=None, kind="info",
                                title="Company profile", action="edited", occurred_at=NOW - timedelta(days=1 + n)))
    for months in range(CLOSED_CYCLES):  # November 2025 to October 2026, the overage growing towards now
        cycle = add_months(date(2026, 10, 1), -months)
        parts = (2500 if n < 3 else 4000, 1200, 150 * n + 600 * ((11 - months) % 4), 900, 5000 if months % 3 else 0)
        session.add(BillingCharge(client_id=client.id, cycle=cycle, in_pack=n < 3, provisional=n == 4,
                                  license_cents=parts[0], product_cents=parts[1], overage_cents=parts[2],
                                  services_cents=parts[3], agency_services_cents=parts[4], tax_cents=790,
                                  total_cents=sum(parts) + 790))
    if users:
        session.add(TeamCall(client_id=client.id, started_by_id=admin.id, started_at=NOW - timedelta(days=5),
                             url=f"https://meet.example.com/c{client.id}-room", participant_ids={"ids": [users[0].id]}))
    if n == 0:
        session.add(Avatar(client_id=client.id, mime_type="image/png", width=32, height=32, image=_png(),
                           updated_at=NOW - timedelta(days=40)))
