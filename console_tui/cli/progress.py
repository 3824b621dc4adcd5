"""The one progress display of long CLI work (demo, ingest, refresh, purge): a bar per stage on stderr
when stderr is a terminal, and nothing at all when it is not (a pipe, a file, cron).

Use it as a context manager and call it with ``(stage, done, total)``; a ``total`` of 0 shows a
stage whose size is unknown (a spinner). Leaving the block always ends the display's last line,
so what the command prints next starts on a line of its own. :meth:`Progress.echo` prints a line
above the bars (an ingest reject) without tearing them.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # rich is imported only when there is a terminal to draw on
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID


class Progress:
    """Stage bars on ``stream`` (stderr) when it is a terminal; silent otherwise."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.shown = _is_terminal(self.stream)
        self._bars: RichProgress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> Progress:
        if self.shown:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
            from rich.progress import Progress as RichProgress

            console = Console(file=self.stream, highlight=False, markup=False, emoji=False)
            self._bars = RichProgress(TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(),
                                      console=console, redirect_stdout=False, redirect_stderr=False)
            self._bars.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bars is None:
            return
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._bars.add_task(stage, total=total or None)
        self._bars.update(task, completed=done, total=total or None)

    def echo(self, line: str) -> None:
        """One line on the stream, above the bars when they are shown."""
        if self._bars is not None:
            self._bars.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(line, file=self.stream)

    def close(self, *, finished: bool = False) -> None:
        if self._bars is not None:
            for task in self._bars.tasks if finished else ():  # a stage that ended early (little to do) is done
                self._bars.update(task.id, total=task.total or 1, completed=task.total or 1)
            self._bars.stop()  # rich ends the display with a newline
            self._bars = None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None,
                 ) -> None:
        self.close(finished=kind is None)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
