"""The demo's three shared views (R-VIEW-1, R-VIEW-2), owned by its Administrator: each selects a
worklist a manager starts the day with, checked as ``views add`` checks a typed one."""

from __future__ import annotations

from datetime import datetime

from console_tui.data.demo.write import Record
from console_tui.domain.saved_views import check_view

#: name, filter, sort
DEMO_VIEWS = (
    ("Senders at risk", "sender>=at-risk", "sent:desc"),  # the biggest senders first: most at stake
    ("Renewals this month", "renews<=30 term:annual", "name"),
    ("Never logged in", "login:none kind:client", "users:desc"),
)
COLUMNS = ("id", "owner_id", "name", "filter", "sort", "descending", "shared", "created_at")


def shared_views(owner_id: int, now: datetime) -> list[Record]:
    """The demo views as ``saved_view`` rows, shared with the agency."""
    specs = [check_view(name, text, sort, shared=True) for name, text, sort in DEMO_VIEWS]
    return [(i, owner_id, spec.name, spec.filter, spec.sort, spec.descending, spec.shared, now)
            for i, spec in enumerate(specs, start=1)]
