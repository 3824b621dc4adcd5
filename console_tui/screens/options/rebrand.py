"""Client Rebrand (R-OPT-8): lock or unlock the client's own logo upload. While locked, the
agency's logo is used and the client cannot change it. Confirms first; one audit row."""

from __future__ import annotations

from textual.content import Content

from console_tui.data.views.manage import FlagsView
from console_tui.display import clip, safe
from console_tui.domain.permissions import Action
from console_tui.screens.base import ACT_GROUP
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.screens.options.base import ToggleScreen
from console_tui.ui.workers import work


class ClientRebrandScreen(ToggleScreen):
    TITLE_TEXT = "Client Rebrand"

    def fetch(self) -> FlagsView:
        return self.app.manage.flags(self.client_id, Action.CLIENT_REBRAND)

    def texts(self, data: FlagsView) -> tuple[Content, Content, str]:
        state = Content.assemble("Logo upload is ", ("locked" if data.rebrand_locked else "unlocked", "reverse"),
                                 f" for {clip(safe(data.name), 48)}")
        if data.rebrand_locked:
            shown = "Your agency's logo is shown; the client cannot upload its own."
        elif data.has_own_logo:
            shown = "The client may upload its own logo, and has one: it is shown instead of your agency's."
        else:
            shown = "The client may upload its own logo; it has none yet, so your agency's logo is shown."
        about = Content(f"{shown}\n\nLock the upload if you want the client to use your agency's logo instead of "
                        "rebranding the product with its own.")
        return state, about, "Unlock logo upload" if data.rebrand_locked else "Lock logo upload"

    @work(group=ACT_GROUP)
    async def action_switch(self) -> None:
        data: FlagsView | None = self.data
        if data is None:
            return
        lock = not data.rebrand_locked
        word = "lock" if lock else "unlock"
        body = ("Your agency's logo will be used and the client cannot change it." if lock
                else "The client will be able to upload its own logo.")
        question = Content.assemble(f"{word.capitalize()} the logo upload for ", (clip(safe(data.name), 40), "bold"),
                                    "?")
        if await self.act(f"{word.capitalize()}ing the logo upload",
                          lambda: self.app.manage.set_rebrand_lock(data.client_id, lock, data.version),
                          confirm=Confirm(question, body, yes=word.capitalize())):
            self.notify(f"Logo upload {word}ed.", title="Client Rebrand")
