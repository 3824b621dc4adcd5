"""Client templates: a client's setup kept under a name, to start a new client from (R-TPL-1, R-TPL-2).

A template's **setup** says, for each part it sets, what a client should have; a part it leaves out
is left as it is (an existing client) or as the rules start it (a new client):

* ``services``: a monthly allowance per add-on service key (R-OPT-4; services not named are left
  alone), each read by :func:`~console_tui.domain.allowances.parse_allowance`;
* ``email_limit``: a whole number or ``"none"`` (unlimited), read by
  :func:`~console_tui.domain.limits.parse_limit` (R-EL-1);
* ``managers``: agency users' logins (checked by :func:`~console_tui.domain.forms.login_problem`),
  given access as Client Managers (R-OPT-5). **[decision]** A template adds its managers and takes
  nobody's access away: access is a person's, and a template applied to many clients must not
  silently remove it (``revoke`` stays a change of its own);
* ``direct_support``, ``ebs``, ``rebrand_lock``: true or false (R-OPT-6, R-SUP-1/2, R-OPT-8);
* ``license_term``: ``monthly`` or ``annual`` (R-MC-3's :class:`Term`).

:func:`template_changes` is the pure function from a setup and a client's current setup to the
changes it would make, each with its before and after: what the add-client wizard applies to a new
client and what a bulk change applies, client by client, to existing ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from console_tui.domain import lengths
from console_tui.domain.allowances import parse_allowance
from console_tui.domain.configuration import Term
from console_tui.domain.errors import ValidationError
from console_tui.domain.forms import login_problem
from console_tui.domain.limits import parse_limit
from console_tui.domain.text import clean_text
from console_tui.domain.wording import count

UNLIMITED = "none"
#: The parts of a setup, in the order they are shown, with their labels.
PARTS: dict[str, str] = {
    "services": "Services and allowances",
    "email_limit": "Email limit",
    "managers": "Client managers",
    "direct_support": "Direct Support",
    "ebs": "EBS",
    "license_term": "License term",
    "rebrand_lock": "Rebrand lock",
}
SWITCHES = ("direct_support", "ebs", "rebrand_lock")
SERVICE_KEY = 40  # addon_service.key's length


@dataclass(frozen=True, slots=True)
class EmailLimit:
    """A template's email limit: a number, or None for unlimited (R-EL-1)."""

    limit: int | None


@dataclass(frozen=True, slots=True)
class Setup:
    """What a template sets; a part left as None (or empty) is not part of the template."""

    services: tuple[tuple[str, int], ...] = ()  # (service key, monthly allowance), by key
    email_limit: EmailLimit | None = None
    managers: tuple[str, ...] = ()  # logins, sorted
    direct_support: bool | None = None
    ebs: bool | None = None
    license_term: Term | None = None
    rebrand_lock: bool | None = None

    @property
    def empty(self) -> bool:
        return self == Setup()


@dataclass(frozen=True, slots=True)
class ClientSetup:
    """A client's setup as it is now: every part known (what :func:`template_changes` compares with)."""

    services: Mapping[str, int] = field(default_factory=dict)  # allowance per service key set for it
    email_limit: int | None = None
    managers: frozenset[str] = frozenset()
    direct_support: bool = False
    ebs: bool = True
    license_term: Term | None = None
    rebrand_lock: bool = False


Value = int | bool | str | None


@dataclass(frozen=True, slots=True)
class Change:
    """One change a template makes to one client: ``action`` is the bulk action's name
    (``set-limit``, ``direct-support``, ``ebs``, ``grant``, ``term``, ``rebrand``, ``allowance``),
    ``target`` the service key or login it concerns ("" for none), and the values before and after."""

    action: str
    target: str
    before: Value
    after: Value

    @property
    def text(self) -> str:
        """``Email limit: 5,000 → none``: the change in one line."""
        label = {"set-limit": "Email limit", "direct-support": "Direct Support", "ebs": "EBS",
                 "grant": "Client manager", "term": "License term", "rebrand": "Rebrand lock",
                 "allowance": "Allowance"}[self.action]
        subject = f"{label} {self.target}" if self.target else label
        return f"{subject}: {value_text(self.action, self.before)} → {value_text(self.action, self.after)}"


