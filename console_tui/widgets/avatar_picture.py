"""A small terminal picture of an image: two pixels per cell with the upper half block ``▀``."""

from __future__ import annotations

from io import BytesIO

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

HALF = "▀"


RGB = tuple[int, int, int]


def half_block_rows(image: bytes, width: int, height: int) -> list[list[tuple[RGB, RGB]]]:
    """Cells (top colour, bottom colour) of ``image`` fitted into ``width`` x ``height`` cells."""
    from PIL import Image

    with Image.open(BytesIO(image)) as opened:
        picture = opened.convert("RGB")
        picture.thumbnail((width, height * 2))
        w, h = picture.size
        pixels = picture.load()
        assert pixels is not None  # an RGB image in memory always has its pixels
        rows = []
        for y in range(0, h - h % 2 or h, 2):
            row = []
            for x in range(w):
                top: RGB = pixels[x, y]  # type: ignore[assignment]  # an RGB image's pixel is a 3-tuple
                bottom: RGB = pixels[x, y + 1] if y + 1 < h else top  # type: ignore[assignment]
                row.append((top, bottom))
            rows.append(row)
        return rows


class AvatarPicture(Widget):
    """Shows image bytes as half-block cells; says so when there is no picture or it is unreadable."""

    DEFAULT_CSS = """
    AvatarPicture { width: 26; height: 13; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Strip] = []
        self._note = ""

    def show_image(self, image: bytes) -> None:
        self._rows, self._note = [], ""
        if not image:
            self._note = "(no picture)"
        else:
            try:
                cells = half_block_rows(image, self.content_region.width or 24, self.content_region.height or 12)
            except Exception:  # a damaged or unsupported file must not break the screen
                self._note = "(the stored image cannot be read)"
            else:
                self._rows = [
                    Strip([Segment(HALF, Style(color=f"rgb{top}", bgcolor=f"rgb{bottom}")) for top, bottom in row])
                    for row in cells
                ]
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if self._note:
            return Strip([Segment(self._note, self.rich_style)]) if y == 0 else Strip.blank(0)
        return self._rows[y] if y < len(self._rows) else Strip.blank(0)
