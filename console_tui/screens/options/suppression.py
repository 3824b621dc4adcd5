"""Email Suppression (R-SUP-1..4): whether engagement-based suppression (EBS) is required.

Turning EBS on is always allowed. Turning it off needs a Healthy or At Risk sender, 60 days (a
setting) after it last became Healthy: when that does not hold, the screen says why and the date
it opens, and ``t`` shows the same refusal instead of asking. Turning EBS off never lifts
time-based suppressions; the screen says so (R-SUP-4). Administrators, Company Managers and
Marketing Managers may use it (R-ACC-3).
"""

from __future__ import annotations

from textual.content import Content

from console_tui.data.views.manage import SuppressionView
from console_tui.display import clip, day_text, safe
from console_tui.domain.ebs import EBS_OFF_NOTE, ebs_on_note
from console_tui.domain.errors import RuleRefused
from console_tui.screens.base import ACT_GROUP
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.screens.options.base import ToggleScreen
from console_tui.ui.workers import work

ABOUT = ("With EBS on, the client cannot send to unengaged contacts. Clients with EBS on carry the EBS Active tag. "
         "If the sender status drops to Unhealthy or Limited, EBS turns back on by itself.")


def off_refusal(view: SuppressionView) -> str | None:
    """The refusal turning EBS off would meet today (the command's own sentence), or None."""
    if view.off_guard.allowed:
        return None
    try:
        view.off_guard.enforce(f"Turning EBS off for {view.name}")
    except RuleRefused as refused:
        return refused.message
    return None


class EmailSuppressionScreen(ToggleScreen):
    TITLE_TEXT = "Email Suppression"

    def fetch(self) -> SuppressionView:
        return self.app.manage.suppression(self.client_id)

    def texts(self, data: SuppressionView) -> tuple[Content, Content, str]:
        state = Content.assemble("Engagement-based suppression is ", ("on" if data.ebs_enabled else "off", "reverse"),
                                 " · sender status ", (data.sender_status, "bold"))
        healthy = (f"Last became Healthy on {day_text(data.last_became_healthy)}. "
                   if data.last_became_healthy else "")
        guard = data.off_guard
        if not data.ebs_enabled:
            can = "EBS is off. It can be turned back on at any time."
        elif guard.allowed:
            can = "EBS can be turned off now."
        else:
            opens = f" It opens on {day_text(guard.opens_on)}." if guard.opens_on else ""
            can = f"EBS cannot be turned off now: {guard.reason}.{opens}"
        about = Content(f"{healthy}{can}\n\n{ABOUT}\n\nNote: {EBS_OFF_NOTE}")
        return state, about, "Turn EBS off" if data.ebs_enabled else "Turn EBS on"

    def refused(self, data: SuppressionView) -> bool:
        return data.ebs_enabled and off_refusal(data) is not None

    @work(group=ACT_GROUP)
    async def action_switch(self) -> None:
        data: SuppressionView | None = self.data
        if data is None:
            return
        turn_on = not data.ebs_enabled
        if not turn_on and (refusal := off_refusal(data)):
            self.refuse(refusal)
            return
        word = "on" if turn_on else "off"
        on_note = ebs_on_note(data.off_guard, data.last_became_healthy, data.wait_days, day_text)
        body = (f"The client will not be able to send to unengaged contacts.\n\n{on_note}" if turn_on
                else f"The client will be able to send to unengaged contacts.\n\n{EBS_OFF_NOTE}")
        done = await self.act(
            f"Turning EBS {word}",
            lambda: self.app.manage.set_suppression(data.client_id, turn_on, data.version),
            confirm=Confirm(Content.assemble(f"Turn engagement-based suppression {word} for ",
                                             (clip(safe(data.name), 40), "bold"), "?"), body, yes=f"Turn it {word}"))
        if done is not None:
            note = done.result.note
            self.notify(f"EBS is now {word}." + (f" {note}" if note else ""), title="Email Suppression", timeout=10)
