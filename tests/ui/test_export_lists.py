"""``ctrl+e`` on every list screen writes what it shows — the filter and sort applied — as CSV or
JSON to a new file in the ``export_dir`` setting, and says where; an unwritable directory is one line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from console_tui.screens.console.palette import KeyCommandsProvider
from console_tui.screens.dialogs.choose import Choose
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.ui import keys
from tests.ui.conftest import notes, press, settle
from tests.ui.test_snapshots import after

WIDE = (120, 40)


def written(directory: Path) -> list[Path]:
    return sorted(directory.iterdir()) if directory.exists() else []


async def export(pilot, fmt: str = "csv") -> None:  # noqa: ANN001
    """``ctrl+e``, then CSV (the first choice) or JSON."""
    await press(pilot, "ctrl+e")
    assert isinstance(pilot.app.screen, Choose)
    await press(pilot, *(["down"] if fmt == "json" else []), "enter")
    await settle(pilot)


def test_the_export_key_is_free_on_every_list_screen() -> None:
    (row,) = keys.keys_in("export")
    scopes = {"app", "console", "list", "manage", "attention", "audit", "cycles", "months", "limits", "back",
              "search"}
    taken = {name: key.id for key in keys.KEYS if key.scope in scopes for name in key.keys.split(",")}
    assert row.keys == "ctrl+e" and "ctrl+e" not in taken and row.palette


async def test_the_console_exports_only_the_clients_the_search_shows_in_order(make_ui_app, tmp_path) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"harbor")  # Blue Harbor Dental, Harbor Lights Bakery
        shown = [client.name for client in app.console_screen.clients.shown]
        assert 0 < len(shown) < 8
        await export(pilot)  # from the search line itself
        (path,) = written(tmp_path / "exports")
        assert path.name == "console-export-clients-2026-11-20-0900.csv"
        rows = list(csv.DictReader(path.open(newline="")))
        assert [row["name"] for row in rows] == shown
        assert list(rows[0])[:4] == ["id", "name", "kind", "status"]
        assert str(path) in str(app.console_screen.status.render())


async def test_the_console_exports_json_and_never_overwrites(make_ui_app, tmp_path) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await export(pilot, "json")
        await export(pilot, "json")
        first, second = written(tmp_path / "exports")
        assert (first.name, second.name) == ("console-export-clients-2026-11-20-0900-2.json",
                                             "console-export-clients-2026-11-20-0900.json")
        assert first.read_text() == second.read_text()
        assert len(json.loads(first.read_text())) == 8


async def test_esc_in_the_choice_writes_nothing(make_ui_app, tmp_path) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+e", "escape")
        assert written(tmp_path / "exports") == []
        assert "Export: cancelled, nothing was written." in str(app.console_screen.status.render())


async def test_an_unwritable_directory_says_so_in_one_line_and_leaves_no_file(make_ui_app, tmp_path) -> None:
    (tmp_path / "a-file").write_text("")
    target = tmp_path / "a-file" / "exports"
    app = make_ui_app(export_dir=target)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        await export(pilot)
        assert isinstance(app.screen, ManageClientsScreen)
        assert notes(app)[-1] == f"Could not export to {target}: Not a directory. Nothing was written."
        assert (tmp_path / "a-file").is_file() and not list(tmp_path.rglob("*export*"))


async def test_manage_clients_exports_its_search_in_its_sort(make_ui_app, tmp_path) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "m", "S", "slash", *"a")  # reversed by name, names with an "a"
        screen = app.screen
        assert isinstance(screen, ManageClientsScreen)
        shown = [row.name for row in screen.shown]
        await export(pilot, "json")
        (path,) = written(tmp_path / "exports")
        assert path.name.startswith("console-export-manage-clients-")
        assert [row["name"] for row in json.loads(path.read_text())] == shown
        assert shown == sorted(shown, key=str.casefold, reverse=True)


async def test_the_palette_lists_the_export_on_a_list_screen(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        provider = KeyCommandsProvider(app.screen)
        commands = {description: (action, shown) for description, action, shown in provider._commands()}
        assert commands["Export this list (CSV or JSON)"] == ("export", "^e")
        provider._run("export")
        await settle(pilot)
        assert isinstance(app.screen, Choose)


#: A fixed directory, so the dialog reads the same on every run (nothing is written: no choice is made).
SHOWN_DIR = Path("/srv/console-tui-exports")


def test_the_export_choice_80x24(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(export_dir=SHOWN_DIR), terminal_size=(80, 24),
                        run_before=after("slash", *"harbor", "ctrl+e"))


def test_the_export_choice_120x40(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(export_dir=SHOWN_DIR), terminal_size=WIDE, run_before=after("E", "ctrl+e"))
