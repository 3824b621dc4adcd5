"""Pick the client template a new client starts from (R-TPL-2): the add-client wizard's first step.

It loads the templates itself in a thread. The first entry is "No template" (the rules' defaults);
``enter`` answers the template chosen (``""`` for none), ``esc`` closes and keeps the choice as it was.
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.data.views.templates import TemplateRow
from console_tui.display import clip, safe
from console_tui.domain.templates import setup_summary
from console_tui.screens.base import post_load
from console_tui.screens.dialogs.base import Dialog
from console_tui.services.manage import ManageServices
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import Loaded, LoadFailed
from console_tui.ui.workers import work

NAME_CELLS = 22
SETS_CELLS = 40  # with the mark and the name: 65 cells, one line in a wide dialog
NONE = "No template: start from the rules' defaults"
EMPTY = "No templates yet: save one from a client in Manage Clients (m, then Client templates)."


class TemplatePicker(Dialog[TemplateRow | str | None]):
    """``No template`` and every template, each with what it sets."""

    app = getters.app(ConsoleHost)
    BINDINGS = keys.bindings("dialog", only=("dialog.close",))
    WIDE = True

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current
        self.templates: tuple[TemplateRow, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Start the new client from a template", classes="dialog-title")
            yield Static("Loading templates…", id="templates-state", classes="dialog-body", markup=False)
            yield OptionList(id="templates-list")
            yield Static("enter chooses · esc keeps the choice as it was", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False
        self._load(self.app.manage)

    @work(thread=True, exclusive=True, group="templates-load")
    def _load(self, manage: ManageServices) -> None:
        post_load(self, "templates", manage.templates)

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        self.templates = message.data
        state = self.query_one("#templates-state", Static)
        menu = self.query_one(OptionList)
        if self.templates:
            state.display = False
        else:
            state.update(EMPTY)
        menu.set_options([Option(self._line(None), id="none"),
                          *(Option(self._line(row), id=str(i)) for i, row in enumerate(self.templates))])
        names = [row.name.casefold() for row in self.templates]
        menu.highlighted = names.index(self.current.casefold()) + 1 if self.current.casefold() in names else 0
        menu.display = True
        menu.focus()

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        state = self.query_one("#templates-state", Static)
        state.add_class("dialog-error")
        state.update(message.message)

    def _line(self, row: TemplateRow | None) -> Content:
        if row is None:
            return Content.assemble("  ", (NONE, "italic"))
        mark = "● " if row.name.casefold() == self.current.casefold() else "  "
        return Content.assemble(mark, (f"{clip(safe(row.name), NAME_CELLS):<{NAME_CELLS}}", "bold"), " ",
                                (clip(setup_summary(row.setup), SETS_CELLS), "dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        self.dismiss("" if chosen == "none" else self.templates[int(chosen or 0)])

    def action_close(self) -> None:
        self.dismiss(None)
