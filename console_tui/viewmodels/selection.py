"""The clients picked for a bulk change: one model behind the console, Manage Clients and the attention queue.

Pure Python (no Textual). A selection holds client ids, never positions, so it survives a search,
a filter or a sort: the screens ask it about the ids they show. ``space`` toggles the client under
the cursor, ``shift+up/down`` extends (the client left and the one arrived at are both selected),
``*`` selects every client the list shows, ``esc`` clears.
"""

from __future__ import annotations

from collections.abc import Container, Iterable


class Selection:
    """A set of client ids in the order they were picked (the bulk change's rows keep it)."""

    def __init__(self) -> None:
        self._ids: dict[int, None] = {}

    def __contains__(self, client_id: object) -> bool:
        return client_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(self._ids)

    def toggle(self, client_id: int) -> bool:
        """Select ``client_id``, or unselect it when it was selected; True when it is now selected."""
        if client_id in self._ids:
            del self._ids[client_id]
            return False
        self._ids[client_id] = None
        return True

    def extend(self, left: int | None, arrived: int | None) -> None:
        """``shift+up/down``: the client the cursor left and the one it arrived at are both selected."""
        for client_id in (left, arrived):
            if client_id is not None:
                self._ids.setdefault(client_id, None)

    def add_all(self, client_ids: Iterable[int]) -> int:
        """``*``: select every one of ``client_ids`` (what the list shows); how many were added."""
        before = len(self._ids)
        for client_id in client_ids:
            self._ids.setdefault(client_id, None)
        return len(self._ids) - before

    def clear(self) -> bool:
        """``esc``: unselect everything; True when something was selected."""
        had = bool(self._ids)
        self._ids.clear()
        return had

    def keep(self, client_ids: Container[int]) -> None:
        """Forget ids no longer loaded (a client removed or no longer visible to this user)."""
        self._ids = {client_id: None for client_id in self._ids if client_id in client_ids}

    def targets(self, cursor: int | None) -> tuple[int, ...]:
        """What a bulk change acts on: the selection, or the client under the cursor when none is."""
        if self._ids:
            return self.ids
        return () if cursor is None else (cursor,)

    def describe(self, shown: Iterable[int] | None = None) -> str:
        """``3 selected`` (``· 1 hidden by the search`` when some are not shown); "" when none."""
        if not self._ids:
            return ""
        text = f"{len(self._ids):,} selected"
        if shown is not None:
            hidden = len(self._ids) - sum(1 for client_id in shown if client_id in self._ids)
            if hidden:
                text += f" ({hidden:,} not shown)"
        return text


__all__ = ["Selection"]
