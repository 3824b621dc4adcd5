"""`console-tui serve` run as a person runs it: the kiosk by default, the console behind the token it
prints, each tab's process started without the database on its command line; and in a real browser,
headless Chromium loads the page and the console's management bar arrives over its WebSocket. With
CONSOLE_TUI_UPDATE_DOCS=1 it also rewrites docs/browser.png from what it saw."""

from __future__ import annotations

import asyncio
import os
import re
import select
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from tests.web.browser import chromium_path, free_port, open_browser

DOCS = Path(__file__).resolve().parents[2] / "docs"
REQUIRE = os.environ.get("CONSOLE_TUI_REQUIRE_BROWSER") == "1"


def printed_address(server: subprocess.Popen, seconds: float = 30) -> str:
    """The address ``serve`` prints on stderr once it listens."""
    assert server.stderr is not None
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        if select.select([server.stderr], [], [], 0.2)[0]:
            seen += os.read(server.stderr.fileno(), 4096)
            if found := re.search(rb"(http://\S+) \(Ctrl\+C stops\)", seen):
                return found.group(1).decode()
    raise AssertionError(f"serve printed no address: {seen.decode(errors='replace')}")


def start_serving(demo_db, *flags: str) -> Iterator[str]:  # noqa: ANN001
    server = subprocess.Popen(
        [sys.executable, "-m", "console_tui", "--db", demo_db.url, "--user", demo_db.login,
         "serve", "--port", str(free_port()), *flags],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        yield printed_address(server)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def served(demo_db) -> Iterator[str]:  # noqa: ANN001
    yield from start_serving(demo_db, "--console")


@pytest.fixture
def kiosk_served(demo_db) -> Iterator[str]:  # noqa: ANN001
    yield from start_serving(demo_db)


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


async def tab_processes(url: str, server_pid: int) -> list[tuple[bytes, bytes]]:
    """Open a tab's WebSocket the way the page does and return the (command line, environment) of
    the processes the server started for it, once its console or kiosk has drawn something."""
    page_url = url.replace("/?token=", "/ws/") if "token=" in url else url + "ws"
    socket_url = "ws" + page_url.removeprefix("http")
    async with aiohttp.ClientSession() as http, http.ws_connect(socket_url + "?width=80&height=24") as ws:
        await asyncio.wait_for(ws.receive(), 60)  # the first bytes of the tab's screen
        processes = []
        for pid in descendants(server_pid):
            try:
                processes.append((Path(f"/proc/{pid}/cmdline").read_bytes(), Path(f"/proc/{pid}/environ").read_bytes()))
            except OSError:
                continue
        return processes


def server_pid(url: str) -> int:
    port = int(url.split(":")[2].split("/")[0])
    for pid in (int(p.name) for p in Path("/proc").glob("[0-9]*")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"serve\0--port\0" + str(port).encode() in cmdline:
            return pid
    raise AssertionError("no serve process")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_console_is_served_only_with_the_token_and_the_database_stays_off_command_lines(
    served: str, demo_db  # noqa: ANN001
) -> None:
    assert "?token=" in served
    assert status(served) == 200
    assert status(served.split("?")[0]) == 403
    processes = asyncio.run(tab_processes(served, server_pid(served)))
    assert processes, "no process was started for the tab"
    url = demo_db.url.encode()
    for cmdline, environ in processes:
        assert url not in cmdline and b"--kiosk" not in cmdline
        assert b"CONSOLE_TUI_DATABASE_URL=" + url in environ.split(b"\0")


def test_by_default_the_kiosk_is_served_without_a_token(kiosk_served: str) -> None:
    assert "token" not in kiosk_served
    assert status(kiosk_served) == 200
    processes = asyncio.run(tab_processes(kiosk_served, server_pid(kiosk_served)))
    assert any(b"--kiosk" in cmdline for cmdline, _ in processes)


def test_serve_page_is_html_with_the_terminal(served: str) -> None:
    with urllib.request.urlopen(served, timeout=5) as response:
        page = response.read().decode()
    assert "textual" in page.lower() and "<html" in page.lower()


def test_headless_chromium_sees_the_management_bar_and_loads_nothing_from_the_web(served: str) -> None:
    if chromium_path() is None:
        if REQUIRE:
            pytest.fail("CONSOLE_TUI_REQUIRE_BROWSER=1 but no chromium is installed")
        pytest.skip("BROWSER TEST SKIPPED: install chromium (apt-get install chromium) to run it")

    async def look() -> tuple[bytes, bytes, list[str]]:
        async with open_browser(served) as page:
            deadline = time.monotonic() + 40
            while time.monotonic() < deadline and b"Partner Portal" not in page.received():
                await asyncio.sleep(0.25)
            await asyncio.sleep(1.0)  # let the first frame paint before the picture
            return page.received(), await page.screenshot(), page.requests

    received, png, requests = asyncio.run(look())
    own = served.split("/?")[0].split("//")[1]
    assert requests and all(urlsplit(url).netloc == own for url in requests), requests  # nothing from the web
    assert b"Manage Clients" in received and b"Partner Portal" in received
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    if os.environ.get("CONSOLE_TUI_UPDATE_DOCS") == "1":  # refresh the README's picture on purpose only
        (DOCS / "browser.png").write_bytes(png)
