"""Client Configuration (R-OPT-3, R-MC-3): term, billing, tax, region, margin protection.

``ctrl+s`` shows what will change and asks before saving; the command validates (errors beside
their fields), refuses a save over someone else's (reload), and writes one audit row.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button

from console_tui.data.views.manage import ConfigurationView
from console_tui.data.views.results import ConfigurationSaved
from console_tui.display import DASH, clip
from console_tui.domain.configuration import parse_tax_rate
from console_tui.domain.errors import ValidationError
from console_tui.domain.wording import needs_attention
from console_tui.screens.base import ACT_GROUP, ClientScreen
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.widgets.configuration_form import LABELS, ConfigurationForm
from console_tui.widgets.form_field import FIELD_KEYS, next_field


def _shown(value: Any) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def _tax(value: Any) -> Any:
    try:
        return parse_tax_rate(value)
    except ValueError:
        return str(value)  # invalid: the command will say so


def changes(view: ConfigurationView, values: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``[(label, before, after), …]`` for the fields the form changed."""
    before = {"term": view.term, "start_date": view.start_date, "billing_contact": view.billing_contact,
              "billing_email": view.billing_email, "tax_rate": view.tax_rate,
              "margin_protection": view.margin_protection}
    out = []
    for name, old in before.items():
        new = values[name]
        if name == "tax_rate":
            old, new = _tax(old), _tax(new)
        elif isinstance(new, str):  # term, billing contact and email: the saved value is text or None
            new = new.strip()
            old = (old or "").strip() if old is None or isinstance(old, str) else old
        if old != new:
            out.append((LABELS[name], _shown(old), _shown(new)))
    return out


class ClientConfigurationScreen(ClientScreen):
    TITLE_TEXT = "Client Configuration"
    BINDINGS = [*keys.bindings("option", only=("config.save",)), *FIELD_KEYS]
    DEFAULT_CSS = """
    ClientConfigurationScreen #config-body { height: 1fr; padding: 1 1 0 1; }
    ClientConfigurationScreen .buttons { height: auto; margin-top: 1; }
    """

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.view: ConfigurationView | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="config-body", can_focus=False):
            yield ConfigurationForm(id="config")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)

    def fetch(self) -> ConfigurationView:
        return self.app.manage.configuration(self.client_id)

    def show(self, data: ConfigurationView) -> None:
        self.view = data
        form = self.query_one(ConfigurationForm)
        form.load(data)
        if self.focused is None:
            form.query_one("#term").focus()
        state = "Complete" if not data.missing else "Incomplete: tagged Config incomplete"
        self.status.ready(f"{state} · ctrl+s saves · esc back")

    def action_next_field(self, step: int = 1, only_from_text: bool = False) -> None:
        next_field(self, step, only_from_text)  # next_field asks Screen[object]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    @work(group=ACT_GROUP)
    async def action_save(self) -> None:
        view = self.view
        if view is None:
            return
        form = self.query_one(ConfigurationForm)
        try:
            values = form.values()
        except ValidationError as error:
            self._field_errors(error)
            return
        diff = changes(view, values)
        if not diff:
            self.notify("Nothing changed, so there is nothing to save.")
            return
        body = Content("\n".join(f"{label}: {clip(old, 28)} → {clip(new, 28)}" for label, old, new in diff))
        done = await self.act(
            "Saving the client configuration",
            lambda: self.app.manage.save_configuration(view.client_id, **values, seen_version=view.version),
            confirm=Confirm(Content.assemble("Save the configuration of ", (clip(view.name, 40), "bold"), "?"), body,
                            yes="Save"))
        if done is not None:
            self._saved(done.result)

    def _field_errors(self, error: ValidationError) -> None:
        form = self.query_one(ConfigurationForm)
        form.show_errors(error.field_errors)
        form.focus_first_error(error.field_errors)
        self.status.failed(f"{needs_attention(len(error.field_errors))}: see the message under each. "
                           "Nothing was saved.")

    def handle_refusal(self, what: str, error: BaseException) -> bool:
        if isinstance(error, ValidationError):  # beside the fields, not as a notification
            self._field_errors(error)
            return True
        return False

    def _saved(self, saved: ConfigurationSaved) -> None:
        if saved.complete:
            self.notify("Configuration saved; it is complete.", title="Saved")
        else:
            missing = ", ".join(LABELS.get(m, m).lower() for m in saved.missing)
            self.notify(f"Configuration saved but still incomplete ({missing}): the client stays tagged Config "
                        "incomplete and its charges provisional.", title="Saved", severity="warning", timeout=10)
