"""Choose one entry of a short list: ``ModalScreen[str | None]`` (the chosen id, or None on esc).

An optional ``body`` says what the choice means; the ``current`` entry is shown disabled.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys


class Choose(Dialog[str | None]):
    """``options`` are ``(id, prompt)``; prompts are Content (user text stays data)."""

    BINDINGS = keys.bindings("dialog", only=("dialog.close",))
    DEFAULT_CSS = """
    Choose .dialog-body { color: $text-secondary; }
    """

    def __init__(self, title: str | Content, options: Sequence[tuple[str, Content]], *,
                 empty: str = "Nothing to choose from.", body: str | Content = "", current: str | None = None,
                 hint: str = "enter chooses · esc closes") -> None:
        super().__init__()
        self.title_content = Content(title) if isinstance(title, str) else title
        self.body = Content(body) if isinstance(body, str) else body
        self.options = tuple(options)
        self.empty, self.current, self.hint = empty, current, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_content, classes="dialog-title", markup=False)
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            if self.options:
                yield OptionList(*(Option(prompt, id=key, disabled=key == self.current)
                                   for key, prompt in self.options))
            else:
                yield Static(self.empty, markup=False)
            yield Static(self.hint, classes="dialog-hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
