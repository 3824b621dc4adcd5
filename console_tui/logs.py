"""Logging to a rotating file in the user log directory — never to the terminal the console draws on."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from console_tui.config import Settings, log_dir
from console_tui.display import one_line

LOG_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"
MAX_BYTES = 2_000_000
BACKUPS = 5


def setup_logging(level: str, directory: Path | None = None, *, to_stderr: bool = False) -> Path:
    """Send everything at ``level`` and above to ``console-tui.log`` (rotated); return its path."""
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "console-tui.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_console_tui", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [_file_handler(directory)]
    if to_stderr:  # the headless worker may also log to its own stderr
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler._console_tui = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("apscheduler").setLevel(max(logging.getLevelName(level), logging.INFO))
    return path


def _file_handler(directory: Path, *, delay: bool = False) -> logging.handlers.RotatingFileHandler:
    directory.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(directory / "console-tui.log", maxBytes=MAX_BYTES,
                                                   backupCount=BACKUPS, encoding="utf-8", delay=delay)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    return handler


@contextmanager
def warnings_to_file() -> Iterator[None]:
    """While a command runs: warnings and errors that libraries log go to the log file (opened only if
    one comes), never to the terminal through logging's last resort (SQLAlchemy logs a traceback when
    it cannot close a cursor after Ctrl+C). A no-op when :func:`setup_logging` already did this."""
    root = logging.getLogger()
    if any(getattr(handler, "_console_tui", False) for handler in root.handlers):
        yield
        return
    handler: logging.Handler
    try:
        handler = _file_handler(log_dir(), delay=True)
    except OSError:  # no log directory to be had: say nothing rather than write on the terminal
        handler = logging.NullHandler()
    handler.setLevel(logging.WARNING)
    handler._console_tui = True  # type: ignore[union-attr]  # setup_logging replaces it
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()


def log_exception(message: str, error: BaseException) -> Path | None:
    """Write ``message`` and ``error``'s traceback to the log file (never the terminal); its path, or None.

    Through the handlers :func:`setup_logging` installed when there are any; else the file is opened
    for this one record and closed again (a scripting command sets no logging up of its own).
    """
    logger = logging.getLogger("console_tui.cli.main")
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "_console_tui", False) and isinstance(h, logging.FileHandler)]
    if ours:
        logger.error(message, exc_info=error)
        return Path(ours[0].baseFilename)
    try:
        handler = _file_handler(log_dir())
    except OSError:  # no log file to be had: the one line on the terminal is all there is
        return None
    path = Path(handler.baseFilename)
    try:
        handler.handle(logger.makeRecord(logger.name, logging.ERROR, __file__, 0, message, (),
                                         (type(error), error, error.__traceback__)))
    finally:
        handler.close()
    return path


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    name = args.thread.name if args.thread else "a thread"
    # the exception carries its type and traceback (args.exc_traceback is its __traceback__)
    logging.getLogger("console_tui").error("uncaught exception in %s", name, exc_info=args.exc_value)


def start_logging(settings: Settings, directory: Path | None = None) -> Path | None:
    """Everything at ``settings.log_level`` to the rotating log file — never to the terminal."""
    try:
        path = setup_logging(settings.log_level, directory)
    except OSError as error:  # said before the console takes the terminal; the console still runs
        print(f"console-tui: not logging: cannot write the log file ({one_line(error)})", file=sys.stderr)
        logging.getLogger().addHandler(logging.NullHandler())  # and Python's last resort stays quiet
        return None
    logging.captureWarnings(True)
    threading.excepthook = _log_thread_exception
    return path
