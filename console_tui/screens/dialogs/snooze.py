"""Snooze one reason of the attention queue (R-ATT-3): until when, and a note.

The day is typed as ``YYYY-MM-DD`` or ``+N`` days (``+7`` is filled in); ``enter`` in the day goes to
the note, ``enter`` in the note snoozes. A bad day or an overlong note is named under its field and
the dialog stays open: nothing is saved until both are good. It answers ``(until, note)`` — the
note cleaned as it will be stored — or None (``esc``). The reason, the client and what is typed
are shown as plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from console_tui.domain import lengths
from console_tui.domain.errors import ValidationError
from console_tui.domain.snooze import DEFAULT_DAYS, parse_until, snooze_note
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys

T = TypeVar("T")


class SnoozeDialog(Dialog[tuple[date, str] | None]):
    """Until when (default ``+7``) and a note; ``enter`` snoozes, ``esc`` cancels."""

    WIDE = True
    BINDINGS = keys.bindings("dialog", only=("dialog.cancel",))
    DEFAULT_CSS = """
    SnoozeDialog .snooze-label { margin-top: 1; }
    SnoozeDialog .dialog-error { height: auto; }
    """

    def __init__(self, client: str, reason: str, today: date) -> None:
        super().__init__()
        self.client, self.reason, self.today = client, reason, today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Snooze: ", (self.reason, "bold")), classes="dialog-title")
            yield Static(Content.assemble(self.client, " · it comes back on the day, or sooner if it gets worse."),
                         classes="dialog-body")
            yield Static(Content("Until (YYYY-MM-DD or +N days)"))
            yield Input(f"+{DEFAULT_DAYS}", placeholder="YYYY-MM-DD or +N days", id="until", select_on_focus=True)
            yield Static(Content(""), id="until-error", classes="dialog-error")
            yield Static(Content("Note (optional)"), classes="snooze-label")
            yield Input("", placeholder="why, for when it comes back", id="note",
                        max_length=lengths.SNOOZE_NOTE * 2)
            yield Static(Content(""), id="note-error", classes="dialog-error")
            yield Static(Content("enter: snooze · tab: next field · esc: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#until", Input).focus()

    @on(Input.Submitted, "#until")
    def _until_submitted(self) -> None:
        if self._check_until() is not None:
            self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def _note_submitted(self) -> None:
        until = self._check_until()
        note = self._check(lambda: snooze_note(self.query_one("#note", Input).value), "#note-error", "The note")
        if until is None:
            self.query_one("#until", Input).focus()
        elif note is not None:
            self.dismiss((until, note))

    def _check_until(self) -> date | None:
        return self._check(lambda: parse_until(self.query_one("#until", Input).value, self.today), "#until-error",
                           "Until")

    def _check(self, parse: Callable[[], T], error_id: str, label: str) -> T | None:
        """``parse()``'s value; on a refusal its reason under the field, and None."""
        shown = self.query_one(error_id, Static)
        try:
            value = parse()
        except ValidationError as error:
            shown.update(Content(f"{label} {next(iter(error.field_errors.values()))}."))
            return None
        shown.update(Content(""))
        return value

    def action_cancel(self) -> None:
        self.dismiss(None)
