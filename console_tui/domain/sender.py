"""Email sender status from the last 30 days of sending (R-SS-1, R-SS-2, R-OPT-7).

Rules (R-SS-2 **[decision]** in DOMAIN.md):

* ``New`` while fewer than 1,000 emails were ever sent (checked first);
* else ``Limited`` if the spam-complaint rate exceeds 3x its threshold (3 x 0.08 % = 0.24 %);
* else ``Healthy`` when all three rates are good, ``At Risk`` when one is not, ``Unhealthy``
  when two or more are not.

Good rates (R-SS-1): spam complaints **<=** 0.08 %, bounces **<** 1 %, unsubscribes **<** 1 %.
Rates are compared exactly (in whole numbers: ``part * d > n * sent`` for a threshold ``n / d``), so 8
complaints in 10,000 emails is still good.

**[decision]** A window with nothing sent in 30 days (but 1,000 or more ever) has no bad rates,
so it is ``Healthy``; its rates are ``None`` ("—" on screen), never a division by zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

#: Spam complaints are good up to and including this share of sent emails (0.08 %).
SPAM_RATE_MAX = Decimal("0.0008")
#: Bounces are good strictly below this share (1 %).
BOUNCE_RATE_LIMIT = Decimal("0.01")
#: Unsubscribes are good strictly below this share (1 %).
UNSUBSCRIBE_RATE_LIMIT = Decimal("0.01")
#: ``Limited`` when the spam rate is more than this many times :data:`SPAM_RATE_MAX`.
LIMITED_SPAM_FACTOR = 3
#: ``New`` while fewer than this many emails were ever sent.
NEW_SENDER_BELOW = 1_000
#: Days in the window sender status is computed over.
STATUS_WINDOW_DAYS = 30
#: The Email Sender breakdown's windows, in days (R-OPT-7).
BREAKDOWN_WINDOWS_DAYS: tuple[int, ...] = (1, 7, 30, 90)


class SenderStatus(StrEnum):
    """Sender statuses (R-SS-1); ``severity`` orders them, worse is higher."""

    NEW = "New"
    HEALTHY = "Healthy"
    AT_RISK = "At Risk"
    UNHEALTHY = "Unhealthy"
    LIMITED = "Limited"

    @property
    def severity(self) -> int:
        """0 for New, then Healthy 1, At Risk 2, Unhealthy 3, Limited 4 (R-SS-1)."""
        return _SEVERITY[self]

    def worse_than(self, other: SenderStatus) -> bool:
        """True when this status is strictly worse than ``other`` (R-SS-1)."""
        return self.severity > SenderStatus(other).severity


_SEVERITY = {status: index for index, status in enumerate(SenderStatus)}


@dataclass(frozen=True)
class SenderWindow:
    """Counts over a window (30 days for the status) plus all-time sent (R-SS-2, R-OPT-7)."""

    sent: int
    bounced: int
    spam: int
    unsubscribed: int
    sent_ever: int
    opened: int = 0

    def __post_init__(self) -> None:
        for name in ("sent", "bounced", "spam", "unsubscribed", "sent_ever", "opened"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")


@dataclass(frozen=True)
class Rates:
    """Shares of sent emails as Decimal fractions (0.01 = 1 %); ``None`` if none sent (R-OPT-7)."""

    opened: Decimal | None
    bounced: Decimal | None
    spam: Decimal | None
    unsubscribed: Decimal | None


def rate(part: int, whole: int) -> Decimal | None:
    """``part / whole`` as a Decimal, or ``None`` when ``whole`` is 0 (R-OPT-7, R-CMC-3)."""
    if whole <= 0:
        return None
    return Decimal(part) / Decimal(whole)


def rates(window: SenderWindow) -> Rates:
    """Open, bounce, spam and unsubscribe rates of a window (R-OPT-7, R-SS-1)."""
    return Rates(
        opened=rate(window.opened, window.sent),
        bounced=rate(window.bounced, window.sent),
        spam=rate(window.spam, window.sent),
        unsubscribed=rate(window.unsubscribed, window.sent),
    )


# the thresholds as exact whole-number ratios (numerator, denominator), computed once: the rollup and the
# history compare every client's window on every day they close
_SPAM = Fraction(SPAM_RATE_MAX).as_integer_ratio()
_LIMITED_SPAM = (LIMITED_SPAM_FACTOR * Fraction(SPAM_RATE_MAX)).as_integer_ratio()
_BOUNCE = Fraction(BOUNCE_RATE_LIMIT).as_integer_ratio()
_UNSUBSCRIBE = Fraction(UNSUBSCRIBE_RATE_LIMIT).as_integer_ratio()


def bad_rates(window: SenderWindow) -> tuple[str, ...]:
    """Names of the rates that are not good, among "spam", "bounces", "unsubscribes" (R-SS-1)."""
    sent = window.sent
    if sent == 0:
        return ()
    bad = []
    if window.spam * _SPAM[1] > _SPAM[0] * sent:
        bad.append("spam")
    if window.bounced * _BOUNCE[1] >= _BOUNCE[0] * sent:
        bad.append("bounces")
    if window.unsubscribed * _UNSUBSCRIBE[1] >= _UNSUBSCRIBE[0] * sent:
        bad.append("unsubscribes")
    return tuple(bad)


def sender_status(window: SenderWindow) -> SenderStatus:
    """The sender status for a 30-day window (R-SS-1, R-SS-2)."""
    if window.sent_ever < NEW_SENDER_BELOW:
        return SenderStatus.NEW
    if window.sent and window.spam * _LIMITED_SPAM[1] > _LIMITED_SPAM[0] * window.sent:
        return SenderStatus.LIMITED
    bad = len(bad_rates(window))
    if bad == 0:
        return SenderStatus.HEALTHY
    return SenderStatus.AT_RISK if bad == 1 else SenderStatus.UNHEALTHY


def format_rate(value: Decimal | None, places: int = 2) -> str:
    """A rate as a percentage: Decimal("0.0123") -> "1.23 %"; None -> "—" (R-OPT-7, R-CMC-3)."""
    if value is None:
        return "—"
    return f"{value * 100:.{places}f} %"
