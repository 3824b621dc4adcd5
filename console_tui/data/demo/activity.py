"""What each demo client did: raw events, its users' logins, content, recent places, services,
email jobs and email limits.

Events are the bulk of the demo (millions of rows at 10,000 clients), so :func:`client_activity`
is a tight loop over plain tuples ``(client_id, type, epoch_seconds, quantity, actor, title,
content_type)``; the caller stamps and numbers them on the way to the database. Weekdays are
busier than weekends; a campaign send is one ``email_sent`` row with its size as ``quantity``,
followed by rows for its opens, bounces, complaints and unsubscribes.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from console_tui.data.demo import names
from console_tui.data.demo.people import ClientSpec
from console_tui.data.demo.write import Record
from console_tui.domain.allowances import SERVICE_CATALOGUE
from console_tui.domain.wording import article

WEEKDAY_FACTOR = (1.0, 1.05, 1.0, 0.95, 0.85, 0.3, 0.2)  # Monday … Sunday
NEW_SENDER_CAP = 1_000  # a "new" sender stays below this many emails ever sent (R-SS-2)
#: service key -> (allowance choices, unit step) for Services and Allowances (R-OPT-4)
ALLOWANCES = {"sales_dialer": (1, 10, 1), "sms_credits": (1, 20, 500), "call_tracking": (1, 5, 1),
              "landing_pages": (1, 10, 5), "storage_gb": (1, 20, 5)}


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@dataclass
class Window:
    """The local days the events cover, ending today (in the clock's timezone)."""

    days: int
    now: datetime
    tz: tzinfo
    today: date = field(init=False)
    starts: list[int] = field(init=False)  # epoch of each day's local midnight
    weekday: list[float] = field(init=False)
    cycle: list[int] = field(init=False)  # 0 = current calendar month, 1 = the one before …
    labels: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.today = self.now.astimezone(self.tz).date()
        days = [self.today - timedelta(days=self.days - 1 - i) for i in range(self.days)]
        self.starts = [epoch(datetime.combine(d, time(0), tzinfo=self.tz)) for d in days]
        self.weekday = [WEEKDAY_FACTOR[d.weekday()] for d in days]
        self.cycle = [(self.today.year - d.year) * 12 + self.today.month - d.month for d in days]
        self.labels = [f"{d.day} {d:%b}" for d in days]

    @property
    def now_epoch(self) -> int:
        return epoch(self.now)

    @property
    def cycles(self) -> int:
        return max(self.cycle) + 1

    def future(self, days_ahead: int, seconds: int) -> int:
        day = self.today + timedelta(days=days_ahead)
        return epoch(datetime.combine(day, time(0), tzinfo=self.tz)) + seconds


#: (client id, type, epoch seconds, quantity, actor, title, content type): an event before its external id
EventRow = tuple[int, str, int, int, str | None, str | None, str | None]
Send = tuple[str, int, int]  # (campaign title, emails, epoch seconds) of one email sent
Service = tuple[int, int, int, int]  # (client id, service id, allowance, active)


@dataclass
class Rows:
    """Everything the per-client pass produces besides events, as tuples in column order."""

    client_users: list[Record] = field(default_factory=list)
    content: list[Record] = field(default_factory=list)
    places: list[Record] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    jobs: list[Record] = field(default_factory=list)
    limits: list[tuple[int, int]] = field(default_factory=list)
    sent: dict[int, list[int]] = field(default_factory=dict)  # client id -> emails sent per cycle


def _rates(rng: random.Random, sender: str) -> tuple[tuple[float, float, float], tuple[float, float, float], float]:
    """(normal bounce, spam, unsubscribe rates), the same once trouble began, and the open rate."""
    r = rng.random
    normal = (0.002 + 0.004 * r(), 0.00003 + 0.00012 * r(), 0.001 + 0.004 * r())
    bounce, spam, unsub = normal
    if sender == "at_risk":
        bounce = 0.03 + 0.02 * r()
    elif sender == "unhealthy":
        bounce, unsub = 0.03 + 0.02 * r(), 0.02 + 0.01 * r()
    elif sender == "limited":
        spam = 0.006 + 0.004 * r()
    return normal, (bounce, spam, unsub), 0.15 + 0.25 * r()


def client_activity(spec: ClientSpec, w: Window, rng: random.Random, out: list[EventRow],
                    content: list[tuple[int, str, str, int, int, str]]) -> tuple[list[int], list[int], list[Send]]:
    """Append the client's events to ``out``; return (sent per cycle, last login per user, sends).

    ``content`` holds (id, title, type, created, updated, author) for the content events;
    the sends are (title, size, epoch) for the email jobs.
    """
    r = rng.random
    cid, starts, weekday, cycle_of = spec.id, w.starts, w.weekday, w.cycle
    begin = epoch(spec.created)
    end = min(w.now_epoch, epoch(spec.stop)) if spec.stop else w.now_epoch
    first, last = max(0, bisect_right(starts, begin) - 1), bisect_right(starts, end) - 1
    is_client = spec.kind == "client"
    act = min(1.0, spec.act)
    p_contact, contact_scale = (0.55 * act, 40 * spec.act) if is_client else (0.08, 3)
    p_pages, page_scale = (0.85, 400 * spec.act) if is_client else (0.4, 30)
    p_login = 0.6 * act if is_client else 0.03
    emails = [user.email for user in spec.users]
    n_users = len(emails)
    last_login = [0] * n_users
    sent_cycle = [0] * w.cycles
    sends: list[Send] = []
    sender = spec.sender
    normal, troubled, open_rate = _rates(rng, sender)
    trouble_from = w.days - spec.trouble_days if sender in ("at_risk", "unhealthy", "limited") else w.days + 1
    p_campaign, list_size, capped = spec.p_campaign, spec.list_size, sender == "new"
    sent_total = 0
    append = out.append
    campaigns = names.CAMPAIGN_NAMES
    for d in range(first, last + 1):
        base, wk = starts[d], weekday[d]
        if r() < p_contact * wk:
            t = base + 25_200 + int(r() * 46_800)
            if begin <= t <= end:
                append((cid, "contact_added", t, 1 + int(r() * r() * contact_scale), None, None, None))
        if r() < p_pages * (0.5 + 0.5 * wk):
            t = base + 36_000 + int(r() * 28_800)
            if begin <= t <= end:
                append((cid, "page_impression", t, 1 + int((5 + r() * page_scale) * wk), None, None, None))
        if r() < p_login * wk:
            t = base + 27_000 + int(r() * 39_600)
            if begin <= t <= end:
                u = int(r() * n_users)
                append((cid, "client_login", t, 1, emails[u], None, None))
                if t > last_login[u]:
                    last_login[u] = t
        if sender == "none" or r() >= p_campaign * wk:
            continue
        size = int(list_size * (0.7 + 0.6 * r()))
        t = base + 30_600 + int(r() * 25_200)
        if not begin <= t <= end or (capped and sent_total + size >= NEW_SENDER_CAP):
            continue
        title = f"{campaigns[int(r() * len(campaigns))]} ({w.labels[d]})"
        append((cid, "email_sent", t, size, None, title, None))
        sent_total += size
        sent_cycle[cycle_of[d]] += size
        sends.append((title, size, t))
        bounce, spam, unsub = troubled if d >= trouble_from else normal
        n = int(size * bounce * (0.6 + 0.8 * r()) + r())
        if n and t + 120 <= end:
            append((cid, "email_bounced", t + 120, n, None, title, None))
        later = t + 1_800 + int(r() * 14_400)
        if later + 600 > end:  # opens, complaints and unsubscribes have not come in yet
            continue
        append((cid, "email_opened", later, int(size * open_rate * (0.8 + 0.4 * r())) + 1, None, title, None))
        n = int(size * spam * (0.6 + 0.8 * r()) + r())
        if n:
            append((cid, "spam_complaint", later + 600, n, None, title, None))
        n = int(size * unsub * (0.6 + 0.8 * r()) + r())
        if n:
            append((cid, "unsubscribed", later + 300, n, None, title, None))
    window_start = starts[0]
    for _id, title, kind, created, updated, author in content:
        if window_start <= created <= end:
            append((cid, "content_created", created, 1, author, title, kind))
        if updated != created and window_start <= updated <= end:
            append((cid, "content_edited", updated, 1, author, title, kind))
    return sent_cycle, last_login, sends


def content_items(
    spec: ClientSpec, w: Window, rng: random.Random, next_id: int
) -> list[tuple[int, str, str, int, int, str]]:
    """(id, title, type, created epoch, updated epoch, author) — authors are client users, or
    "agency" for what the agency made for them."""
    if spec.kind == "client":
        count = 2 + int(rng.random() * 9)
    else:
        count = int(rng.random() < 0.4)
    end = min(w.now_epoch, epoch(spec.stop)) if spec.stop else w.now_epoch
    begin = max(epoch(spec.created), end - 365 * 86_400)
    items, seen = [], set()
    for i in range(count):
        kind = rng.choice(names.CONTENT_TYPES)
        title = rng.choice(names.CONTENT_TITLES[kind])
        while title in seen:
            title = f"{title} (copy)"
        seen.add(title)
        created = end - int((end - begin) * rng.random() ** 1.5)
        updated = created + int((end - created) * rng.random() * 0.6) if rng.random() < 0.6 else created
        author = "agency" if rng.random() < 0.2 else rng.choice(spec.users).full_name
        items.append((next_id + i, title, kind, created, updated, author))
    return items


def client_rows(spec: ClientSpec, w: Window, rng: random.Random, rows: Rows, ids: dict[str, int],
                content: list[tuple[int, str, str, int, int, str]], last_login: list[int],
                sends: list[Send], sent_cycle: list[int]) -> None:
    """Users, content, recent places, services, email jobs and limits for one client."""
    r = rng.random
    cid, now = spec.id, w.now_epoch
    end = min(now, epoch(spec.stop)) if spec.stop else now
    window_start = w.starts[0]
    for user, seen in zip(spec.users, last_login, strict=True):
        if not seen and epoch(user.created) < window_start and r() < 0.75:
            seen = epoch(user.created) + int((window_start - epoch(user.created)) * r())
        blocked = spec.deleted is not None or r() < 0.03
        rows.client_users.append((user.id, cid, user.full_name, user.email, user.role, blocked, user.created,
                                  at(seen) if seen else None))
    for item_id, title, kind, created, updated, _author in content:
        rows.content.append((item_id, cid, title, kind, f"{title}: {article(kind.replace('_', ' '))} for {spec.name}.",
                             at(created), at(updated)))
    # Company's Recent Places: content the client's own users made or changed.
    theirs = sorted((c for c in content if c[5] != "agency"), key=lambda c: c[4], reverse=True)[:4]
    for item_id, title, _kind, created, updated, _author in theirs:
        ids["place"] += 1
        rows.places.append((ids["place"], cid, None, item_id, "content", title,
                            "edited" if updated != created else "created", at(updated)))
    # Your Recent Places: what agency users (the OS-login admin too) did inside the client.
    ours = [c for c in content if c[5] == "agency"]
    visitors = [m for m in spec.managers if r() < 0.7] + ([1] if cid <= 12 or r() < 0.35 else [])
    begin = max(epoch(spec.created), now - 45 * 86_400)
    for agency_user in visitors:
        for _ in range(1 + int(r() * 3)):
            when = begin + int((end - begin) * r()) if end > begin else end
            when = max(begin, min(end, when - when % 86_400 + 28_800 + int(r() * 36_000)))  # office hours (UTC)
            choice = r()
            place: tuple[str, str, str, int | None]
            if choice < 0.3 and ours:
                item = ours[int(r() * len(ours))]
                place = ("content", item[1], "created" if item[3] == item[4] else "edited", item[0])
            elif choice < 0.6:
                place = ("user", rng.choice(spec.users).full_name, "created" if r() < 0.4 else "edited", None)
            else:
                configured = spec.kind == "client" and r() < 0.5
                place = ("info", "Client Configuration" if configured else "Company profile", "edited", None)
            ids["place"] += 1
            rows.places.append((ids["place"], cid, agency_user, place[3], place[0], place[1], place[2], at(when)))
    if spec.kind != "client" or spec.deleted is not None:
        return
    rows.sent[cid] = sent_cycle
    if spec.status != "Inactive":
        for service_id, service in enumerate(SERVICE_CATALOGUE, start=1):
            if r() < (0.5 if spec.category == "key" else 0.22):
                low, high, step = ALLOWANCES[service.key]
                allowance = rng.randint(low, high) * step
                active = int(allowance * (0.2 + 0.8 * r()))
                if r() < 0.05:  # the allowance was lowered below what is active (R-OPT-4)
                    active = allowance + rng.randint(1, 3) * step
                rows.services.append((cid, service_id, allowance, active))
    for title, size, sent_at in sends:
        if sent_at >= now - 30 * 86_400:
            ids["job"] += 1
            rows.jobs.append((ids["job"], cid, title, size, "sent", at(sent_at - 3_600 * (1 + int(r() * 47))),
                              at(sent_at)))
    scheduled_in_cycle = 0
    live = spec.stop is None and spec.sender != "none"
    if live and (spec.sender in ("at_risk", "unhealthy", "limited") or spec.category == "key" or r() < 0.3):
        for _ in range(1 + int(r() * 3)):
            days_ahead = rng.randint(1, 25)
            when = w.future(days_ahead, 32_400 + int(r() * 28_800))
            size = int(spec.list_size * (0.8 + 0.4 * r()))
            ids["job"] += 1
            rows.jobs.append((ids["job"], cid, f"{rng.choice(names.CAMPAIGN_NAMES)} (scheduled)", size, "scheduled",
                              at(when), None))
            if (w.today + timedelta(days=days_ahead)).month == w.today.month:
                scheduled_in_cycle += size
    if live and r() < 0.05:
        ids["job"] += 1
        rows.jobs.append((ids["job"], cid, f"{rng.choice(names.CAMPAIGN_NAMES)} (cancelled)",
                          spec.list_size, "cancelled", at(now - rng.randint(1, 20) * 86_400), None))
    if spec.category in ("normal", "key") and spec.sender != "none" and (r() < 0.07 or not rows.limits):
        used = sent_cycle[0] + scheduled_in_cycle
        headroom = 1.01 + 0.02 * r() if r() < 0.25 else 1.1 + 0.9 * r()
        rows.limits.append((max(1_000, int(math.ceil(used * headroom / 500.0)) * 500), cid))

