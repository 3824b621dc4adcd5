"""Saved views as the console, Manage Clients and the CLI read them (R-VIEW-1, R-VIEW-2)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SavedView:
    """One view the acting user sees: theirs, or one shared with the agency."""

    id: int
    name: str
    filter: str  # the filter's canonical text ("" for none)
    sort: str  # a key of domain.saved_views.SORTS
    descending: bool
    shared: bool
    owner: str  # the owner's login
    mine: bool  # owned by the acting user

    @property
    def sort_text(self) -> str:
        """``name``, ``sent:desc``: the sort as ``--sort`` and the TOML file write it."""
        return f"{self.sort}:desc" if self.descending else self.sort


@dataclass(frozen=True, slots=True)
class ViewsSaved:
    """What ``add_view``/``import_views`` did: the names added and the names replaced."""

    added: tuple[str, ...]
    replaced: tuple[str, ...] = ()
