"""The bulk change's first step: which change, and its value, checked as it is typed (R-BULK-1).

A list of the actions the person's role may make (``up``/``down`` move in it while the value field
keeps the focus) — for an Administrator also "Apply a client template", whose value is the
template's name (R-TPL-2) — the value field, and under it what the action reads as
(``set-limit 5000``) or what is wrong with it (the parser's own words). ``enter`` answers the
action's words when they read; ``esc`` cancels. Nothing is read from the database here: the dry run
comes next (it refuses a template name that names none).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from console_tui.domain.bulk import TEMPLATE, TEMPLATE_USAGE, BulkKind, parse_action, template_name_in
from console_tui.domain.errors import ValidationError
from console_tui.domain.wording import count
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys
from console_tui.viewmodels.bulk_kinds import LABELS, TEMPLATE_LABEL, argument_hint


def words_for(kind: str, text: str) -> list[str]:
    """The parser's words for ``kind`` and what was typed: a service's allowance is two words (the
    service, then the number); every other value is one, spaces and all (a status or template name)."""
    if kind == BulkKind.ALLOWANCE.value:
        service, _, number = text.strip().partition(" ")
        return [kind, service, number.strip()]
    return [kind, text.strip()]


def hint(kind: str) -> str:
    return TEMPLATE_USAGE.partition(" ")[2] if kind == TEMPLATE else argument_hint(BulkKind(kind))


class BulkDialog(Dialog[tuple[str, ...] | None]):
    """Pick one of ``kinds`` (and the template entry when ``templates``) and type its value for
    ``clients`` clients; answers the action's words, or None."""

    WIDE = True
    BINDINGS = [*keys.bindings("dialog", only=("dialog.cancel",)), *keys.bindings("bulk_dialog")]
    DEFAULT_CSS = """
    BulkDialog OptionList { max-height: 10; }
    BulkDialog #bulk-reads { height: auto; }
    """

    def __init__(self, clients: int, kinds: Sequence[BulkKind], words: Sequence[str] = (), *,
                 templates: bool = False) -> None:
        super().__init__()
        self.clients = clients
        self.kinds: tuple[str, ...] = (*(kind.value for kind in kinds), *((TEMPLATE,) if templates else ()))
        self.kind = words[0] if words and words[0] in self.kinds else self.kinds[0]
        self.typed = " ".join(words[1:]) if words else ""
        self.words: tuple[str, ...] | None = None  # what the value reads as (None: it does not)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Change {count(self.clients, 'client')}", classes="dialog-title", markup=False)
            yield OptionList(*(Option(Content.assemble(f"{self._label(kind):<36}", (kind, "dim")), id=kind)
                               for kind in self.kinds), id="bulk-kinds")
            yield Input(self.typed, placeholder=hint(self.kind), id="bulk-value")
            yield Static("", id="bulk-reads", markup=False)
            yield Static("↑/↓ action · enter: its dry run (nothing changes yet) · esc: cancel",
                         classes="dialog-hint", markup=False)

    @staticmethod
    def _label(kind: str) -> str:
        return TEMPLATE_LABEL if kind == TEMPLATE else LABELS[BulkKind(kind)]

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
        self.kind = event.option.id or self.kinds[0]
        self.query_one(Input).placeholder = hint(self.kind)
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
        self.words = None
        if not text.strip():
            reads.update(Content(f"Type {hint(self.kind)}"))
            reads.set_class(False, "dialog-error")
            return
        words = words_for(self.kind, text)
        try:
            name = template_name_in(words)
            self.words = (TEMPLATE, name) if name is not None else parse_action(words).words()
        except ValidationError as error:
            why = next(iter(error.field_errors.values()), str(error))
            reads.update(Content(f"{why}: write {hint(self.kind)}"))
            reads.set_class(True, "dialog-error")
            return
        reads.update(Content(f"Reads: {' '.join(self.words)}"))
        reads.set_class(False, "dialog-error")

    @on(Input.Submitted)
    def _submitted(self, _event: Input.Submitted) -> None:
        self._check()
        if self.words is not None:
            self.dismiss(self.words)

    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["BulkDialog", "words_for"]
