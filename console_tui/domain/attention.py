"""The attention queue: which clients need someone, why, and in what order (R-ATT-1, R-ATT-2).

* R-ATT-1: one pure function per reason, each taking one client's :class:`AttentionFacts`, the day
  and the :class:`Thresholds`, and returning a :class:`Reason` or ``None``. A reason has a code, a
  sentence, a severity, the date it began when that is known (``since``) and ``fix``: the id of the
  key-table row that opens the screen that fixes it. The agency's plan is one more reason, on a row
  of its own (:func:`plan_reason`).
* R-ATT-2: a row's severity is its worst reason's; rows are sorted worst first, then the longest
  waiting (the earliest ``since`` of that severity; unknown last), then by name. The agency row
  comes first.
* R-ATT-4: a client's card shows a :class:`Mark`: how many open reasons its row has in the person's
  queue (what the snoozes leave, :func:`marks`) and the worst one's severity, as a glyph and a number.

**[decision]** "Worse than last night" is the sender-status change recorded for the last closed day,
to a worse status; a change from New (a sender's first real status) is not "worse". A client
nobody ever logged in to, or that never sent, is only listed once it is older than the number of
days the rule waits, counted from the day it was added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum
from functools import cache

from console_tui.domain.filters.facts import ClientFacts
from console_tui.domain.removal import PRE_RENEWAL_DAYS, window_opens
from console_tui.domain.sender import SenderStatus
from console_tui.domain.utilization import Level, level
from console_tui.domain.wording import count


class Severity(IntEnum):
    """Worse is lower, so rows sort worst first; ``mark`` shows it without colour."""

    CRITICAL = 0
    WARNING = 1
    NOTICE = 2

    @property
    def word(self) -> str:
        return self.name.lower()

    @property
    def mark(self) -> str:
        return {Severity.CRITICAL: "!!", Severity.WARNING: "! ", Severity.NOTICE: "· "}[self]


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    text: str
    severity: Severity
    since: date | None
    fix: str  # the key-table row id whose screen fixes it


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The settings the rules read (``config.Settings`` holds them)."""

    usage_pct: int = 90  # email usage warning from this % of the limit; critical at 100 %
    renewal_notice_days: int = 14  # an annual client's pre-renewal window opening this soon is listed
    pre_renewal_days: int = PRE_RENEWAL_DAYS
    no_login_days: int = 30
    no_send_days: int = 30
    grasshopper_age_days: int = 90
    ebs_wait_days: int = 60
    capacity_warning_pct: int = 90


@dataclass(frozen=True, slots=True)
class AttentionFacts:
    """What the rules read about one client: the filter's facts and a few dates beside them."""

    facts: ClientFacts
    added_on: date  # the local day the client was added
    sender_since: date | None = None  # the day the current sender status was recorded
    last_change: tuple[str | None, str, date] | None = None  # latest status change: old, new, day
    last_became_healthy: date | None = None
    last_night: date | None = None  # the last closed day (the rollup's)


@dataclass(frozen=True, slots=True)
class AttentionRow:
    id: int | None  # None: the agency's own row
    name: str
    reasons: tuple[Reason, ...]

    @property
    def severity(self) -> Severity:
        return min(reason.severity for reason in self.reasons)

    @property
    def since(self) -> date | None:
        known = [r.since for r in self.reasons if r.severity == self.severity and r.since is not None]
        return min(known) if known else None


Rule = Callable[[AttentionFacts, date, Thresholds], Reason | None]

#: The filter's sender words (``ClientFacts.sender``) as statuses.
_SENDER = {status.value.lower().replace(" ", "-"): status for status in SenderStatus}

#: The key-table rows (``ui/keys.py``) whose screens fix each reason.
SENDER_FIX, CONFIG_FIX, EBS_FIX = "attention.sender", "attention.config", "attention.ebs"
LIMITS_FIX, OPTIONS_FIX, USERS_FIX = "app.limits", "attention.options", "attention.users"
DETAIL_FIX, PLAN_FIX = "attention.detail", "app.account"


