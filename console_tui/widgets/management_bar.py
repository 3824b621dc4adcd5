"""The management bar (R-CMC-2): always at the top of the console, never scrolled away.

Agency name (→ agency dashboard), the agency's Company Utilization Score and level (R-UT-3),
Manage Clients, the saved view in force (when one is), the client search, and the Partner Portal
as a terminal hyperlink. :class:`CapacityLine` goes just under it: the plan's advance warning (R-CAP-2), one line,
ellipsised, shown only while the warning applies.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.style import Style
from textual.widgets import Static

from console_tui.display import clip, safe
from console_tui.domain.utilization import level
from console_tui.ui import keys
from console_tui.widgets.search_line import SearchLine

AGENCY_NAME_CELLS = 28
VIEW_NAME_CELLS = 20


class BarButton(Static):
    """A word in the bar that runs an action when clicked (each also has a key)."""

    def __init__(self, label: str | Content, action: str, *, id: str) -> None:
        super().__init__(label, id=id, markup=False)
        self.action = action

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.run_action(self.action)


class SearchInput(SearchLine):
    """The client search box, a search line over the client list.

    ``Input`` declares its virtual size as a layout reactive, so every keystroke re-lays-out the
    whole screen. This box has a fixed size (``width: 1fr; height: 1``), so its virtual size only
    matters for scrolling its own text: redeclared without layout, typing repaints in one frame.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class ManagementBar(Horizontal):
    """Agency · score · Manage Clients · search · Partner Portal."""

    DEFAULT_CSS = """
    ManagementBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        & > Static { width: auto; height: 1; padding: 0 1; }
        & > #agency { text-style: bold; color: $text-primary; }
        & > #agency:hover, & > #manage:hover, & > #portal:hover { background: $boost; }
        & > #score { padding: 0 1 0 0; }
        & > #manage { color: $text-accent; }
        & > #portal { color: $text-accent; }
        & > #view { display: none; color: $text-success; text-style: bold; }
        &.-view > #view { display: block; }
        & > SearchInput {
            width: 1fr;
            min-width: 12;
            height: 1;
            border: none;
            padding: 0 1;
            background: $surface;
            &:focus { background: $surface-lighten-1; border: none; }
        }
    }
    """

    def __init__(self, portal_url: str, *, cursor_blink: bool = True) -> None:
        super().__init__(id="management-bar")
        self.portal_url = portal_url
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        opens = keys.routes("app")  # the bar's buttons do what the keys g and m do
        yield BarButton("◆ …", opens["app.agency"].action, id="agency")
        yield Static("", id="score", markup=False)
        yield BarButton("Manage Clients", opens["app.manage"].action, id="manage")
        yield Static("", id="view", markup=False)  # the saved view in force, shown by show_view
        search = SearchInput("#clients", placeholder="/ search clients", id="search", compact=False)
        search.cursor_blink = self.cursor_blink
        yield search
        portal = Content.styled("Partner Portal ↗", Style(link=self.portal_url, underline=True))
        yield BarButton(portal, "app.partner_portal", id="portal")

    @property
    def search(self) -> SearchLine:
        return self.query_one("#search", SearchLine)

    def show_view(self, name: str | None) -> None:
        """Show the saved view in force (R-VIEW-2), or nothing."""
        self.query_one("#view", Static).update(Content("▸ " + clip(safe(name), VIEW_NAME_CELLS)) if name else "")
        self.set_class(name is not None, "-view")

    def show_agency(self, name: str, score: int) -> None:
        """Show the agency's name and its own utilization score with its level (R-UT-2/3)."""
        self.query_one("#agency", Static).update(Content("◆ " + clip(safe(name), AGENCY_NAME_CELLS)))
        score = max(0, min(100, score))
        self.query_one("#score", Static).update(Content(f"{score}% {level(score).value}"))


class CapacityLine(Static):
    """``⚠`` and the plan warning from 90 % of the plan's clients (R-CAP-2); hidden without one."""

    DEFAULT_CSS = """
    CapacityLine {
        height: 1; padding: 0 1; color: $text-warning; background: $warning-muted; display: none;
        text-wrap: nowrap; text-overflow: ellipsis;
        &.-shown { display: block; }
    }
    """

    def __init__(self, *, id: str | None = "capacity") -> None:  # noqa: A002 - Textual's name
        super().__init__("", id=id, markup=False)
        self.warning: str | None = None

    def show_warning(self, warning: str | None) -> None:
        """Show ``warning`` (plain text, never markup), or hide the line when it is None."""
        self.warning = warning
        self.update(Content(f"⚠ {warning}" if warning else ""))
        self.set_class(bool(warning), "-shown")
