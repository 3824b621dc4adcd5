"""Typed errors for refused actions.

Every error says three things a person can act on: **what** was refused, **why**, and what
**to do** about it. ``str(error)`` is one readable sentence built from them, e.g.::

    Turning EBS off was refused: the sender status is Unhealthy. Wait until the client is
    Healthy or At Risk again.

The data layer raises these from commands; screens and the CLI show ``str(error)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from console_tui.domain.wording import count, needs_attention, sentence


class DomainError(Exception):
    """Base class: an action was refused. Carries ``what``, ``why`` and ``todo``."""

    def __init__(self, what: str, why: str, todo: str = "") -> None:
        self.what = what
        self.why = why
        self.todo = todo
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The human sentence: "<what> was refused: <why>. <todo>."."""
        head = f"{self.what.strip().rstrip('.')} was refused: {self.why.strip().rstrip('.')}"
        return " ".join(part for part in (sentence(head), sentence(self.todo)) if part)

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """Input was invalid; ``field_errors`` maps each bad field's name to its message (R-MC-1)."""

    def __init__(
        self,
        field_errors: Mapping[str, str],
        what: str = "Saving",
        todo: str = "Correct the fields named and try again",
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self.field_errors: dict[str, str] = dict(field_errors)
        names = labels or {}
        details = "; ".join(
            f"{names.get(name, name)} {msg.rstrip('.')}" for name, msg in self.field_errors.items()
        )
        why = f"{needs_attention(len(self.field_errors))} ({details})"
        super().__init__(what, why, todo)


class PermissionDenied(DomainError):
    """The acting user's role may not do this (R-ACC-3, R-ACC-4); names the role(s) needed."""

    def __init__(self, what: str, why: str, roles_needed: Iterable[str], todo: str = "") -> None:
        self.roles_needed: tuple[str, ...] = tuple(roles_needed)
        super().__init__(
            what, why, todo or "Ask an Administrator to do it or to change your access"
        )


class RuleRefused(DomainError):
    """A business rule refused the action; ``opens_on`` is when it will be allowed, if known."""

    def __init__(self, what: str, why: str, todo: str = "", opens_on: date | None = None) -> None:
        self.opens_on = opens_on
        super().__init__(what, why, todo)


class CapacityReached(DomainError):
    """The plan's client capacity is full (R-CAP-3)."""

    def __init__(self, what: str, counted: int, limit: int, plan_name: str, todo: str) -> None:
        self.counted = counted
        self.limit = limit
        self.plan_name = plan_name
        why = (
            f"the {plan_name} plan allows {count(limit)} counted clients "
            f"and {count(counted)} are already counted"
        )
        super().__init__(what, why, todo)


class LimitExceeded(DomainError):
    """A usage limit would be passed (R-EL-2, R-OPT-4); says the limit, the usage and the excess."""

    def __init__(
        self, what: str, *, limit: int, usage: int, adding: int, unit: str, todo: str
    ) -> None:
        self.limit = limit
        self.usage = usage
        self.adding = adding
        self.over = usage + adding - limit
        why = (
            f"the limit is {count(limit)} {unit}, {count(usage)} are already used, "
            f"and adding {count(adding)} would make {count(usage + adding)}, "
            f"{count(self.over)} over the limit"
        )
        super().__init__(what, why, todo)


class NothingChanged(DomainError):
    """A save whose values, normalised, are the ones already stored: nothing was written and no
    audit row either. Not a failure: the person is told "Nothing changed"."""

    def __init__(self, what: str) -> None:
        super().__init__(what, "the values are the ones already saved")

    @property
    def message(self) -> str:
        return "Nothing changed: the values are the ones already saved."


class ConflictError(DomainError):
    """Someone else saved the same record first (optimistic locking in the data layer)."""

    def __init__(
        self,
        what: str,
        why: str = "someone else changed it after you opened it",
        todo: str = "Reload to see their change, then make yours again",
    ) -> None:
        super().__init__(what, why, todo)


class NotFound(DomainError):
    """The record named does not exist (or is hidden, e.g. a removed company)."""

    def __init__(self, kind: str, key: object, todo: str = "") -> None:
        self.kind = kind
        self.key = key
        super().__init__(
            f"Finding {kind} {key!s}",
            f"there is no {kind} {key!s}",
            todo or f"Check the {kind} and try again",
        )


__all__ = [
    "CapacityReached",
    "ConflictError",
    "DomainError",
    "LimitExceeded",
    "NotFound",
    "PermissionDenied",
    "RuleRefused",
    "ValidationError",
]
