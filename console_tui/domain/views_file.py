"""Saved views as a TOML file (R-VIEW-1), so a team's views can live in a repository:

    [[view]]
    name = "Senders at risk"
    filter = "sender>=at-risk"
    sort = "sent:desc"      # optional: name when left out
    shared = true           # optional: false when left out

Reading checks every view as ``views add`` does and names the first bad one; writing needs no
TOML library for this one fixed shape (keys and basic strings; tomllib reads it back).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from typing import Any

from console_tui.domain.errors import ValidationError
from console_tui.domain.saved_views import BadView, ViewSpec, check_view
from console_tui.domain.text import clean_text

KEYS = ("name", "filter", "sort", "shared")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def dump_views(views: Iterable[ViewSpec]) -> str:
    """The views as the TOML file :func:`read_views` reads."""
    blocks = [
        f"[[view]]\nname = {toml_string(view.name)}\nfilter = {toml_string(view.filter)}\n"
        f"sort = {toml_string(view.sort_text)}\nshared = {'true' if view.shared else 'false'}\n"
        for view in views
    ]
    return "# console-tui saved views: console-tui views import FILE\n\n" + "\n".join(blocks)


def _bad_file(why: str) -> ValidationError:
    return ValidationError({"file": why}, what="Reading the views file", labels={"file": "The file"},
                           todo="Correct the file and import it again")


def _one(index: int, entry: Any) -> ViewSpec:
    if not isinstance(entry, dict):
        raise _bad_file(f"has a view #{index} that is not a table of keys")
    name = entry.get("name")
    label = clean_text(name)[:60] if isinstance(name, str) else f"#{index}"
    unknown = sorted(set(entry) - set(KEYS))
    if unknown:
        raise BadView(label, "keys", f"include {', '.join(clean_text(key)[:30] for key in unknown)}; "
                      f"a view has {', '.join(KEYS)}")
    for key, kind in (("name", str), ("filter", str), ("sort", str), ("shared", bool)):
        if key in entry and not isinstance(entry[key], kind):
            raise BadView(label, key, f"must be {'text' if kind is str else 'true or false'}")
    if "name" not in entry or "filter" not in entry:
        raise BadView(label, "name" if "name" not in entry else "filter", "is missing")
    return check_view(entry["name"], entry["filter"], entry.get("sort", "name"), shared=entry.get("shared", False))


def read_views(text: str) -> list[ViewSpec]:
    """Every view of a views file, checked; :class:`BadView` names the first bad one, a file that is
    not TOML or not ``[[view]]`` tables is a :class:`ValidationError`."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _bad_file(f"is not TOML: {error}") from None
    extra = sorted(set(document) - {"view"})
    if extra:
        raise _bad_file(f"has {', '.join(clean_text(key)[:30] for key in extra)} besides [[view]] tables")
    views = document.get("view", [])
    if not isinstance(views, list):
        raise _bad_file("must list its views as [[view]] tables")
    return [_one(index, entry) for index, entry in enumerate(views, start=1)]
