"""Small typed modals for the administration screens (DESIGN.md habit 8).

* :class:`ConfirmDialog` → ``bool``: the question, the lines that say what will change, yes/no.
* :class:`ClientPicker` → ``ClientRef | None``: find a client among thousands by typing.

Every line shown is plain text (``Content``), never markup: names are data.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from console_tui.data.views.agency import ClientRef
from console_tui.display import clip, safe
from console_tui.ui import keys
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; max-width: 96%; height: auto; max-height: 90%;
    border: round $primary; background: $panel; padding: 0 1;
}}
{name} .dialog-title {{ text-style: bold; margin-bottom: 1; }}
{name} .dialog-hint {{ color: $text-muted; margin-top: 1; }}
{name} .buttons {{ height: auto; margin-top: 1; align-horizontal: right; }}
{name} Button {{ margin-left: 2; min-width: 10; }}
{name} Button:focus {{ text-style: bold reverse; }}
"""


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no, with what will happen spelled out; ``y``/enter on Yes confirm, ``n``/esc cancel."""

    BINDINGS = keys.bindings("dialog", only=("dialog.yes", "dialog.no"))
    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDialog") + """
    ConfirmDialog #confirm-lines { height: auto; max-height: 14; }
    """

    def __init__(self, title: str, lines: Sequence[str], *, yes: str = "Yes") -> None:
        super().__init__()
        self.title_text = title
        self.lines = [safe(line) for line in lines]
        self.yes_label = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content("\n".join(self.lines)), id="confirm-lines")
            with Horizontal(classes="buttons"):
                yield Button(self.yes_label, variant="primary", id="yes", compact=True)
                yield Button("No", id="no", compact=True)
            yield Static(Content("y or enter: yes · n or esc: no"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class ClientPicker(ModalScreen[ClientRef | None]):
    """Type part of a name (or ``#id``); ``down`` into the list, ``enter`` chooses, ``esc`` closes."""

    BINDINGS = keys.bindings("dialog", only=("dialog.cancel",))
    DEFAULT_CSS = DIALOG_CSS.format(name="ClientPicker") + """
    ClientPicker TableView { height: auto; max-height: 12; }
    ClientPicker Input { margin-bottom: 1; }
    """

    def __init__(self, title: str, clients: Sequence[ClientRef]) -> None:
        super().__init__()
        self.title_text = title
        self.clients = tuple(clients)
        self._lowered = [client.name.casefold() for client in self.clients]
        self.shown: list[ClientRef] = list(self.clients)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Input(placeholder="Type part of the client's name, or #id", id="picker-find", compact=True)
            yield AdminTable([Column("Client", None), Column("Id", 8, "right")], empty="No client matches.",
                            id="picker-clients")
            yield Static(Content("enter: choose · ↓: into the list · esc: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        text = " ".join(event.value.split()).casefold()
        if text.startswith("#") and text[1:].isdigit():
            self.shown = [c for c in self.clients if c.id == int(text[1:])]
        else:
            self.shown = [c for c, low in zip(self.clients, self._lowered) if text in low]
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(TableView)
        table.set_rows([(clip(safe(c.name), 60), f"#{c.id}") for c in self.shown])
        table.cursor = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one(TableView).cursor)

    def on_key(self, event) -> None:  # noqa: ANN001 - a Key event
        if event.key == "down" and isinstance(self.focused, Input):
            event.stop()
            self.query_one(TableView).focus()

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        message.stop()
        self._choose(message.index)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.shown):
            self.dismiss(self.shown[index])

    def action_cancel(self) -> None:
        self.dismiss(None)
