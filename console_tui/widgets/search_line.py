"""The one search line over a list: the console's client search, Manage Clients' search and every
picker's search line behave the same way.

* Every change of the query filters the list (the screen's ``filter`` callback, in the same frame as
  the keystroke) and then puts the list's cursor on the best match, its first row: the row a
  previous, shorter query had selected never sticks. Clearing the query keeps the cursor where it is.
* Keys typed in a burst (several read at once, as over SSH) filter once, for the value after the
  last of them: a typed change is filtered once the keys already queued here have been handled, and
  any other key (``down``, ``enter``, ``esc``…) first filters what was typed before it. A change
  made by the screen (cleared, a jump) filters at once.
* The screen does not paint between a typed key and its filter (the app's update is held until
  the filter has run): a keystroke costs one frame with the character and its results, not a frame
  with the character and another with the results a frame period later.
* ``enter`` opens what the cursor is on (the list's ``action_select``); ``down`` goes into the list.
* A line with a help (``on_help``, the client search lines: the filter language's fields) opens it
  when ``?`` is typed as a word of its own — on an empty line or after a space; elsewhere
  (``why?``) ``?`` is typed. Outside the line, ``?`` is the app's help as everywhere.
* Both are handled in the order the keys were typed: a key that arrives here after ``down`` moved
  the focus away goes on to the list, so ``Alv↓↓⏎`` typed in one burst picks the second match.

The list is any focusable widget with ``action_first`` and ``action_select`` (:class:`SearchTarget`):
:class:`~console_tui.widgets.client_list.ClientList`, :class:`~console_tui.widgets.table_view.TableView`,
``OptionList``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol, cast

from textual import events
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input

from console_tui.ui import keys

#: Input's keys that change the value (backspace, delete…), handled here in typing order.
EDIT_KEYS = {key: binding.action for binding in Input.BINDINGS if isinstance(binding, Binding)
             and binding.action.startswith(("delete_", "cut", "paste")) for key in binding.key.split(",")}


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
        self._help: Callable[[], None] | None = None
        self._typing = False  # a key typed here is changing the value
        self._pending = False  # a typed change not filtered yet
        self._held: AbstractContextManager[None] | None = None  # the app's paints, held until that change is filtered

    def on_query(self, filter_list: Callable[[str], None]) -> None:
        """Call ``filter_list(query)`` on every change of the query, before the cursor goes to the top."""
        self._filter = filter_list

    def on_help(self, show_help: Callable[[], None]) -> None:
        """Call ``show_help()`` when ``?`` is typed as a word of its own (instead of typing it)."""
        self._help = show_help

    def _asks_help(self, event: events.Key) -> bool:
        before = self.value[:self.cursor_position]
        return event.character == "?" and (not before or before[-1].isspace())

    @property
    def list(self) -> Widget | None:
        return self.screen.query(self.target).first() if self.is_mounted else None

    def watch_value(self, value: str) -> None:
        if not self._typing:
            self.apply_query()
        elif not self._pending:  # after the keys already queued: a burst filters once
            self._pending = True
            self._hold_paints()
            if not self.call_later(self._apply_typed):  # closing: nothing will come to filter
                self._release_paints()

    def _hold_paints(self) -> None:
        if self._held is None:
            self._held = self.app.batch_update()
            self._held.__enter__()

    def _release_paints(self) -> None:
        if (held := self._held) is not None:
            self._held = None
            asyncio.get_running_loop().call_soon(self._end_hold, held)

    def _end_hold(self, held: AbstractContextManager[None]) -> None:
        """Once every widget the filter refreshed has had its turn (they tell the screen what to
        repaint when their queue empties), so that the screen paints them in one frame."""
        held.__exit__(None, None, None)
        if self.is_attached:
            self.screen.check_idle()  # paint what was held, even if the filter changed nothing

    def on_unmount(self) -> None:
        self._release_paints()

    def _apply_typed(self) -> None:
        if self._pending:
            self.apply_query()

    def apply_query(self) -> None:
        """Filter the list for the value now, then put its cursor on the best match."""
        self._pending = False
        try:
            value = self.value
            if self._filter is not None:
                self._filter(value)
            if value.strip() and (target := self.list) is not None:  # cleared: the cursor stays where it was
                cast(SearchTarget, target).action_first()
        finally:
            self._release_paints()

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable or event.key in EDIT_KEYS:
            if self.screen.focused is self:
                if (show_help := self._help) is not None and self._asks_help(event):
                    event.stop()
                    event.prevent_default()
                    if self._pending:
                        self.apply_query()
                    show_help()
                    return
                await self._type(event)
                return
        if self._pending:
            self.apply_query()  # what follows sees the list filtered for what was typed before it
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

    async def _type(self, event: events.Key) -> None:
        """A key that edits the value, handled now (in typing order, not after bubbling up)."""
        self._typing = True
        try:
            if event.key in EDIT_KEYS and not event.is_printable:
                event.stop()
                event.prevent_default()
                await self.run_action(EDIT_KEYS[event.key])
            else:
                await super()._on_key(event)
        finally:
            self._typing = False

    def action_into_list(self) -> None:
        if (target := self.list) is not None:
            self.screen.set_focus(target)

    def action_choose(self) -> None:
        if (target := self.list) is not None:
            self.screen.set_focus(target)
            cast(SearchTarget, target).action_select()
