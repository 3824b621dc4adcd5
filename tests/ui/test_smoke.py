"""One smoke test per screen, kept in the fast tier: each full screen the app can open is opened on
the seeded agency, as the app opens it, and must finish loading with no error shown.

The screens and how to open them come from ``test_error_boundary`` (built from the app's own route
tables; its ``test_every_screen_is_covered`` fails when a screen is missing).
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import settle
from tests.ui.manage.conftest import services_url  # noqa: F401 - a fixture: the seed plus add-on services
from tests.ui.test_error_boundary import LEAKS, SAVES, all_openers, shown

@pytest.mark.parametrize("name", sorted(SAVES))
async def test_the_screen_opens_and_loads(name: str, make_ui_app, services_url) -> None:  # noqa: F811
    app = make_ui_app(url=services_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        all_openers()[name](app)
        await settle(pilot)
        assert type(app.screen).__name__ == name
        assert app.is_running
        text = shown(app)
        assert "Could not" not in text and not [leak for leak in LEAKS if leak in text], text
        assert "Loading" not in text, text  # the load finished and its figures replaced the placeholder
