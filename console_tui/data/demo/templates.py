"""The demo's two client templates (R-TPL-1), owned by its Administrator, checked as
``templates add`` checks a written one: an annual client with room to grow, a monthly trial kept small."""

from __future__ import annotations

from datetime import datetime

from console_tui.data.demo.write import Record
from console_tui.domain.templates import read_setup, setup_document

DEMO_TEMPLATES: dict[str, dict[str, object]] = {
    "Annual starter": {"services": {"sms_credits": 1000, "landing_pages": 5}, "email_limit": 20000,
                       "direct_support": True, "ebs": True, "license_term": "annual", "rebrand_lock": False},
    "Monthly trial": {"services": {"sales_dialer": 1, "sms_credits": 250}, "email_limit": 5000,
                      "direct_support": False, "license_term": "monthly", "rebrand_lock": True},
}
COLUMNS = ("id", "name", "owner_id", "setup", "created_at", "updated_at", "version")


def demo_templates(owner_id: int, now: datetime) -> list[Record]:
    """The demo templates as ``client_template`` rows."""
    return [(i, name, owner_id, setup_document(read_setup(document)), now, now, 1)
            for i, (name, document) in enumerate(DEMO_TEMPLATES.items(), start=1)]
