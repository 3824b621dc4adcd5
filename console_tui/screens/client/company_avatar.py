"""Company Avatar (R-CMC-3 Information): the client's logo as a small terminal picture, and a
path field to add or change it from a local PNG or JPEG file.

The command checks the file (set_avatar: PNG/JPEG, at most 2 MB and 4,096 pixels a side) and
stores exactly the bytes it checked; a bad path or file is named beside the field and nothing
is stored. While Client Rebrand is locked (R-OPT-8) the field is disabled and says why.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from console_tui.data.views.client import AvatarInfo
from console_tui.display import when_text
from console_tui.domain.errors import ValidationError
from console_tui.screens.base import ACT_GROUP, ClientScreen
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.avatar_picture import AvatarPicture
from console_tui.widgets.form_field import FormField
from console_tui.widgets.title_bar import TitleBar

HINT = "A PNG or JPEG file of at most 2 MB · enter sets it · ~ is your home folder"


def typed_path(text: str) -> str:
    """What the user typed or pasted, as an absolute path: quotes (drag and drop) and ``~`` handled."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    if not text:
        return ""
    return os.path.abspath(Path(text).expanduser())


class CompanyAvatarScreen(ClientScreen):
    TITLE_TEXT = "Company Avatar"
    BINDINGS = keys.bindings("avatar", "back")
    PALETTE_SCOPES = ("avatar", "back")
    DEFAULT_CSS = """
    CompanyAvatarScreen #avatar-body { height: auto; max-height: 15; padding: 1 1 0 1; }
    CompanyAvatarScreen #avatar-facts { width: 1fr; padding: 0 2; }
    CompanyAvatarScreen FormField { margin: 1 1 0 1; }
    CompanyAvatarScreen #avatar-hint { padding: 0 1 0 19; color: $text-muted; }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.saving = False

    def compose_body(self) -> ComposeResult:
        yield FormField("image", "Image file", placeholder="/path/to/logo.png", max_length=4096)
        yield Static(HINT, id="avatar-hint", markup=False)
        with Horizontal(id="avatar-body"):
            yield AvatarPicture(id="picture")
            yield Static("", id="avatar-facts", markup=False)

    @property
    def field(self) -> FormField:
        return self.query_one(FormField)

    def fetch(self) -> tuple[str, AvatarInfo]:
        return self.app.services.avatar(self.client_id)

    def show(self, data: tuple[str, AvatarInfo]) -> None:
        name, info = data
        tz = self.app.clock.tz
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
        self.field.input.disabled = info.rebrand_locked
        if info.rebrand_locked:
            self.query_one("#avatar-hint", Static).update(
                Content("An Administrator unlocks Client Rebrand (Manage Clients) before the logo can change."))
            self.status.ready("The logo is locked by the agency")
        else:
            self.field.input.focus()
            self.status.ready("Type or paste the path of the new logo, then enter")

    def action_focus_path(self) -> None:
        if not self.field.input.disabled:
            self.field.input.focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.saving:
            return
        path = typed_path(event.value)
        if not path:
            self.field.set_error("is required: type the path of a PNG or JPEG file")
            return
        self._set(path)

    @work(group=ACT_GROUP)
    async def _set(self, path: str) -> None:
        client_id = self.client_id
        self.saving = True
        done = await self.act("Checking and storing the picture", lambda: self.app.services.set_avatar(client_id, path))
        self.saving = False
        if done is None:
            self.field.input.focus()
            return
        stored = done.result
        kind = stored.mime_type.removeprefix("image/").upper()
        self.field.set_error(None)
        self.field.value = ""
        self.notify(f"Stored the new logo ({kind}, {stored.width} × {stored.height} pixels, "
                    f"{stored.size_bytes:,} bytes).", timeout=4)

    def handle_refusal(self, what: str, error: BaseException) -> bool:
        problem = error.field_errors.get("image") if isinstance(error, ValidationError) else None
        self.field.set_error(problem)
        if problem:
            self.status.failed("Nothing was stored: the file is not usable (see under the path).")
        return bool(problem)
