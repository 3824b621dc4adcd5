"""Settings (R-CMC-3 Information): the client's Account page — company profile and configuration.

``e`` edits the company profile (name, address, website, phone) in a form checked like the
add-client form (R-MC-1); every role may, on the clients it can access (R-ACC-3 [decision] in
permissions.py). The save says which version it saw: a profile someone else changed meanwhile
is refused with "reload" (ConflictError). The configuration rows are the Administrator's
Client Configuration (R-MC-3, Manage Clients) and are shown here only.
"""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult

from console_tui.data.views.client import CompanyProfile
from console_tui.display import DASH, day_text, when_text
from console_tui.screens.base import ClientScreen
from console_tui.screens.client.edit_forms import ProfileEditForm
from console_tui.ui import keys
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar


def _yes(flag: bool) -> str:
    return "on" if flag else "off"


def profile_rows(p: CompanyProfile, tz: tzinfo) -> list[tuple[str, str]]:
    return [
        ("Company name", p.name),
        ("Kind · status", f"{p.kind} · {p.status}"),
        ("Street address", p.street or DASH),
        ("City", p.city or DASH),
        ("State / province", p.state or DASH),
        ("Postal code", p.postal_code or DASH),
        ("Country", p.country or DASH),
        ("Website", p.website or DASH),
        ("Phone", p.phone or DASH),
        ("License term", f"{p.license_term} from {day_text(p.license_start)}" if p.license_term and p.license_start
         else p.license_term or DASH),
        ("Billing contact", p.billing_contact or DASH),
        ("Billing email", p.billing_email or DASH),
        ("Tax rate", f"{p.tax_rate}%" if p.tax_rate is not None else DASH),
        ("Region", p.region or DASH),
        ("Margin protection", _yes(p.margin_protection)),
        ("Direct Support", _yes(p.direct_support)),
        ("Engagement-based suppression", _yes(p.ebs_enabled)),
        ("Logo upload", "locked by the agency" if p.rebrand_locked else "client may change it"),
        ("Email limit per cycle", f"{p.email_limit:,}" if p.email_limit is not None else "unlimited"),
        ("Client since", when_text(p.created_at, tz)),
    ]


class AccountSettingsScreen(ClientScreen):
    TITLE_TEXT = "Settings"
    BINDINGS = keys.bindings("profile", "back")
    PALETTE_SCOPES = ("profile", "back")

    def __init__(self, client_id: int, client_name: str = "") -> None:
        super().__init__(client_id, client_name)
        self.profile: CompanyProfile | None = None

    def compose_body(self) -> ComposeResult:
        yield TableView([Column("Setting", 30), Column("Value", None)], id="profile")

    def fetch(self) -> CompanyProfile:
        return self.app.services.profile(self.client_id)

    def show(self, data: CompanyProfile) -> None:
        self.profile = data
        self.query_one(TitleBar).show_subject(data.name)
        table = self.query_one("#profile", TableView)
        table.set_rows(profile_rows(data, self.app.clock.tz))
        table.focus()
        self.status.ready("The client's account page · e edits the company profile")

    def action_edit_profile(self) -> None:
        if self.profile is None:
            loading = not self.status.has_class("-error")
            self.say("The profile is still loading." if loading else
                     "The profile could not be loaded, so it cannot be edited yet (r reloads).")
            return

        def done(note: str | None) -> None:
            if note is not None:  # the form acted: every open screen reloads
                self.notify(note, timeout=4)

        self.app.push_screen(ProfileEditForm(self.profile), done)
