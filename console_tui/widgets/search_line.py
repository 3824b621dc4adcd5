"""The one search line over a list: the console's client search, Manage Clients' search and every
picker's search line behave the same way.

* Every change of the query filters the list at once (the screen's ``filter`` callback, in the same
  frame as the keystroke) and then puts the list's cursor on the best match, its first row: the row a
  previous, shorter query had selected never sticks. Clearing the query keeps the cursor where it is.
* ``enter`` opens what the cursor is on (the list's ``action_select``); ``down`` goes into the list.
* Both are handled in the order the keys were typed: a key that arrives here after ``down`` moved
  the focus away goes on to the list, so ``Alv↓↓⏎`` typed in one burst picks the second match.

The list is any focusable widget with ``action_first`` and ``action_select`` (:class:`SearchTarget`):
:class:`~console_tui.widgets.client_list.ClientList`, :class:`~console_tui.widgets.table_view.TableView`,
``OptionList``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from textual import events
from textual.widget import Widget
from textual.widgets import Input

from console_tui.ui import keys


class SearchTarget(Protocol):
    def action_first(self) -> None: ...

    def action_select(self) -> None: ...


class SearchLine(Input):
    """An ``Input`` that drives the list ``target`` (a selector on its screen)."""

    BINDINGS = keys.bindings("search")

    def __init__(self, target: str, *, placeholder: str = "", id: str | None = None,  # noqa: A002 - Textual's name
                 compact: bool = True, select_on_focus: bool = False) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=compact, select_on_focus=select_on_focus)
        self.target = target
        self._filter: Callable[[str], None] | None = None

    def on_query(self, filter_list: Callable[[str], None]) -> None:
        """Call ``filter_list(query)`` on every change of the query, before the cursor goes to the top."""
        self._filter = filter_list

    @property
    def list(self) -> Widget | None:
        return self.screen.query(self.target).first() if self.is_mounted else None

    def watch_value(self, value: str) -> None:
        if self._filter is not None:
            self._filter(value)
        if value.strip() and (target := self.list) is not None:  # cleared: the cursor stays where it was
            cast(SearchTarget, target).action_first()

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:  # typed ahead, after down left this line
            event.stop()
            focused._forward_event(events.Key(event.key, event.character))  # as the app forwards keys
            return
        for row in keys.keys_in("search"):  # in typing order, not after the key has bubbled up
            if event.key in row.keys.split(","):
                event.stop()
                event.prevent_default()
                await self.run_action(row.action)
                return
        await super()._on_key(event)

    def action_into_list(self) -> None:
        if (target := self.list) is not None:
            self.screen.set_focus(target)

    def action_choose(self) -> None:
        if (target := self.list) is not None:
            self.screen.set_focus(target)
            cast(SearchTarget, target).action_select()
