"""``console-tui templates list|add|show|remove``: client templates (R-TPL-1; Administrators).

A template is a name and a setup (docs/templates.md). ``add NAME --file FILE`` reads the setup from
a TOML file (what ``show NAME`` prints), ``add NAME --from-client CLIENT`` takes a client's setup as
it is; ``--replace`` replaces the template of that name, which is how one is edited:
``show NAME > t.toml``, edit, ``add NAME --file t.toml --replace``.
"""

from __future__ import annotations

from pathlib import Path

import click

from console_tui.cli.context import Context, fail, pass_context
from console_tui.cli.refusals import refusals
from console_tui.display import safe
from console_tui.domain.errors import ValidationError


@click.group()
def templates() -> None:
    """Client templates: a client's setup kept under a name, to add clients from."""


@templates.command("list")
@pass_context
def list_templates(context: Context) -> None:
    """Every template: its name, who saved it, when, and what it sets."""
    from console_tui.data.queries.templates import client_templates
    from console_tui.domain.templates import setup_summary

    with refusals():
        rows = client_templates(context.db, context.login)
    if not rows:
        click.echo("no templates yet: add one with `console-tui templates add NAME --from-client CLIENT`")
        return
    width = max(len("TEMPLATE"), *(len(safe(row.name)) for row in rows))
    click.echo(f"{'TEMPLATE':<{width}}  {'SAVED BY':<12}  {'UPDATED':<10}  SETS")
    for row in rows:
        sets = setup_summary(row.setup)
        click.echo(f"{safe(row.name):<{width}}  {safe(row.owner) or '-':<12}  "
                   f"{row.updated_at.astimezone(context.clock.tz):%Y-%m-%d}  {safe(sets)}")


@templates.command("show")
@click.argument("name")
@pass_context
def show(context: Context, name: str) -> None:
    """The template NAME as a TOML file (what `templates add --file` reads)."""
    from console_tui.data.queries.templates import client_template
    from console_tui.domain.templates_file import dump_setup

    with refusals():
        row = client_template(context.db, context.login, name)
    click.echo(dump_setup(row.setup, row.name), nl=False)  # its strings are TOML-escaped


def _client_id(context: Context, text: str) -> int:
    from console_tui.data.queries.templates import clients_named

    with refusals():
        found = clients_named(context.db, context.login, text)
    if not found:
        fail(f"no client is called {safe(text)!r} (give its name or its id; `console-tui clients list` lists them)")
    if len(found) > 1:
        fail(f"{len(found)} clients are called {safe(text)!r} (ids {', '.join(str(id_) for id_, _ in found)}): "
             "give the id")
    return found[0][0]


@templates.command("add")
@click.argument("name")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read the setup from this TOML file (as `templates show` prints).")
@click.option("--from-client", "client", metavar="CLIENT", default=None,
              help="Take the setup of this client (its name or id) as it is now.")
@click.option("--replace", "replace_existing", is_flag=True, help="Replace the template of that name.")
@pass_context
def add(context: Context, name: str, path: Path | None, client: str | None, replace_existing: bool) -> None:
    """Save the template NAME from --file FILE or --from-client CLIENT (one of them).

    Exit status: 0 saved; 1 refused (permission, name taken, unknown service or manager); 2 bad input.
    """
    from console_tui.data.commands.templates import add_template, save_template_from_client
    from console_tui.domain.templates_file import read_setup_file

    if (path is None) == (client is None):
        fail("give the setup with --file FILE or --from-client CLIENT (one of them)")
    if path is not None:
        where = f"{safe(str(path))}: "
        with refusals():
            raw = path.read_bytes()
        try:
            setup = read_setup_file(raw.decode("utf-8"))
        except UnicodeDecodeError:
            fail(f"{where}the file is not UTF-8 text; nothing was saved")
        except ValidationError as error:
            fail(f"{where}{error}")
        with refusals():
            saved = add_template(context.db, context.clock, context.login, name, setup,
                                 replace_existing=replace_existing)
    else:
        assert client is not None
        client_id = _client_id(context, client)
        with refusals():
            saved = save_template_from_client(context.db, context.clock, context.login, name, client_id,
                                              replace_existing=replace_existing)
    click.echo(f"{'replaced' if saved.replaced else 'added'} template {safe(saved.name)}")


@templates.command("remove")
@click.argument("name")
@pass_context
def remove(context: Context, name: str) -> None:
    """Remove the template NAME; clients added from it keep their setup."""
    from console_tui.data.commands.templates import remove_template

    with refusals():
        removed = remove_template(context.db, context.clock, context.login, name)
    click.echo(f"removed template {safe(removed)}")
