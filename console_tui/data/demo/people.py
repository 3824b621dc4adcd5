"""The demo's people and companies: agency users of every role, clients, leads and prospects.

Everything is drawn from the one ``random.Random`` the generator passes in, in a fixed order,
so a seed and a clock always give the same agency. Special cases are handed out by quota
(at least one each) so that even a 20-client demo has every kind of client the console shows:
troubled and new senders, custom statuses, suspended, inactive, removed, incomplete configuration.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from console_tui.data.demo import names
from console_tui.domain.capacity import default_counts, is_counted
from console_tui.domain.configuration import region_for_country
from console_tui.domain.roles import Role
from console_tui.domain.utilization import DEFAULT_ACTIVITIES

ADMIN = Role.ADMINISTRATOR.value
#: (role, share of the team); every role gets at least one member.
ROLE_SHARES = ((Role.ADMINISTRATOR, 0.04), (Role.COMPANY_MANAGER, 0.05), (Role.MARKETING_MANAGER, 0.12),
               (Role.SALES_MANAGER, 0.10), (Role.SALESPERSON, 0.42), (Role.JR_SALESPERSON, 0.27))
#: Client categories handed out by quota: (category, share of kind-client records, minimum).
CATEGORIES = (("at_risk", 0.015, 1), ("unhealthy", 0.012, 1), ("limited", 0.008, 1),
              ("onboarding", 0.04, 1), ("new", 0.03, 1), ("silent", 0.04, 1), ("suspended", 0.05, 1),
              ("inactive", 0.04, 1), ("seasonal", 0.03, 1), ("deleted", 0.015, 1), ("key", 0.05, 1),
              ("incomplete", 0.05, 1))
STATUS_OF = {"onboarding": "Onboarding", "suspended": "Suspended", "inactive": "Inactive",
             "seasonal": "Seasonal pause", "key": "Key account"}
SENDER_OF = {"at_risk": "at_risk", "unhealthy": "unhealthy", "limited": "limited", "onboarding": "new",
             "new": "new", "silent": "none"}


@dataclass(slots=True)
class AgencyUserSpec:
    id: int
    login: str
    full_name: str
    email: str
    role: str
    active: bool
    created: datetime


@dataclass(slots=True)
class UserSpec:
    id: int
    full_name: str
    email: str
    role: str
    created: datetime


@dataclass(slots=True)
class ClientSpec:
    id: int
    kind: str
    category: str
    status: str
    name: str
    created: datetime
    address: dict[str, object]
    config: dict[str, object]
    options: dict[str, object]
    sender: str  # none | new | normal | at_risk | unhealthy | limited
    act: float
    list_size: int
    p_campaign: float
    trouble_days: int  # trouble began this many days before today
    stop: datetime | None  # no activity after this (suspended, inactive, paused, removed)
    deleted: datetime | None
    users: list[UserSpec]
    completions: list[tuple[int, datetime]]  # (index into DEFAULT_ACTIVITIES, when)
    agency_services_cents: int
    managers: list[int] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        return is_counted(self.kind, default_counts(self.status)) and self.deleted is None


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower()) or "x"


def _fill(rng: random.Random, pattern: str) -> str:
    return "".join(str(rng.randrange(10)) if ch == "#" else rng.choice("ABCDEFGHJKLMNPRSTUVWXY") if ch == "@" else ch
                   for ch in pattern)


def _ago(rng: random.Random, now: datetime, low: float, high: float) -> datetime:
    return now - timedelta(seconds=int((low + rng.random() * (high - low)) * 86_400))


def agency_users(rng: random.Random, n_clients: int, admin_login: str, now: datetime) -> list[AgencyUserSpec]:
    """The agency's team: ``admin_login`` (the OS login) is user 1, an Administrator."""
    size = max(8, min(400, n_clients // 50))
    counts = {
        role.value: max(2 if role is Role.ADMINISTRATOR else 1, round(share * size)) for role, share in ROLE_SHARES
    }
    counts[Role.SALESPERSON.value] = max(2, counts[Role.SALESPERSON.value] + size - sum(counts.values()))
    roles = [role for role, number in counts.items() for _ in range(number)]
    roles.remove(ADMIN)
    rng.shuffle(roles)
    former = max(i for i, role in enumerate(roles) if role == Role.SALESPERSON.value)
    logins = {admin_login}
    first = " ".join(p.capitalize() for p in re.split(r"[._\-\s]+", admin_login) if p) or admin_login
    users = [AgencyUserSpec(1, admin_login, first, f"{slug(admin_login)}@{names.AGENCY_DOMAIN}", ADMIN, True,
                            _ago(rng, now, 700, 1000))]
    for position, role in enumerate(roles):
        given, family = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        login = base = f"{slug(given)}.{slug(family)}"
        while login in logins:
            login = f"{base}{rng.randint(2, 99)}"
        logins.add(login)
        users.append(AgencyUserSpec(position + 2, login, f"{given} {family}", f"{login}@{names.AGENCY_DOMAIN}", role,
                                    position != former, _ago(rng, now, 20, 1000)))  # one former member
    return users


def _company_name(rng: random.Random, country: str, taken: set[str]) -> str:
    suffixes = names.COUNTRIES[country][0]
    for attempt in range(12):
        shape = rng.random()
        first, second = rng.choice(names.COMPANY_FIRST), rng.choice(names.COMPANY_SECOND)
        trade = rng.choice(names.INDUSTRIES)
        if shape < 0.35:
            name = f"{first}{second.lower()} {trade}"
        elif shape < 0.7:
            name = f"{first} {second} {trade}"
        elif shape < 0.85:
            name = f"{rng.choice(names.LAST_NAMES)} & {rng.choice(names.LAST_NAMES)} {trade}"
        else:
            name = f"{rng.choice(names.LAST_NAMES)} {trade}"
        if rng.random() < 0.5:
            name = f"{name} {rng.choice(suffixes)}"
        if attempt > 8:
            name = f"{name} {attempt}"
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("could not find a free company name")  # pragma: no cover


def _address(rng: random.Random, country: str, company: str) -> dict[str, object]:
    _, street_fmt, streets, cities = names.COUNTRIES[country]
    city, state, postal, tax, phone = rng.choice(cities)
    domain = f"{slug(company)[:40]}.example"
    return {
        "street": street_fmt.format(n=rng.randint(1, 240), s=rng.choice(streets)),
        "city": city, "state": state, "postal_code": _fill(rng, postal), "country": country,
        "website": None if rng.random() < 0.1 else f"https://www.{domain}", "phone": _fill(rng, phone),
        "_tax": Decimal(tax), "_domain": domain,
    }


def _users(rng: random.Random, spec_kind: str, created: datetime, now: datetime, domain: str,
           next_id: int) -> list[UserSpec]:
    count = 1 + int(rng.random() ** 1.6 * 15) if spec_kind == "client" else 1 + (rng.random() < 0.3)
    users, emails = [], set()
    for i in range(min(count, 15)):
        given, family = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        email = base = f"{slug(given)}.{slug(family)}"
        while email in emails:
            email = f"{base}{rng.randint(2, 9)}"
        emails.add(email)
        joined = created if i == 0 else created + (now - created) * (rng.random() * 0.8)
        role = names.CLIENT_USER_ROLES[0] if i == 0 else rng.choice(names.CLIENT_USER_ROLES[1:])
        users.append(UserSpec(next_id + i, f"{given} {family}", f"{email}@{domain}", role, joined))
    return users


def _configuration(rng: random.Random, spec: ClientSpec, today: date, tax: Decimal, domain: str) -> dict[str, object]:
    if spec.kind != "client":
        return {"license_term": None, "license_start": None, "billing_contact": None, "billing_email": None,
                "tax_rate": None, "region": None, "margin_protection": False}
    term = "annual" if rng.random() < 0.4 else "monthly"
    start = min(spec.created.date() + timedelta(days=rng.randint(0, 14)), today)
    if term == "annual" and rng.random() < 0.2:  # renewing within the next 30 days: pre-renewal window
        years = rng.randint(1, 3)
        renewal = today + timedelta(days=rng.randint(1, 29))
        candidate = renewal.replace(year=renewal.year - years, day=min(renewal.day, 28))
        start = candidate if candidate >= spec.created.date() else start
    first = spec.users[0]
    config: dict[str, object] = {
        "license_term": term, "license_start": start, "billing_contact": first.full_name,
        "billing_email": rng.choice((first.email, f"billing@{domain}", f"accounts@{domain}")),
        "tax_rate": tax, "region": region_for_country(str(spec.address["country"])).value,
        "margin_protection": rng.random() < 0.3,
    }
    if spec.category == "incomplete" or (spec.category == "onboarding" and rng.random() < 0.5):
        for missing in rng.choice((("license_term", "license_start"), ("billing_email",), ("tax_rate",),
                                   ("billing_contact", "billing_email"))):
            config[missing] = None
    return config


def _completions(rng: random.Random, engagement: float, created: datetime, now: datetime) -> list[tuple[int, datetime]]:
    done = []
    for index, activity in enumerate(DEFAULT_ACTIVITIES):
        ease = {4: 1.2, 3: 1.1, 2: 0.85}.get(activity.weight, 0.6)
        if rng.random() < min(0.98, engagement * ease):
            done.append((index, created + (now - created) * rng.random()))
    return done


def _categories(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(kind, category) per client position."""
    n_lead = max(1, round(n * 0.1)) if n >= 4 else 0
    n_prospect = max(1, round(n * 0.1)) if n >= 4 else 0
    kinds = ["lead"] * n_lead + ["prospect"] * n_prospect + ["client"] * (n - n_lead - n_prospect)
    rng.shuffle(kinds)
    positions = [i for i, kind in enumerate(kinds) if kind == "client"]
    rng.shuffle(positions)
    result = [(kind, "lead" if kind != "client" else "normal") for kind in kinds]
    cursor = 0
    for category, share, minimum in CATEGORIES:
        quota = max(minimum, round(share * len(positions)))
        for position in positions[cursor: cursor + quota]:
            result[position] = ("client", category)
        cursor += quota
    return result


def clients(rng: random.Random, n: int, now: datetime, today: date) -> list[ClientSpec]:
    """``n`` client records (about 80 % clients, the rest leads and prospects)."""
    taken: set[str] = set()
    countries = list(names.COUNTRY_WEIGHTS)
    weights = list(names.COUNTRY_WEIGHTS.values())
    specs: list[ClientSpec] = []
    next_user = 1
    odd = list(names.ODD_NAMES[: 1 if n >= 30 else 0] if n < 1000 else names.ODD_NAMES)
    for position, (kind, category) in enumerate(_categories(rng, n)):
        country = rng.choices(countries, weights)[0]
        company = _company_name(rng, country, taken)
        if odd and position % 7 == 3:
            company = odd.pop()
        address = _address(rng, country, company)
        trouble = category in ("at_risk", "unhealthy", "limited")
        if category == "onboarding":
            created = _ago(rng, now, 3, 25)
        else:
            created = _ago(rng, now, 200 if trouble else 60, 60 + rng.random() ** 1.4 * 1900)
        stop = deleted = None
        if category == "suspended":
            stop = _ago(rng, now, 5, 60)
        elif category == "inactive":
            stop = _ago(rng, now, 40, 400)
        elif category == "seasonal":
            stop = _ago(rng, now, 32, 70)
        elif category == "deleted":
            stop = deleted = _ago(rng, now, 3, 40)
        if stop is not None and created > stop - timedelta(days=30):
            created = stop - timedelta(days=30 + rng.randint(0, 300))
        sender = SENDER_OF.get(category, "normal") if kind == "client" else "none"
        act = (0.1 + 0.2 * rng.random() if kind != "client" else 1.0 + 0.6 * rng.random() if category == "key"
               else 0.2 + 0.4 * rng.random() if sender == "new" else 0.3 + rng.random())
        list_size = (rng.randint(1500, 6000) if trouble else rng.randint(20, 80) if sender == "new"
                     else int(min(20_000, max(300, rng.lognormvariate(6.9, 0.7)))))
        p_campaign = (0.6 + 0.3 * rng.random() if trouble else 0.1 + 0.1 * rng.random() if sender == "new"
                      else 0.4 + 0.2 * rng.random() if category == "key" else 0.12 + 0.28 * rng.random())
        engagement = rng.random() ** 0.8 * (0.3 if kind != "client" else 1.0)
        users = _users(rng, kind, created, now, str(address["_domain"]), next_user)
        next_user += len(users)
        status = STATUS_OF.get(category, "Active")
        if kind != "client":
            status = "Inactive" if rng.random() < 0.1 else "Onboarding" if rng.random() < 0.06 else "Active"
        completions = _completions(rng, engagement, created, now)
        done_keys = {DEFAULT_ACTIVITIES[i].key for i, _ in completions}
        spec = ClientSpec(
            id=position + 1, kind=kind, category=category, status=status, name=company, created=created,
            address=address, config={}, options={}, sender=sender, act=act, list_size=list_size,
            p_campaign=p_campaign, trouble_days=rng.randint(20, 75), stop=stop, deleted=deleted, users=users,
            completions=completions,
            agency_services_cents=rng.choice((15_000, 25_000, 50_000, 99_000)) if rng.random() < 0.35 else 0,
        )
        spec.config = _configuration(rng, spec, today, address["_tax"], str(address["_domain"]))  # type: ignore[arg-type]
        spec.options = {
            "direct_support": rng.random() < 0.85,
            "ebs_enabled": not (sender in ("normal", "at_risk") and category != "deleted" and rng.random() < 0.1),
            "rebrand_locked": rng.random() < 0.12,
            "uses_crm_pipeline": "pipeline_configured" in done_keys,
            "has_api_key": engagement > 0.4 and rng.random() < 0.35,
            "uses_shopping_cart": rng.random() < 0.18,
            "uses_google_ads": rng.random() < 0.25,
            "uses_custom_branding": "branding_set" in done_keys or rng.random() < 0.15,
        }
        specs.append(spec)
    return specs


def client_managers(rng: random.Random, specs: list[ClientSpec], team: list[AgencyUserSpec]) -> None:
    """Give every client one or two Client Managers (R-OPT-5) and every non-admin at least one client."""
    staff = [user.id for user in team if user.role != ADMIN and user.active]
    managers = [user.id for user in team if user.role in (Role.COMPANY_MANAGER, Role.MARKETING_MANAGER,
                                                          Role.SALES_MANAGER) and user.active]
    if not staff:
        return
    order = list(range(len(specs)))
    rng.shuffle(order)
    for turn, index in enumerate(order):
        spec = specs[index]
        spec.managers.append(staff[turn % len(staff)] if turn < len(staff) else rng.choice(staff))
        if rng.random() < 0.3 and managers:
            extra = rng.choice(managers)
            if extra not in spec.managers:
                spec.managers.append(extra)
