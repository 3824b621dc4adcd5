"""A figure on a wall: a label over a number as large as the tile holds.

Scale 0 is plain bold text (a narrow tile, a short screen); 1 is Textual's ``Digits`` widget; 2 and
up are ``Digits``' glyphs stretched (``kiosk.glyphs``) for big screens. :meth:`BigFigure.largest`
says the largest scale that fits; the page draws all its figures at the smallest of those, so
that they match (:class:`~console_tui.kiosk.agency.AgencyView`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Digits, Static

from console_tui.kiosk import glyphs

LARGEST = 8  # 17 rows: past that a number is no easier to read across a room


class BigFigure(Vertical):
    """One figure: ``show(value, note)``, then ``draw(scale)``."""

    DEFAULT_CSS = """
    BigFigure { border-left: thick $accent; padding: 0 1; height: 1fr; align-vertical: middle; }
    BigFigure > .label { color: $text-muted; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    BigFigure > Digits { width: auto; text-style: bold; }
    BigFigure > .plain { height: 1; text-style: bold; }
    BigFigure > .stretched { height: auto; width: auto; text-style: bold; text-wrap: nowrap; }
    BigFigure > .note { color: $text-muted; height: 1; text-wrap: nowrap; }
    """

    class Resized(Message):
        """The figure's tile changed size: the page sets the scale again."""

    def __init__(self, label: str, *, id: str) -> None:  # noqa: A002 - Textual's name for it
        super().__init__(id=id)
        self.label, self.value, self.note, self.scale = label, "-", "", 0

    def compose(self) -> ComposeResult:
        yield Static(Content(self.label), classes="label")
        yield Static(Content(self.value), classes="plain")
        yield Digits(self.value)
        yield Static(classes="stretched")
        yield Static(classes="note")

    def on_mount(self) -> None:
        self.draw(0)

    def show(self, value: str, note: str = "") -> None:
        self.value, self.note = value, note
        self.query_one(".plain", Static).update(Content(value))
        self.query_one(Digits).update(value)
        self.query_one(".note", Static).update(Content(note))

    @property
    def large(self) -> bool:
        """Drawn in ``Digits``' glyphs (scale 1 or more)."""
        return self.scale >= 1

    def largest(self) -> int:
        """The largest scale whose width fits the tile and whose rows fit under the label."""
        room = self.content_size
        fits = [k for k in range(1, LARGEST + 1)
                if glyphs.width(self.value, k) <= room.width and 1 + 2 * k + 1 <= room.height]
        return max(fits, default=0)

    def draw(self, scale: int) -> None:
        """Draw the number at ``scale``; the note under it only when a row is left and it fits whole."""
        self.scale = scale
        self.query_one(".plain", Static).display = scale == 0
        self.query_one(Digits).display = scale == 1
        stretched = self.query_one(".stretched", Static)
        stretched.display = scale >= 2
        if scale >= 2:
            stretched.update(Content("\n".join(glyphs.draw(self.value, scale))))
        room = self.content_size
        rows = 1 + (2 * scale + 1 if scale else 1)
        self.query_one(".note", Static).display = bool(self.note) and len(self.note) <= room.width and (
            rows < room.height)

    def on_resize(self) -> None:
        self.post_message(self.Resized())
