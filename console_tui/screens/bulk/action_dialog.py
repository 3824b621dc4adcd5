"""The bulk change's first step: which change, and its value, checked as it is typed (R-BULK-1).

A list of the actions the person's role may make (``up``/``down`` move in it while the value field
keeps the focus), the value field, and under it what the action reads as (``set-limit 5,000``) or
what is wrong with it (the parser's own words). ``enter`` answers the :class:`BulkAction` when the
value reads; ``esc`` cancels. Nothing is read from the database here: the dry run comes next.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from console_tui.domain.bulk import BulkAction, BulkKind, parse_action
from console_tui.domain.errors import ValidationError
from console_tui.domain.wording import count
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys
from console_tui.viewmodels.bulk_kinds import LABELS, argument_hint


def words_for(kind: BulkKind, text: str) -> list[str]:
    """The parser's words for ``kind`` and what was typed: a service's allowance is two words (the
    service, then the number); every other value is one, spaces and all (a status name)."""
    if kind is BulkKind.ALLOWANCE:
        service, _, number = text.strip().partition(" ")
        return [kind.value, service, number.strip()]
    return [kind.value, text.strip()]


class BulkDialog(Dialog[BulkAction | None]):
    """Pick one of ``kinds`` and type its value for ``clients`` clients; answers the action or None."""

    WIDE = True
    BINDINGS = [*keys.bindings("dialog", only=("dialog.cancel",)), *keys.bindings("bulk_dialog")]
    DEFAULT_CSS = """
    BulkDialog OptionList { max-height: 9; margin-bottom: 1; }
    BulkDialog #bulk-reads { height: auto; margin-top: 1; }
    """

    def __init__(self, clients: int, kinds: Sequence[BulkKind], words: Sequence[str] = ()) -> None:
        super().__init__()
        self.clients, self.kinds = clients, tuple(kinds)
        kind = BulkKind(words[0]) if words and words[0] in self.kinds else self.kinds[0]
        self.kind = kind
        self.typed = " ".join(words[1:]) if words else ""
        self.action: BulkAction | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Change {count(self.clients, 'client')}", classes="dialog-title", markup=False)
            yield OptionList(*(Option(Content.assemble(f"{LABELS[kind]:<36}", (kind.value, "dim")), id=kind.value)
                               for kind in self.kinds), id="bulk-kinds")
            yield Input(self.typed, placeholder=argument_hint(self.kind), id="bulk-value")
            yield Static("", id="bulk-reads", markup=False)
            yield Static("↑/↓ action · type its value · enter: dry run (nothing changes yet) · esc: cancel",
                         classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.can_focus = False  # the value field keeps the focus; up/down move here
        options.highlighted = self.kinds.index(self.kind)
        self.query_one(Input).focus()
        self._check()

    def action_pick(self, delta: int) -> None:
        options = self.query_one(OptionList)
        index = ((options.highlighted or 0) + delta) % len(self.kinds)
        options.highlighted = index

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.kind = BulkKind(event.option.id or self.kinds[0].value)
        self.query_one(Input).placeholder = argument_hint(self.kind)
        self._check()

    @on(OptionList.OptionSelected)
    def _selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, _event: Input.Changed) -> None:
        self._check()

    def _check(self) -> None:
        """What the value reads as, or the parser's reason (nothing typed yet: what to type)."""
        text = self.query_one(Input).value
        reads = self.query_one("#bulk-reads", Static)
        self.action = None
        if not text.strip():
            reads.update(Content(f"Type {argument_hint(self.kind)}"))
            reads.set_class(False, "dialog-error")
            return
        try:
            self.action = parse_action(words_for(self.kind, text))
        except ValidationError as error:
            why = next(iter(error.field_errors.values()), str(error))
            reads.update(Content(f"{self.kind.value} {why}: write {argument_hint(self.kind)}"))
            reads.set_class(True, "dialog-error")
            return
        reads.update(Content(f"Reads: {self.action}"))
        reads.set_class(False, "dialog-error")

    @on(Input.Submitted)
    def _submitted(self, _event: Input.Submitted) -> None:
        self._check()
        if self.action is not None:
            self.dismiss(self.action)

    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["BulkDialog", "words_for"]
