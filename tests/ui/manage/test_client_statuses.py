"""Client statuses (R-CAP-4) from Manage Clients' page menu: the statuses with whether each counts and
how many clients have it; add (name, then counts or not), rename, retire (refused while in use);
each change audited; typed names stay text."""

from __future__ import annotations

from console_tui.screens.dialogs.choose import Choose
from console_tui.screens.dialogs.confirm import AskValue, Confirm
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.screens.manage.statuses import StatusesScreen
from tests.ui.manage.conftest import audit_rows, press, settle


async def open_statuses(app, pilot) -> StatusesScreen:  # noqa: ANN001
    await settle(pilot)
    await press(pilot, "m")
    assert isinstance(app.screen, ManageClientsScreen)
    await press(pilot, "m", "end", "up", "enter")  # the page menu: Client statuses, just above the Audit log
    await settle(pilot)
    assert isinstance(app.screen, StatusesScreen)
    return app.screen


def rows(app) -> list[tuple[str, ...]]:  # noqa: ANN001
    return list(app.screen.query_one("#statuses")._rows)


def notice(app) -> str:  # noqa: ANN001
    return app.screen.query_one("#notice").text


async def type_into(pilot, text: str) -> None:  # noqa: ANN001
    pilot.app.screen.query_one("#value").value = text
    await press(pilot, "enter")


async def test_r_cap_4_add_rename_and_retire_a_status_from_manage_clients(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_statuses(app, pilot)
        assert rows(app) == [("Active", "yes", "built-in", "5"), ("Inactive", "no", "built-in", "1"),
                             ("Suspended", "no", "built-in", "1"), ("Onboarding", "yes", "custom", "1")]

        await press(pilot, "a")
        await type_into(pilot, "x" * 61)  # too long: said at once, nothing more asked
        assert isinstance(app.screen, StatusesScreen)
        assert notice(app) == ("Adding a status was refused: 1 field needs attention (The status name must be 1 to "
                               "60 characters). Type another name.")
        await press(pilot, "a")
        assert isinstance(app.screen, AskValue)
        await type_into(pilot, "[b]On hold[/b]")
        assert isinstance(app.screen, Choose)
        assert "Does [b]On hold[/b] count toward the plan?" in str(app.screen.query_one(".dialog-title").render())
        await press(pilot, "down", "enter")  # does not count
        await settle(pilot)
        assert isinstance(app.screen, StatusesScreen)
        assert ("[b]On hold[/b]", "no", "custom", "0") in rows(app)
        assert notice(app).startswith("Added the status [b]On hold[/b]: does not count toward the plan")

        app.screen.query_one("#statuses").cursor = [r[0] for r in rows(app)].index("[b]On hold[/b]")
        await press(pilot, "e")
        await type_into(pilot, "Paused")
        await settle(pilot)
        assert ("Paused", "no", "custom", "0") in rows(app)

        await press(pilot, "x")
        assert isinstance(app.screen, Confirm)
        await press(pilot, "y")
        await settle(pilot)
        assert ("Paused", "no", "retired", "0") == rows(app)[-1]

        app.screen.query_one("#statuses").cursor = [r[0] for r in rows(app)].index("Onboarding")
        await press(pilot, "x")  # a client has it: refused, naming how many, nothing asked
        assert isinstance(app.screen, StatusesScreen)
        assert notice(app) == ("Retiring the status Onboarding was refused: 1 client has it. Give them another "
                               "status first (t in Manage Clients), then retire it.")
        app.screen.query_one("#statuses").cursor = 0
        await press(pilot, "e")
        assert isinstance(app.screen, StatusesScreen) and "built-in status" in notice(app)
    assert [row[1] for row in audit_rows(ui_db_url)][-3:] == ["add_status", "rename_status", "retire_status"]
