"""The group's ``--db`` and ``--user``, accepted after any sub-command as well as before it.

``console-tui --db URL refresh`` and ``console-tui refresh --db URL`` mean the same, for every
command, with no command declaring the options itself: :func:`accept_everywhere` adds them to
each registered command and sub-command. Given in both places, the one nearer the command wins
(it is read later), as a command-line flag wins over the environment and the config file.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import click

from console_tui.cli.context import Context, fail
from console_tui.config import FLAG_NAMES, PARSERS, SettingsError

#: (setting, flag, metavar, help) of the group options a sub-command also takes.
SHARED = (
    ("database_url", "--db", "URL", "Database URL (sqlite:///FILE or postgresql://…); as before the command."),
    ("user", "--user", "LOGIN", "Act as this agency user; as before the command."),
)


def _override(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Replace one setting of the group's :class:`Context` with the value given after the command."""
    if value is None or param.name is None:
        return
    context = ctx.find_object(Context)
    if context is None:  # a command run outside the group (tests invoking it directly)
        return
    name = param.name
    flag = FLAG_NAMES.get(name, "--" + name.replace("_", "-"))
    try:
        parsed = PARSERS[name](value)
    except ValueError as error:
        fail(str(SettingsError(name, value, f"command-line flag {flag}", str(error))))
    if "db" in context.__dict__:  # never the case: the database is opened by the command's body
        raise RuntimeError(f"{flag} was read after the database was opened")
    context.settings = dataclasses.replace(context.settings, **{name: parsed})


def _option(name: str, flag: str, metavar: str, text: str) -> click.Option:
    return click.Option([flag, name], metavar=metavar, help=text, expose_value=False, callback=_override)


def accept_everywhere(command: click.Command) -> None:
    """Give ``command`` (and, for a group, each of its commands) the shared options it lacks."""
    taken = {opt for param in command.params for opt in getattr(param, "opts", ())}
    for name, flag, metavar, text in SHARED:
        if flag not in taken:
            command.params.append(_option(name, flag, metavar, text))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            accept_everywhere(sub)


def day_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` option's value as a date (a click callback)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date such as 2026-11-01") from None
