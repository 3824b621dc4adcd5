"""``console-tui serve``: the gate in front of textual-serve, run in-process on a free port.

Each tab's command here is a tiny Python script that leaves a file behind and tells the server it
is done (textual-serve's exit packet), so "a console process was started" is a fact on disk, not a
mock's call count.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner
from textual_serve import app_service

from console_tui.cli.main import main
from console_tui.cli.web.server import GatedServer, is_loopback

TOKEN = "the-right-token"


TAB_SCRIPT = """
import json, sys
open(sys.argv[1], "w").write("started")
exit = json.dumps({"type": "exit"}).encode()
sys.stdout.buffer.write(b"__GANGLION__\\n" + b"M" + len(exit).to_bytes(4, "big") + exit)
"""


def marker_command(marker: Path) -> str:
    script = marker.with_name("tab.py")
    script.write_text(TAB_SCRIPT)
    return shlex.join([sys.executable, str(script), str(marker)])


@pytest.fixture(autouse=True)
def tabs(monkeypatch: pytest.MonkeyPatch) -> list[asyncio.subprocess.Process]:
    """The tab processes textual-serve starts, so that each test waits for its own to end."""
    started: list[asyncio.subprocess.Process] = []
    real = asyncio.create_subprocess_shell

    async def spawn(*args: Any, **kwargs: Any) -> asyncio.subprocess.Process:
        started.append(await real(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(app_service.asyncio, "create_subprocess_shell", spawn)
    return started


async def client_for(server: GatedServer, tabs: list[asyncio.subprocess.Process]) -> AsyncIterator[TestClient]:
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1"))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()
        for process in tabs:
            await process.wait()


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "tab-started"


@pytest.fixture
async def console(marker: Path, tabs: list[asyncio.subprocess.Process]) -> AsyncIterator[TestClient]:
    server = GatedServer(marker_command(marker), host="127.0.0.1", port=8000, token=TOKEN)
    async for client in client_for(server, tabs):
        yield client


@pytest.fixture
async def kiosk(marker: Path, tabs: list[asyncio.subprocess.Process]) -> AsyncIterator[TestClient]:
    server = GatedServer(marker_command(marker), host="127.0.0.1", port=8000, token=None)
    async for client in client_for(server, tabs):
        yield client


async def open_session(client: TestClient, path: str, **headers: str) -> None:
    """Open the tab's WebSocket and wait for the server to close it (the tab's script exits at once)."""
    async with client.ws_connect(path, headers=headers) as ws:
        async for _ in ws:
            pass


# --- the token ----------------------------------------------------------------------------------------


async def test_the_console_page_needs_the_token(console: TestClient) -> None:
    right = await console.get(f"/?token={TOKEN}")
    assert right.status == 200
    assert f"/ws/{TOKEN}" in await right.text()
    assert right.headers["Referrer-Policy"] == "no-referrer" and right.headers["Cache-Control"] == "no-store"
    for path in ("/", "/?token=", "/?token=wrong", f"/?token={TOKEN}x", f"/?Token={TOKEN}"):
        refused = await console.get(path)
        assert refused.status == 403, path
        assert "needs the token" in await refused.text()


async def test_a_session_with_the_token_starts_a_console_process(console: TestClient, marker: Path) -> None:
    await open_session(console, f"/ws/{TOKEN}")
    assert marker.read_text() == "started"


@pytest.mark.parametrize("path", ["/ws", "/ws/", "/ws/wrong", f"/ws/{TOKEN}x", f"/ws?token={TOKEN}"])
async def test_a_session_without_the_token_is_refused_and_starts_nothing(
    console: TestClient, marker: Path, path: str
) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await open_session(console, path)
    assert refused.value.status == 403
    await asyncio.sleep(0.2)  # a process started by mistake would have written its file by now
    assert not marker.exists()


# --- the kiosk, the host and the origin -------------------------------------------------------------------


async def test_the_kiosk_needs_no_token(kiosk: TestClient, marker: Path) -> None:
    page = await kiosk.get("/")
    assert page.status == 200
    assert "/ws\"" in await page.text()
    await open_session(kiosk, "/ws")
    assert marker.exists()


async def test_bound_to_loopback_a_foreign_host_name_is_refused(kiosk: TestClient, marker: Path) -> None:
    """A page whose own name is made to resolve to 127.0.0.1 (DNS rebinding) gets nothing."""
    assert (await kiosk.get("/", headers={"Host": "attacker.example"})).status == 403
    assert (await kiosk.get("/", headers={"Host": "localhost:8000"})).status == 200
    with pytest.raises(aiohttp.WSServerHandshakeError):
        await open_session(kiosk, "/ws", Host="attacker.example")
    assert not marker.exists()


async def test_a_session_from_another_sites_page_is_refused(kiosk: TestClient, marker: Path) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await open_session(kiosk, "/ws", Origin="http://attacker.example")
    assert refused.value.status == 403
    assert not marker.exists()
    own = f"http://{kiosk.host}:{kiosk.port}"
    await open_session(kiosk, "/ws", Origin=own)
    assert marker.exists()


async def test_bound_to_another_address_any_host_name_is_answered(
    marker: Path, tabs: list[asyncio.subprocess.Process]
) -> None:
    server = GatedServer(marker_command(marker), host="0.0.0.0", port=8000, token=None)
    async for client in client_for(server, tabs):
        assert (await client.get("/", headers={"Host": "console.example"})).status == 200


def test_loopback_addresses() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.5", "example.com", ""]))


# --- the page works offline -------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [TOKEN, None], ids=["console", "kiosk"])
async def test_the_page_loads_nothing_from_another_host(
    token: str | None, marker: Path, tabs: list[asyncio.subprocess.Process]
) -> None:
    async for client in client_for(GatedServer(marker_command(marker), host="127.0.0.1", port=8000, token=token), tabs):
        await page_loads_only_its_own_files(client)


async def page_loads_only_its_own_files(client: TestClient) -> None:
    page = await (await client.get(f"/?token={TOKEN}")).text()
    own = f"{client.host}:{client.port}"
    for url in re.findall(r"""(?:https?|wss?)://[^\s"'<>)]+""", page):
        assert urlsplit(url).netloc == own, url
    assert "googleapis" not in page
    loaded = re.findall(r"""(?:src|href)="([^"]+)"|url\("([^"]+)"\)""", page)
    paths = [a or b for a, b in loaded]
    assert {"/static/js/textual.js", "/static/css/xterm.css",
            "/static/fonts/RobotoMono-VariableFont_wght.ttf"} <= set(paths)
    for path in paths:
        assert path.startswith("/static/"), path
        assert (await client.get(path)).status == 200, path
    css = await (await client.get("/static/css/xterm.css")).text()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", css)  # its licence comment names URLs, loads none


