"""`console-tui serve` in a real browser: headless Chromium loads the page and the console's
management bar arrives over its WebSocket. With CONSOLE_TUI_UPDATE_DOCS=1 it also
rewrites docs/browser.png from what it saw."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.web.browser import chromium_path, free_port, open_browser

DOCS = Path(__file__).resolve().parents[2] / "docs"
REQUIRE = os.environ.get("CONSOLE_TUI_REQUIRE_BROWSER") == "1"


def wait_for_http(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def served(demo_db) -> str:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "console_tui", "--db", demo_db.url, "--user", demo_db.login,
         "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_page_is_html_with_the_terminal(served: str) -> None:
    with urllib.request.urlopen(served, timeout=5) as response:
        page = response.read().decode()
    assert "textual" in page.lower() and "<html" in page.lower()


def test_headless_chromium_sees_the_management_bar(served: str) -> None:
    if chromium_path() is None:
        if REQUIRE:
            pytest.fail("CONSOLE_TUI_REQUIRE_BROWSER=1 but no chromium is installed")
        pytest.skip("BROWSER TEST SKIPPED: install chromium (apt-get install chromium) to run it")

    async def look() -> tuple[bytes, bytes]:
        async with open_browser(served) as page:
            deadline = time.monotonic() + 40
            while time.monotonic() < deadline and b"Partner Portal" not in page.received():
                await asyncio.sleep(0.25)
            await asyncio.sleep(1.0)  # let the first frame paint before the picture
            return page.received(), await page.screenshot()

    received, png = asyncio.run(look())
    assert b"Manage Clients" in received and b"Partner Portal" in received
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    if os.environ.get("CONSOLE_TUI_UPDATE_DOCS") == "1":  # refresh the README's picture on purpose only
        (DOCS / "browser.png").write_bytes(png)
