"""Saved views: a name, a filter and a sort for a list of clients (R-VIEW-1, R-VIEW-2).

* A view's name is typed text (cleaned, inner spaces collapsed), 1 to ``lengths.VIEW_NAME``
  characters, unique case-insensitively across the agency, so ``views remove NAME`` and an
  imported file always mean one view.
* Its filter is text in the filter language (``domain/filters``) that must parse; it is stored as
  the parsed filter's canonical text, which parses back to the same filter. An empty filter (a
  view that only sorts) is allowed.
* Its sort is one field of :data:`SORTS` and a direction. The fields are the ones both the console
  and Manage Clients can order their lists by, in the filter language's terms: ``name`` (A to Z
  ascending), ``users`` (client users), ``login`` (days since the last client login: ascending is
  the most recent first; never logged in is last) and ``sent`` (emails sent, each list's own window).
* **[decision]** Anyone may keep private views; shared views (the team's) are added by
  Administrators; a view is removed by its owner or an Administrator.
"""

from __future__ import annotations

from dataclasses import dataclass

from console_tui.domain import lengths
from console_tui.domain.errors import ValidationError
from console_tui.domain.filters import FilterError, parse_filter
from console_tui.domain.text import clean_text

#: The fields a view may sort by, with what each orders (ascending).
SORTS: dict[str, str] = {
    "name": "name, A to Z",
    "users": "client users, fewest first",
    "login": "days since the last client login, most recent first",
    "sent": "emails sent, fewest first",
}


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """A view as typed or imported, checked: what a command stores."""

    name: str
    filter: str  # canonical filter text ("" for none)
    sort: str = "name"
    descending: bool = False
    shared: bool = False

    @property
    def sort_text(self) -> str:
        """``name``, ``sent:desc``: the sort as ``--sort`` and the TOML file write it."""
        return f"{self.sort}:desc" if self.descending else self.sort


class BadView(ValidationError):
    """A view that cannot be saved; ``filter_error`` is set when its filter is what cannot be read."""

    def __init__(self, name: str, field: str, message: str, *, filter_text: str = "",
                 filter_error: FilterError | None = None) -> None:
        self.view_name, self.filter_text, self.filter_error = name, filter_text, filter_error
        label = f"The view {name!r}'s" if name else "The view's"
        super().__init__({field: message}, what="Saving the view", labels={field: f"{label} {field}"},
                         todo="Correct it and try again")


def view_name(value: str) -> str:
    """``value`` as a view name (cleaned, spaces collapsed), or :class:`BadView` (R-VIEW-1)."""
    name = " ".join(clean_text(value).split())
    if not name or len(name) > lengths.VIEW_NAME:
        raise BadView(name[:lengths.VIEW_NAME], "name", f"must be 1 to {lengths.VIEW_NAME} characters")
    return name


def view_filter(name: str, text: str) -> str:
    """``text`` as the canonical text of its filter, or :class:`BadView` carrying the filter's mistake."""
    if len(text) > lengths.VIEW_FILTER:
        raise BadView(name, "filter", f"is longer than {lengths.VIEW_FILTER} characters")
    try:
        parsed = parse_filter(text)
    except FilterError as error:
        raise BadView(name, "filter", f"cannot be read: {error.message}", filter_text=text,
                      filter_error=error) from None
    canonical = str(parsed)
    if len(canonical) > lengths.VIEW_FILTER:
        raise BadView(name, "filter", f"is longer than {lengths.VIEW_FILTER} characters")
    return canonical


def view_sort(name: str, text: str) -> tuple[str, bool]:
    """``FIELD``, ``FIELD:asc`` or ``FIELD:desc`` as (field, descending), or :class:`BadView`."""
    field, _colon, direction = text.strip().casefold().partition(":")
    if field not in SORTS or direction not in ("", "asc", "desc"):
        raise BadView(name, "sort", f"must be one of {', '.join(SORTS)}, optionally followed by :asc or :desc "
                      f"(not {clean_text(text)[:40]!r})")
    return field, direction == "desc"


def check_view(name: str, filter_text: str, sort: str = "name", *, shared: bool = False) -> ViewSpec:
    """A typed or imported view, checked and cleaned (R-VIEW-1): name, then filter, then sort."""
    cleaned = view_name(name)
    canonical = view_filter(cleaned, filter_text)
    field, descending = view_sort(cleaned, sort)
    return ViewSpec(cleaned, canonical, field, descending, shared)
