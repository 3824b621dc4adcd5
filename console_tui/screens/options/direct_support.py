"""Enable/Disable Direct Support (R-OPT-6): the paid add-on that lets the client send support
tickets straight to the support team. Switching confirms first and writes one audit row."""

from __future__ import annotations

from textual.content import Content

from console_tui.data.views.manage import FlagsView
from console_tui.display import clip, safe
from console_tui.domain.permissions import Action
from console_tui.screens.base import ACT_GROUP
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.screens.options.base import ToggleScreen
from console_tui.ui.workers import work

ABOUT = ("Direct Support is a paid add-on: the client submits tickets directly to the support team, so you do "
         "not have to be involved. While it is on, it is charged.")


def default_note(uses_billing_platform: bool) -> str:
    """R-OPT-6 / R-DS-1: the default for new clients, and why."""
    if uses_billing_platform:
        return "New clients start with it off, because this agency uses the billing platform."
    return ("New clients start with it on, because this agency does not use the billing platform: turn it off "
            "for clients you do not want to be charged for.")


class DirectSupportScreen(ToggleScreen):
    TITLE_TEXT = "Direct Support"

    def fetch(self) -> FlagsView:
        return self.app.manage.flags(self.client_id, Action.DIRECT_SUPPORT)

    def texts(self, data: FlagsView) -> tuple[Content, Content, str]:
        state = Content.assemble("Direct Support is ", ("on" if data.direct_support else "off", "reverse"),
                                 f" for {clip(safe(data.name), 48)}")
        about = Content(f"{ABOUT}\n\n{default_note(data.uses_billing_platform)}")
        return state, about, "Turn Direct Support off" if data.direct_support else "Turn Direct Support on"

    @work(group=ACT_GROUP)
    async def action_switch(self) -> None:
        data: FlagsView | None = self.data
        if data is None:
            return
        new = not data.direct_support
        word = "on" if new else "off"
        body = ("The client will be able to send tickets directly to support, and it will be charged."
                if new else "The client's tickets will come to your agency again, and it stops being charged.")
        question = Content.assemble(f"Turn Direct Support {word} for ", (clip(safe(data.name), 40), "bold"), "?")
        if await self.act(f"Turning Direct Support {word}",
                          lambda: self.app.manage.set_direct_support(data.client_id, new, data.version),
                          confirm=Confirm(question, body, yes=f"Turn it {word}")):
            self.notify(f"Direct Support is now {word}.", title="Direct Support")
