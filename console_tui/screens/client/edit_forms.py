"""The Information section's edit forms (R-CMC-3): a client user, and the company profile.

Each is a small typed ``Dialog[str | None]``: it returns a sentence saying what was saved, or
None when cancelled. Saving runs the command in a thread worker, off the event loop; a refusal
keeps the form open with every bad field's error beside it (``ValidationError.field_errors``), a
stale version says to reload (``ConflictError``), and an outage says nothing was changed. The
fields are the shared :class:`~console_tui.widgets.form_field.FormField` (label, input, error).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Static
from textual.worker import WorkerCancelled

from console_tui.data.views.client import ClientUserRow, CompanyProfile
from console_tui.display import clip, safe
from console_tui.domain import lengths
from console_tui.domain.client_form import FIELD_LABELS, FIELD_LIMITS
from console_tui.domain.errors import NothingChanged, ValidationError
from console_tui.domain.forms import ProfileForm
from console_tui.screens.base import ACT_GROUP, failure_text, run_command
from console_tui.screens.dialogs.base import Dialog
from console_tui.services.console import Services
from console_tui.ui import keys
from console_tui.ui.host import ConsoleHost
from console_tui.ui.workers import work
from console_tui.widgets.form_field import FormField

ROLE_LABEL = "Role"


class EditForm(Dialog[str | None]):
    """Title, fields, a one-line status, Cancel / Save; ``ctrl+s`` saves, ``esc`` cancels."""

    app = getters.app(ConsoleHost)

    BINDINGS = keys.bindings("form")
    PALETTE_SCOPES = ("form",)
    WIDE = True
    DEFAULT_CSS = """
    EditForm > VerticalScroll { max-width: 100%; max-height: 100%; }
    EditForm #form-status.-error { color: $text-error; text-style: bold; }
    EditForm Checkbox { border: none; padding: 0; margin-left: 17; height: 1; background: $panel; }
    """

    def __init__(self, client_id: int, title: str | Content) -> None:
        super().__init__()
        self.client_id = client_id
        self.title_content = Content(title) if isinstance(title, str) else title
        self.saving = False

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.title_content, id="form-title", classes="dialog-title", markup=False)
            yield from self.compose_fields()
            yield Static(self.hint(), id="form-status", classes="dialog-hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", id="save", variant="primary", compact=True)

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def hint(self) -> str:
        return "ctrl+s saves · tab / enter: next field · esc cancels"

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @property
    def fields(self) -> dict[str, FormField]:
        return {field.field_name: field for field in self.query(FormField)}

    def values(self) -> dict[str, str]:
        return {name: field.value for name, field in self.fields.items()}

    @on(Input.Submitted)
    def _next_or_save(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        event.stop()
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            inputs[inputs.index(event.input) + 1].focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(group=ACT_GROUP)
    async def action_save(self) -> None:
        """The form's change, top to bottom: the command in a thread worker, then close or say why."""
        if self.saving:
            return
        self.saving = True
        self._status("Saving…")
        submit, services = self.submitter(), self.app.services
        try:
            note = await run_command(self, lambda: submit(services))
        except WorkerCancelled:
            return
        except NothingChanged as unchanged:  # nothing written: close, saying so
            self.dismiss(str(unchanged))
            return
        except Exception as error:  # beside the fields, or one plain sentence
            self.saving = False
            self._refused(error)
            return
        self.app.database_answered()
        self.app.data_changed(self.client_id)
        self.dismiss(note)

    def submitter(self) -> Callable[[Services], str]:
        """What saving does, built on the event loop from the typed values; runs in a thread."""
        raise NotImplementedError

    def _refused(self, error: BaseException) -> None:
        errors = dict(error.field_errors) if isinstance(error, ValidationError) else {}
        fields = self.fields
        for name, field in fields.items():
            field.set_error(errors.get(name))
        named = [name for name in fields if name in errors]
        if named:  # each error is beside its field; the status only says nothing was saved
            n = len(named)
            self._status(f"Nothing was saved: correct the field{'s' if n > 1 else ''} marked ✗ and save again.",
                         error=True)
        else:
            self._status(failure_text(error), error=True)
        first_bad = next((field for name, field in fields.items() if name in errors), None)
        if first_bad is not None:
            first_bad.input.focus()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#form-status", Static)
        status.set_class(error, "-error")
        status.update(Content(text))


class UserForm(EditForm):
    """Add a client user, or edit one (name, email, role, blocked)."""

    def __init__(self, client_id: int, client_name: str, user: ClientUserRow | None = None) -> None:
        who = clip(safe(client_name), 40)
        title = f"Add a user to {who}" if user is None else f"Edit {clip(safe(user.full_name), 30)} ({who})"
        super().__init__(client_id, title)
        self.user = user
        self.typed_email: str | None = None

    def compose_fields(self) -> ComposeResult:
        user = self.user
        yield FormField("full_name", FIELD_LABELS["full_name"], user.full_name if user else "",
                        max_length=lengths.PERSON_NAME)
        yield FormField("email", FIELD_LABELS["email"], user.email if user else "", max_length=lengths.EMAIL)
        yield FormField("role", ROLE_LABEL, user.role if user else "User", max_length=lengths.ROLE,
                        placeholder="User, Administrator, … (the client's own naming)")
        if user is not None:
            yield Checkbox("Blocked (cannot log in)", user.blocked, id="blocked", compact=True)

    def submitter(self) -> Callable[[Services], str]:
        values, user, client_id = self.values(), self.user, self.client_id
        self.typed_email = values["email"].strip()
        if user is None:
            def add(services: Services) -> str:
                services.add_user(client_id, full_name=values["full_name"], email=values["email"],
                                  role=values["role"])
                return f"Added {values['full_name'].strip()}."
            return add
        blocked = self.query_one("#blocked", Checkbox).value

        def edit(services: Services) -> str:
            services.edit_user(client_id, user.id, full_name=values["full_name"], email=values["email"],
                               role=values["role"], blocked=blocked, version=user.version)
            return f"Saved {values['full_name'].strip()}."
        return edit


#: The profile's fields, in the order of the add-client form (R-MC-1).
PROFILE_FIELDS = ("company_name", "street", "city", "state", "postal_code", "country", "website", "phone")


class ProfileEditForm(EditForm):
    """The company profile on the client's Account page (Settings): name, address, web, phone."""

    def __init__(self, profile: CompanyProfile) -> None:
        super().__init__(profile.client_id, f"Edit the company profile of {clip(safe(profile.name), 40)}")
        self.profile = profile

    def compose_fields(self) -> ComposeResult:
        p = self.profile
        current: dict[str, Any] = {"company_name": p.name, "street": p.street, "city": p.city, "state": p.state,
                                   "postal_code": p.postal_code, "country": p.country, "website": p.website or "",
                                   "phone": p.phone}
        for name in PROFILE_FIELDS:
            yield FormField(name, FIELD_LABELS[name], current[name] or "", required=name != "website",
                            max_length=FIELD_LIMITS[name])

    def hint(self) -> str:
        return "The region follows the country · ctrl+s saves · esc cancels"

    def submitter(self) -> Callable[[Services], str]:
        form = ProfileForm(**self.values())
        client_id, version = self.client_id, self.profile.version

        def save(services: Services) -> str:
            saved = services.save_profile(client_id, form, version)
            return f"Saved the company profile (region {saved.region})."
        return save
