"""TERM and colours over SSH: the real ``console-tui`` inside a pseudo-terminal.

Each case starts ``.venv/bin/console-tui`` (or ``--kiosk``) on a small demo database built by
``console-tui demo``, in an 80x24 pty with a given ``TERM`` and no ``COLORTERM`` (as over SSH),
waits for the management bar, presses ↓, ``/``, types, esc, opens Manage Clients and leaves it,
then ``q``, and checks: exit code 0, the agency name and "Manage Clients" were drawn, no
traceback on the terminal or in the log file, the colour system Rich picked from the environment
(``rich.console.Console._detect_color_system``: ``COLORTERM=truecolor`` → truecolor; ``TERM``
ending ``-256color`` → 256; anything else, e.g. ``linux`` or ``xterm`` → the 16 ANSI colours;
``TEXTUAL_COLOR_SYSTEM`` overrides it), and that no text was drawn in its own background colour.

For ``TERM=linux`` the text is also checked the way the Linux console draws it
(drivers/tty/vt/vt.c ``csi_m``: SGR 100–107 become the normal backgrounds 40–47), and bright
backgrounds must not be used at all, or a cursor highlight vanishes on that console.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.app import App

from console_tui.app.terminal import SIXTEEN_COLOUR_THEME, fit_colours

CLI = Path(sys.executable).with_name("console-tui")
COLS, ROWS = 80, 24
START_TIMEOUT = 60.0  # a cold start on 2 busy cores; a hang fails rather than blocks
STEP_TIMEOUT = 20.0
DOWN, ESCAPE = b"\x1b[B", b"\x1b"
MIDDLE_DOT = "·".encode()

#: The SGR colour parameters of the 16-colour palette (fg 30–37/90–97, bg 40–47/100–107, defaults).
SIXTEEN = {*range(30, 38), 39, *range(40, 48), 49, *range(90, 98), *range(100, 108)}
#: Parameters that choose a colour outside it (256 / truecolor fg, bg, underline).
EXTENDED = {38, 48, 58}


# --- the demo database ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    url: str
    agency: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """A small demo agency, built by the project's own ``console-tui demo``."""
    assert CLI.exists(), f"{CLI} is missing: install the project into the venv (pip install -e .)"
    path = tmp_path_factory.mktemp("terminals") / "demo.db"
    url = f"sqlite:///{path}"
    result = subprocess.run(
        [str(CLI), "--user", "admin", "--db", url, "demo", "--clients", "12", "--days", "14", "--seed", "3"],
        env=_environment("dumb", tmp_path_factory.mktemp("demo-home")), capture_output=True, text=True,
        timeout=120, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    agency = re.search(r"Built demo agency '(.+?)'", result.stdout)
    assert agency, result.stdout
    # The morning briefing (a panel over the console, tested in tests/ui) counts as seen for good here,
    # so the keys below reach the console however soon it would have opened.
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE agency_user SET briefing_seen_on = '2999-12-31'")
    return Demo(url, agency.group(1))


#: the console's status line while no search is typed: "N clients · …" (a search's says "clients match")
NO_SEARCH = b" clients " + MIDDLE_DOT + b" "


def _environment(term: str, home: Path, **extra: str) -> dict[str, str]:
    """The environment of an SSH login: ``TERM`` set, nothing that hints at more colours."""
    dropped = ("COLORTERM", "NO_COLOR", "FORCE_COLOR", "TMUX", "TERM_PROGRAM", "COLUMNS", "LINES", "STY")
    env = {key: value for key, value in os.environ.items()
           if key not in dropped and not key.startswith(("TEXTUAL", "CONSOLE_TUI_", "PYTEST"))}
    env.update(TERM=term, HOME=str(home), XDG_STATE_HOME=str(home / "state"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"), LANG="C.UTF-8", **extra)
    return env


# --- a process in a pseudo-terminal -----------------------------------------------------------------------


@dataclass
class PtyProcess:
    """``console-tui`` with a pty of ``COLS`` x ``ROWS`` as its terminal; all it writes is in ``output``."""

    argv: list[str]
    env: dict[str, str]
    output: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.process = subprocess.Popen(self.argv, stdin=slave, stdout=slave, stderr=slave, env=self.env,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.closed = False

    def _read(self, timeout: float) -> None:
        if self.closed:
            return
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: every copy of the terminal is closed (the process has exited)
            data = b""
        if data:
            self.output.extend(data)
        else:
            self.closed = True

    def wait_for(self, *needles: bytes, since: int = 0, timeout: float = STEP_TIMEOUT) -> None:
        """Read until every needle has been written after offset ``since``."""
        deadline = time.monotonic() + timeout
        while not all(needle in self.output[since:] for needle in needles):
            if self.closed or time.monotonic() > deadline:
                missing = [n for n in needles if n not in self.output[since:]]
                raise AssertionError(f"never drawn: {missing!r}; exit code {self.process.poll()}; "
                                     f"last output: {screen_text(self.output[-1500:])!r}")
            self._read(0.05)

    def press_until(self, key: bytes, needle: bytes, every: float = 2.0, timeout: float = STEP_TIMEOUT) -> None:
        """Press ``key`` (again every ``every`` seconds) until ``needle`` is drawn after the first press."""
        mark = self.press(key)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.wait_for(needle, since=mark, timeout=min(every, max(deadline - time.monotonic(), 0.1)))
                return
            except AssertionError:
                if self.closed or time.monotonic() > deadline:
                    raise
                self.press(key)

    def press(self, key: bytes) -> int:
        """Send ``key``; returns the output offset before it, for ``wait_for(since=…)``."""
        mark = len(self.output)
        os.write(self.master, key)
        return mark

    def wait_exit(self, timeout: float = STEP_TIMEOUT) -> int:
        deadline = time.monotonic() + timeout
        while not self.closed and time.monotonic() < deadline:
            self._read(0.1)
        return self.process.wait(timeout=max(deadline - time.monotonic(), 1.0))

    def stop(self) -> None:
        """Kill the process (its own session) if a failed test left it running; close the pty."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        os.close(self.master)


# --- reading what was drawn -------------------------------------------------------------------------------

_TOKENS = re.compile(rb"\x1b\[([0-9;:?<>=$]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^\[\]]|([^\x1b]+)", re.S)


def screen_text(data: bytes | bytearray) -> str:
    """The text written, escape sequences left out (for messages)."""
    return b"".join(m.group(3) or b"" for m in _TOKENS.finditer(data)).decode("utf-8", "replace")


def sgr_parameters(data: bytes | bytearray) -> list[list[int]]:
    """Every SGR sequence's parameters (``38:2::r:g:b`` counts as its leading 38)."""
    found = []
    for match in _TOKENS.finditer(data):
        if match.group(2) == b"m":
            params = match.group(1).split(b";") if match.group(1) else [b"0"]
            found.append([int(p.split(b":")[0] or 0) for p in params])
    return found


def colour_codes(data: bytes | bytearray) -> set[int]:
    """The colour-choosing SGR parameters used (attributes such as bold left out); 256-colour
    and truecolor arguments are skipped so they are not mistaken for codes."""
    codes: set[int] = set()
    for params in sgr_parameters(data):
        items = iter(params)
        for code in items:
            if code in (38, 48, 58):
                codes.add(code)
                kind = next(items, None)
                for _ in range(1 if kind == 5 else 3 if kind == 2 else 0):
                    next(items, None)
            elif 30 <= code <= 107 and code not in (50, 51, 52, 53, 54, 55):
                codes.add(code)
    return codes


#: A colour: an int 0–15, ("256", n), ("rgb", r, g, b), or None for the terminal's default.
Colour = int | tuple | None


def painted_pairs(data: bytes | bytearray, *, linux_console: bool = False) -> dict[tuple[Colour, Colour], str]:
    """``{(foreground, background): sample text}`` for every visible character written.

    With ``linux_console``, colours are resolved as the Linux console does: bright backgrounds
    (100–107) draw as the normal ones (40–47); bright foregrounds are the bold, bright colours.
    """
    fg: Colour = None
    bg: Colour = None
    reverse = False
    pairs: dict[tuple[Colour, Colour], str] = {}
    for match in _TOKENS.finditer(data):
        if match.group(2) == b"m":
            params = match.group(1).split(b";") if match.group(1) else [b"0"]
            items = iter(int(p.split(b":")[0] or 0) for p in params)
            for code in items:
                if code == 0:
                    fg, bg, reverse = None, None, False
                elif code in (38, 48):
                    kind = next(items, None)
                    value: Colour = ("256", next(items, None)) if kind == 5 else (
                        "rgb", next(items, None), next(items, None), next(items, None))
                    fg, bg = (value, bg) if code == 38 else (fg, value)
                elif 30 <= code <= 37 or 90 <= code <= 97:
                    fg = code - 30 if code < 90 else code - 90 + 8
                elif 40 <= code <= 47 or 100 <= code <= 107:
                    bg = code - 40 if code < 100 else (code - 100 if linux_console else code - 100 + 8)
                elif code == 39:
                    fg = None
                elif code == 49:
                    bg = None
                elif code == 7:
                    reverse = True
                elif code == 27:
                    reverse = False
        elif match.group(3):
            visible = "".join(ch for ch in match.group(3).decode("utf-8", "replace") if not ch.isspace())
            if visible:
                key = (bg, fg) if reverse else (fg, bg)
                if len(pairs.get(key, "")) < 200:
                    pairs[key] = pairs.get(key, "") + visible[:30] + " "
    return pairs


def invisible_text(data: bytes | bytearray, *, linux_console: bool = False) -> dict:
    """Text drawn in the colour of its own background (both set explicitly)."""
    return {pair: text for pair, text in painted_pairs(data, linux_console=linux_console).items()
            if pair[0] is not None and pair[0] == pair[1]}


# --- the cases ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    term: str
    colours: str  # "16", "256" or "truecolor": what Rich should pick from the environment
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        return "-".join([self.term, *(f"{k}={v}" for k, v in self.extra)])


CASES = [
    Case("xterm-256color", "256"),
    Case("screen-256color", "256"),
    Case("linux", "16"),
    Case("xterm", "16"),  # COLORTERM unset, TERM without -256color: the 16 ANSI colours
    Case("xterm-256color", "16", (("TEXTUAL_COLOR_SYSTEM", "standard"),)),
    Case("xterm-256color", "truecolor", (("COLORTERM", "truecolor"),)),
]


def check_colours(case: Case, output: bytes) -> None:
    codes = colour_codes(output)
    assert codes, "no colours at all"
    if case.colours == "16":
        assert not codes & EXTENDED, f"256-colour or truecolor sequences on a 16-colour terminal: {codes & EXTENDED}"
        assert codes <= SIXTEEN, f"not 16-colour SGR codes: {sorted(codes - SIXTEEN)}"
    else:
        params = [p for group in sgr_parameters(output) for p in zip(group, group[1:], strict=False)]
        eight_bit = any(pair in ((38, 5), (48, 5)) for pair in params)
        truecolor = any(pair in ((38, 2), (48, 2)) for pair in params)
        assert (eight_bit, truecolor) == ((True, False) if case.colours == "256" else (False, True)), (
            f"expected {case.colours} colours, saw 256: {eight_bit}, truecolor: {truecolor}")
    assert not invisible_text(output), f"text drawn in its background colour: {invisible_text(output)}"
    if case.term == "linux":
        bright_backgrounds = codes & set(range(100, 108))
        assert not bright_backgrounds, f"the Linux console draws {sorted(bright_backgrounds)} as 40–47"
        hidden = invisible_text(output, linux_console=True)
        assert not hidden, f"text the Linux console draws in its background colour: {hidden}"


def run_console(demo: Demo, case: Case, home: Path, *argv: str) -> PtyProcess:
    env = _environment(case.term, home, **dict(case.extra))
    return PtyProcess([str(CLI), "--user", "admin", "--db", demo.url, "--no-scheduler", *argv], env)


def check_log(home: Path) -> None:
    logs = list((home / "state").rglob("console-tui.log"))
    assert logs, f"no log file under {home / 'state'}"
    text = logs[0].read_text()
    assert "console starting for admin" in text
    assert "Traceback" not in text and " ERROR " not in text, text[-3000:]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_console_over_ssh(demo: Demo, case: Case, tmp_path: Path) -> None:
    tty = run_console(demo, case, tmp_path)
    try:
        tty.wait_for(demo.agency.encode(), b"Manage Clients", NO_SEARCH,
                     timeout=START_TIMEOUT)
        mark = tty.press(DOWN)
        tty.wait_for(b"\xe2\x96\x8c", since=mark)  # the cursor card's marker "▌" is repainted
        tty.press(b"/")
        # "N of M clients match “e”". A key that arrives before the focus has moved to the search
        # box goes to the list (where e does nothing), so e is typed again until the status says so.
        tty.press_until(b"e", b"clients match \xe2\x80\x9c")
        mark = tty.press(ESCAPE)
        tty.wait_for(NO_SEARCH, since=mark)  # the search is cleared
        mark = tty.press(b"m")
        tty.wait_for(b"Manage Clients " + MIDDLE_DOT, b" shown of ", since=mark)  # its title, its rows loaded
        mark = tty.press(ESCAPE)
        # The console again. (Waiting matters: esc and q within 100 ms are read as alt+q.)
        tty.wait_for(NO_SEARCH, since=mark)
        tty.press(b"q")
        code = tty.wait_exit()
    finally:
        tty.stop()
    output = bytes(tty.output)
    assert code == 0, screen_text(output[-2000:])
    text = screen_text(output)
    assert demo.agency in text and "Manage Clients" in text
    assert "Traceback" not in text
    check_colours(case, output)
    check_log(tmp_path)


@pytest.mark.parametrize("case", [Case("linux", "16"), Case("xterm-256color", "256")], ids=lambda case: case.id)
def test_kiosk_over_ssh(demo: Demo, case: Case, tmp_path: Path) -> None:
    tty = run_console(demo, case, tmp_path, "--kiosk")
    try:
        tty.wait_for(demo.agency.encode(), b"read-only kiosk", b"Emails sent yesterday", timeout=START_TIMEOUT)
        tty.press(b"q")
        code = tty.wait_exit()
    finally:
        tty.stop()
    output = bytes(tty.output)
    assert code == 0, screen_text(output[-2000:])
    assert "Traceback" not in screen_text(output)
    check_colours(case, output)


# --- which theme for which terminal (console_tui.app.terminal) -------------------------------------------------


@pytest.mark.parametrize(("term", "environ", "theme"), [
    ("linux", {}, SIXTEEN_COLOUR_THEME),
    ("xterm", {}, SIXTEEN_COLOUR_THEME),
    ("xterm-256color", {}, "textual-dark"),
    ("linux", {"TEXTUAL_THEME": "textual-dark"}, "textual-dark"),  # the user's own choice stays
])
def test_sixteen_colour_terminals_get_the_ansi_theme(monkeypatch, term, environ, theme) -> None:
    monkeypatch.setenv("TERM", term)
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setattr("textual.constants.COLOR_SYSTEM", "auto")
    assert fit_colours(App(), environ) == theme


@pytest.mark.parametrize("argv", [(), ("--kiosk",)], ids=["console", "kiosk"])
def test_sigterm_puts_the_terminal_back_and_says_so(demo: Demo, tmp_path: Path, argv: tuple[str, ...]) -> None:
    """SIGTERM (a closing terminal emulator, ``kill``) is handled like Ctrl+C in a command: the terminal
    leaves the alternate screen with the cursor shown, one line says why, exit code 130."""
    tty = run_console(demo, CASES[0], tmp_path, *argv)
    try:
        tty.wait_for(demo.agency.encode(), timeout=START_TIMEOUT)
        mark = len(tty.output)
        tty.process.send_signal(signal.SIGTERM)
        code = tty.wait_exit()
        after = bytes(tty.output[mark:])
        assert code == 130, screen_text(after)
        assert b"\x1b[?1049l" in after and b"\x1b[?25h" in after  # the normal screen, the cursor shown
        assert screen_text(after).strip().endswith("console-tui: interrupted (SIGTERM)")
        assert b"Traceback" not in tty.output
    finally:
        tty.stop()


@pytest.mark.parametrize("argv", [(), ("--kiosk",)], ids=["console", "kiosk"])
def test_a_terminal_that_goes_away_ends_the_console(demo: Demo, tmp_path: Path, argv: tuple[str, ...]) -> None:
    """The SSH link drops or the tmux pane is killed with no SIGHUP reaching the console: it notices
    the hung-up terminal and ends by itself, instead of spinning on a core for ever."""
    tty = run_console(demo, CASES[0], tmp_path, *argv)
    try:
        tty.wait_for(demo.agency.encode(), timeout=START_TIMEOUT)
        os.close(tty.master)  # the other end of the terminal is gone (the slave side hangs up)
        tty.closed = True
        code = tty.process.wait(timeout=STEP_TIMEOUT)
        assert code == 129, screen_text(tty.output[-1500:])  # 128 + SIGHUP, like a process the hangup stopped
    finally:
        if tty.process.poll() is None:
            os.killpg(tty.process.pid, signal.SIGKILL)
            tty.process.wait(timeout=10)
