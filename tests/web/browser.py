"""A tiny Chrome DevTools Protocol client (aiohttp, already installed with textual-serve).

Enough to open a page in headless Chromium, collect the WebSocket frames the page receives,
and take a screenshot — no browser download, no Playwright: the machine's own chromium.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import socket
import subprocess
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,800",
)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Page:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.frames: list[bytes] = []
        self.requests: list[str] = []  # every URL the page asked for (its page, files, WebSocket)
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif data.get("method") in ("Network.requestWillBeSent", "Network.webSocketCreated"):
                self.requests.append(data["params"].get("request", data["params"]).get("url", ""))
            elif data.get("method") == "Network.webSocketFrameReceived":
                response = data["params"]["response"]
                payload = response["payloadData"]
                self.frames.append(base64.b64decode(payload) if response["opcode"] == 2 else payload.encode())

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[ident] = future
        await self.ws.send_json({"id": ident, "method": method, "params": params})
        return await asyncio.wait_for(future, 30)

    def received(self) -> bytes:
        return b"".join(self.frames)

    async def screenshot(self) -> bytes:
        result = await self.send("Page.captureScreenshot", format="png")
        return base64.b64decode(result["result"]["data"])


@asynccontextmanager
async def open_browser(url: str) -> AsyncIterator[Page]:
    port = free_port()
    with tempfile.TemporaryDirectory() as profile:
        process = subprocess.Popen(
            [chromium_path() or "chromium", *CHROMIUM_FLAGS, f"--remote-debugging-port={port}",
             f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            async with aiohttp.ClientSession() as http:
                targets = None
                for _ in range(100):
                    try:
                        async with http.get(f"http://127.0.0.1:{port}/json") as response:
                            targets = [t for t in await response.json() if t["type"] == "page"]
                            if targets:
                                break
                    except aiohttp.ClientError:
                        pass
                    await asyncio.sleep(0.1)
                assert targets, "chromium did not start"
                async with http.ws_connect(targets[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    page = Page(ws)
                    await page.send("Network.enable")
                    await page.send("Page.enable")
                    await page.send("Page.navigate", url=url)
                    try:
                        yield page
                    finally:
                        page.reader.cancel()
        finally:
            process.terminate()
            process.wait(timeout=10)
