"""One labelled, compact text field with its error shown right under it (R-MC-1, R-MC-3).

The label and the input share a line; the error (from ``ValidationError.field_errors``) appears
on the next line, under the input, only while there is one. Errors are plain text.
"""

from __future__ import annotations

from typing import Any

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from console_tui.display import safe
from console_tui.ui import keys

#: For a form screen's ``BINDINGS`` with an ``action_next_field(step)`` calling :func:`next_field`:
#: ``enter`` in a field moves on **within** the key press (a priority binding), so keys that arrive
#: together (a paste, a slow SSH link) land in the next field instead of the same one. ``tab`` and
#: ``shift+tab`` do the same everywhere (the app's priority rows of the key table).
FIELD_KEYS = keys.bindings("fields")


def next_field(screen: Screen[Any], step: int, only_from_text: bool = False) -> None:
    """Move focus; with ``only_from_text``, only from a text field, letting the key through
    anywhere else (``enter`` presses a button or picks a radio button)."""
    if only_from_text and not isinstance(screen.focused, Input):
        raise SkipAction()
    if step > 0:
        screen.focus_next()
    else:
        screen.focus_previous()


class FormField(Vertical):
    """``label  [input]`` and, when set, ``  ✗ error`` below it."""

    DEFAULT_CSS = """
    FormField { height: auto; }
    FormField > Horizontal { height: 1; }
    FormField .field-label { width: 18; color: $text-secondary; }
    FormField.-required .field-label { color: $foreground; }
    FormField Input { width: 1fr; max-width: 60; }
    FormField .field-error { display: none; padding-left: 18; color: $text-error; height: auto; }
    FormField.-invalid .field-error { display: block; }
    FormField.-invalid .field-label { color: $text-error; }
    """

    def __init__(self, name: str, label: str, value: str = "", *, required: bool = True,
                 placeholder: str = "", max_length: int = 0) -> None:
        super().__init__(id=f"field-{name}", classes="-required" if required else "")
        self.field_name = name
        self.label = label
        self._initial = safe(value)  # a stored value is shown as data, never as escape sequences
        self._placeholder = placeholder or ("required" if required else "optional")
        self._max_length = max_length
        self._error = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(Content(self.label), classes="field-label")
            yield Input(self._initial, placeholder=self._placeholder, compact=True, max_length=self._max_length,
                        id=f"input-{self.field_name}", select_on_focus=False)
        yield Static("", classes="field-error", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    @value.setter
    def value(self, text: str) -> None:
        self.input.value = text

    @property
    def error(self) -> str:
        return self._error

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the field (``None`` or "" clears it)."""
        self._error = message or ""
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(Content(f"✗ {self.label} {message}" if message else ""))
