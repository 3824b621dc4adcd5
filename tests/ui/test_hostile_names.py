"""Names are data, never markup or terminal control.

Clients named with markup, OSC/CSI escape sequences, C1 controls, bidi and zero-width characters,
very long names and wide or emoji names are shown literally, and nothing the app writes to the
terminal carries an escape sequence of theirs.
"""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from tests.ui.conftest import press, settle
from tests.ui.seed import HOSTILE

PORTAL = "https://partners.example.com/portal"
SHOWN = ["[@click=app.quit]x[/]", "[link=https://evil.example]y[/link]", "osc link", "csiclear", "c1red",
         "bidievil", "zerowidth", "Very long name abcdefghij", "東京デジタル株式会社", "Rocket 🚀 Labs"]
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf"
# Control, bidi and zero-width characters; a zero-width joiner only inside an emoji sequence (👩‍💻).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
    f"|(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])"
)
# What the app itself may write: SGR colours, cursor moves, and the Partner Portal hyperlink.
ALLOWED_ESCAPE = re.compile(
    r"\x1b\[[0-9;]*[mHABCDJKf]|\x1b\]8;id=[0-9-]+;" + re.escape(PORTAL) + r"\x1b\\|\x1b\]8;;\x1b\\")


def terminal_output(app) -> str:  # noqa: ANN001
    """What the driver would write for a full repaint of the screen in front."""
    update = app.screen._compositor.render_full_update()
    return update.render_segments(Console(force_terminal=True, color_system="truecolor", legacy_windows=False))


def assert_clean_output(app) -> str:  # noqa: ANN001
    output = terminal_output(app)
    leftover = ALLOWED_ESCAPE.sub("", output)
    assert "\x1b" not in leftover, repr(leftover[leftover.index("\x1b") - 20: leftover.index("\x1b") + 20])
    assert not FORBIDDEN.search(leftover.replace("\r", "").replace("\n", ""))
    return leftover


def screen_text(app) -> str:  # noqa: ANN001
    """The screen's text, line after line (escapes removed)."""
    return ALLOWED_ESCAPE.sub("\n", terminal_output(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_hostile_names_are_shown_literally_and_emit_no_escapes(make_ui_app, hostile_url, size):
    app = make_ui_app(url=hostile_url)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        clients = app.console_screen.clients
        seen = ""
        for _ in range(clients.shown_count):
            # every line of the list, as the widget paints it
            for y in range(clients.size.height):
                strip = clients.render_line(y)
                text = strip.text
                assert not FORBIDDEN.search(text), repr(text)
                assert all(segment.style is None or segment.style.link is None for segment in strip)
                seen += text + "\n"
            assert_clean_output(app)
            await press(pilot, "j")
        for shown in SHOWN:
            assert shown[:20] in seen, shown
        assert app.is_running  # "[@click=app.quit]" did nothing


async def test_hostile_names_are_literal_on_every_screen(make_ui_app, hostile_url):
    app = make_ui_app(url=hostile_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#clients", offset=(10, 1))  # clicking the markup name runs nothing
        await settle(pilot)
        assert app.is_running
        await press(pilot, "slash", *"click", "enter")
        assert app.console_screen.clients.current.name == HOSTILE[0]
        for keys in (["d"], ["u"], ["s"], ["b"], ["t"], ["a"], ["p"], ["enter"], ["m"], ["g"]):
            await press(pilot, *keys)
            assert_clean_output(app)
            if keys != ["g"]:
                assert "[@click=app.quit]x[/]" in screen_text(app), keys
            if keys == ["enter"]:
                await press(pilot, "ctrl+r")
            else:
                await press(pilot, "escape")
        await press(pilot, "ctrl+p", *"evil")
        await pilot.pause(0.3)
        assert_clean_output(app)
        assert "[link=https://evil.example]y[/link]" in screen_text(app)
        assert app.is_running


async def test_at_80_columns_a_name_is_cut_with_an_ellipsis_and_keeps_its_gap(make_ui_app, hostile_url):
    """"osc link  2 users", never "osc link2 users": the gap is a plain segment of its own, so no
    renderer can glue the name to the count (rsvg drops the leading spaces of a styled run)."""
    app = make_ui_app(url=hostile_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clients = app.console_screen.clients
        theme = clients._theme(False)
        heads = []
        for client in clients.clients:
            head = clients.painter.paint(client, clients.line_width, theme)[0]
            found = re.match(r"^  (\S.*?\S)  (\d+ users?) · last login", head.text)
            assert found, head.text
            heads.append(found[1])
            assert all(not (seg.text[:1] == " " and seg.text.strip()) for seg in list(head)[1:]), list(head)
        assert any(name.startswith("Very long name abc") and name.endswith("…") for name in heads)
        assert "osc link" in heads and "bidievil" in heads
