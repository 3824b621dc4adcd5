"""Agency user roles (R-ACC-1)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The six agency roles, most powerful first (R-ACC-1)."""

    ADMINISTRATOR = "Administrator"
    COMPANY_MANAGER = "Company Manager"
    MARKETING_MANAGER = "Marketing Manager"
    SALES_MANAGER = "Sales Manager"
    SALESPERSON = "Salesperson"
    JR_SALESPERSON = "Jr. Salesperson"


ALL_ROLES: frozenset[Role] = frozenset(Role)


def parse_role(text: str) -> Role:
    """Read a role name case-insensitively, ignoring surrounding spaces (R-ACC-1).

    Raises ``ValueError`` naming the valid roles when the text is none of them.
    """
    wanted = " ".join(text.split()).casefold()
    for role in Role:
        if role.value.casefold() == wanted:
            return role
    names = ", ".join(role.value for role in Role)
    raise ValueError(f"{text!r} is not a role; the roles are: {names}")
