"""The console over the demo agency (tests/conftest.py ``demo_db``): realistic data, every role."""

from __future__ import annotations

from sqlalchemy import func, select

from console_tui.app.application import make_app
from console_tui.config import Settings
from console_tui.data.queries.console import console_overview
from console_tui.data.schema import AgencyUser, ClientAccess
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.dialogs.briefing_panel import BriefingPanel
from console_tui.services.console import Services
from tests.ui.conftest import press, settle

SCREEN_KEYS = ("d", "u", "s", "b", "t", "a")


async def past_the_briefing(pilot) -> None:  # noqa: ANN001
    """The demo has history: the first console of the day opens the morning briefing; esc closes it."""
    await settle(pilot)
    if isinstance(pilot.app.screen, BriefingPanel):
        await press(pilot, "escape")


def demo_app(demo, login: str | None = None):  # noqa: ANN001, ANN201
    settings = Settings(database_url=demo.url)
    return make_app(Services(demo.db, login or demo.login, demo.clock), settings, demo.clock, cursor_blink=False)


async def test_r_cmc_3_every_client_screen_opens_on_the_demo(demo_db):
    app = demo_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_the_briefing(pilot)
        console = app.console_screen
        assert console.complete
        assert console.clients.shown_count == len(console_overview(demo_db.db, demo_db.login).clients)
        for _ in range(4):
            for key in SCREEN_KEYS:
                await press(pilot, key)
                assert not isinstance(app.screen, ConsoleScreen), key
                assert not app.screen.status.has_class("-error"), (key, str(app.screen.status.render()))
                await press(pilot, "escape")
            await press(pilot, "enter")
            assert app.inside is not None and not app.screen.status.has_class("-error")
            await press(pilot, "ctrl+r", "j")


async def test_r_acc_2_every_role_sees_its_clients_on_the_demo(demo_db):
    with demo_db.db.read() as session:
        users = session.execute(select(AgencyUser.login, AgencyUser.role, AgencyUser.id).where(AgencyUser.active)).all()
        managed = dict(session.execute(
            select(ClientAccess.agency_user_id, func.count()).group_by(ClientAccess.agency_user_id)).all())
    roles_seen = set()
    for login, role, user_id in users:
        if role in roles_seen:
            continue
        roles_seen.add(role)
        app = demo_app(demo_db, login)
        async with app.run_test(size=(80, 24)) as pilot:
            await past_the_briefing(pilot)
            shown = app.console_screen.clients.shown_count
            if role == "Administrator":
                assert shown > max(managed.values(), default=0)
            else:
                assert shown <= managed.get(user_id, 0)  # removed clients are hidden
                await press(pilot, "m")
                assert isinstance(app.screen, ConsoleScreen)
                assert "Manage Clients needs the Administrator role" in str(list(app._notifications)[-1].message)
    assert len(roles_seen) >= 3
