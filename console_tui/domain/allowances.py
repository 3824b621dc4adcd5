"""Services and Allowances: add-on services and their monthly allowances (R-OPT-4).

The agency sets a monthly allowance per add-on service; the client cannot exceed or change it.
Lowering an allowance below the amount already active deactivates nothing: billing continues on
the active amount until services are removed, and the screen says so (:attr:`AllowanceChange.note`).
Email is not an add-on here; it has its own limits (R-EL).

**[decision]** The catalogue and its prices (monthly, per unit, in cents) are data the demo loads
into the database; :data:`SERVICE_CATALOGUE` is the default. An allowance of ``None`` means the
service is not limited; 0 means the client may not activate any.
"""

from __future__ import annotations

from dataclasses import dataclass

from console_tui.domain.errors import ValidationError
from console_tui.domain.limits import parse_whole_number
from console_tui.domain.wording import count


@dataclass(frozen=True)
class Service:
    """An add-on service: key, display name, unit and monthly price per unit in cents (R-OPT-4)."""

    key: str
    name: str
    unit: str
    unit_price_cents: int


#: The default add-on catalogue (R-OPT-4 [decision]).
SERVICE_CATALOGUE: tuple[Service, ...] = (
    Service("sales_dialer", "Sales Dialer", "seat", 2_500),
    Service("sms_credits", "SMS credits", "credit", 3),
    Service("call_tracking", "Call Tracking", "number", 300),
    Service("landing_pages", "Extra Landing Pages", "page", 500),
    Service("storage_gb", "Additional Storage", "GB", 50),
)


@dataclass(frozen=True)
class AllowanceChange:
    """The result of setting an allowance: what is billed, and a note for the screen (R-OPT-4)."""

    allowance: int
    active: int
    billed_quantity: int
    note: str | None


def _units(n: int, service: Service | None) -> str:
    if service is None:
        return f"{count(n)} units"
    return f"{count(n)} {service.unit}{'' if n == 1 else 's'}"


def parse_allowance(value: object, *, field: str = "allowance") -> int:
    """A monthly allowance: a whole number >= 0 (text read canonically, R-EL-1's way), else
    :class:`ValidationError` naming ``field`` (R-OPT-4)."""
    if isinstance(value, str):
        parsed = parse_whole_number(value, field=field, allow_blank=False)
        assert parsed is not None
        return parsed
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError({field: "must be a whole number of 0 or more"}, what="Setting the allowance")
    return value


def set_allowance(
    current_active: int, new_allowance: int | str, *, service: Service | None = None
) -> AllowanceChange:
    """Set a monthly allowance; below the active amount: a note, nothing deactivated (R-OPT-4).

    ``new_allowance`` must be a whole number >= 0 (text from a form is read canonically);
    anything else raises :class:`ValidationError`.
    """
    new_allowance = parse_allowance(new_allowance)
    if current_active < 0:
        raise ValueError("the active amount cannot be negative")
    note = None
    if new_allowance < current_active:
        note = (
            f"The allowance ({_units(new_allowance, service)}) is below the "
            f"{_units(current_active, service)} already active. Nothing is deactivated: billing "
            f"continues on the {_units(current_active, service)} active until services are removed."
        )
    return AllowanceChange(new_allowance, current_active, current_active, note)


def addon_charge_cents(service: Service, active: int) -> int:
    """Monthly add-on charge on the **active** amount, whatever the allowance (R-OPT-4, R-BL-3)."""
    return service.unit_price_cents * active
