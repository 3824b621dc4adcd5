"""Edit a client template (R-TPL-1) as its TOML file, the same text `console-tui templates show` prints
and `templates add --file` reads: ``ctrl+s`` checks it (every bad part named under the text) and
replaces the template; ``esc`` closes with nothing changed. It closes with the result only once the
template is saved (the command audited it).
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea
from textual.worker import WorkerCancelled

from console_tui.data.views.templates import TemplateRow, TemplateSaved
from console_tui.display import clip, safe
from console_tui.domain.errors import ValidationError
from console_tui.domain.templates_file import dump_setup, read_setup_file
from console_tui.screens.base import ACT_GROUP, failure_text, run_command
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import work


class TemplateEditor(Dialog[TemplateSaved | None]):
    """The template's TOML in a text area; ``ctrl+s`` saves it over the template, ``esc`` cancels."""

    app = getters.app(ConsoleHost)
    WIDE = True
    BINDINGS = keys.bindings("dialog", only=("dialog.cancel", "dialog.save"))
    DEFAULT_CSS = """
    TemplateEditor TextArea { height: 14; margin-bottom: 1; }
    TemplateEditor #editor-message { color: $text-error; height: auto; }
    """

    def __init__(self, row: TemplateRow) -> None:
        super().__init__()
        self.row = row
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Edit the template ", (clip(safe(self.row.name), 40), "bold")),
                         classes="dialog-title")
            yield TextArea(dump_setup(self.row.setup), language=None, id="editor-text", soft_wrap=False,
                           show_line_numbers=False, tab_behavior="indent")
            yield Static("", id="editor-message", markup=False)
            yield Static(Content("ctrl+s: save · esc: cancel · every key is optional · the change is audited"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @work(group=ACT_GROUP)
    async def action_save(self) -> None:
        """Saving, top to bottom: check the text, the command in a thread worker, then close or say why."""
        if self.saving:
            return
        message = self.query_one("#editor-message", Static)
        name = self.row.name
        try:
            setup = read_setup_file(self.query_one(TextArea).text)
        except ValidationError as error:  # every bad part named
            message.update(Content(safe(failure_text(error))))
            return
        self.saving = True
        message.update(Content("Saving…"))
        try:
            saved = await run_command(self, lambda: self.app.manage.save_template(name, setup, replace_existing=True))
        except WorkerCancelled:
            return
        except Exception as error:  # a refusal says what, why and what to do
            self.saving = False
            message.update(Content(safe(failure_text(error))))
            return
        self.app.database_answered()
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
