"""Company Avatar (R-CMC-3 Information): the client's logo as a small terminal picture."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from console_tui.data.client_views import AvatarInfo
from console_tui.screens.base import DataScreen
from console_tui.services import Services
from console_tui.text import when_text
from console_tui.widgets.avatar_picture import AvatarPicture
from console_tui.widgets.title_bar import TitleBar


class CompanyAvatarScreen(DataScreen):
    TITLE_TEXT = "Company Avatar"
    DEFAULT_CSS = """
    CompanyAvatarScreen #avatar-body { height: 1fr; padding: 1 1; }
    CompanyAvatarScreen #avatar-facts { width: 1fr; padding: 0 2; }
    """

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="avatar-body"):
            yield AvatarPicture(id="picture")
            yield Static("", id="avatar-facts", markup=False)

    def fetch(self, services: Services) -> tuple[str, AvatarInfo]:
        return services.avatar(self.client_id)

    def show(self, data: tuple[str, AvatarInfo]) -> None:
        name, info = data
        tz = self.app.clock.tz  # type: ignore[attr-defined]
        self.query_one(TitleBar).show_subject(name)
        self.query_one(AvatarPicture).show_image(info.image)
        lock = ("Locked: the agency's logo is used and the client cannot change it (Client Rebrand)."
                if info.rebrand_locked else "Unlocked: the client may upload its own logo.")
        if info.mime_type:
            facts = [f"{info.mime_type}, {info.width} × {info.height} pixels, {len(info.image):,} bytes",
                     f"Updated {when_text(info.updated_at, tz)}", "", lock]
        else:
            facts = ["No company avatar yet: the agency's logo is shown.", "", lock]
        self.query_one("#avatar-facts", Static).update(Content("\n".join(facts)))
        self.status.ready("view only for now")
