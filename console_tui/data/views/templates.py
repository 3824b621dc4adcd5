"""Client templates as Manage Clients and the CLI read them (R-TPL-1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from console_tui.domain.templates import Change, Setup


@dataclass(frozen=True, slots=True)
class TemplateRow:
    """One template: its name, who saved it, when, and its setup."""

    id: int
    name: str
    owner: str  # the login of who saved it ("" once that user is gone)
    created_at: datetime
    updated_at: datetime
    setup: Setup
    version: int


@dataclass(frozen=True, slots=True)
class TemplateSaved:
    """What saving a template did: its name (as stored), whether it replaced one, and its setup."""

    name: str
    replaced: bool
    setup: Setup


@dataclass(frozen=True, slots=True)
class TemplateApplied:
    """What a template did to a new client: its changes, and a note on what it could not do."""

    name: str
    changes: tuple[Change, ...]
    note: str | None = None
