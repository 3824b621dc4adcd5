"""The one base for the console's small modal dialogs: a framed box in the middle of the screen.

Its CSS lives here, on the base class, and every dialog shares it: the frame (``-danger`` paints it
red), ``.dialog-title``, ``.dialog-body``, ``.dialog-hint``, ``.dialog-error``, a right-aligned
``.buttons`` row and a borderless ``OptionList`` for menus and pickers. Questions are 68 cells
wide; forms and pickers set ``WIDE = True`` (76 cells, buttons and hint set one line apart). A
dialog composes ``with Vertical():`` (``VerticalScroll`` for a long form) and its parts.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A framed modal; subclasses give ``compose`` and what it answers."""

    WIDE: ClassVar[bool] = False

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical, Dialog > VerticalScroll {
        width: 68; max-width: 96%; height: auto; max-height: 90%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    Dialog.-danger > Vertical, Dialog.-danger > VerticalScroll { border: round $error; }
    Dialog .dialog-title { text-style: bold; margin-bottom: 1; }
    Dialog .dialog-body { margin-bottom: 1; }
    Dialog .dialog-hint { color: $text-muted; }
    Dialog .dialog-error { color: $text-error; }
    Dialog .buttons { height: auto; align-horizontal: right; }
    Dialog Button { margin-left: 1; min-width: 10; }
    Dialog OptionList { height: auto; max-height: 16; border: none; background: $panel; &:focus { border: none; } }
    Dialog.-wide > Vertical, Dialog.-wide > VerticalScroll { width: 76; }
    Dialog.-wide .buttons { margin-top: 1; }
    Dialog.-wide .dialog-hint { margin-top: 1; }
    Dialog.-wide Button { margin-left: 2; }
    Dialog.-wide Button:focus { text-style: bold reverse; }
    """

    def __init__(self, *, danger: bool = False) -> None:
        super().__init__(classes=" ".join(name for name, on in (("-wide", self.WIDE), ("-danger", danger)) if on))
