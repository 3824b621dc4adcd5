"""The fast tier's smoke test: every full screen the app can open is opened on the seeded agency,
as the app opens it, and must finish loading with no error shown.

One app visits every screen in turn (starting an app costs more than a screen), going back to the
console between screens. The screens and how to open them come from ``test_error_boundary``
(built from the app's own route tables; its ``test_every_screen_is_covered`` fails when a screen
is missing).
"""

from __future__ import annotations

from tests.ui.conftest import settle
from tests.ui.manage.conftest import services_url  # noqa: F401 - a fixture: the seed plus add-on services
from tests.ui.test_error_boundary import LEAKS, SAVES, all_openers, shown


async def test_every_screen_opens_and_loads(make_ui_app, services_url) -> None:  # noqa: F811
    app = make_ui_app(url=services_url)
    problems: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        console = app.screen
        for name in sorted(SAVES):
            all_openers()[name](app)
            await settle(pilot)
            text = shown(app)
            if type(app.screen).__name__ != name:
                problems[name] = f"{type(app.screen).__name__} is showing"
            elif "Loading" in text or "Could not" in text or any(leak in text for leak in LEAKS):
                problems[name] = text  # still loading, or a failure shown
            app.return_to_agency()  # what ctrl+r does after switching into a client
            while app.screen is not console:
                app.pop_screen()
            await settle(pilot)
        assert app.is_running
    assert problems == {}
