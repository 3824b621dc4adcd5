"""Remove Company (R-OPT-9): monthly clients any time, annual ones only in the pre-renewal window
(the last 30 days before renewal, a setting); otherwise refused with the date it opens.

Removal is a soft delete: the company's users are blocked, it leaves every list and stops counting
toward the plan, and its data is kept (a separate purge deletes data). Confirmed by typing the
company's name; the command compares it and writes one audit row. The screen and the confirmation
show the agency's charges for the next cycle with and without the company (R-WI-2): who moves into
the in-pack discount, and what the agency saves.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Static

from console_tui.data.views.manage import RemovalView
from console_tui.data.views.results import CompanyRemoved
from console_tui.data.views.what_if import ChargesWhatIf
from console_tui.display import DASH, clip, day_text, safe
from console_tui.domain.errors import RuleRefused
from console_tui.domain.wording import count
from console_tui.screens.base import ACT_GROUP, ClientScreen
from console_tui.screens.dialogs.confirm import TypeToConfirm
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.viewmodels.what_if_text import charges_lines

WHAT_HAPPENS = ("Removing blocks all the company's users and hides it from every list; it stops counting toward "
                "your plan. Its data is kept (purging it is a separate, explicit step).")


def refusal(view: RemovalView) -> str | None:
    """The sentence the command would refuse with today, or None when removal is allowed."""
    if view.guard.allowed:
        return None
    try:
        view.guard.enforce(f"Removing {view.name}")
    except RuleRefused as refused:
        return refused.message
    return None


class RemoveCompanyScreen(ClientScreen):
    TITLE_TEXT = "Remove Company"
    BINDINGS = keys.bindings("option", only=("remove.remove",))
    DEFAULT_CSS = """
    RemoveCompanyScreen #remove-facts { padding: 1 1 0 1; height: auto; }
    RemoveCompanyScreen #remove-guard { padding: 1 1 0 1; height: auto; }
    RemoveCompanyScreen #remove-guard.-refused { color: $text-error; }
    RemoveCompanyScreen #remove-about { padding: 1 1 0 1; color: $text-secondary; height: auto; }
    RemoveCompanyScreen #remove-whatif { margin: 1 1 0 1; padding: 0 1; height: auto; background: $boost; }
    RemoveCompanyScreen #remove-button { margin: 1 1 0 1; }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.view: RemovalView | None = None
        self.what_if: ChargesWhatIf | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="remove-facts", markup=False)
        yield Static("", id="remove-guard", markup=False)
        yield Static(WHAT_HAPPENS, id="remove-about", markup=False)
        yield Static("", id="remove-whatif", markup=False)
        yield Button("Remove company…", id="remove-button", variant="error", compact=True)

    def fetch(self) -> tuple[RemovalView, ChargesWhatIf]:
        """The guard, and the next cycle's charges with and without the company (R-WI-2)."""
        manage = self.app.manage
        return manage.removal(self.client_id), manage.charges_what_if(removed=[self.client_id])

    def show(self, loaded: tuple[RemovalView, ChargesWhatIf]) -> None:
        data, self.what_if = loaded
        self.view = data
        self.query_one("#remove-whatif", Static).update(Content("\n".join(charges_lines(self.what_if))))
        term = data.term or "no license term"
        start = f", started {day_text(data.start_date)}" if data.start_date else ""
        renewal = f"Next renewal: {day_text(data.renewal)}" if data.renewal else f"Next renewal: {DASH}"
        users = f"{count(data.user_count, 'user')} would be blocked."
        self.query_one("#remove-facts", Static).update(Content.assemble(
            (clip(safe(data.name), 60), "bold"), f"\nLicense term: {term}{start}. {renewal}. {users}"))
        guard = self.query_one("#remove-guard", Static)
        refused = refusal(data)
        guard.update(Content(f"✗ {refused}" if refused else f"✓ Removal is allowed now: {data.guard.reason}."))
        guard.set_class(bool(refused), "-refused")
        button = self.query_one("#remove-button", Button)
        button.disabled = bool(refused)
        if not refused:
            button.focus()
        self.status.ready("x or enter: remove (type the name to confirm) · esc back" if not refused
                          else "Removal is not allowed now (see why below) · esc back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "remove-button":
            self.action_remove()

    @work(group=ACT_GROUP)
    async def action_remove(self) -> None:
        view = self.view
        if view is None:
            return
        if refused := refusal(view):
            self.refuse(refused)
            return
        client_id, version = view.client_id, view.version
        what = f"Removing {clip(view.name, 40)}"
        question = Content.assemble("Remove ", (clip(safe(view.name), 40), "bold"), "?")
        body = "\n".join([WHAT_HAPPENS, "", *(charges_lines(self.what_if) if self.what_if else [])])
        typed = await self.ask(what, TypeToConfirm(question, body, safe(view.name), action="remove it"))
        if typed is None:
            return
        done = await self.act(what, lambda: self.app.manage.remove_company(client_id, typed, version))
        if done is not None:
            self._removed(done.result)

    def _removed(self, removed: CompanyRemoved) -> None:
        self.notify(f"{clip(removed.name, 40)} was removed: {count(removed.users_blocked, 'user')} blocked; its data "
                    "is kept. Show removed companies with f in Manage Clients.", title="Company removed", timeout=10)
        self.dismiss()