def sender_status(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """At Risk is a warning, Unhealthy and Limited are critical (R-ATT-1)."""
    status = _SENDER[c.facts.sender]
    if status.severity < SenderStatus.AT_RISK.severity:
        return None
    severity = Severity.WARNING if status is SenderStatus.AT_RISK else Severity.CRITICAL
    return Reason(f"sender-{c.facts.sender}", f"Sender status {status.value}", severity, c.sender_since, SENDER_FIX)


def sender_worse(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """The sender status got worse last night (R-ATT-1)."""
    if c.last_change is None or c.last_night is None:
        return None
    old, new, day = c.last_change
    if day < c.last_night or old is None or old == SenderStatus.NEW:
        return None
    if not SenderStatus(new).worse_than(SenderStatus(old)):
        return None
    severity = Severity.CRITICAL if SenderStatus(new).severity > SenderStatus.AT_RISK.severity else Severity.WARNING
    return Reason("sender-worse", f"Sender status fell from {old} to {new} last night", severity, day, SENDER_FIX)


def email_usage(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """This cycle's emails, scheduled jobs included, at ``usage_pct`` % of the limit or more (R-ATT-1)."""
    used = c.facts.usage
    if used is None or used < t.usage_pct:
        return None
    over = used >= 100
    shown = "all of" if used == float("inf") else f"{int(used)} % of"
    return Reason("usage-over" if over else "usage-high", f"Email usage at {shown} the limit this cycle",
                  Severity.CRITICAL if over else Severity.WARNING, None, LIMITS_FIX)


def pre_renewal(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """An annual client's pre-renewal window is open, or opens within ``renewal_notice_days`` (R-ATT-1)."""
    if c.facts.term != "annual" or c.facts.renews is None:
        return None
    renewal = today + timedelta(days=c.facts.renews)
    opens = window_opens(renewal, t.pre_renewal_days)
    if opens <= today:
        return Reason("renewal-window", f"Pre-renewal window open; renews {renewal.isoformat()}",
                      Severity.WARNING, opens, OPTIONS_FIX)
    if (opens - today).days <= t.renewal_notice_days:
        return Reason("renewal-soon", f"Pre-renewal window opens {opens.isoformat()}",
                      Severity.NOTICE, opens, OPTIONS_FIX)
    return None


def config_incomplete(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """The required configuration fields are not all set (R-ATT-1)."""
    if c.facts.config_complete:
        return None
    return Reason("config-incomplete", "Configuration incomplete", Severity.WARNING, c.added_on, CONFIG_FIX)


def no_login(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """No client user logged in for ``no_login_days`` (R-ATT-1)."""
    if c.facts.login is None:
        if (today - c.added_on).days < t.no_login_days:
            return None
        return Reason("no-login", "No client login ever", Severity.NOTICE, c.added_on, USERS_FIX)
    if c.facts.login < t.no_login_days:
        return None
    return Reason("no-login", f"No client login in {count(c.facts.login, 'day')}", Severity.NOTICE,
                  today - timedelta(days=c.facts.login), USERS_FIX)


def no_sends(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """An active client sent nothing in ``no_send_days`` (R-ATT-1); the snapshot counts 30 days."""
    f = c.facts
    if f.kind != "client" or f.status != "Active" or f.sent > 0 or (today - c.added_on).days < t.no_send_days:
        return None
    return Reason("no-sends", f"Sent nothing in {t.no_send_days} days", Severity.WARNING, None, SENDER_FIX)


def grasshopper(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """Utilization in Grasshopper for a client older than ``grasshopper_age_days`` (R-ATT-1)."""
    if level(c.facts.util) is not Level.GRASSHOPPER or (today - c.added_on).days <= t.grasshopper_age_days:
        return None
    return Reason("grasshopper", f"Utilization {c.facts.util} % (Grasshopper)", Severity.NOTICE, None, DETAIL_FIX)


def ebs_may_turn_off(c: AttentionFacts, today: date, t: Thresholds) -> Reason | None:
    """An opportunity: EBS is on and the sender has been Healthy long enough to turn it off (R-ATT-1, R-SUP-2)."""
    if not c.facts.ebs or c.facts.sender != "healthy" or c.last_became_healthy is None:
        return None
    opens = c.last_became_healthy + timedelta(days=t.ebs_wait_days)
    if today < opens:
        return None
    return Reason("ebs-may-turn-off", "EBS may now be turned off (Healthy sender)", Severity.NOTICE, opens, EBS_FIX)


#: Every per-client rule, in the order a row lists its reasons.
RULES: tuple[Rule, ...] = (sender_status, sender_worse, email_usage, pre_renewal, config_incomplete, no_login,
                           no_sends, grasshopper, ebs_may_turn_off)


def plan_reason(counted: int, plan_clients: int, t: Thresholds) -> Reason | None:
    """The agency's plan at ``capacity_warning_pct`` % of its counted clients or more (R-ATT-1, R-CAP-2)."""
    if counted * 100 < t.capacity_warning_pct * plan_clients:
        return None
    full = counted >= plan_clients
    return Reason("plan-full" if full else "plan-capacity",
                  f"Plan at {counted * 100 // plan_clients} % of its clients "
                  f"({count(counted)} of {count(plan_clients)})",
                  Severity.CRITICAL if full else Severity.WARNING, None, PLAN_FIX)


def reasons_for(client: AttentionFacts, today: date, t: Thresholds,
                rules: Sequence[Rule] = RULES) -> tuple[Reason, ...]:
    return tuple(reason for rule in rules if (reason := rule(client, today, t)) is not None)


def client_rows(clients: Iterable[AttentionFacts], today: date, t: Thresholds) -> Iterator[AttentionRow]:
    """A row for each client with at least one reason, one client at a time, in the clients' order."""
    for client in clients:
        if reasons := reasons_for(client, today, t):
            yield AttentionRow(client.facts.id, client.facts.name, reasons)


def order(row: AttentionRow) -> tuple[int, int, date, str, int]:
    since = row.since
    return (row.id is not None, row.severity, since or date.max, row.name.casefold(), row.id or 0)


@dataclass(frozen=True, slots=True)
class Mark:
    """A client card's attention mark (R-ATT-4): its open reasons and the worst one's severity."""

    count: int
    severity: Severity

    @property
    def text(self) -> str:
        """``!! 2`` (critical), ``! 2`` (warning), ``· 2`` (notice): readable without colour."""
        return f"{self.severity.mark.rstrip()} {self.count}"


#: A mark is a count and a severity: one object for each, shared by every card that shows it.
_shared_mark = cache(Mark)


def marks(rows: Iterable[AttentionRow]) -> dict[int, Mark]:
    """Each client's mark from its queue ``rows`` (after the person's snoozes), by client id; a client
    without a row has no open reason and no mark, and the agency's row is no client's (R-ATT-4)."""
    return {row.id: _shared_mark(len(row.reasons), row.severity) for row in rows if row.id is not None}


def attention_queue(clients: Iterable[AttentionFacts], today: date, t: Thresholds,
                    agency: AttentionRow | None = None) -> tuple[AttentionRow, ...]:
    """Every client with at least one reason, the agency row first, most urgent first (R-ATT-2)."""
    rows = list(client_rows(clients, today, t))
    if agency is not None and agency.reasons:
        rows.append(agency)
    rows.sort(key=order)
    return tuple(rows)
