"""``ctrl+e`` on every list screen: what the list shows — its filter, its sort — as a CSV or JSON file.

A list screen mixes in :class:`Exporting` (after its base, so the base's ``say``/``refuse`` are
used) and gives :meth:`Exporting.export_table`: the rows it shows, in the order shown, with
their column names (:class:`console_tui.export.ExportTable`). The key then asks CSV or JSON,
writes a new file in the ``export_dir`` setting in a thread worker
(:func:`console_tui.export.write_export`) and says where it went — or, in one line, why it could
not (the directory and the reason; nothing is left half-written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import getters
from textual.content import Content
from textual.screen import Screen

from console_tui.display import one_line, safe
from console_tui.domain.wording import count
from console_tui.export import ExportTable, Format, write_export
from console_tui.screens.base import run_command
from console_tui.screens.dialogs.choose import Choose
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import work

CHOICES = (("csv", Content("CSV: for a spreadsheet")), ("json", Content("JSON: for a script")))


def export_failure(directory: Path, error: BaseException) -> str:
    """One line: the directory and why it could not be written."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else one_line(error)
    return f"Could not export to {safe(str(directory))}: {reason}. Nothing was written."


class Exporting(Screen[Any]):
    """Mixed into a list screen: ``ctrl+e`` exports :meth:`export_table`."""

    app = getters.app(ConsoleHost)
    BINDINGS = keys.bindings("export")

    def export_table(self) -> ExportTable | None:
        """The rows shown, in order, with their column names; None while nothing is loaded."""
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def refuse(self, text: str, short: str = "") -> None:
        raise NotImplementedError

    def action_export(self) -> None:
        table = self.export_table()
        if table is None or not table.rows:
            self.say("Nothing is shown, so there is nothing to export.")
            return
        directory = self.app.settings.export_dir
        shown = count(len(table.rows), "row")

        def chosen(fmt: str | None) -> None:
            if fmt is None:
                self.say("Export: cancelled, nothing was written.")
            else:
                self._write(directory, table, "json" if fmt == "json" else "csv")

        where = Content(f"To a new file in {safe(str(directory))}")
        self.app.push_screen(Choose(f"Export these {shown}", CHOICES, body=where,
                                    hint="enter writes the file · esc cancels"), chosen)

    @work(group="export")
    async def _write(self, directory: Path, table: ExportTable, fmt: Format) -> None:
        at = self.app.clock.now().astimezone(self.app.clock.tz)
        try:
            path = await run_command(self, lambda: write_export(directory, table, fmt, at))
        except Exception as error:  # an unwritable directory, a full disk: one line, no traceback
            self.refuse(export_failure(directory, error), "Export failed: see why below")
        else:
            self.say(f"Exported {count(len(table.rows), 'row')} to {safe(str(path))}")
