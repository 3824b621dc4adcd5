"""The client list: ONE virtual widget over every client: thousands of mounted widgets would not respond.

A Line-API ``ScrollView``: it keeps the loaded summaries and the positions currently shown,
and paints only the lines on screen (``render_line``), each client as a fixed-height card
from :class:`~console_tui.widgets.client_card.CardPainter`. Painted cards are cached; moving the
cursor repaints the name lines of two cards and the marker cell of their other lines, nothing else
(not the rest of the cards, not the scrollbar): over a slow link that is what a key press costs.
Colours come from component classes, so themes apply. Each client's attention mark comes
separately (:meth:`ClientList.set_marks`), by client id, once the screen has loaded it. A client
selected for a bulk change has ``●`` in the second cell of its name line (``marked``: the screen's
selection, asked by client id).
"""

from __future__ import annotations

from collections.abc import Collection, Container, Mapping, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from console_tui.data.views.console import ClientSummary
from console_tui.domain.attention import Mark
from console_tui.ui import keys
from console_tui.widgets.card_changes import CardMarks
from console_tui.widgets.client_card import CardPainter, CardTheme
from console_tui.widgets.cover_lines import COVER_CLASS, CoverLines

STYLE_NAMES = ("name", "label", "dim", "spark", "good", "warn", "bad", "on", "off", "rule", "marker", "key")


