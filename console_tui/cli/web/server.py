"""The web server behind ``console-tui serve``: textual-serve's, with a gate in front.

- When it serves the full console, the page and its WebSocket need the server's token (``/?token=…``
  for the page, ``/ws/<token>`` for the socket the page opens); without it the answer is 403 and a
  short page, and no console process is started. The read-only kiosk needs no token.
- Bound to loopback, it answers only to loopback host names, so a web page whose own name is made to
  resolve to 127.0.0.1 (DNS rebinding) is refused; a WebSocket is accepted only from this server's
  own pages (its ``Origin``), so another site open in the browser cannot drive a session.
- The page loads nothing from the web: our template (``index.html``), textual-serve's own script,
  style and font under ``/static``.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import click
import jinja2
from aiohttp import web
from textual_serve.server import Server

HERE = Path(__file__).resolve().parent
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})

REFUSED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>console-tui: refused</title></head>
<body><h1>403: refused</h1><p>{reason}</p></body></html>
"""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """True for a loopback address or name (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


class GatedServer(Server):
    """textual-serve's server for one command, behind the gate the module docstring describes.

    ``token`` None serves without one (the kiosk); a token is valid for the server's whole life, so a
    reload, a restart of the session or a second tab from the same address works.
    """

    def __init__(self, command: str, *, host: str, port: int, token: str | None, title: str = "console-tui") -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token
        self.loopback_only = is_loopback(host)

    # --- the gate -----------------------------------------------------------------------------

    def refusal(self, request: web.Request) -> str | None:
        """Why ``request`` is refused, or None when it may go on."""
        if self.loopback_only and not is_loopback(request.url.host or ""):
            return "This server answers only to a loopback address (127.0.0.1 or localhost)."
        origin = request.headers.get("Origin")
        if request.path.startswith("/ws") and origin is not None and origin != f"{request.scheme}://{request.host}":
            return "A session is opened only from this server's own page."
        if self.token is None or request.path.startswith("/static/"):
            return None
        given = request.query.get("token") if request.path == "/" else request.match_info.get("token")
        if given is None or not secrets.compare_digest(given.encode(), self.token.encode()):
            return "This address needs the token printed by console-tui serve --console."
        return None

    @web.middleware
    async def gate(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        reason = self.refusal(request)
        if reason is not None:
            return web.Response(status=403, text=REFUSED_PAGE.format(reason=reason), content_type="text/html")
        return await handler(request)

    # --- the application ----------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        """The routes textual-serve's own app has, but the page from our template, the socket under
        the token, and no ``/download`` (nothing in the console delivers files to the browser)."""
        app = web.Application(middlewares=[self.gate])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE), autoescape=True)
        websocket = "/ws" if self.token is None else "/ws/{token}"
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get(websocket, self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, name="static"),
        ])
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        socket_path = "/ws" if self.token is None else f"/ws/{self.token}"
        context: dict[str, Any] = {
            "title": self.title,
            "static": "/static/",
            "websocket_url": f"{'wss' if request.secure else 'ws'}://{request.host}{socket_path}",
            "font_size": min(max(_int(request.query.get("fontsize"), 16), 6), 64),
        }
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    def serve(self, debug: bool = False) -> None:
        """Listen until Ctrl+C or SIGTERM; once listening, print the one line with the address to open
        (textual-serve's banner would print the command, and before the port is open)."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(self._make_app(), host=self.host, port=self.port, access_log=None,
                    print=lambda *_: click.echo(f"console-tui serve: {self.address()} (Ctrl+C stops)", err=True))

    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = "" if self.token is None else f"?token={self.token}"
        return f"http://{host}:{self.port}/{query}"


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


__all__ = ["GatedServer", "is_loopback", "new_token"]
