"""Add a client in two steps (R-MC-1 → R-MC-3).

Step 1: the template the client starts from (``ctrl+t``, R-TPL-2: none by default), the first client
user (full name, email) and the company's name, address, website (optional) and phone, and the
record's kind. ``add_client`` validates: every bad field is named
beside the field and nothing is created until the step is valid. A full plan is refused with its
two ways out (R-CAP-3): upgrade the plan (My Account) or free a place (suspend or remove clients).
Step 2, right after: Client Configuration (R-MC-3). Leaving it incomplete is allowed; the client
is then tagged ``Config incomplete`` and its charges are provisional.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Label, RadioButton, RadioSet, Static

from console_tui.data.views.manage import ConfigurationView
from console_tui.data.views.results import AddedClient, ConfigurationSaved
from console_tui.data.views.templates import TemplateRow
from console_tui.display import clip, safe
from console_tui.domain.client_form import FIELD_LABELS, ClientForm
from console_tui.domain.errors import CapacityReached, ValidationError
from console_tui.domain.templates import setup_summary
from console_tui.domain.wording import needs_attention
from console_tui.screens.base import ACT_GROUP, BaseScreen, failure_text, post_load
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.services.manage import ManageServices
from console_tui.ui import keys
from console_tui.ui.messages import Loaded, LoadFailed
from console_tui.ui.workers import work
from console_tui.widgets.configuration_form import LABELS as CONFIG_LABELS
from console_tui.widgets.configuration_form import ConfigurationForm
from console_tui.widgets.db_banner import DbBanner
from console_tui.widgets.form_field import FIELD_KEYS, FormField, next_field
from console_tui.widgets.notice import Notice
from console_tui.widgets.status_line import StatusLine
from console_tui.widgets.title_bar import TitleBar

KINDS = ("client", "lead", "prospect")
PLACEHOLDERS = {"email": "name@company.com", "country": "name or code, e.g. US, Germany",
                "website": "optional, https://…", "phone": "with area code"}


@dataclass(frozen=True)
class WizardResult:
    """What the wizard ended with: the new client, or the wish to free a place on the plan."""

    client_id: int | None = None
    free_up: bool = False


class AddClientScreen(BaseScreen[WizardResult | None]):
    """Step 1, then step 2 on the same screen."""

    BINDINGS = [*keys.bindings("add", only=("add.save", "add.template")), *FIELD_KEYS,
                *keys.bindings("add", only=("add.leave",))]
    DEFAULT_CSS = """
    AddClientScreen .step { height: 1fr; padding: 0 1; }
    AddClientScreen .step-intro { color: $text-secondary; margin-bottom: 1; }
    AddClientScreen #kind-row { height: 1; }
    AddClientScreen #template-row { height: 1; margin-bottom: 1; }
    AddClientScreen #template-row Label { width: 18; }
    AddClientScreen #template-row Button { margin-right: 2; }
    AddClientScreen #template-sets { width: 1fr; color: $text-secondary; text-wrap: nowrap;
                                     text-overflow: ellipsis; }
    AddClientScreen #kind-row Label { width: 18; }
    AddClientScreen RadioSet { layout: horizontal; border: none; height: 1; padding: 0; width: auto;
                               background: transparent; }
    AddClientScreen RadioSet:focus { border: none; }
    AddClientScreen RadioSet > RadioButton { margin-right: 2; width: auto; }
    AddClientScreen .buttons { height: auto; margin-top: 1; }
    AddClientScreen .buttons Button { margin-right: 2; }
    AddClientScreen #capacity { display: none; height: auto; border: round $error; padding: 0 1; margin-top: 1; }
    AddClientScreen #capacity.-shown { display: block; }
    AddClientScreen #capacity Horizontal { height: auto; }
    AddClientScreen #capacity Button { margin-right: 2; }
    AddClientScreen #step2 { display: none; }
    AddClientScreen.-step2 #step1 { display: none; }
    AddClientScreen.-step2 #step2 { display: block; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.added: AddedClient | None = None
        self.company = ""
        self.config: ConfigurationView | None = None
        self.template: TemplateRow | None = None  # the template the client starts from (R-TPL-2)

    def compose(self) -> ComposeResult:
        yield TitleBar("Add a client", "step 1 of 2: first user and company")
        yield DbBanner()
        yield StatusLine("Nothing is created until every field is valid · ctrl+s: next", id="status")
        yield Notice()
        with VerticalScroll(id="step1", classes="step", can_focus=False):
            yield Static("The company's address is required: CAN-SPAM needs it to send emails. It goes into "
                         "the client's Company Profile.", classes="step-intro")
            with Horizontal(id="template-row"):
                yield Label("Template")
                yield Button("None", id="template", compact=True)
                yield Static("ctrl+t: start from a template's setup", id="template-sets", markup=False)
            for name, label in FIELD_LABELS.items():
                yield FormField(name, label, required=name != "website", placeholder=PLACEHOLDERS.get(name, ""))
            with Horizontal(id="kind-row"):
                yield Label("Kind")
                with RadioSet(id="kind", compact=True):
                    for kind in KINDS:
                        yield RadioButton(kind.capitalize(), value=kind == "client", compact=True)
            with Vertical(id="capacity"):
                yield Static("", id="capacity-message", markup=False)
                with Horizontal():
                    yield Button("Upgrade the plan (My Account)", id="upgrade", compact=True)
                    yield Button("Suspend or remove clients", id="free-up", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Next: Client Configuration", variant="primary", id="next", compact=True)
        with VerticalScroll(id="step2", classes="step", can_focus=False):
            yield Static("", id="step2-intro", classes="step-intro", markup=False)
            yield ConfigurationForm(id="config")
            with Horizontal(classes="buttons"):
                yield Button("Save configuration", variant="primary", id="save-config", compact=True)
                yield Button("Later (leave it incomplete)", id="later", compact=True)
        yield Footer()

    def field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

    def on_mount(self) -> None:
        self.field("full_name").input.focus()

    @property
    def step(self) -> int:
        return 2 if self.has_class("-step2") else 1

    # --- step 1 ------------------------------------------------------------------------------

    def form(self) -> ClientForm:
        return ClientForm(**{name: self.field(name).value for name in FIELD_LABELS})

    def kind(self) -> str:
        return KINDS[max(0, self.query_one("#kind", RadioSet).pressed_index)]

    def action_next_field(self, step: int = 1, only_from_text: bool = False) -> None:
        next_field(self, step, only_from_text)  # next_field asks Screen[object]

    @on(Button.Pressed, "#next")
    @on(Button.Pressed, "#save-config")
    def action_save(self) -> None:
        if self.step == 1:
            self._add(self.form(), self.kind(), self.template.name if self.template else None)
        else:
            self._save_configuration()

    @work(group=ACT_GROUP)
    async def _add(self, form: ClientForm, kind: str, template: str | None) -> None:
        done = await self.act("Checking and adding the client",
                              lambda: self.app.manage.add_client(form, kind, template))
        if done is not None:
            self._added(done.result)

    def _show_field_errors(self, errors: dict[str, str]) -> None:
        for name in FIELD_LABELS:
            self.field(name).set_error(errors.get(name))
        first = next((name for name in FIELD_LABELS if name in errors), None)
        if first is not None:
            self.field(first).input.focus()

    def handle_refusal(self, what: str, error: BaseException) -> bool:
        """Field errors beside the fields, and a full plan with its two ways out; the rest as usual."""
        if isinstance(error, ValidationError):
            if self.step == 1:
                self._show_field_errors(error.field_errors)
            else:
                form = self.query_one(ConfigurationForm)
                form.show_errors(error.field_errors)
                form.focus_first_error(error.field_errors)
            self.status.failed(f"{needs_attention(len(error.field_errors))}: see the message under each. "
                               "Nothing was saved.")
            return True
        if isinstance(error, CapacityReached):
            self._show_field_errors({})
            panel = self.query_one("#capacity")
            self.query_one("#capacity-message", Static).update(Content(f"✗ {failure_text(error)}"))
            panel.add_class("-shown")
            self.query_one("#upgrade", Button).focus()
            self.status.failed("The plan is full: upgrade it, or suspend or remove clients, then try again.")
            return True
        return False

    def _added(self, added: AddedClient) -> None:
        self.added, self.company = added, self.form().company_name.strip()
        self.query_one("#capacity").remove_class("-shown")
        self.add_class("-step2")
        self.query_one(TitleBar).show_subject(self.company, "step 2 of 2: Client Configuration")
        self.query_one("#step2-intro", Static).update(Content(
            "The client is created. Its configuration is not valid until the required fields are set; until "
            "then its charges may differ from what you expect (provisional)."))
        if added.template is not None:
            applied = added.template
            changes = "; ".join(change.text for change in applied.changes) or "nothing to change"
            note = f" {applied.note}." if applied.note else ""
            self.notify(f"From the template {applied.name}: {changes}.{note}", title="Template applied",
                        severity="warning" if applied.note else "information", timeout=10)
        if added.capacity_warning:
            self.notify(added.capacity_warning, title="Plan capacity", severity="warning", timeout=10)
        self.status.show_loading("Loading the configuration…")
        self._load_config(self.app.manage, added.client_id)

    @work(thread=True, exclusive=True, group="add-config")
    def _load_config(self, manage: ManageServices, client_id: int) -> None:
        post_load(self, "config", lambda: manage.configuration(client_id))

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        self.app.database_answered()
        self.config = message.data
        form = self.query_one(ConfigurationForm)
        form.load(message.data)
        form.query_one("#term", RadioSet).focus()
        self.status.ready(f"{clip(self.company, 40)} was added. Set its configuration, then ctrl+s.")

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.refuse(message.message)

    @on(Button.Pressed, "#template")
    @work(group=ACT_GROUP)
    async def action_choose_template(self) -> None:
        """``ctrl+t``: the template picker; its choice shows on the template row."""
        if self.step != 1:
            return
        from console_tui.screens.manage.template_picker import TemplatePicker

        chosen = await self.app.push_screen_wait(TemplatePicker(self.template.name if self.template else ""))
        if chosen is None:
            return
        self.template = chosen if isinstance(chosen, TemplateRow) else None
        button, sets = self.query_one("#template", Button), self.query_one("#template-sets", Static)
        if self.template is None:
            button.label, hint = Content("None"), "ctrl+t: start from a template's setup"
        else:
            button.label, hint = Content(clip(safe(self.template.name), 30)), setup_summary(self.template.setup)
        sets.update(Content(hint))
        self.field("full_name").input.focus()

    # --- step 2 ------------------------------------------------------------------------------

    @work(group=ACT_GROUP)
    async def _save_configuration(self) -> None:
        if self.added is None or self.config is None:
            return
        form = self.query_one(ConfigurationForm)
        try:
            values = form.values()
        except ValidationError as error:
            form.show_errors(error.field_errors)
            form.focus_first_error(error.field_errors)
            self.status.failed(f"{needs_attention(len(error.field_errors))}: see the message under each. "
                               "Nothing was saved.")
            return
        client_id, version = self.added.client_id, self.config.version
        done = await self.act("Saving the client configuration",
                              lambda: self.app.manage.save_configuration(client_id, **values, seen_version=version))
        if done is not None:
            self._configured(done.result)

    def _configured(self, saved: ConfigurationSaved) -> None:
        name = clip(self.company, 40)
        if saved.complete:
            self.notify(f"{name} was added and its configuration is complete.", title="Client added")
        else:
            missing = ", ".join(CONFIG_LABELS.get(m, m).lower() for m in saved.missing)
            self.notify(f"{name} was added. Its configuration is incomplete ({missing}): it is tagged Config "
                        "incomplete and its charges are provisional.", title="Client added", severity="warning",
                        timeout=10)
        self.dismiss(WizardResult(self.added.client_id if self.added else None))

    @on(Button.Pressed, "#later")
    def _later(self) -> None:
        if self.added is None:
            return
        self.notify(f"{clip(self.company, 40)} was added without its configuration: it is tagged Config "
                    "incomplete and its charges are provisional until you complete it (Client Configuration).",
                    title="Client added", severity="warning", timeout=10)
        self.dismiss(WizardResult(self.added.client_id))

    # --- leaving -----------------------------------------------------------------------------

    @on(Button.Pressed, "#upgrade")
    def _upgrade(self) -> None:
        from console_tui.screens.manage.page_menu import open_my_account

        open_my_account(self.app)

    @on(Button.Pressed, "#free-up")
    def _free_up(self) -> None:
        self.dismiss(WizardResult(free_up=True))

    def action_leave(self) -> None:
        if self.step == 2:
            self._later()
        elif any(self.field(name).value.strip() for name in FIELD_LABELS):
            self._discard()
        else:
            self.dismiss(None)

    @work(group=ACT_GROUP)
    async def _discard(self) -> None:
        if await self.app.push_screen_wait(Confirm("Discard this new client?", "Nothing has been created yet.",
                                                   yes="Discard", no="Keep editing")):
            self.dismiss(None)
