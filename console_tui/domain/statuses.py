"""The agency's custom client statuses: adding, renaming and retiring them (R-CAP-4).

* A status name is typed text (cleaned like every typed text, inner spaces collapsed), 1 to
  ``lengths.STATUS`` characters, unique case-insensitively among all statuses, retired ones
  included (the audit log and history keep using the name).
* A custom status says, when it is added, whether a ``client`` record with it counts toward the
  plan (R-CAP-1). The built-in Active, Suspended and Inactive are named by the rule itself: they
  can be neither renamed nor retired.
* **[decision]** Retiring a status some client still has is refused, naming how many clients
  (removed companies not yet purged included) have it: give them another status first. A
  retired status is offered to no one; adding its name again brings it back.
"""

from __future__ import annotations

from console_tui.domain import lengths
from console_tui.domain.errors import RuleRefused, ValidationError
from console_tui.domain.text import clean_text


def status_name(value: str, what: str) -> str:
    """``value`` as a status name (cleaned, spaces collapsed), or :class:`ValidationError` (R-CAP-4)."""
    name = " ".join(clean_text(value).split())
    if not name or len(name) > lengths.STATUS:
        raise ValidationError({"name": f"must be 1 to {lengths.STATUS} characters"}, what=what,
                              labels={"name": "The status name"}, todo="Type another name")
    return name


def check_changeable(name: str, builtin: bool, what: str) -> None:
    """The built-in statuses are the rule's own words (R-CAP-1): never renamed nor retired (R-CAP-4)."""
    if builtin:
        raise RuleRefused(what, f"{name} is a built-in status the plan's counting rule names",
                          "Add a custom status instead")


def check_retirable(name: str, clients: int, removed: int) -> None:
    """Refuse to retire a status ``clients`` records still have, ``removed`` of them removed companies (R-CAP-4)."""
    if clients:
        noun = "client has" if clients == 1 else "clients have"
        among = f", {removed:,} of them removed but not yet purged" if removed else ""
        raise RuleRefused(f"Retiring the status {name}", f"{clients:,} {noun} it{among}",
                          "Give them another status first (t in Manage Clients), then retire it")
