"""A content item's page: what choosing a Recent Places entry opens (R-CMC-3 section 3)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.client import ContentPage
from console_tui.display import safe, when_text
from console_tui.screens.base import ClientScreen
from console_tui.widgets.title_bar import TitleBar


def body_text(body: str) -> str:
    """The body's lines, each cleaned of control and escape characters (newlines kept)."""
    return "\n".join(safe(line) for line in body.splitlines())


class ContentPageScreen(ClientScreen):
    TITLE_TEXT = "Content"
    DEFAULT_CSS = """
    ContentPageScreen #page { height: 1fr; padding: 1 2; }
    ContentPageScreen #page-title { text-style: bold; color: $text-primary; }
    ContentPageScreen #page-meta { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, client_id: int, content_item_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.content_item_id = content_item_id

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="page"):
            yield Static("", id="page-title", markup=False)
            yield Static("", id="page-meta", markup=False)
            yield Static("", id="page-body", markup=False)

    def fetch(self) -> ContentPage:
        return self.app.services.content(self.client_id, self.content_item_id)

    def show(self, data: ContentPage) -> None:
        tz = self.app.clock.tz
        self.query_one(TitleBar).show_subject(data.client_name)
        self.query_one("#page-title", Static).update(Content(safe(data.title)))
        meta = (f"{safe(data.content_type)} · created {when_text(data.created_at, tz)}"
                f" · edited {when_text(data.updated_at, tz)}")
        self.query_one("#page-meta", Static).update(Content(meta))
        self.query_one("#page-body", Static).update(Content(body_text(data.body) or "(empty)"))
        self.query_one("#page", VerticalScroll).focus()
