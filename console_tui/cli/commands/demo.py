"""``console-tui demo``: build a realistic demo agency into the database."""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import TYPE_CHECKING, TypedDict

import click

from console_tui.cli.boundary import sigterm_as_interrupt
from console_tui.cli.context import Context, fail, pass_context
from console_tui.cli.options import day_option
from console_tui.cli.progress import Progress

if TYPE_CHECKING:  # the data layer is imported when the command runs
    from console_tui.data.engine import Database

DEFAULT_CLIENTS = 1_000


class _Build(TypedDict):
    """What a build and a rebuild are given besides the database and the clock."""

    clients: int
    days: int
    seed: int
    admin_login: str
    progress: Progress


def _may_rebuild(db: Database, login: str, where: str, state: str, force: bool) -> None:
    """Only an active Administrator may drop what is there; only with --force."""
    from console_tui.cli.refusals import refusals
    from console_tui.data.commands.system import authorize
    from console_tui.domain.errors import DomainError
    from console_tui.domain.permissions import Action

    held = "a demo or real agency" if state == "agency" else "data"
    if not force:
        try:
            authorize(db, login, Action.REBUILD_DATABASE)
        except (LookupError, DomainError):
            fail(f"{where} already holds {held}; refusing to build the demo over it. "
                 "Only an active Administrator may rebuild it.")
        fail(f"{where} already holds {held}; refusing to build the demo over it. "
             "Use `console-tui demo --force` to drop everything in it and rebuild.")
    with refusals():
        authorize(db, login, Action.REBUILD_DATABASE)


def _terminal() -> bool:
    return sys.stdin.isatty()


def _confirm(db: Database, where: str, yes: bool) -> None:
    """--force asks for the agency's name (as the screen shows it) unless --yes."""
    from console_tui.data.demo.build import agency_name
    from console_tui.domain.text import clean_text

    if yes:
        return
    if not _terminal():
        fail(f"--force drops everything in {where}; without a terminal to type the agency's name, "
             "confirm with --yes")
    stored = agency_name(db)
    expected = clean_text(stored) if stored else "rebuild"
    what = f"the agency's name ({expected})" if stored else "rebuild"
    typed = click.prompt(f"This drops everything in {where}. Type {what} to rebuild it", default="",
                         show_default=False, err=True)
    if " ".join(typed.split()) != " ".join(expected.split()):
        fail("what was typed does not match; nothing was changed", 1)


def _n(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _where(url: str) -> str:
    from console_tui.config import shown_url

    return shown_url(url)


@click.command()
@click.option("--clients", type=click.IntRange(1, 1_000_000), default=DEFAULT_CLIENTS, show_default=True,
              help="Client records to create (about 80 % clients, the rest leads and prospects).")
@click.option("--days", type=click.IntRange(1, 3_650), default=90, show_default=True,
              help="Days of events, ending the --as-of day.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="The same seed and --as-of day give the same database.")
@click.option("--as-of", "as_of", callback=day_option, metavar="YYYY-MM-DD",
              help="The day the demo is built as of (its clock stands at that day's local midnight); default today.")
@click.option("--force", is_flag=True, help="Rebuild: everything already in the database is dropped "
              "(active Administrators only; asks you to type the agency's name).")
@click.option("--yes", is_flag=True, help="With --force: do not ask for the agency's name (for scripts).")
@click.option("--if-missing", is_flag=True, help="Build only when the database has no agency yet; else do nothing.")
@pass_context
def demo(context: Context, clients: int, days: int, seed: int, as_of: date | None, force: bool, yes: bool,
         if_missing: bool) -> None:
    """Fill the database with a realistic demo agency; your login becomes its Administrator.

    An empty database is filled for anyone. Rebuilding one that holds data (--force) is an
    active Administrator's act; the new agency is built aside and swapped in only when complete,
    so an interrupted rebuild leaves the old data as it was.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from console_tui.clock import anchored_clock, local_today
    from console_tui.data.demo.build import DemoRefused, build_demo, database_state
    from console_tui.data.demo.rebuild import rebuild_demo
    from console_tui.data.migrate import ensure_schema

    if force and if_missing:
        fail("--force and --if-missing contradict each other; give one of them")
    today = local_today(context.clock)
    if as_of is not None and as_of > today:
        fail(f"--as-of {as_of} is after today ({today}); give today or a day before")
    clock = anchored_clock(context.clock, as_of or today)
    db = context.db
    where = _where(db.url)
    started = time.perf_counter()
    build: _Build = {"clients": clients, "days": days, "seed": seed, "admin_login": context.login,
                     "progress": Progress()}
    try:
        ensure_schema(db)
        state = database_state(db)
        if if_missing and state == "agency":
            return
        if state == "empty":
            with build["progress"]:
                summary = build_demo(db, clock, **build)
        else:
            _may_rebuild(db, context.login, where, state, force)
            _confirm(db, where, yes)
            with sigterm_as_interrupt(), build["progress"]:  # SIGTERM like Ctrl+C: the half-built copy goes
                summary = rebuild_demo(db, clock, **build)
    except DemoRefused as error:
        fail(f"{where}: {error}", 1)
    except SQLAlchemyError as error:
        fail(f"cannot build the demo in {where}: {str(error).splitlines()[0]}")
    except KeyboardInterrupt:
        fail(f"interrupted: {where} is as it was; nothing was changed", 130)
    seconds = time.perf_counter() - started
    clients_only = summary.clients - summary.leads - summary.prospects
    click.echo(
        f"Built demo agency {summary.agency_name!r} in {where} in {seconds:.1f} s: "
        f"{_n(summary.clients, 'client record')} ({_n(clients_only, 'client')}, {_n(summary.leads, 'lead')}, "
        f"{_n(summary.prospects, 'prospect')}), {_n(summary.agency_users, 'agency user')}, "
        f"{_n(summary.client_users, 'client user')}, {_n(summary.events, 'event')} over {_n(days, 'day')}."
    )
    click.echo(f"Plan {summary.plan_name}: {summary.counted_clients:,} of {summary.plan_capacity:,} clients. "
               f"{summary.admin_login!r} is an Administrator." +
               ("" if summary.rolled_up else " (No nightly rollup yet: the console's figures are empty.)"))
