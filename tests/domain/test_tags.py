"""Manage Clients tags (R-MC-2)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from console_tui.domain.configuration import Term
from console_tui.domain.sender import SenderStatus
from console_tui.domain.tags import TagInput, tags_for

PLAIN = TagInput(
    ebs_enabled=False,
    config_complete=True,
    term=Term.MONTHLY,
    pre_renewal=False,
    direct_support=False,
    status="Active",
    sender_status=SenderStatus.HEALTHY,
)


def test_r_mc_2_all_tags_in_fixed_order() -> None:
    everything = TagInput(True, False, Term.ANNUAL, True, True, "Suspended", SenderStatus.LIMITED)
    assert tags_for(everything) == (
        "EBS Active",
        "Config incomplete",
        "Annual",
        "Pre-renewal",
        "Direct Support",
        "Suspended",
        "Limited",
    )


def test_r_mc_2_plain_client_shows_only_its_term() -> None:
    assert tags_for(PLAIN) == ("Monthly",)
    assert tags_for(replace(PLAIN, term=None)) == ()


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (SenderStatus.NEW, False),
        (SenderStatus.HEALTHY, False),
        (SenderStatus.AT_RISK, True),
        (SenderStatus.UNHEALTHY, True),
        (SenderStatus.LIMITED, True),
        (None, False),
    ],
)
def test_r_mc_2_sender_status_only_when_worse_than_healthy(
    status: SenderStatus | None, shown: bool
) -> None:
    tags = tags_for(replace(PLAIN, sender_status=status))
    assert (status is not None and status.value in tags) is shown


@pytest.mark.parametrize(
    ("status", "tag"),
    [("Inactive", "Inactive"), ("On hold", "On hold"), ("Active", None), ("\x1b[31mVIP", "VIP")],
)
def test_r_mc_2_status_tag_unless_active(status: str, tag: str | None) -> None:
    tags = tags_for(replace(PLAIN, status=status))
    assert tags == ("Monthly",) + ((tag,) if tag else ())
