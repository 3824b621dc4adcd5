"""Choose one entry of a short list: ``ModalScreen[str | None]`` (the chosen id, or None on esc).

An optional ``body`` says what the choice means; the ``current`` entry is shown disabled.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.ui import keys


class Choose(ModalScreen[str | None]):
    """``options`` are ``(id, prompt)``; prompts are Content (user text stays data)."""

    BINDINGS = keys.bindings("dialog", only=("dialog.close",))
    DEFAULT_CSS = """
    Choose { align: center middle; }
    Choose > Vertical {
        width: 68; max-width: 96%; height: auto; max-height: 90%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    Choose #choose-title { text-style: bold; }
    Choose #choose-body { margin: 1 0 0 0; color: $text-secondary; }
    Choose OptionList { height: auto; max-height: 16; border: none; background: $panel; &:focus { border: none; } }
    Choose #choose-hint { color: $text-muted; }
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
            yield Static(self.title_content, id="choose-title", markup=False)
            if self.body:
                yield Static(self.body, id="choose-body", markup=False)
            if self.options:
                yield OptionList(*(Option(prompt, id=key, disabled=key == self.current)
                                   for key, prompt in self.options))
            else:
                yield Static(self.empty, markup=False)
            yield Static(self.hint, id="choose-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
