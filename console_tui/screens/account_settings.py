"""Settings (R-CMC-3 Information): the client's Account page — company profile and configuration."""

from __future__ import annotations

from textual.app import ComposeResult

from console_tui.data.client_views import CompanyProfile
from console_tui.screens.base import DataScreen
from console_tui.services import Services
from console_tui.text import DASH, day_text, when_text
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar


def _yes(flag: bool) -> str:
    return "on" if flag else "off"


def profile_rows(p: CompanyProfile, tz) -> list[tuple[str, str]]:  # noqa: ANN001
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


class AccountSettingsScreen(DataScreen):
    TITLE_TEXT = "Settings"

    def compose_body(self) -> ComposeResult:
        yield TableView([Column("Setting", 30), Column("Value", None)], id="profile")

    def fetch(self, services: Services) -> CompanyProfile:
        return services.profile(self.client_id)

    def show(self, data: CompanyProfile) -> None:
        self.query_one(TitleBar).show_subject(data.name)
        table = self.query_one("#profile", TableView)
        table.set_rows(profile_rows(data, self.app.clock.tz))  # type: ignore[attr-defined]
        table.focus()
        self.status.ready("The client's account page · view only for now")
