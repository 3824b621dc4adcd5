"""Per-client option toggles (R-OPT-6, R-OPT-8)."""

from __future__ import annotations

from console_tui.clock import Clock
from console_tui.data.commands.base import unit_of_work
from console_tui.data.engine import Database
from console_tui.domain.permissions import Action


def toggle_direct_support(db: Database, clock: Clock, login: str, client_id: int, *, enabled: bool,
                          seen_version: int | None = None) -> bool:
    """Turn the paid Direct Support add-on on or off for one client (R-OPT-6). Returns the new value."""
    with unit_of_work(db, clock, login, Action.DIRECT_SUPPORT, client_id=client_id) as work:
        client = work.client
        assert client is not None
        work.expect_version(client, seen_version, "Changing Direct Support")
        before = client.direct_support
        client.direct_support = enabled
        work.audit(before={"direct_support": before}, after={"direct_support": enabled})
        return enabled
