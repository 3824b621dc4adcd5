"""A confirmed bulk change, run in a child process for the screen that asked for it (R-BULK-5).

The run happens in a child process (:mod:`console_tui.services.bulk_apart`), waited for by a thread
worker of the screen: the console's process only paints, so the list under it stays usable while
the run goes on. The child commits a chunk of clients at a time; after each, the screen's status
line says how far it is (``Running set-limit 5000: 1,500 of 10,000 clients… esc stops it``). When
it ends, ``done(result)`` is called on the loop; a failure (the database away) is one sentence, the
one way (``refuse``). :meth:`BulkRun.stop` (``esc`` on the list), closing the screen or quitting
the console stops the child: what it had committed stays (whole clients, under the batch's number).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast

from textual.screen import Screen
from textual.worker import get_current_worker

from console_tui.data.views.bulk import BulkPlan, BulkResult
from console_tui.screens.base import failure_text, run_command
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import run_worker
from console_tui.widgets.status_line import StatusLine


def progress_text(title: str, done: int, total: int) -> str:
    return f"Running {title}: {done:,} of {total:,} clients… esc stops it"


class BulkRun:
    """A run in flight; :meth:`stop` asks it to stop."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.finished = False

    @property
    def running(self) -> bool:
        return not self.finished and not self.stopping.is_set()

    def stop(self) -> bool:
        """Stop the run (its child process is terminated); False when it was not running."""
        if not self.running:
            return False
        self.stopping.set()
        return True

    def cancelled(self) -> bool:  # in the worker's thread
        return self.stopping.is_set() or get_current_worker().is_cancelled


def prepare_bulk(screen: Screen[Any]) -> None:
    """Start the child process of the dry run to come while the person chooses (in a thread: building
    the facade imports the bulk machinery)."""
    host = cast(ConsoleHost, screen.app)
    run_worker(screen, lambda: host.bulk_apart.prepare(), thread=True, group="bulk-prepare")


def run_bulk(screen: Screen[Any], refuse: Callable[[str, str], None], plan: BulkPlan, all_or_nothing: bool,
             done: Callable[[BulkResult], None]) -> BulkRun:
    """Run ``plan`` in a child process, its progress on ``screen``'s status line (``#status``), then
    ``done(result)``; a failure, or the run stopped, goes to ``refuse(text, short)``."""
    host = cast(ConsoleHost, screen.app)
    status = screen.query_one("#status", StatusLine)
    total, title = len(plan.rows), plan.title
    status.show_loading(progress_text(title, 0, total))
    run = BulkRun()

    def progress(count: int, of: int) -> None:  # in the worker's thread
        screen.app.call_from_thread(status.show_loading, progress_text(title, count, of))

    async def go() -> None:
        try:
            result = await run_command(screen, lambda: host.bulk_apart.run(
                plan, all_or_nothing=all_or_nothing, progress=progress, cancelled=run.cancelled))
        except Exception as error:  # the database away, gone wrong, or stopped: one sentence
            refuse(failure_text(error), f"Bulk change {title}: {'stopped' if run.stopping.is_set() else 'not done'}.")
            if run.stopping.is_set():
                host.data_changed(None)  # whole chunks may have been committed before it stopped
            return
        finally:
            run.finished = True
        host.database_answered()
        done(result)

    run_worker(screen, go, group="bulk-run")
    return run


__all__ = ["BulkRun", "prepare_bulk", "progress_text", "run_bulk"]
