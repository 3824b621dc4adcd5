"""Engagement-based suppression (EBS): default, the off-toggle guard, re-enable (R-SUP-1..4).

* R-SUP-1: EBS is on for every new client (:data:`EBS_DEFAULT_ON`); such clients are tagged
  :data:`EBS_TAG`.
* R-SUP-2: turning EBS **off** needs sender status Healthy or At Risk **and** at least
  ``wait_days`` (default 60, a setting) since the client last became Healthy: allowed on day 60
  exactly, refused on day 59 with the date it opens. Turning EBS **on** is always allowed.
* R-SUP-3: a downgrade to Unhealthy or Limited turns EBS back on.
* R-SUP-4: turning EBS off never lifts time-based suppressions (:data:`EBS_OFF_NOTE`).
* Turning EBS on says what it commits to: when it may be turned off again (:func:`ebs_on_note`).

**[decision]** A Healthy/At Risk client with no record of ever becoming Healthy (e.g. New, then
straight to At Risk) is refused: the 60 days have not started, so no opening date can be given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from console_tui.domain.guard import Guard
from console_tui.domain.sender import SenderStatus
from console_tui.domain.wording import count

#: R-SUP-1: EBS is on for a new client.
EBS_DEFAULT_ON = True
#: R-SUP-1: the tag shown on clients with EBS on.
EBS_TAG = "EBS Active"
#: R-SUP-2: the default number of days after becoming Healthy before EBS may be turned off.
EBS_WAIT_DAYS = 60
#: R-SUP-2: statuses for which EBS may be turned off.
EBS_OFF_STATUSES: frozenset[SenderStatus] = frozenset({SenderStatus.HEALTHY, SenderStatus.AT_RISK})
#: R-SUP-3: statuses that force EBS on.
EBS_FORCED_STATUSES: frozenset[SenderStatus] = frozenset(
    {SenderStatus.UNHEALTHY, SenderStatus.LIMITED}
)
#: R-SUP-4: shown wherever EBS can be turned off.
EBS_OFF_NOTE = (
    "Turning EBS off does not lift time-based suppressions: contacts suppressed for a period "
    "stay suppressed until that period ends."
)


def ebs_toggle_guard(
    status: SenderStatus,
    last_became_healthy: date | None,
    today: date,
    wait_days: int = EBS_WAIT_DAYS,
) -> Guard:
    """May EBS be turned **off** today? (R-SUP-2, R-SUP-3)

    ``last_became_healthy`` is the date of the latest change to Healthy in the status history.
    Refusals say why and, when it is only a matter of time, ``opens_on``.
    """
    status = SenderStatus(status)
    if status not in EBS_OFF_STATUSES:
        return Guard(
            False,
            f"the sender status is {status.value}; EBS can be turned off only for a Healthy or "
            f"At Risk sender, {wait_days} days after it became Healthy",
        )
    if last_became_healthy is None:
        return Guard(
            False,
            f"the client has not been a Healthy sender yet; EBS can be turned off "
            f"{wait_days} days after it becomes Healthy",
        )
    opens_on = last_became_healthy + timedelta(days=wait_days)
    if today < opens_on:
        waited = (today - last_became_healthy).days
        return Guard(
            False,
            f"the client became Healthy on {last_became_healthy.isoformat()}, {count(waited, 'day')} ago; "
            f"EBS can be turned off {wait_days} days after that, from {opens_on.isoformat()}",
            opens_on,
        )
    return Guard(True, f"{status.value} sender, Healthy since at least {wait_days} days ago")


def ebs_on_note(off_guard: Guard, last_became_healthy: date | None, wait_days: int = EBS_WAIT_DAYS,
                day: Callable[[date], str] = date.isoformat) -> str:
    """What turning EBS on commits to: when it may be turned off again (R-SUP-2), for the confirmation.

    ``off_guard`` is :func:`ebs_toggle_guard` for today (turning EBS on changes neither the status
    nor its history, so it already answers "could it be turned off again?"); ``day`` writes a date.
    """
    rule = f"Once on, EBS cannot be turned off again until {wait_days} days after the client is Healthy"
    if off_guard.allowed and last_became_healthy is not None:
        opened = last_became_healthy + timedelta(days=wait_days)
        return (f"{rule}: it became Healthy on {day(last_became_healthy)}, so that was {day(opened)}; EBS can "
                "be turned off again while the sender status stays Healthy or At Risk.")
    if off_guard.opens_on is not None and last_became_healthy is not None:
        return (f"{rule}: it became Healthy on {day(last_became_healthy)}, so not before "
                f"{day(off_guard.opens_on)}.")
    return f"{rule}: the {wait_days} days are counted from the day it becomes Healthy, which has no date yet."


def ebs_after_status_change(old: SenderStatus, new: SenderStatus, ebs_enabled: bool) -> bool:
    """Whether EBS is on after the sender status changes from ``old`` to ``new`` (R-SUP-3).

    A downgrade to Unhealthy or Limited forces EBS on; any other change leaves it as it was.
    **[decision]** Being Unhealthy or Limited after the change always means EBS on, even when
    ``old`` is the same status: EBS cannot be off in those statuses (R-SUP-2), so this only
    repairs a state that should not exist.
    """
    if SenderStatus(new) in EBS_FORCED_STATUSES:
        return True
    return ebs_enabled


def ebs_forced_on(old: SenderStatus, new: SenderStatus, ebs_enabled: bool) -> bool:
    """True when this status change turns EBS on by itself, so it must be audited (R-SUP-3)."""
    return not ebs_enabled and ebs_after_status_change(old, new, ebs_enabled)
