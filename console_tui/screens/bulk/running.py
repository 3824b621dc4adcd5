"""A confirmed bulk change, run in a thread worker on the screen that asked for it (R-BULK-5).

The run commits a chunk of clients at a time; after each, the screen's status line says how far it
is (``Running set-limit 5000: 1,500 of 10,000 clients…``). The event loop only ever paints that
line, so the list under it stays usable while the run goes on. When it ends, ``done(result)`` is
called on the loop; a failure (the database away) is one sentence, the one way (``refuse``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from textual.screen import Screen

from console_tui.data.views.bulk import BulkPlan, BulkResult
from console_tui.screens.base import failure_text, run_command
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import run_worker
from console_tui.widgets.status_line import StatusLine


def progress_text(title: str, done: int, total: int) -> str:
    return f"Running {title}: {done:,} of {total:,} clients…"


def run_bulk(screen: Screen[Any], refuse: Callable[[str, str], None], plan: BulkPlan, all_or_nothing: bool,
             done: Callable[[BulkResult], None]) -> None:
    """Run ``plan`` in a thread worker, its progress on ``screen``'s status line (``#status``), then
    ``done(result)``; a failure goes to ``refuse(text, short)``."""
    host = cast(ConsoleHost, screen.app)
    status = screen.query_one("#status", StatusLine)
    total, title = len(plan.rows), plan.title
    status.show_loading(progress_text(title, 0, total))

    def progress(count: int, of: int) -> None:  # in the worker's thread
        screen.app.call_from_thread(status.show_loading, progress_text(title, count, of))

    async def go() -> None:
        try:
            result = await run_command(screen, lambda: host.bulk.run(plan, all_or_nothing=all_or_nothing,
                                                                    progress=progress))
        except Exception as error:  # the database away, or gone wrong: one sentence
            refuse(failure_text(error), f"Bulk change {title}: not done.")
            return
        host.database_answered()
        done(result)

    run_worker(screen, go, group="bulk-run")


__all__ = ["progress_text", "run_bulk"]