def value_text(action: str, value: Value) -> str:
    """A change's value as the screens and the CLI show it."""
    if action == "grant":
        return "manager" if value else "not a manager"
    if action == "rebrand":
        return "locked" if value else "unlocked"
    if isinstance(value, bool):
        return "on" if value else "off"
    if value is None:
        return "none" if action in ("set-limit", "allowance") else "not set"
    return count(value) if isinstance(value, int) else str(value)


def template_name(value: str) -> str:
    """``value`` as a template name (cleaned, spaces collapsed), 1 to ``lengths.TEMPLATE_NAME``
    characters, or :class:`ValidationError` (R-TPL-1)."""
    name = " ".join(clean_text(value).split())
    if not name or len(name) > lengths.TEMPLATE_NAME:
        raise ValidationError({"name": f"must be 1 to {lengths.TEMPLATE_NAME} characters"},
                              what="Saving the template", labels={"name": "The template's name"},
                              todo="Type another name")
    return name


def _limit(value: object) -> EmailLimit:
    if isinstance(value, str) and value.strip().casefold() == UNLIMITED:
        return EmailLimit(None)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f'must be a whole number or "{UNLIMITED}"')
    try:
        return EmailLimit(parse_limit(str(value), field="email_limit"))
    except ValidationError as error:
        raise ValueError(error.field_errors["email_limit"]) from None


def _services(value: object) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, Mapping):
        raise ValueError("must be a table of service keys and allowances")
    out: dict[str, int] = {}
    for key, allowance in value.items():
        shown = clean_text(str(key))[:SERVICE_KEY]
        if not isinstance(key, str) or not key.strip() or len(key) > SERVICE_KEY or shown != key:
            raise ValueError(f"has a bad service key {shown!r}")
        try:
            out[key.strip()] = parse_allowance(allowance, field=key)
        except ValidationError as error:
            raise ValueError(f"{shown} {error.field_errors[key]}") from None
    return tuple(sorted(out.items()))


def _managers(value: object) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(login, str) for login in value):
        raise ValueError("must be a list of logins")
    logins = [login.strip() for login in value]
    for login in logins:
        problem = login_problem(login)
        if problem is not None:
            raise ValueError(f"has a login {clean_text(login)[:lengths.LOGIN]!r} that {problem}")
    if len({login.casefold() for login in logins}) != len(logins):
        raise ValueError("names a login twice")
    return tuple(sorted(logins))


