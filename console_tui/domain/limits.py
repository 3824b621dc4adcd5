"""Email limits per billing cycle and the possible overage (R-EL-1, R-EL-2, R-EL-3, R-EL-4).

* R-EL-1: a limit is blank (``None``, unlimited, the default) or a whole number >= 0 written in
  canonical form: ASCII digits, no sign, no leading zeros, no separators, at most 2**31 - 1.
  Surrounding spaces are ignored. Anything else is refused with a message saying what is wrong.
* R-EL-2: usage = sent in the cycle + scheduled in the cycle; a send or schedule of ``adding``
  emails is refused when usage + adding > limit. Reaching the limit exactly is allowed.
* R-EL-3: a limit may exceed the included emails; the possible overage is what sending up to the
  limit would cost. **[decision]** Overage is charged per started block of 1,000 emails (1 email
  over costs one block). With no limit the overage is unbounded: :class:`Overage` then says so
  (``unbounded=True``) and its figures are 0.
* R-EL-4 (pure part): :func:`parse_limits` checks every client's text at once and refuses all of
  them together if any is bad, so the data layer can save all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from console_tui.domain.errors import LimitExceeded, ValidationError
from console_tui.domain.wording import count, money

#: The largest limit accepted (fits a signed 32-bit column).
MAX_LIMIT = 2**31 - 1
#: Overage is priced per this many emails.
OVERAGE_BLOCK = 1_000

K = TypeVar("K")


def _whole_number_problem(text: str, maximum: int) -> str | None:
    """Why ``text`` (already stripped, not blank) is not a canonical whole number, or None."""
    if text.isascii() and text.isdigit():
        if len(text) > 1 and text[0] == "0":
            return f"has leading zeros (write {int(text)})"
        if len(text) > len(str(maximum)) or int(text) > maximum:
            return f"is too large (at most {count(maximum)})"
        return None
    if text.startswith("-"):
        return "cannot be negative"
    if text.startswith("+"):
        return "has a + sign (write the number alone)"
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        return "uses digits other than 0-9"
    if "," in text or "_" in text or " " in text:
        return "has separators (write e.g. 10000)"
    if "." in text or "e" in text.lower():
        return "must be a whole number"
    return "must be a whole number of 0 or more"


def parse_whole_number(
    text: str, *, field: str, allow_blank: bool, maximum: int = MAX_LIMIT
) -> int | None:
    """Read a canonical whole number >= 0 from ``text`` or raise :class:`ValidationError`.

    Blank (or only spaces) gives ``None`` when ``allow_blank``, else "is required".
    Shared by email limits (R-EL-1) and allowances (R-OPT-4).
    """
    stripped = text.strip()
    if not stripped:
        if allow_blank:
            return None
        raise ValidationError({field: "is required"}, what=f"Setting the {field}")
    problem = _whole_number_problem(stripped, maximum)
    if problem is not None:
        raise ValidationError(
            {field: f"{problem} (you wrote {stripped[:40]!r})"}, what=f"Setting the {field}"
        )
    return int(stripped)


def parse_limit(text: str, *, field: str = "limit") -> int | None:
    """Read an email limit: blank means unlimited (``None``), else a whole number >= 0 (R-EL-1)."""
    return parse_whole_number(text, field=field, allow_blank=True)


def parse_limits(
    texts: Mapping[K, str], *, names: Mapping[K, str] | None = None
) -> dict[K, int | None]:
    """Read every client's limit; one bad value refuses them all (R-EL-1, R-EL-4).

    ``names`` gives the field name shown for each key (e.g. the client's name).
    The raised :class:`ValidationError` lists every bad field at once.
    """
    parsed: dict[K, int | None] = {}
    errors: dict[str, str] = {}
    for key, text in texts.items():
        name = (names or {}).get(key, str(key))
        try:
            parsed[key] = parse_limit(text, field=name)
        except ValidationError as exc:
            errors.update(exc.field_errors)
    if errors:
        raise ValidationError(
            errors,
            what="Saving the email limits",
            todo="Correct the limits named; nothing was saved",
        )
    return parsed


def usage(sent_in_cycle: int, scheduled_in_cycle: int) -> int:
    """Usage against the limit: sent plus scheduled in the cycle (R-EL-2)."""
    return sent_in_cycle + scheduled_in_cycle


def remaining(limit: int | None, sent_in_cycle: int, scheduled_in_cycle: int) -> int | None:
    """Emails that may still be sent or scheduled this cycle; ``None`` when unlimited (R-EL-2)."""
    if limit is None:
        return None
    return max(0, limit - usage(sent_in_cycle, scheduled_in_cycle))


def check_usage(
    limit: int | None, sent_in_cycle: int, scheduled_in_cycle: int, adding: int
) -> None:
    """Refuse sending or scheduling ``adding`` emails that would pass the limit (R-EL-2).

    Raises :class:`LimitExceeded` saying the limit, the usage and how much it would be over.
    Reaching the limit exactly is allowed.
    """
    if min(sent_in_cycle, scheduled_in_cycle, adding) < 0:
        raise ValueError("email counts cannot be negative")
    if limit is None:
        return
    used = usage(sent_in_cycle, scheduled_in_cycle)
    if used + adding > limit:
        raise LimitExceeded(
            f"Sending or scheduling {count(adding)} emails",
            limit=limit,
            usage=used,
            adding=adding,
            unit="emails this billing cycle (sent and scheduled)",
            todo="Send to fewer contacts, wait for the next billing cycle, "
            "or ask an Administrator to raise the limit",
        )


@dataclass(frozen=True)
class PlannedSend:
    """An email job scheduled in the cycle: its day and its size (R-EL-2); ``job_id`` tells two
    jobs of the same day and size apart (0 when the send is not a stored job yet)."""

    day: date
    size: int
    job_id: int = 0


def blocked_sends(limit: int | None, sent_in_cycle: int, planned: Sequence[PlannedSend]) -> tuple[PlannedSend, ...]:
    """The scheduled sends a limit would block, earliest first (R-EL-2).

    **[decision]** The sends go out in date order; each goes through while what was sent plus the
    sends before it, plus itself, stays within the limit (reaching it exactly is allowed), and is
    blocked otherwise — a later, smaller send may still fit. Unlimited blocks nothing.
    """
    return tuple(send for send, goes in send_outcomes(limit, sent_in_cycle, planned) if not goes)


def send_outcomes(limit: int | None, sent_in_cycle: int,
                  planned: Sequence[PlannedSend]) -> tuple[tuple[PlannedSend, bool], ...]:
    """Every scheduled send in the order they go out, each with whether the limit lets it through
    (R-EL-2), by :func:`blocked_sends`' rule; unlimited lets every one through."""
    used, outcomes = sent_in_cycle, []
    for send in sorted(planned, key=lambda p: p.day):  # stable: same-day sends keep the order given
        goes = limit is None or used + send.size <= limit
        used += send.size if goes else 0
        outcomes.append((send, goes))
    return tuple(outcomes)


@dataclass(frozen=True)
class Overage:
    """What sending up to the limit could cost beyond the included emails (R-EL-3)."""

    emails_over: int
    cost_cents: int
    unbounded: bool
    message: str


def email_overage_cents(emails: int, included_emails: int, price_per_1000_cents: int) -> int:
    """Overage for ``emails`` sent: per started 1,000 over ``included_emails`` (R-EL-3, R-BL-3)."""
    over = max(0, emails - included_emails)
    blocks = -(-over // OVERAGE_BLOCK)
    return blocks * price_per_1000_cents


def possible_overage(
    limit: int | None, included_emails: int, overage_price_per_1000_cents: int
) -> Overage:
    """The overage a client could incur by sending up to its limit (R-EL-3)."""
    if limit is None:
        return Overage(
            0,
            0,
            True,
            (
                f"No limit: emails beyond the {count(included_emails)} included are charged at "
                f"{money(overage_price_per_1000_cents)} per 1,000 with no upper bound"
            ),
        )
    over = max(0, limit - included_emails)
    cost = email_overage_cents(limit, included_emails, overage_price_per_1000_cents)
    if over == 0:
        message = f"The limit is within the {count(included_emails)} included emails: no overage"
    else:
        message = (
            f"The limit is {count(over)} emails over the {count(included_emails)} included: "
            f"up to {money(cost)} of overage per cycle"
        )
    return Overage(over, cost, False, message)
