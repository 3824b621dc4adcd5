"""A refusal is shown whole in the notice under the status line: it wraps at 80 and 120 columns,
never ends cut off ("…Correct the fields named and try")."""

from __future__ import annotations

import pytest

from console_tui.widgets.notice import Notice
from tests.ui.manage.conftest import notes, press, text_of
from tests.ui.manage.test_option_screens import open_option


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_a_refusal_on_the_status_line_wraps_whole(make_ui_app, services_url, size):
    app = make_ui_app()
    async with app.run_test(size=size) as pilot:
        await open_option(app, pilot, "Acme Widgets", "3")
        await press(pilot, "j", "e")  # SMS credits
        app.screen.query_one("Input").value = "ten thousand credits, please, and a few more for the holidays"
        await press(pilot, "enter")
        refusal = notes(app)[-1]
        assert refusal.endswith("Correct the fields named and try again.")
        notice = app.screen.query_one(Notice)
        shown = " ".join(line.strip() for line in text_of(notice).splitlines())
        assert shown == refusal
        assert notice.size.height > 1 and notice.outer_size.width == size[0]
