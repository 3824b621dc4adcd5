"""What a filter is evaluated against: the plain facts about one client.

The data layer builds them (``data/queries/client_facts.py``); the attention queue, saved views
and the CLI read them too. Choice fields hold the filter's own words (``sender`` is ``"at-risk"``,
``term`` is ``"annual"`` or ``None``); features are the filter's words (``crm``, ``api``, ``cart``,
``ads``, ``brand``, ``support``). The ``*_key`` fields are what the evaluator compares, folded once
here rather than at every keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from console_tui.domain.text import clean_text


def fold(text: str) -> str:
    """Text as searches compare it: cleaned of control characters, case-folded, spaces collapsed
    (the console's client search folds names the same way)."""
    return " ".join((text if text.isprintable() else clean_text(text)).casefold().split())


#: Statuses, tags and logins repeat across thousands of clients: each is folded once.
_fold_value = lru_cache(maxsize=4096)(fold)


@dataclass(frozen=True, slots=True)
class ClientFacts:
    """One client as the filter language sees it; ``None`` is a missing value (``field:none``)."""

    id: int
    name: str
    kind: str  # client | lead | prospect
    status: str  # as stored: Active, Suspended, a custom status
    tags: tuple[str, ...]  # as Manage Clients shows them (R-MC-2)
    sender: str  # new | healthy | at-risk | unhealthy | limited
    util: int  # 0–100
    sent: int  # emails sent, last 30 days
    opened: int  # emails opened, last 30 days
    open: float | None  # open rate %, None when nothing was sent
    contacts: int  # contacts added, last 30 days
    users: int  # client users not blocked
    login: int | None  # days since the last client login, None: never
    renews: int | None  # days until the license renews, None: no term and start date
    term: str | None  # monthly | annual | None
    limit: int | None  # emails per billing cycle, None: unlimited
    usage: float | None  # % of the limit used this cycle (scheduled jobs included), None: unlimited
    managers: frozenset[str]  # Client Managers' logins
    features: frozenset[str]  # crm, api, cart, ads, brand, support: the ones the client uses
    config_complete: bool
    ebs: bool
    name_key: str = field(init=False, repr=False, compare=False)
    status_key: str = field(init=False, repr=False, compare=False)
    tag_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    manager_keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "name_key", fold(self.name))
        put(self, "status_key", _fold_value(self.status))
        put(self, "tag_keys", frozenset(_fold_value(tag) for tag in self.tags))
        put(self, "manager_keys", frozenset(_fold_value(login) for login in self.managers))