def _switch(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _term(value: object) -> Term:
    try:
        return Term(value.strip().casefold() if isinstance(value, str) else "")
    except ValueError:
        raise ValueError("must be monthly or annual") from None


_READERS = {"services": _services, "email_limit": _limit, "managers": _managers, "direct_support": _switch,
            "ebs": _switch, "license_term": _term, "rebrand_lock": _switch}


def read_setup(document: Mapping[str, Any], what: str = "Saving the template") -> Setup:
    """A setup from its document (the stored JSON, a TOML file), every bad part named at once (R-TPL-1)."""
    errors: dict[str, str] = {}
    unknown = sorted(set(document) - set(PARTS))
    if unknown:
        errors["keys"] = (f"include {', '.join(clean_text(str(key))[:30] for key in unknown)}; a template has "
                          f"{', '.join(PARTS)}")
    parts: dict[str, Any] = {}
    for name, reader in _READERS.items():
        if name in document:
            try:
                parts[name] = reader(document[name])
            except ValueError as error:
                errors[name] = str(error)
    if errors:
        raise ValidationError(errors, what=what, labels={name: f"{label} ({name})" for name, label in PARTS.items()}
                              | {"keys": "The keys"}, todo="Correct the template and try again")
    setup = Setup(**parts)
    if setup.empty:
        raise ValidationError({"setup": "sets nothing"}, what=what, labels={"setup": "The template"},
                              todo=f"Give it at least one of {', '.join(PARTS)}")
    return setup


def setup_document(setup: Setup) -> dict[str, Any]:
    """The setup as its document: JSON-able, and what :func:`read_setup` reads back to ``setup``."""
    document: dict[str, Any] = {}
    if setup.services:
        document["services"] = dict(setup.services)
    if setup.email_limit is not None:
        document["email_limit"] = UNLIMITED if setup.email_limit.limit is None else setup.email_limit.limit
    if setup.managers:
        document["managers"] = list(setup.managers)
    for name in SWITCHES:
        if getattr(setup, name) is not None:
            document[name] = getattr(setup, name)
    if setup.license_term is not None:
        document["license_term"] = setup.license_term.value
    return {name: document[name] for name in PARTS if name in document}


def setup_of(client: ClientSetup) -> Setup:
    """A client's setup as a template (save from a client): every part, the term when it has one."""
    return Setup(tuple(sorted(client.services.items())), EmailLimit(client.email_limit), tuple(sorted(client.managers)),
                 client.direct_support, client.ebs, client.license_term, client.rebrand_lock)


def setup_lines(setup: Setup) -> list[tuple[str, str]]:
    """(label, value) per part the setup sets, in :data:`PARTS` order: how a template is shown."""
    document = setup_document(setup)
    lines = []
    for name, label in PARTS.items():
        if name not in document:
            continue
        value = document[name]
        if name == "services":
            text = ", ".join(f"{key} {count(n)}" for key, n in setup.services)
        elif name == "managers":
            text = ", ".join(setup.managers)
        elif name in SWITCHES:
            text = value_text("rebrand" if name == "rebrand_lock" else "ebs", value)
        else:
            text = count(value) if isinstance(value, int) else str(value)
        lines.append((label, text))
    return lines


def setup_summary(setup: Setup) -> str:
    """The setup in a few words, for a list row: ``limit 10,000 · 1 service · 2 managers · EBS on``."""
    words = []
    if setup.email_limit is not None:
        limit = setup.email_limit.limit
        words.append("no limit" if limit is None else f"limit {count(limit)}")
    if setup.services:
        words.append(f"{len(setup.services)} service{'' if len(setup.services) == 1 else 's'}")
    if setup.managers:
        words.append(f"{len(setup.managers)} manager{'' if len(setup.managers) == 1 else 's'}")
    if setup.license_term is not None:
        words.append(setup.license_term.value)
    for name, label in (("direct_support", "DS"), ("ebs", "EBS")):
        if getattr(setup, name) is not None:
            words.append(f"{label} {value_text('ebs', getattr(setup, name))}")
    if setup.rebrand_lock is not None:
        words.append(f"rebrand {value_text('rebrand', setup.rebrand_lock)}")
    return " · ".join(words)


def template_changes(setup: Setup, current: ClientSetup) -> tuple[Change, ...]:
    """What applying ``setup`` to a client whose setup is ``current`` changes, each with before → after,
    in :data:`PARTS` order; nothing for a part that already has the template's value (R-TPL-2)."""
    changes = [Change("allowance", key, current.services.get(key), allowance)
               for key, allowance in setup.services if current.services.get(key) != allowance]
    if setup.email_limit is not None and setup.email_limit.limit != current.email_limit:
        changes.append(Change("set-limit", "", current.email_limit, setup.email_limit.limit))
    changes += [Change("grant", login, False, True) for login in setup.managers if login not in current.managers]
    for name, action in (("direct_support", "direct-support"), ("ebs", "ebs")):
        wanted = getattr(setup, name)
        if wanted is not None and wanted != getattr(current, name):
            changes.append(Change(action, "", getattr(current, name), wanted))
    if setup.license_term is not None and setup.license_term != current.license_term:
        before = current.license_term.value if current.license_term else None
        changes.append(Change("term", "", before, setup.license_term.value))
    if setup.rebrand_lock is not None and setup.rebrand_lock != current.rebrand_lock:
        changes.append(Change("rebrand", "", current.rebrand_lock, setup.rebrand_lock))
    return tuple(changes)
