"""Kiosk mode: read-only by construction, large, cycling, and it survives outages."""

from __future__ import annotations

import string

from sqlalchemy import func, select
from textual.widgets import Static

from console_tui.config import Settings
from console_tui.data.schema import AuditEntry, Client
from console_tui.kiosk.app import KioskApp
from console_tui.services.admin import AdminServices
from console_tui.services.console import Services


def kiosk(demo_db, seconds: float = 0.2, **options) -> KioskApp:
    services = Services(demo_db.db, demo_db.login, demo_db.clock)
    return KioskApp(services, Settings(database_url=demo_db.url), demo_db.clock, seconds=seconds, **options)


def text(app: KioskApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def wait_loaded(app: KioskApp, pilot) -> None:
    for _ in range(200):
        if app.overview is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("the kiosk never loaded")


async def test_kiosk_cycles_through_the_clients(demo_db) -> None:
    app = kiosk(demo_db, pages=("clients",))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        first = text(app, "#name")
        await pilot.pause(0.5)
        assert text(app, "#name") != first
        assert "read-only kiosk" in text(app, "#status")
        assert "Contacts added (30 d)" in text(app, "#f-contacts")


async def test_kiosk_offers_no_way_to_change_data(demo_db) -> None:
    app = kiosk(demo_db)
    assert [binding.key for binding in app.BINDINGS] == ["q"] and app.ENABLE_COMMAND_PALETTE is False
    with demo_db.db.read() as session:
        before = (session.scalar(select(func.count()).select_from(AuditEntry)),
                  session.scalar(select(func.sum(Client.version))))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        for key in [*string.ascii_lowercase.replace("q", ""), "enter", "ctrl+p", "delete", "ctrl+s", "escape"]:
            await pilot.press(key)
        assert app.is_running and len(app.screen_stack) == 1
    with demo_db.db.read() as session:
        after = (session.scalar(select(func.count()).select_from(AuditEntry)),
                 session.scalar(select(func.sum(Client.version))))
    assert after == before


async def test_r_att_2_attention_mode_shows_the_queue_most_urgent_first(demo_db) -> None:
    app = kiosk(demo_db, seconds=3600, pages=("attention",))  # the first client stays while it is read
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        queue = AdminServices(app.services, app.settings).attention()  # the console's ! (same rules)
        shown = app.lists["attention"]
        assert [client.id for client in shown] == [row.id for row in queue if row.id is not None]
        assert shown and len(shown) < len(app.overview.clients)
        assert "needing attention" in text(app, "#status")
        first = next(row for row in queue if row.id is not None)
        assert f"{first.severity.word}: {first.reasons[0].text}" in text(app, "#meta")


async def test_kiosk_survives_an_outage_and_recovers(demo_db, monkeypatch) -> None:
    app = kiosk(demo_db, pages=("clients",))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        shown = text(app, "#name")
        real = app.services.overview

        def down():
            raise ConnectionError("server closed the connection unexpectedly")

        monkeypatch.setattr(app.services, "overview", down)
        app.reload()
        for _ in range(100):
            if "database unavailable" in text(app, "#status"):
                break
            await pilot.pause(0.05)
        assert "database unavailable — showing data from" in text(app, "#status")
        assert text(app, "#name")  # the last figures stay on screen
        assert shown
        monkeypatch.setattr(app.services, "overview", real)
        app.reload()
        for _ in range(100):
            if "read-only kiosk" in text(app, "#status"):
                break
            await pilot.pause(0.05)
        assert "read-only kiosk" in text(app, "#status") and app.failures == 0
