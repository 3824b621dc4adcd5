"""Digits drawn larger: scale 1 is Textual's own drawing, larger scales stretch its strokes."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from textual.renderables.digits import Digits

from console_tui.kiosk.glyphs import draw, width


def textual_digits(text: str) -> list[str]:
    console = Console(width=200, color_system=None)
    with console.capture() as captured:
        console.print(Digits(text, Style(bold=True)))
    return captured.get().splitlines()


def test_scale_1_is_what_textual_digits_draws() -> None:
    for text in ("0123456789", "5,325", "24.2%", "-"):
        assert draw(text, 1) == [line.ljust(width(text, 1)) for line in textual_digits(text)]
        assert width(text, 1) == Digits.get_width(text)


def test_a_larger_scale_stretches_the_strokes_and_leaves_other_characters_one_cell_wide() -> None:
    assert draw("8,", 2) == [
        "┏━━━┓ ",
        "┃   ┃ ",
        "┣━━━┫ ",
        "┃   ┃ ",
        "┗━━━┛,",
    ]
    assert width("8,", 3) == 8 and len(draw("10", 3)) == 7