class ClientList(ScrollView, CoverLines, can_focus=True):
    """Every client the user may access, as cards; the cursor marks the focused client."""

    BINDINGS = keys.bindings("list")

    COMPONENT_CLASSES = {f"client-list--{name}" for name in STYLE_NAMES} | {"client-list--cursor", COVER_CLASS}

    DEFAULT_CSS = """
    ClientList {
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        overflow-y: scroll;
        overflow-x: hidden;
        & > .client-list--name { text-style: bold; color: $foreground; }
        & > .cover-lines { color: $text-error; background: $panel; }
        & > .client-list--label { color: $text-secondary; }
        & > .client-list--dim { color: $foreground 65%; }
        & > .client-list--spark { color: $accent; }
        & > .client-list--good { color: $text-success; }
        & > .client-list--warn { color: $text-warning; }
        & > .client-list--bad { color: $text-error; text-style: bold; }
        & > .client-list--on { color: $text-success; }
        & > .client-list--off { color: $foreground 40%; }
        & > .client-list--rule { color: $foreground 15%; }
        & > .client-list--marker { color: $accent; }
        & > .client-list--key { color: $accent; text-style: bold; }
        & > .client-list--cursor { background: $foreground 6%; }
        &:focus > .client-list--cursor { background: $primary 22%; }
    }
    """

    # repaint=False: the watcher repaints the two cards involved, not the whole list.
    cursor: reactive[int] = reactive(0, init=False, repaint=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to ``client`` (``None`` when the list is empty)."""

        client_list: ClientList
        client: ClientSummary | None

    @dataclass
    class Chosen(Message):
        """The user chose ``client`` (double click, ``enter`` in the search line; ``enter`` on the list
        is the screen's key)."""

        client_list: ClientList
        client: ClientSummary

    def __init__(self, painter: CardPainter, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.painter = painter
        self._clients: tuple[ClientSummary, ...] = ()
        self._shown: Sequence[int] = ()
        self._positions: dict[int, int] = {}
        self.empty_text = ""  # shown when no client is shown (set by the screen)
        self._cache: LRUCache[tuple[int, int, bool, bool], list[Strip]] = LRUCache(256)
        self.marked: Container[int] = ()  # the ids selected for a bulk change (the screen's Selection)
        self._themes: dict[bool, CardTheme] = {}
        self._marks: Mapping[int, Mark] = {}

    # --- data ----------------------------------------------------------------------------------

    @property
    def clients(self) -> tuple[ClientSummary, ...]:
        return self._clients

    @property
    def shown_count(self) -> int:
        return len(self._shown)

    @property
    def shown(self) -> list[ClientSummary]:
        """The clients shown, in the order shown."""
        return [self._clients[i] for i in self._shown]

    @property
    def current(self) -> ClientSummary | None:
        if not self._shown:
            return None
        return self._clients[self._shown[min(self.cursor, len(self._shown) - 1)]]

    def set_clients(self, clients: tuple[ClientSummary, ...], shown: Sequence[int] | None = None) -> None:
        """Replace the data, keeping the cursor on the same client when it is still shown."""
        keep = self.current.id if self.current else None
        self._clients = clients
        self._positions = {client.id: i for i, client in enumerate(clients)}
        self._cache.clear()
        self.show(shown, keep_id=keep)

    def set_marks(self, marks: Mapping[int, Mark]) -> None:
        """Each client's attention mark by id (a client without one shows none); the cards are painted
        again only when some mark changed."""
        if marks != self._marks:
            self._marks = marks
            self._cache.clear()
            self.refresh()

    def set_changes(self, changes: CardMarks) -> None:
        """The cards' day-over-day marks and the comparison they show; the cards are painted again
        only when those changed (the marks are below the name lines: a cursor move costs the same)."""
        if changes != self.painter.changes:
            self.painter.changes = changes
            self._cache.clear()
            self.refresh()

    def show(self, positions: Sequence[int] | None, *, keep_id: int | None = None) -> None:
        """Show only ``positions`` (indexes into the clients, in order), or all for ``None``."""
        if keep_id is None and self.current is not None:
            keep_id = self.current.id
        self._shown = range(len(self._clients)) if positions is None else positions
        self._update_virtual_size()
        cursor = 0
        if keep_id is not None:
            cursor = self._index_of(keep_id)
        self.set_reactive(ClientList.cursor, cursor)
        self.scroll_to(y=self._card_top(cursor), animate=False)
        self.refresh()
        self._announce()

    def _index_of(self, client_id: int, default: int = 0) -> int:
        """Where ``client_id`` is among the shown clients (``default`` when it is not shown)."""
        position = self._positions.get(client_id)
        if position is None:
            return default
        try:  # a range or a search's Matches: found without a scan
            return self._shown.index(position)
        except ValueError:
            return default

    def move_to(self, client_id: int) -> bool:
        """Put the cursor on ``client_id`` if it is shown; True when it is."""
        index = self._index_of(client_id, -1)
        if index >= 0:
            self.cursor = index
        return index >= 0

    # --- geometry ------------------------------------------------------------------------------

    @property
    def line_width(self) -> int:
        """Cells per line: the content width without the scrollbar."""
        return self.scrollable_content_region.width

    @property
    def card_height(self) -> int:
        return self.painter.height(self.line_width)

    def _card_top(self, index: int) -> int:
        return index * self.card_height

    def _update_virtual_size(self) -> None:
        size = Size(self.line_width, len(self._shown) * self.card_height)
        if size != self.virtual_size:
            # The scrollbar is always there (overflow-y: scroll), so a new length needs no layout
            # of the whole screen: update the scrollbar the way Widget._size_updated does for
            # layout=False. Filtering 10,000 clients then repaints in one frame.
            self.set_reactive(ClientList.virtual_size, size)
            self._scroll_update(size)

    def on_resize(self, _event: events.Resize) -> None:
        self._cache.clear()
        self._update_virtual_size()
        self._scroll_cursor_into_view()

    def _scroll_cursor_into_view(self) -> None:
        top, height = self._card_top(self.cursor), self.card_height
        if top < self.scroll_y or height > self.size.height:  # too short for a card: its name line first
            self.scroll_to(y=top, animate=False)
        elif top + height > self.scroll_y + self.size.height:
            self.scroll_to(y=top + height - self.size.height, animate=False)

    # --- painting ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._repaint()

    def on_focus(self) -> None:
        self._repaint()

    def on_blur(self) -> None:
        self._repaint()  # the cursor colour depends on focus

    def _repaint(self) -> None:
        self._themes.clear()
        self._cache.clear()
        self.refresh()

    def _theme(self, cursor: bool) -> CardTheme:
        if cursor not in self._themes:
            background = self.background_colors[1]
            if cursor:
                background += self.get_component_styles("client-list--cursor").background
            styles = {}
            for name in STYLE_NAMES:
                component = self.get_component_styles(f"client-list--{name}")
                styles[name] = component.text_style + self._colour(background + component.color, background)
            base = self._colour(background + self.styles.color, background)
            gap = Style(bgcolor=background.rich_color)
            self._themes[cursor] = CardTheme(base=base, gap=gap, **styles)
        return self._themes[cursor]

    @staticmethod
    def _colour(foreground: Color, background: Color) -> Style:
        from rich.style import Style

        return Style(color=foreground.rich_color, bgcolor=background.rich_color)

    def _card(self, index: int) -> list[Strip]:
        """Card ``index``'s lines (body and rule). The card under the cursor is the card without it
        but for its name line and the marker cell of its other lines (see ``_refresh_cursor``)."""
        position, width = self._shown[index], self.line_width
        selected = self._clients[position].id in self.marked
        plain = self._cache.get((position, width, False, selected))
        if plain is None:
            client, theme = self._clients[position], self._theme(False)
            mark = self._marks.get(client.id)
            plain = [*self.painter.paint(client, width, theme, mark), self.painter.rule(width, theme)]
            if selected:
                plain[0] = self._selected(plain[0], theme.marker)
            self._cache[position, width, False, selected] = plain
        if index != self.cursor:
            return plain
        strips = self._cache.get((position, width, True, selected))
        if strips is None:
            marker = self._theme(False).marker
            head = self.painter.head(self._clients[position], width, self._theme(True))
            if selected:
                head = self._selected(head, self._theme(True).marker)
            strips = [head, *(self.painter.mark(line, marker) for line in plain[1:-1]), plain[-1]]
            self._cache[position, width, True, selected] = strips
        return strips

    @staticmethod
    def _selected(name_line: Strip, marker: Style) -> Strip:
        """The name line with the selection's ``●`` in its second cell (the first is the cursor's)."""
        return Strip.join([name_line.crop(0, 1), Strip([Segment("●", marker)], 1),
                           name_line.crop(2, name_line.cell_length)])

    def refresh_marks(self, client_ids: Collection[int] | None) -> None:
        """Repaint the name lines of ``client_ids`` (None: every card) after the selection changed."""
        if client_ids is None:
            self._cache.clear()
            self.refresh()
            return
        for client_id in client_ids:
            index = self._index_of(client_id, -1)
            if index >= 0:
                top = self._card_top(index) - self.scroll_offset.y
                self.refresh(Region(0, top, self.line_width, 1))

    def render_line(self, y: int) -> Strip:
        if (covered := self.covered_line(y)) is not None:
            return covered
        line = self.scroll_offset.y + y
        height = self.card_height
        index, row = divmod(line, height)
        if index >= len(self._shown):
            if line == 1 and not self._shown and self.empty_text:
                dim = self._theme(False).dim
                return Strip([Segment("  " + self.empty_text, dim)]).adjust_cell_length(self.line_width, dim)
            return Strip.blank(self.line_width, self.rich_style)
        return self._card(index)[row]

    # --- cursor --------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_cursor(old)
        self._refresh_cursor(new)
        self._scroll_cursor_into_view()
        self._announce()

    def _refresh_cursor(self, index: int) -> None:
        """Repaint what shows the cursor on card ``index``: its name line across the text's width and
        the marker cell of its other body lines. What is written for them is all a cursor move costs
        on the wire. Regions are in the widget's coordinates: the card's line less the scroll offset."""
        top = self._card_top(index) - self.scroll_offset.y
        self.refresh(Region(0, top, self.line_width, 1), Region(0, top + 1, 1, self.card_height - 2))

    def _announce(self) -> None:
        self.post_message(self.Highlighted(self, self.current))

    def _move(self, delta: int) -> None:
        if self._shown:
            self.cursor = max(0, min(len(self._shown) - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(1, self.size.height // self.card_height))

    def action_page_up(self) -> None:
        self._move(-max(1, self.size.height // self.card_height))

    def action_first(self) -> None:
        self._move(-len(self._shown))

    def action_last(self) -> None:
        self._move(len(self._shown))

    def action_select(self) -> None:
        """Choose the client under the cursor (``enter`` in the search line)."""
        if self.current is not None:
            self.post_message(self.Chosen(self, self.current))

    def on_click(self, event: events.Click) -> None:
        index = (self.scroll_offset.y + event.y) // self.card_height
        if 0 <= index < len(self._shown):
            self.cursor = index
            if event.chain >= 2 and self.current is not None:
                self.post_message(self.Chosen(self, self.current))
