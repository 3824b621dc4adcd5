"""A figure on a wall: a label over a number drawn with Textual's ``Digits`` where it fits, and in plain
bold where it does not (a narrow tile, a short screen), decided again on every resize."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widgets import Digits, Static

DIGITS_HEIGHT = 3


class BigFigure(Vertical):
    """One figure: ``show(value)``; the number is large when its width and three rows fit the tile."""

    DEFAULT_CSS = """
    BigFigure { border-left: thick $accent; padding: 0 1; height: 1fr; align-vertical: middle; }
    BigFigure > .label { color: $text-muted; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    BigFigure > Digits { width: auto; text-style: bold; }
    BigFigure > .plain { height: 1; text-style: bold; }
    BigFigure > .note { color: $text-muted; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, label: str, *, id: str) -> None:  # noqa: A002 - Textual's name for it
        super().__init__(id=id)
        self.label, self.value, self.note = label, "—", ""

    def compose(self) -> ComposeResult:
        yield Static(Content(self.label), classes="label")
        yield Digits(self.value)
        yield Static(Content(self.value), classes="plain")
        yield Static(classes="note")

    def show(self, value: str, note: str = "") -> None:
        self.value, self.note = value, note
        self.query_one(Digits).update(value)
        self.query_one(".plain", Static).update(Content(value))
        self.query_one(".note", Static).update(Content(note))
        self._fit()

    @property
    def large(self) -> bool:
        """Whether the number is drawn with ``Digits`` now."""
        return bool(self.query_one(Digits).display)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The number large when its width and three rows under the label fit; the note under it
        only when a row is left and it fits whole (the number comes first, then the note)."""
        room = self.content_size
        large = DigitsRenderable.get_width(self.value) <= room.width and 1 + DIGITS_HEIGHT <= room.height
        self.query_one(Digits).display = large
        self.query_one(".plain", Static).display = not large
        used = 1 + (DIGITS_HEIGHT if large else 1)
        self.query_one(".note", Static).display = bool(self.note) and len(self.note) <= room.width and (
            used < room.height)
