"""Fitting the console's colours to the terminal it runs in (TERM and colours over SSH).

Rich picks the colour system from the environment: ``COLORTERM=truecolor`` gives truecolor, a
``TERM`` ending in ``-256color`` gives 256 colours, and anything else (``TERM=linux``, ``xterm``,
``vt100``, ``screen``) — or ``TEXTUAL_COLOR_SYSTEM=standard`` — gives the 16 ANSI colours.

Textual's default theme is drawn in RGB and rounded to the nearest of those 16 colours one
colour at a time, so shades that differ in RGB collapse into one: the cursor row of Manage
Clients and the switched-off features on the console's cursor card become dark grey on dark grey
(invisible), and the cursor highlight uses bright backgrounds (100–107) that the Linux console
draws as the normal ones (the cursor vanishes). On a 16-colour terminal the console therefore
uses Textual's ``ansi-dark`` theme, made of the terminal's own eight colours — unless the user
chose a theme with ``TEXTUAL_THEME``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # launch imports this module before Textual loads (its first query runs meanwhile)
    from textual.app import App

SIXTEEN_COLOUR_THEME = "ansi-dark"
#: The return code of an app that SIGTERM ended (the shell's 128 + SIGINT: reported as an interruption).
TERMINATED = 130


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so that every clean-up for an interruption runs for it too."""


def fit_colours(app: App[Any], environ: Mapping[str, str] | None = None) -> str:
    """Pick ``app``'s theme for its terminal before it runs; returns the theme in use."""
    environ = os.environ if environ is None else environ
    console = getattr(app, "console", None)  # None: a stand-in for the app (the CLI's tests use one)
    if console is None:
        return ""
    if "TEXTUAL_THEME" not in environ and console.color_system == "standard":
        app.theme = SIXTEEN_COLOUR_THEME
    return app.theme


#: How often a console with a real terminal checks that the terminal is still there (seconds).
HANGUP_CHECK_SECONDS = 2.0


def terminal_gone(fd: int) -> bool:
    """True once the terminal on ``fd`` has hung up (the SSH link dropped, the tmux pane or the
    terminal window closed): the kernel then answers EIO where a live terminal gives its settings."""
    import termios

    try:
        termios.tcgetattr(fd)
    except (termios.error, OSError):
        return True
    return False


def exit_when_hung_up(app: App[Any]) -> None:
    """Let ``app`` end itself when its terminal goes away (call from ``on_mount``).

    Without this, a console whose terminal hung up without a SIGHUP reaching it (a console started
    by ``make run`` in a tmux pane that was killed, say) keeps running: Textual's input thread reads
    end-of-file again and again and the process spins on a core until someone kills it. Headless
    apps (tests) and consoles without a terminal on stdin are left alone.
    """
    import logging
    import sys

    stdin = sys.__stdin__
    if app.is_headless or stdin is None or not stdin.isatty():
        return
    fd = stdin.fileno()

    def check() -> None:
        if terminal_gone(fd):
            logging.getLogger(__name__).warning("the terminal hung up; the console exits")
            app.exit(return_code=129)  # 128 + SIGHUP, as for a process the hangup stopped

    app.set_interval(HANGUP_CHECK_SECONDS, check, name="terminal hang-up check")


def exit_on_sigterm(app: App[Any]) -> None:
    """Let SIGTERM (``kill``, a closing terminal emulator) end ``app`` the way quitting does (call from
    ``on_mount``); :func:`end_as_the_app_ended` then reports it as an interruption.

    Raised from a plain signal handler instead, the interruption can land in any callback of the
    event loop and leave Textual's driver running: the terminal stays in the alternate screen and
    the driver's threads keep the process from ending. Through the loop, the app ends in order.
    """
    import asyncio
    import signal

    if app.is_headless:
        return
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, lambda: app.exit(return_code=TERMINATED))


def end_as_the_app_ended(app: App[Any]) -> None:
    """After ``app.run()``: SIGTERM is raised as :class:`Terminated` (the CLI says so, exit 130); a hung-up
    terminal's 129 is the process's exit code, for whoever started it."""
    if app.return_code == TERMINATED:
        raise Terminated()
    if app.return_code:
        raise SystemExit(app.return_code)