# --- the command --------------------------------------------------------------------------------------------


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[GatedServer]:
    """The servers the command would have run (serving is left out)."""
    servers: list[GatedServer] = []
    monkeypatch.setattr(GatedServer, "serve", lambda self, debug=False: servers.append(self))
    for name in ("CONSOLE_TUI_DATABASE_URL", "CONSOLE_TUI_USER"):  # restored after the test
        monkeypatch.setenv(name, "sqlite:///before.db" if name.endswith("URL") else "before")
    return servers


URL = "postgresql://console_tui:s3cret@db-host/console_tui"


def test_serve_is_the_kiosk_on_loopback_by_default(started: list[GatedServer]) -> None:
    result = CliRunner().invoke(main, ["--db", URL, "--user", "boss", "serve"])
    assert result.exit_code == 0, result.output
    (server,) = started
    assert server.token is None and server.host == "127.0.0.1" and server.loopback_only
    assert "--kiosk" in server.command
    assert "warning" not in result.output


def test_serve_console_has_a_token_and_passes_the_database_by_environment(started: list[GatedServer]) -> None:
    result = CliRunner().invoke(main, ["--db", URL, "--user", "boss", "serve", "--console"])
    assert result.exit_code == 0, result.output
    (server,) = started
    assert server.token is not None and len(server.token) >= 32
    assert server.address() == f"http://127.0.0.1:8000/?token={server.token}"
    assert "--kiosk" not in server.command
    assert "s3cret" not in server.command and "--db" not in server.command and "boss" not in server.command
    assert (os.environ["CONSOLE_TUI_DATABASE_URL"], os.environ["CONSOLE_TUI_USER"]) == (URL, "boss")


def test_each_console_server_has_its_own_token(started: list[GatedServer]) -> None:
    for _ in range(2):
        CliRunner().invoke(main, ["--db", URL, "--user", "boss", "serve", "--console"])
    assert started[0].token != started[1].token


def test_serve_on_another_address_warns(started: list[GatedServer]) -> None:
    result = CliRunner().invoke(main, ["--db", URL, "--user", "boss", "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "warning: 0.0.0.0 is not a loopback address" in result.output
    assert started[0].address() == "http://0.0.0.0:8000/"
