"""Small typed modals for confirm-then-act (DESIGN.md habit 8).

* :class:`Confirm` — ``ModalScreen[bool]``: ``y`` / ``enter`` on Yes, ``n`` / ``esc`` for No.
* :class:`TypeToConfirm` — ``ModalScreen[str | None]``: type the company's name to confirm a
  destructive change; the typed text goes to the command, which checks it (R-OPT-9).
* :class:`AskValue` — ``ModalScreen[str | None]``: one value typed (an allowance, …).

Titles and bodies are :class:`Content` built by the caller; user text inside them is data, never
markup (habit 6): pass it through ``Content(...)``/``Content.assemble`` only.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from console_tui.ui import keys

_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 68; max-width: 96%; height: auto; max-height: 90%;
    border: round $primary; background: $panel; padding: 0 1;
}}
{name}.-danger > Vertical {{ border: round $error; }}
{name} .modal-title {{ text-style: bold; margin-bottom: 1; }}
{name} .modal-body {{ margin-bottom: 1; }}
{name} .modal-hint {{ color: $text-muted; }}
{name} .modal-error {{ color: $text-error; }}
{name} Input {{ margin-bottom: 1; }}
{name} Horizontal {{ height: auto; align-horizontal: right; }}
{name} Button {{ margin-left: 1; min-width: 10; }}
"""


class Confirm(ModalScreen[bool]):
    """Yes or no, with what will happen said in the body."""

    BINDINGS = keys.bindings("dialog", only=("confirm.yes", "confirm.no"))
    DEFAULT_CSS = _CSS.format(name="Confirm")

    def __init__(self, title: str | Content, body: str | Content = "", *, yes: str = "Yes", no: str = "Cancel",
                 danger: bool = False) -> None:
        super().__init__(classes="-danger" if danger else "")
        self.title_content = Content(title) if isinstance(title, str) else title
        self.body = Content(body) if isinstance(body, str) else body
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_content, classes="modal-title", markup=False)
            if self.body:
                yield Static(self.body, classes="modal-body", markup=False)
            with Horizontal():
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="error" if self.has_class("-danger") else "primary")
            yield Static("y: yes · n / esc: no", classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class AskValue(ModalScreen[str | None]):
    """One value: ``enter`` gives it, ``esc`` cancels (the command checks it)."""

    BINDINGS = keys.bindings("dialog", only=("dialog.cancel",))
    DEFAULT_CSS = _CSS.format(name="AskValue")

    def __init__(self, title: str | Content, body: str | Content = "", *, value: str = "",
                 placeholder: str = "", hint: str = "enter: save · esc: cancel") -> None:
        super().__init__()
        self.title_content = Content(title) if isinstance(title, str) else title
        self.body = Content(body) if isinstance(body, str) else body
        self.value, self.placeholder, self.hint = value, placeholder, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_content, classes="modal-title", markup=False)
            if self.body:
                yield Static(self.body, classes="modal-body", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="value", select_on_focus=True)
            yield Static(self.hint, classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TypeToConfirm(AskValue):
    """Type ``name`` to confirm; what was typed is returned as typed (the command compares)."""

    DEFAULT_CSS = _CSS.format(name="TypeToConfirm")

    def __init__(self, title: str | Content, body: str | Content, name: str, *, action: str = "confirm") -> None:
        prompt = Content.assemble(body, "\n\nType the company's name to ", action, ":\n", (name, "bold"))
        super().__init__(title, prompt, placeholder="the company's name, exactly",
                         hint=f"enter: {action} · esc: cancel")
        self.add_class("-danger")
