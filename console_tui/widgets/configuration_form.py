"""The Client Configuration form (R-MC-3): term and start date, billing contact and email, tax
rate, margin protection; the region shown from the country. Used by the add-client wizard's
second step and by the Client Configuration option (R-OPT-3).

The form only reads and shows values: the command validates (``validate_configuration``) and
its ``ValidationError.field_errors`` come back to :meth:`show_errors`. The one thing checked
here is the start date's shape, since the command takes a date, not text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Label, RadioButton, RadioSet, Static

from console_tui.data.views.manage import ConfigurationView
from console_tui.domain.configuration import validate_configuration
from console_tui.domain.errors import ValidationError
from console_tui.widgets.form_field import FormField

LABELS: dict[str, str] = {
    "term": "License term",
    "start_date": "Start date",
    "billing_contact": "Billing contact",
    "billing_email": "Billing email",
    "tax_rate": "Tax rate (%)",
    "margin_protection": "Margin protection",
}
TERMS = ("monthly", "annual", None)


def parse_day(text: str) -> date | None:
    """``2026-11-20`` → a date; blank → None; anything else raises ``ValueError``."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("must be a date written YYYY-MM-DD, e.g. 2026-11-20") from None


class ConfigurationForm(Vertical):
    """The R-MC-3 fields; :meth:`values` gives the command's keyword arguments."""

    DEFAULT_CSS = """
    ConfigurationForm { height: auto; }
    ConfigurationForm #term-row { height: 1; }
    ConfigurationForm #term-row Label { width: 18; }
    ConfigurationForm RadioSet { layout: horizontal; border: none; height: 1; padding: 0; width: auto;
                                 background: transparent; }
    ConfigurationForm RadioSet:focus { border: none; }
    ConfigurationForm RadioSet > RadioButton { margin-right: 2; width: auto; }
    ConfigurationForm #term-error { display: none; padding-left: 18; color: $text-error; }
    ConfigurationForm.-term-invalid #term-error { display: block; }
    ConfigurationForm Checkbox { margin-left: 17; height: 1; }
    ConfigurationForm #region { padding-left: 18; color: $text-secondary; margin-top: 1; }
    ConfigurationForm #missing { padding-left: 18; color: $text-warning; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: ConfigurationView | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="term-row"):
            yield Label(LABELS["term"])
            with RadioSet(id="term", compact=True):
                yield RadioButton("Monthly", compact=True, id="term-monthly")
                yield RadioButton("Annual", compact=True, id="term-annual")
                yield RadioButton("Not set", value=True, compact=True, id="term-none")
        yield Static("", id="term-error", markup=False)
        yield FormField("start_date", LABELS["start_date"], placeholder="YYYY-MM-DD, with a term", max_length=10)
        yield FormField("billing_contact", LABELS["billing_contact"])
        yield FormField("billing_email", LABELS["billing_email"])
        yield FormField("tax_rate", LABELS["tax_rate"], placeholder="0 to 100, e.g. 8.25")
        yield Checkbox(LABELS["margin_protection"], compact=True, id="margin")
        yield Static("", id="region", markup=False)
        yield Static("", id="missing", markup=False)

    def field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

    def load(self, view: ConfigurationView) -> None:
        """Show ``view``'s saved values, the region from the country and what is missing."""
        self.view = view
        self.query_one(f"#term-{view.term or 'none'}", RadioButton).value = True
        self.field("start_date").value = view.start_date.isoformat() if view.start_date else ""
        self.field("billing_contact").value = view.billing_contact
        self.field("billing_email").value = view.billing_email
        self.field("tax_rate").value = "" if view.tax_rate is None else str(view.tax_rate)
        self.query_one("#margin", Checkbox).value = view.margin_protection
        self.query_one("#region", Static).update(Content(
            f"Region: {view.region} (from the company's country, {view.country or 'not set'})"))
        self.show_missing(view.missing)
        self.show_errors({})

    def show_missing(self, missing: tuple[str, ...]) -> None:
        text = ""
        if missing:
            names = ", ".join(LABELS.get(name, name).lower() for name in missing)
            text = f"Incomplete (tagged Config incomplete, charges provisional) until set: {names}"
        self.query_one("#missing", Static).update(Content(text))

    def term(self) -> str | None:
        pressed = self.query_one(RadioSet).pressed_index
        return TERMS[pressed] if pressed >= 0 else None

    def values(self) -> dict[str, Any]:
        """The command's keyword arguments; a malformed date raises ``ValidationError`` naming every
        bad field (the rest checked by the same rule the command applies)."""
        raw = {name: self.field(name).value for name in ("billing_contact", "billing_email", "tax_rate")}
        values: dict[str, Any] = {"term": self.term(), **raw, "margin_protection": self.query_one(Checkbox).value}
        try:
            values["start_date"] = parse_day(self.field("start_date").value)
        except ValueError as error:
            errors = {"start_date": str(error)}
            try:
                validate_configuration(**{**values, "start_date": date(2000, 1, 1)})
            except ValidationError as others:
                errors = {**others.field_errors, **errors}
            raise ValidationError(errors, what="Saving the client configuration", labels=LABELS) from None
        return values

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message beside its field; fields without one are cleared."""
        for name in ("start_date", "billing_contact", "billing_email", "tax_rate"):
            self.field(name).set_error(errors.get(name))
        term_error = errors.get("term", "")
        self.set_class(bool(term_error), "-term-invalid")
        self.query_one("#term-error", Static).update(Content(f"✗ License term {term_error}" if term_error else ""))

    def focus_first_error(self, errors: dict[str, str]) -> None:
        for name in ("term", "start_date", "billing_contact", "billing_email", "tax_rate"):
            if name in errors:
                (self.query_one(RadioSet) if name == "term" else self.field(name).input).focus()
                return
