"""The console's questions: the one :class:`Confirm`, and the modals that ask for a typed value.

* :class:`Confirm` — ``bool``: ``y`` / ``enter`` on Yes, ``n`` / ``esc`` for No (buttons No | Yes).
* :class:`TypeToConfirm` — ``str | None``: type the company's name to confirm a
  destructive change; the typed text goes to the command, which checks it (R-OPT-9).
* :class:`AskValue` — ``str | None``: one value typed (an allowance, …).

Titles and bodies are :class:`Content` built by the caller; user text inside them is data, never
markup: pass it through ``Content(...)``/``Content.assemble`` only.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from console_tui.display import safe
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys


class Confirm(Dialog[bool]):
    """Yes or no, with what will happen said in the body: ``y`` (or ``enter`` on the focused yes)
    confirms, ``n`` / ``esc`` / the no button declines. ``body`` is one text or several lines."""

    BINDINGS = keys.bindings("dialog", only=("dialog.yes", "dialog.no"))
    DEFAULT_CSS = "Confirm .dialog-body { height: auto; max-height: 14; }"

    def __init__(self, title: str | Content, body: str | Content | Sequence[str] = "", *, yes: str = "Yes",
                 no: str = "Cancel", danger: bool = False) -> None:
        super().__init__(danger=danger)
        self.title_content = Content(title) if isinstance(title, str) else title
        if isinstance(body, Content):
            self.body = body
        elif isinstance(body, str):
            self.body = Content(body)
        else:
            self.body = Content("\n".join(safe(line) for line in body))
        self.yes, self.no = yes, no

    @property
    def title_text(self) -> str:
        return self.title_content.plain

    @property
    def lines(self) -> list[str]:
        """The body as plain lines (what the person reads)."""
        return self.body.plain.split("\n")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_content, classes="dialog-title", markup=False)
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="error" if self.has_class("-danger") else "primary")
            yield Static("y: yes · n / esc: no", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class AskValue(Dialog[str | None]):
    """One value: ``enter`` gives it, ``esc`` cancels (the command checks it)."""

    BINDINGS = keys.bindings("dialog", only=("dialog.cancel",))
    DEFAULT_CSS = "AskValue Input { margin-bottom: 1; }"

    def __init__(self, title: str | Content, body: str | Content = "", *, value: str = "",
                 placeholder: str = "", hint: str = "enter: save · esc: cancel") -> None:
        super().__init__()
        self.title_content = Content(title) if isinstance(title, str) else title
        self.body = Content(body) if isinstance(body, str) else body
        self.value, self.placeholder, self.hint = value, placeholder, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_content, classes="dialog-title", markup=False)
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="value", select_on_focus=True)
            yield Static(self.hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TypeToConfirm(AskValue):
    """Type ``name`` to confirm; what was typed is returned as typed (the command compares)."""

    def __init__(self, title: str | Content, body: str | Content, name: str, *, action: str = "confirm") -> None:
        prompt = Content.assemble(body, "\n\nType the company's name to ", action, ":\n", (name, "bold"))
        super().__init__(title, prompt, placeholder="the company's name, exactly",
                         hint=f"enter: {action} · esc: cancel")
        self.add_class("-danger")
