"""Tags next to a client's name in Manage Clients (R-MC-2).

Fixed order: ``EBS Active`` (R-SUP-1), ``Config incomplete`` (R-MC-3), ``Annual`` or
``Monthly``, ``Pre-renewal`` (R-OPT-9), ``Direct Support``, the status when it is not ``Active``
(Suspended, Inactive or a custom status, as written), and the sender status when it is worse
than Healthy (At Risk, Unhealthy, Limited). **[decision]** No term set: neither Annual nor
Monthly; ``pre_renewal`` is computed by the caller with :func:`removal.in_pre_renewal`.
"""

from __future__ import annotations

from dataclasses import dataclass

from console_tui.domain.configuration import Term
from console_tui.domain.ebs import EBS_TAG
from console_tui.domain.sender import SenderStatus
from console_tui.domain.support import DIRECT_SUPPORT_TAG
from console_tui.domain.text import clean_text

CONFIG_INCOMPLETE_TAG = "Config incomplete"
PRE_RENEWAL_TAG = "Pre-renewal"
ACTIVE_STATUS = "Active"


@dataclass(frozen=True)
class TagInput:
    """What the tags are computed from (R-MC-2)."""

    ebs_enabled: bool
    config_complete: bool
    term: Term | None
    pre_renewal: bool
    direct_support: bool
    status: str
    sender_status: SenderStatus | None


def tags_for(info: TagInput) -> tuple[str, ...]:
    """The client's tags in their fixed order (R-MC-2)."""
    tags: list[str] = []
    if info.ebs_enabled:
        tags.append(EBS_TAG)
    if not info.config_complete:
        tags.append(CONFIG_INCOMPLETE_TAG)
    if info.term is not None:
        tags.append("Annual" if Term(info.term) is Term.ANNUAL else "Monthly")
    if info.pre_renewal:
        tags.append(PRE_RENEWAL_TAG)
    if info.direct_support:
        tags.append(DIRECT_SUPPORT_TAG)
    status = clean_text(info.status).strip()
    if status and status != ACTIVE_STATUS:
        tags.append(status)
    if info.sender_status is not None and SenderStatus(info.sender_status).worse_than(
        SenderStatus.HEALTHY
    ):
        tags.append(SenderStatus(info.sender_status).value)
    return tuple(tags)
