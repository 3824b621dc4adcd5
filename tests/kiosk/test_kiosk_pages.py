"""The kiosk's pages: the agency page's figures, the cycle ``--kiosk-pages`` picks, and its bad names."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, func, select
from textual.widgets import ContentSwitcher, Static

from console_tui.cli.main import main
from console_tui.data.schema import ClientHistory
from console_tui.kiosk.figure import BigFigure
from console_tui.kiosk.pages import parse_pages, with_attention
from tests.kiosk.test_kiosk import kiosk, text, wait_loaded


def current(app) -> str:  # noqa: ANN001
    return app.query_one(ContentSwitcher).current


async def test_the_pages_cycle_in_the_order_given_each_client_page_moving_on(demo_db) -> None:
    app = kiosk(demo_db, seconds=3600, pages=("agency", "clients", "clients"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        names = [client.name for client in app.lists["clients"]]
        seen = [current(app)]
        for _ in range(5):
            app.advance()
            await pilot.pause()
            seen.append(current(app) if current(app) == "agency-page" else text(app, "#name"))
        assert seen == ["agency-page", names[0], names[1], "agency-page", names[2], names[3]]
        app.advance()
        await pilot.pause()
        movers = app.query_one("#movers", Static)  # shown again: filled to its height again
        room = movers.content_size.height
        assert room > 1 and len(text(app, "#movers").splitlines()) == min(room, len(app.agency.movers))


async def test_the_agency_page_shows_the_figures_of_the_clients_the_kiosk_sees(demo_db) -> None:
    app = kiosk(demo_db, seconds=3600)  # the default pages: agency first
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.pause()
        assert current(app) == "agency-page"
        clients = app.overview.clients  # the console's own figures, read apart

        def senders(*statuses: str) -> str:
            return f"{sum(c.sender_status in statuses for c in clients):,}"

        sent, opened = sum(c.emails_sent_30d for c in clients), sum(c.emails_opened_30d for c in clients)
        figures = {figure.id: figure.value for figure in app.query(BigFigure)}
        assert figures == {"a-clients": f"{len(clients):,}", "a-sent": f"{app.agency.emails_sent_yesterday:,}",
                           "a-open": f"{opened / sent:.1%}", "a-healthy": senders("Healthy"),
                           "a-at-risk": senders("At Risk"), "a-worse": senders("Unhealthy", "Limited")}
        assert app.agency.emails_sent_yesterday > 0 and all(figure.large for figure in app.query(BigFigure))
        movers = text(app, "#movers")
        assert app.agency.movers and app.agency.movers[0].name in movers
        assert movers.startswith(("▲", "▼"))


async def test_the_movers_list_shows_as_many_as_its_height_holds(demo_db) -> None:
    app = kiosk(demo_db, seconds=3600, pages=("agency",))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.pause()
        movers = app.query_one("#movers", Static)
        lines = text(app, "#movers").splitlines()
        assert len(app.agency.movers) > movers.content_size.height == len(lines)


def test_kiosk_attention_shows_the_clients_needing_attention_on_the_client_pages() -> None:
    assert with_attention(("agency", "clients", "clients"), True) == ("agency", "attention", "attention")
    assert with_attention(("agency", "clients"), False) == ("agency", "clients")
    assert parse_pages(" Agency , clients,attention") == ("agency", "clients", "attention")


@pytest.mark.parametrize(("value", "says"), [
    ("agency,client", "'client' is not a page; the pages are agency, clients, attention"),
    ("agency,,x", "'(empty)', 'x' are not pages"),
    ("", "name at least one page"),
])
def test_a_bad_page_name_is_one_usage_line_and_exit_2(value: str, says: str) -> None:
    result = CliRunner().invoke(main, ["--kiosk-pages", value])
    assert result.exit_code == 2
    assert f"Invalid value for '--kiosk-pages': {says}" in result.output


async def test_without_a_day_to_compare_with_the_page_has_no_movers_list(demo_db) -> None:
    with demo_db.db.write() as session:  # the history keeps its latest day only
        latest = session.scalar(select(func.max(ClientHistory.day)))
        session.execute(delete(ClientHistory).where(ClientHistory.day < latest))
    app = kiosk(demo_db, seconds=3600, pages=("agency",))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.pause()
        assert app.agency.movers_since is None
        assert not app.query_one("#movers").display and not app.query_one("#movers-title").display
        assert app.query_one("#a-clients", BigFigure).value == f"{len(app.overview.clients):,}"
