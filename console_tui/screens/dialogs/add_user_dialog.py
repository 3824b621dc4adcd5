"""Add an agency user (R-ACC-1): login, full name, email and one role.

The dialog saves through ``add_agency_user`` in a thread worker; a refused field is named right
under it and nothing is created; any other refusal is shown whole. It closes with the result only
once the user exists (the command audited it).
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select, Static
from textual.worker import WorkerCancelled

from console_tui.data.views.results import AgencyUserAdded
from console_tui.display import safe
from console_tui.domain.errors import ValidationError
from console_tui.domain.roles import Role
from console_tui.screens.base import ACT_GROUP, failure_text, run_command
from console_tui.screens.dialogs.base import Dialog
from console_tui.services.admin import AdminServices
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import work
from console_tui.widgets.form_field import FIELD_KEYS, next_field

FIELDS = (("login", "Login", "their OS login name, e.g. jdoe"), ("full_name", "Full name", ""),
          ("email", "Email", "name@agency.example"))


class AddUserDialog(Dialog[AgencyUserAdded | None]):
    """``ctrl+s`` or Save adds the user; ``esc`` cancels without creating anything."""

    app = getters.app(ConsoleHost)
    WIDE = True
    BINDINGS = [*keys.bindings("dialog", only=("dialog.cancel", "dialog.save")), *FIELD_KEYS]
    DEFAULT_CSS = """
    AddUserDialog .field { height: 1; margin-top: 1; }
    AddUserDialog .field Static { width: 12; }
    AddUserDialog .field Input, AddUserDialog .field Select { width: 1fr; }
    AddUserDialog .field-error { color: $text-error; padding-left: 12; display: none; height: auto; }
    AddUserDialog .field-error.-shown { display: block; }
    AddUserDialog #add-message { color: $text-error; height: auto; margin-top: 1; }
    """

    def __init__(self, admin: AdminServices) -> None:
        super().__init__()
        self.admin = admin
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Add an agency user"), classes="dialog-title")
            for name, label, hint in FIELDS:
                with Horizontal(classes="field"):
                    yield Static(Content(label))
                    yield Input(placeholder=hint, id=f"add-{name}", compact=True)
                yield Static("", id=f"error-{name}", classes="field-error", markup=False)
            with Horizontal(classes="field"):
                yield Static(Content("Role"))
                yield Select([(role.value, role.value) for role in Role], prompt="Choose a role", id="add-role",
                             compact=True)
            yield Static("", id="error-role", classes="field-error", markup=False)
            yield Static("", id="add-message", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Add user", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield Static(Content("ctrl+s: add · esc: cancel · the change is audited"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#add-login", Input).focus()

    def form(self) -> dict[str, str]:
        values = {name: self.query_one(f"#add-{name}", Input).value for name, _, _ in FIELDS}
        role = self.query_one("#add-role", Select).value
        values["role"] = role if isinstance(role, str) else ""
        return values

    def action_next_field(self, step: int = 1, only_from_text: bool = False) -> None:
        next_field(self, step, only_from_text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    @work(group=ACT_GROUP)
    async def action_save(self) -> None:
        """Adding, top to bottom: the command in a thread worker, then close or say why."""
        if self.saving:
            return
        self.saving = True
        self.query_one("#add-message", Static).update(Content("Adding…"))
        form = self.form()
        try:
            result = await run_command(self, lambda: self.admin.add_user(**form))
        except WorkerCancelled:
            return
        except Exception as error:  # a refused field under it; a DomainError says what, why and what to do
            self.saving = False
            self._refused(error)
            return
        self.app.database_answered()
        self.app.data_changed(None)
        self.dismiss(result)

    def _refused(self, error: BaseException) -> None:
        fields = dict(error.field_errors) if isinstance(error, ValidationError) else {}
        for name in ("login", "full_name", "email", "role"):
            line = self.query_one(f"#error-{name}", Static)
            text = fields.get(name, "")
            line.set_class(bool(text), "-shown")
            line.update(Content(safe(text)))
        general = "Nothing was added: correct the fields named above." if fields else failure_text(error)
        self.query_one("#add-message", Static).update(Content(safe(general)))

    def action_cancel(self) -> None:
        self.dismiss(None)
