"""Company Utilization Score and level (R-UT-1, R-UT-2, R-UT-3).

The score is the weighted share of product activities completed, 0–100, rounded half up.
Sections, activities and weights are **data** (R-UT-1): :data:`DEFAULT_ACTIVITIES` is the
catalogue the demo loads into the database; the score function takes any catalogue.
The agency's own score (R-UT-3) is the same function over the agency's own instance.

**[decision]** Completed keys not in the catalogue are ignored; an empty catalogue (or one whose
weights sum to 0) scores 0. Weights are whole numbers >= 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

#: The 11 sections of R-UT-1, in the order the spec lists them.
SECTIONS: tuple[str, ...] = (
    "Landing Pages",
    "Forms",
    "Automation",
    "Media Center",
    "Sales",
    "Agency",
    "Email",
    "Analytics",
    "Lead Scoring",
    "Personas",
    "VisitorID",
)


@dataclass(frozen=True)
class Activity:
    """One product activity counted by the score, with its section and weight (R-UT-1)."""

    key: str
    section: str
    weight: int

    def __post_init__(self) -> None:
        if self.weight < 0:
            raise ValueError(f"activity {self.key!r}: weight cannot be negative")


def _a(key: str, section: str, weight: int) -> Activity:
    return Activity(key, section, weight)


#: Default activity catalogue (R-UT-1): data, loaded into the database by the demo.
DEFAULT_ACTIVITIES: tuple[Activity, ...] = (
    _a("landing_page_published", "Landing Pages", 3),
    _a("landing_page_ab_test", "Landing Pages", 1),
    _a("form_created", "Forms", 3),
    _a("form_embedded", "Forms", 2),
    _a("workflow_active", "Automation", 4),
    _a("drip_campaign", "Automation", 2),
    _a("media_uploaded", "Media Center", 1),
    _a("media_shared", "Media Center", 1),
    _a("pipeline_configured", "Sales", 3),
    _a("deal_created", "Sales", 2),
    _a("sales_dialer_used", "Sales", 1),
    _a("client_user_invited", "Agency", 1),
    _a("branding_set", "Agency", 1),
    _a("email_sent", "Email", 4),
    _a("email_template_saved", "Email", 2),
    _a("report_viewed", "Analytics", 2),
    _a("dashboard_customised", "Analytics", 1),
    _a("scoring_rules_set", "Lead Scoring", 2),
    _a("persona_created", "Personas", 1),
    _a("persona_assigned", "Personas", 1),
    _a("tracking_code_installed", "VisitorID", 3),
    _a("visitor_identified", "VisitorID", 2),
)


class Level(StrEnum):
    """Utilization levels (R-UT-2)."""

    DRAGON = "Dragon"
    TIGER = "Tiger"
    RABBIT = "Rabbit"
    GRASSHOPPER = "Grasshopper"


def utilization_score(activities: Sequence[Activity], completed_keys: Iterable[str]) -> int:
    """Weighted share (0–100, half up) of ``activities`` whose key is completed (R-UT-1, R-UT-3)."""
    done_keys = frozenset(completed_keys)
    total = sum(activity.weight for activity in activities)
    if total <= 0:
        return 0
    done = sum(activity.weight for activity in activities if activity.key in done_keys)
    return (200 * done + total) // (2 * total)


def level(score: int) -> Level:
    """Dragon 91–100, Tiger 51–90, Rabbit 25–50, Grasshopper 0–24 (R-UT-2)."""
    if not 0 <= score <= 100:
        raise ValueError(f"a utilization score is 0 to 100, not {score}")
    if score >= 91:
        return Level.DRAGON
    if score >= 51:
        return Level.TIGER
    if score >= 25:
        return Level.RABBIT
    return Level.GRASSHOPPER
