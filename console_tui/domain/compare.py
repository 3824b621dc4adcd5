"""Comparing clients side by side without switching into any of them (R-CMP-1, R-CMP-2).

:class:`Tray` is the short list of clients picked for a comparison (R-CMP-1): at most
:data:`TRAY_MAX`, in the order picked, each once. It is a value: adding or dropping returns a
new tray, and a refusal (a full tray) is a :class:`~console_tui.domain.errors.RuleRefused` that
says what to do.

:func:`best` says which values of one row of the comparison are the best (R-CMP-2): the highest,
or the lowest for a row where less is better; every value equal to the best is marked, none when
all the known values are equal or fewer than two are known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from console_tui.domain.errors import RuleRefused
from console_tui.domain.sender import SenderStatus

#: How many clients one comparison holds (R-CMP-1).
TRAY_MAX = 4
#: How many a comparison needs before it opens (R-CMP-1).
TRAY_MIN = 2


@dataclass(frozen=True, slots=True)
class Picked:
    """One client in the tray: its id and the name it had when picked (shown until loaded)."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Tray:
    """The clients picked for a comparison, in the order picked (R-CMP-1)."""

    clients: tuple[Picked, ...] = ()

    def __len__(self) -> int:
        return len(self.clients)

    def __contains__(self, client_id: object) -> bool:
        return any(picked.id == client_id for picked in self.clients)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(picked.id for picked in self.clients)

    def toggled(self, client_id: int, name: str) -> Tray:
        """The tray with the client added at the end, or dropped when it is in already; a fifth
        client is refused (nothing changes)."""
        if client_id in self:
            return self.without(client_id)
        if len(self.clients) >= TRAY_MAX:
            raise RuleRefused(
                f"Adding {name} to the comparison", f"it holds {TRAY_MAX} clients already",
                "Press = to open it, or press + on a client in it to take that one out",
            )
        return Tray((*self.clients, Picked(client_id, name)))

    def without(self, client_id: int) -> Tray:
        return Tray(tuple(picked for picked in self.clients if picked.id != client_id))

    @property
    def ready(self) -> bool:
        """Enough clients to open the comparison."""
        return len(self.clients) >= TRAY_MIN

    def status(self) -> str:
        """What the console's status line says about the tray: ``compare: 2 — = to open``."""
        if not self.clients:
            return ""
        more = "= to open" if self.ready else "+ one more to compare"
        return f"compare: {len(self.clients)} — {more}"


def best(values: Sequence[float | None], *, lower_is_better: bool = False) -> frozenset[int]:
    """The positions holding the best of ``values`` (R-CMP-2); ``None`` is unknown and never best.

    Every position equal to the best is marked (a tie marks each); nothing is marked when fewer
    than two values are known or when all known values are equal (no one stands out).
    """
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2 or len({v for _i, v in known}) == 1:
        return frozenset()
    top = min(v for _i, v in known) if lower_is_better else max(v for _i, v in known)
    return frozenset(i for i, v in known if v == top)


def sender_rank(status: str) -> float | None:
    """A sender status as a number where more is better (Healthy highest); New is not ranked, since a
    new sender has not sent enough to be judged (R-CMP-2)."""
    try:
        found = SenderStatus(status)
    except ValueError:
        return None
    return None if found is SenderStatus.NEW else -float(found.severity)
