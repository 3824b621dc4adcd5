"""``console-tui views list|add|remove|export|import``: saved views (R-VIEW-1, R-VIEW-2).

A view is a name, a filter (docs/filters.md) and a sort; private to you, or shared with the agency
(``--shared``, Administrators). ``export`` writes the views you see as TOML and ``import`` reads such
a file back, all of it or nothing, so a team's views can live in a repository. A filter that cannot
be read is shown with a caret under the mistake, naming the view, and the command exits 2.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from console_tui.cli.context import Context, fail, pass_context
from console_tui.cli.refusals import refusals
from console_tui.display import safe
from console_tui.domain.errors import ValidationError
from console_tui.domain.saved_views import SORTS, BadView


def _bad_view(error: BadView, where: str = "") -> None:
    """A bad view in one line, or (its filter cannot be read) the filter with carets under the mistake; exit 2."""
    from console_tui.domain.filters import format_error

    mistake = error.filter_error
    if mistake is None:
        fail(f"{where}{error}")
        return
    width = shutil.get_terminal_size((80, 24)).columns
    click.echo(f"console-tui: {where}the view {safe(error.view_name)!r}: the filter cannot be read "
               "(clients list --where-help lists the fields):\n"
               + format_error(error.filter_text, mistake, width), err=True)
    sys.exit(2)


@click.group()
def views() -> None:
    """Saved views: a name, a filter and a sort; yours or shared with the agency."""


@views.command("list")
@pass_context
def list_views(context: Context) -> None:
    """The views you see: yours and the shared ones, with their filter and sort."""
    from console_tui.data.queries.saved_views import saved_views

    with refusals():
        rows = saved_views(context.db, context.login)
    if not rows:
        click.echo("no saved views yet: add one with `console-tui views add NAME --where EXPR`")
        return
    width = max(len(safe(row.name)) for row in rows)
    sort_width = max(len("SORT"), *(len(row.sort_text) for row in rows))
    click.echo(f"{'VIEW':<{width}}  {'SHARED':<6}  {'OWNER':<12}  {'SORT':<{sort_width}}  FILTER")
    for row in rows:
        click.echo(f"{safe(row.name):<{width}}  {'yes' if row.shared else 'no':<6}  {safe(row.owner):<12}  "
                   f"{row.sort_text:<{sort_width}}  {safe(row.filter) or '(all clients)'}")


@views.command("add")
@click.argument("name")
@click.option("--where", "where", metavar="EXPR", required=True, help="The view's filter (docs/filters.md).")
@click.option("--sort", "sort", metavar="FIELD[:desc]", default="name", show_default=True,
              help=f"Sort by one of {', '.join(SORTS)}; :desc for descending.")
@click.option("--shared", is_flag=True, help="Share the view with the agency (Administrators).")
@pass_context
def add(context: Context, name: str, where: str, sort: str, shared: bool) -> None:
    """Save the view NAME: the clients the filter --where holds for, in the order --sort gives."""
    from console_tui.data.commands.saved_views import add_view
    from console_tui.domain.saved_views import check_view

    try:
        check_view(name, where, sort, shared=shared)
    except BadView as error:
        _bad_view(error)
    with refusals():
        added = add_view(context.db, context.clock, context.login, name, where, sort, shared=shared)
    click.echo(f"added {'shared' if shared else 'private'} view {safe(added.added[0])}")


@views.command("remove")
@click.argument("name")
@pass_context
def remove(context: Context, name: str) -> None:
    """Remove the view NAME: yours, or a shared one (Administrators)."""
    from console_tui.data.commands.saved_views import remove_view

    with refusals():
        removed = remove_view(context.db, context.clock, context.login, name)
    click.echo(f"removed view {safe(removed)}")


@views.command("export")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@pass_context
def export(context: Context, path: Path | None) -> None:
    """Write the views you see as TOML (what `views import` reads)."""
    from console_tui.data.queries.saved_views import saved_views
    from console_tui.domain.saved_views import ViewSpec
    from console_tui.domain.views_file import dump_views

    with refusals():
        rows = saved_views(context.db, context.login)
        text = dump_views(ViewSpec(r.name, r.filter, r.sort, r.descending, r.shared) for r in rows)
        if path is None:
            click.echo(text, nl=False)
            return
        path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {len(rows):,} view{'' if len(rows) == 1 else 's'} to {safe(str(path))}")


@views.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def import_(context: Context, path: Path) -> None:
    """Add the views of FILE (TOML, as `views export` writes), replacing yours of the same name; all or none."""
    from console_tui.data.commands.saved_views import import_views
    from console_tui.domain.views_file import read_views

    where = f"{safe(str(path))}: "
    with refusals():
        raw = path.read_bytes()
    try:
        specs = read_views(raw.decode("utf-8"))
    except UnicodeDecodeError:
        fail(f"{where}the file is not UTF-8 text; nothing was imported")
    except BadView as error:
        _bad_view(error, where)
    except ValidationError as error:
        fail(f"{where}{error}")
    with refusals():
        done = import_views(context.db, context.clock, context.login, specs)
    replaced = f", replaced {len(done.replaced):,}" if done.replaced else ""
    click.echo(f"imported {len(done.added) + len(done.replaced):,} views: added {len(done.added):,}{replaced}")
