"""An app made without a blinking cursor (as the snapshots are) holds every text box's cursor still,
on any screen, whoever built the box: what a snapshot draws never depends on when a blink lands."""

from __future__ import annotations

from textual.widgets import Input

from tests.ui.conftest import press, settle


async def test_every_focused_text_box_holds_its_cursor_still(make_ui_app):
    app = make_ui_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "m", "slash")  # Manage Clients' own search line
        await settle(pilot)
        assert isinstance(app.focused, Input)
        assert app.focused.cursor_blink is False
