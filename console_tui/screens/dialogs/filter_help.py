"""``?`` typed in a client search line as a word of its own: how the filter language reads, and every
field with its operators, values and an example (``field_help()``, the same rows as
``console-tui clients list --where-help``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from console_tui.domain.filters import SYNTAX, field_help
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys

FIELD_CELLS = 9
EXAMPLE_CELLS = 20


def filter_help_content() -> Content:
    parts = [Content(line) for line in SYNTAX]
    parts.append(Content(""))
    parts.append(Content.assemble((f"{'field':<{FIELD_CELLS}}", "bold"), (f"{'example':<{EXAMPLE_CELLS}}", "bold"),
                                  ("what it is · values", "bold")))
    for row in field_help():
        parts.append(Content.assemble((f"{row.field:<{FIELD_CELLS}}", "bold $text-accent"),
                                      (f"{row.example:<{EXAMPLE_CELLS}}", "$text-primary"),
                                      f"{row.summary} · {row.values}"))
    parts.append(Content(""))
    parts.append(Content.styled("Press esc, ? or q to close.", "$text-muted"))
    return Content("\n").join(parts)


class FilterHelp(Dialog[None]):
    """The filter language's fields, one example each, in a frame that scrolls."""

    WIDE = True
    BINDINGS = keys.bindings("dialog", only=("help.close",))
    DEFAULT_CSS = """
    FilterHelp > VerticalScroll { width: 100; height: 90%; border-title-style: bold; }
    """

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll()
        scroll.border_title = "Search filters"
        with scroll:
            yield Static(filter_help_content(), markup=False)

    def action_close(self) -> None:
        self.dismiss()
