"""Python's cyclic garbage collector at scale: the loaded clients kept out of it, its full passes kept
off the keyboard's path.

With many clients the summaries live as long as the console shows them: they are frozen out of the
collector at each complete load (:meth:`QuietCollector.keep_out`), so that its passes never walk them.
Unfreeze and collect first, or the cycles freed since the last load would never be collected (the
soak benchmark saw +31 MB per 100 reloads before this). A small agency is left to the collector as it
is: a full pass of the whole heap costs more than the collector's own passes over a few hundred
summaries ever will.

Even then a full pass walks every object made since the freeze: the cards painted since, the widgets'
caches (60-200 ms at 50,000 clients once a few searches have run). Python starts one after so many
younger passes, whatever the app is doing, so one would land on a keystroke now and then. Once frozen,
Python never starts one itself; the app calls :meth:`QuietCollector.collect_when_quiet` every
:data:`QUIET_SECONDS`, which runs the full pass that is due (as often as Python would with a threshold
of :data:`FULL_PASS_EVERY`) only once no key or mouse event came for :data:`QUIET_SECONDS`. The younger
passes still collect the screens' short-lived cycles as they go.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: From this many clients on, the loaded summaries are frozen out of the cyclic garbage collector.
FREEZE_FROM = 2_000
#: Middle-generation passes between two full passes, once a load is frozen (Python's default is 10).
FULL_PASS_EVERY = 100
PYTHON_FULL_PASS_EVERY = 10
#: A due full pass waits until the keyboard and mouse have been quiet this long (seconds).
QUIET_SECONDS = 1.0
#: A full-pass threshold Python never reaches: the passes are started by :class:`QuietCollector`.
_NEVER = 2**30


class QuietCollector:
    """The console's hold on the garbage collector: one per app (the collector is the process's)."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._last_input = monotonic()
        self.deferred = False  # full passes are ours to start (a large load is frozen)

    def keep_out(self, clients: int) -> None:
        """After a complete load of ``clients``: from :data:`FREEZE_FROM` on, collect, freeze what is
        alive and start the full passes ourselves; below it, Python's own rule."""
        gc.unfreeze()
        self.deferred = clients >= FREEZE_FROM
        if self.deferred:
            gc.collect()
            gc.freeze()
            gc.set_threshold(*gc.get_threshold()[:2], _NEVER)
        else:
            gc.set_threshold(*gc.get_threshold()[:2], PYTHON_FULL_PASS_EVERY)

    def input(self) -> None:
        """A key or mouse event arrived."""
        self._last_input = self._monotonic()

    def collect_when_quiet(self) -> bool:
        """Run the full pass if one is due and no input came for :data:`QUIET_SECONDS`; True if it ran."""
        due = self.deferred and gc.get_count()[2] >= FULL_PASS_EVERY
        if not due or self._monotonic() - self._last_input < QUIET_SECONDS:
            return False
        gc.collect()
        return True


__all__ = ["FREEZE_FROM", "FULL_PASS_EVERY", "PYTHON_FULL_PASS_EVERY", "QUIET_SECONDS", "QuietCollector"]
