"""What the kiosk's agency page shows: plain frozen dataclasses (built by ``data.queries.kiosk``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from console_tui.domain.movers import Mover


@dataclass(frozen=True)
class NamedMover:
    """A top mover with the client's name."""

    name: str
    mover: Mover


@dataclass(frozen=True)
class AgencyPage:
    """The agency's figures over the clients the acting user may access (R-ACC-2)."""

    agency_name: str
    as_of: datetime | None  # when the nightly figures were computed
    clients: int
    yesterday: date
    emails_sent_yesterday: int  # from the raw events of that local day
    emails_sent_30d: int
    emails_opened_30d: int
    senders: tuple[tuple[str, int], ...]  # (sender status, clients), every status, in ladder order
    movers_since: date | None  # the day the movers are measured from; None: no earlier figures kept
    movers: tuple[NamedMover, ...]

    @property
    def open_rate(self) -> float | None:
        return self.emails_opened_30d / self.emails_sent_30d if self.emails_sent_30d else None

    def senders_in(self, *statuses: str) -> int:
        return sum(n for status, n in self.senders if status in statuses)
