"""A filter that cannot be read: :class:`FilterError` and the caret display (:func:`format_error`).

The error carries where the mistake is (``position``, a character index into the text, and
``length``, how many characters it covers), what was ``expected`` there, and the ``message`` a
person reads. :func:`format_error` shows the text (cut to a width around the mistake, with every
control character shown as ``�`` so nothing reaches the terminal), carets under the mistake, then
the message: the same three lines in the console's search line and on the CLI's stderr.
"""

from __future__ import annotations

from rich.cells import cell_len

#: What stands in for a character that must not reach the terminal (one cell, like most characters).
HIDDEN = "\ufffd"
ELLIPSIS = "…"


class FilterError(ValueError):
    """A filter text that cannot be read: where (``position``, ``length``), what was ``expected``, why."""

    def __init__(self, message: str, position: int, *, expected: str = "", length: int = 1) -> None:
        self.message = message
        self.position = max(0, position)
        self.expected = expected
        self.length = max(1, length)
        super().__init__(message)

    def __str__(self) -> str:
        return f"column {self.position + 1}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:  # keyword-only fields survive pickling (thread hand-offs)
        return (_rebuild, (self.message, self.position, self.expected, self.length))


def _rebuild(message: str, position: int, expected: str, length: int) -> FilterError:
    return FilterError(message, position, expected=expected, length=length)


def _shown(ch: str) -> str:
    return ch if ch.isprintable() else HIDDEN


def _window(text: str, position: int, width: int) -> tuple[str, int]:
    """The part of ``text`` to show in ``width`` cells around ``position``, and where it starts."""
    shown = "".join(_shown(ch) for ch in text)
    if cell_len(shown) <= width:
        return shown, 0
    start = max(0, position - width // 3)
    budget = width - (1 if start else 0)
    end = start
    used = 0
    while end < len(shown) and used + cell_len(shown[end]) <= budget - (1 if end + 1 < len(shown) else 0):
        used += cell_len(shown[end])
        end += 1
    part = shown[start:end]
    return (ELLIPSIS if start else "") + part + (ELLIPSIS if end < len(shown) else ""), start


def format_error(text: str, error: FilterError, width: int = 80) -> str:
    """Three lines: the filter text (or the part of it around the mistake), carets, the message."""
    width = max(20, width)
    line, start = _window(text, error.position, width)
    lead = ELLIPSIS if start else ""
    shown = "".join(_shown(ch) for ch in text)
    before = lead + shown[start:error.position]
    marked = shown[error.position:error.position + error.length]
    room = max(1, cell_len(line) - cell_len(before))
    carets = "^" * max(1, min(cell_len(marked), room))
    return f"{line}\n{' ' * cell_len(before)}{carets}\n{error.message}"
