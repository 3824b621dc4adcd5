"""Textual's ``Digits`` glyphs drawn larger: each 3x3 glyph stretched to (2k+1)x(2k+1) cells.

A glyph is stretched by repeating what lies between its columns and rows: a stroke that leaves a
cell to the right (``━``, ``┏``, ``┣`` …) continues as ``━`` through the added columns, and one
that leaves it downwards (``┃``, ``┓``, ``┫`` …) as ``┃`` through the added rows; elsewhere the
added cells are blank. Scale 1 is the ``Digits`` widget's own drawing. Characters without a glyph
(``,`` ``%``) stay one cell wide on the bottom row, as ``Digits`` draws them.
"""

from __future__ import annotations

from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD, Digits

RIGHT = frozenset("━┏┗┣┳┻╋╺─╭╰├┬┴┼╶┌└╪═┷┯╞╘╒")  # strokes that leave a cell to the right
DOWN = frozenset("┃┏┓┣┫┳╋╻│╭╮├┤┬┼╷┌┐╫╥╓╖")  # strokes that leave a cell downwards


def width(text: str, scale: int) -> int:
    """Cells ``text`` takes across at ``scale`` (``Digits.get_width`` at scale 1)."""
    return sum(2 * scale + 1 if char in DIGITS else 1 for char in text.translate(Digits.REPLACEMENTS))


def _glyph(char: str) -> list[str]:
    if char not in DIGITS:
        return [" ", " ", char]
    at = DIGITS.index(char) * 3
    return [row.ljust(3) for row in DIGITS3X3_BOLD[at:at + 3]]


def _across(row: str, scale: int) -> str:
    """One 3-cell row of a glyph, its two gaps widened by ``scale - 1`` cells each."""
    if len(row) == 1:
        return row
    out = []
    for cell in row[:2]:
        out.append(cell + ("━" if cell in RIGHT else " ") * (scale - 1))
    return "".join(out) + row[2]


def draw(text: str, scale: int) -> list[str]:
    """``text`` in ``Digits``' bold glyphs, ``2 * scale + 1`` rows tall."""
    glyphs = [_glyph(char) for char in text.translate(Digits.REPLACEMENTS)]
    rows = ["".join(_across(glyph[n], scale) for glyph in glyphs) for n in range(3)]
    lines: list[str] = []
    for n, row in enumerate(rows):
        lines.append(row)
        if n < 2:
            lines.extend(["".join("┃" if cell in DOWN else " " for cell in row)] * (scale - 1))
    return lines
