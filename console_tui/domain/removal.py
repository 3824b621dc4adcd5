"""Remove Company and the pre-renewal window (R-OPT-9, R-MC-2).

* ``monthly`` clients may be removed at any time.
* ``annual`` clients only in the pre-renewal window: the last ``window_days`` (default 30, a
  setting) before the renewal date. 30 days before renewal is inside; 31 days before is refused
  with the date the window opens (renewal - 30 days).
* **[decision]** A client with no license term yet (configuration incomplete) has no annual
  commitment, so it may be removed like a monthly client.
* **[decision]** Only annual terms have a pre-renewal window (and the ``Pre-renewal`` tag).

Removal itself is a soft delete done by the data layer; purging is a separate, confirmed command.
"""

from __future__ import annotations

from datetime import date, timedelta

from console_tui.domain.configuration import Term
from console_tui.domain.cycles import next_renewal
from console_tui.domain.guard import Guard

#: Days before the renewal date during which an annual client may be removed.
PRE_RENEWAL_DAYS = 30

__all__ = ["PRE_RENEWAL_DAYS", "in_pre_renewal", "next_renewal", "removal_guard", "window_opens"]


def window_opens(renewal_date: date, window_days: int = PRE_RENEWAL_DAYS) -> date:
    """First day of the pre-renewal window for ``renewal_date`` (R-OPT-9)."""
    return renewal_date - timedelta(days=window_days)


def in_pre_renewal(
    term: Term | str | None,
    renewal_date: date | None,
    today: date,
    window_days: int = PRE_RENEWAL_DAYS,
) -> bool:
    """True for an annual client in the last ``window_days`` before renewal (R-OPT-9, R-MC-2)."""
    if term is None or Term(term) is not Term.ANNUAL or renewal_date is None:
        return False
    return today >= window_opens(renewal_date, window_days)


def removal_guard(
    term: Term | str | None,
    renewal_date: date | None,
    today: date,
    window_days: int = PRE_RENEWAL_DAYS,
) -> Guard:
    """May this company be removed today? Refusals give the date it will be allowed (R-OPT-9).

    ``renewal_date`` is the next renewal (see :func:`next_renewal`); needed for annual terms.
    """
    if term is None:
        return Guard(True, "no license term is set, so there is no annual commitment")
    if Term(term) is Term.MONTHLY:
        return Guard(True, "monthly clients may be removed at any time")
    if renewal_date is None:
        raise ValueError("an annual term needs its renewal date")
    opens = window_opens(renewal_date, window_days)
    if today >= opens:
        return Guard(True, f"in the pre-renewal window (renewal on {renewal_date.isoformat()})")
    return Guard(
        False,
        f"the client is on an annual term renewing on {renewal_date.isoformat()}; annual clients "
        f"can be removed only in the last {window_days} days before renewal, "
        f"from {opens.isoformat()}",
        opens,
    )
