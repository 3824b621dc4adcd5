"""``console-tui run``: an unknown login is one clear line and exit 2; loading stays responsive."""

from __future__ import annotations

import threading

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.screens.dialogs.help import HelpScreen
from console_tui.services.console import Services
from tests.ui.conftest import settle


def test_unknown_login_prints_the_message_and_exits_2(ui_db_url, monkeypatch):
    monkeypatch.setattr("console_tui.cli.main.has_terminal", lambda: True)
    result = CliRunner().invoke(main, ["--db", ui_db_url, "--user", "nobody", "run"])
    assert result.exit_code == 2
    assert "'nobody' is not an agency user of this console" in result.output
    assert "console-tui users add nobody" in result.output
    assert "Traceback" not in result.output


def test_unreadable_database_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("console_tui.cli.main.has_terminal", lambda: True)
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{bad}", "--user", "admin", "run"])
    assert result.exit_code == 3
    assert result.output.startswith(f"console-tui: the database sqlite:///{bad} is not a usable SQLite database")
    assert "Traceback" not in result.output and result.output.count("\n") == 1


class SlowServices(Services):
    """Services whose first overview waits until the test lets it go."""

    def __init__(self, inner: Services, gate: threading.Event) -> None:
        super().__init__(inner.db, inner.login, inner.clock)
        self.gate = gate

    def first_overview(self):  # noqa: ANN201
        self.gate.wait(10)
        return super().first_overview()

    def overview(self, **kwargs):  # noqa: ANN003, ANN201
        self.gate.wait(10)
        return super().overview(**kwargs)


async def test_while_loading_the_screen_says_so_and_answers_keys(make_ui_app):
    app = make_ui_app()
    gate = threading.Event()
    app.services = SlowServices(app.services, gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = app.console_screen.status
        assert "Loading clients" in str(status.render()) and status.has_class("-loading")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # the event loop is free while the worker waits
        await pilot.press("escape")
        gate.set()
        await settle(pilot)
        assert app.console_screen.clients.shown_count == 8
        assert not status.has_class("-loading")
        assert "loading recent places" not in str(status.render())
        assert app.console_screen.clients.clients[0].company_places  # the second step arrived


class WatchedServices(Services):
    """Services that note, when every client or the complete overview is asked for, whether with
    Recent Places, how many client rows the console had painted by then, its status line and what its
    list would say if a search matched none of them."""

    def __init__(self, inner: Services) -> None:
        super().__init__(inner.db, inner.login, inner.clock)
        self.asked: list[tuple[bool, int, str, str]] = []
        self.console = None

    def overview(self, *, with_places: bool = True):  # noqa: ANN201
        screen = self.console
        self.asked.append((with_places, screen.clients.shown_count, str(screen.status.render()),
                           screen.clients.empty_text))
        return super().overview(with_places=with_places)


async def test_recent_places_load_after_the_first_rows_are_painted(make_ui_app):
    """The complete overview (its Recent Places queries cost the most) starts once the quick first
    frame is on the screen, so that it does not compete with painting it."""
    app = make_ui_app()
    app.services = watched = WatchedServices(app.services)
    watched.console = app.console_screen
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [(places, shown) for places, shown, *_ in watched.asked] == [(True, 8)]
        assert app.console_screen.complete
        assert app.console_screen.clients.clients[0].company_places


async def test_a_large_agency_paints_its_first_screenful_then_every_client_then_places(make_ui_app, monkeypatch):
    monkeypatch.setattr("console_tui.services.console.FIRST_PAGE", 3)
    app = make_ui_app()
    app.services = watched = WatchedServices(app.services)
    watched.console = app.console_screen
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [(places, shown) for places, shown, *_ in watched.asked] == [(False, 3), (True, 8)]
        assert "8 clients" in watched.asked[0][2] and "loading the rest" in watched.asked[0][2]
        assert watched.asked[0][3] == "Loading the rest of the clients…"  # not "no client matches"
        assert "loading recent places" in watched.asked[1][2]
        assert watched.asked[1][3].startswith("No clients to show")
        screen = app.console_screen
        assert screen.complete and screen.clients.shown_count == 8
        assert "loading" not in str(screen.status.render())
