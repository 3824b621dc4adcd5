"""Settings: a TOML file < ``CONSOLE_TUI_*`` environment < command-line flags.

Every setting has a name, a type and a default. A bad value is refused with a
:class:`SettingsError` that names the setting, the value and where it came from,
so ``console-tui`` can print one clear line instead of a traceback.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import platformdirs

APP_NAME = "console-tui"
ENV_PREFIX = "CONSOLE_TUI_"
FLAG_NAMES = {"database_url": "--db"}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(ValueError):
    """A setting had a value we refuse; the message says which, what and where from."""

    def __init__(self, name: str, value: object, source: str, problem: str) -> None:
        self.name, self.value, self.source, self.problem = name, value, source, problem
        if name == "database_url" and isinstance(value, str):
            value = shown_url(value)
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        super().__init__(f"setting {name!r} = {shown} (from {source}): {problem}")


_PASSWORD = re.compile(r"(?P<head>://[^/@:]*:)[^/@]*@")


def shown_url(url: str) -> str:
    """``url`` with its password masked (``***``): the only way a database URL reaches a message or a log."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # not a URL SQLAlchemy can parse: mask what looks like user:password@
        return _PASSWORD.sub(r"\g<head>***@", url)


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'console.db'}"


# --- parsers: text or TOML value -> typed value, or ValueError with the problem ------------


def _url(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty text")
    return value.strip()


def _database_url(value: Any) -> str:
    text = _url(value)
    if not text.startswith(("sqlite:", "sqlite+pysqlite:", "postgresql:", "postgresql+psycopg:")):
        raise ValueError("must start with sqlite:/// or postgresql://")
    return text


def _http_url(value: Any) -> str:
    """A clean web address: it is written inside a terminal hyperlink (OSC 8), whose URI may hold
    only printable ASCII, so an escape or control character could end the link and act.

    **[decision]** Printable ASCII with no spaces only (an international host name in its
    ``xn--`` form, other characters percent-encoded); scheme http or https; a host; at most
    :data:`~console_tui.domain.lengths.SETTING_URL` characters.
    """
    from console_tui.domain.lengths import SETTING_URL

    text = _url(value)
    bad = next((ch for ch in text if not "!" <= ch <= "~"), None)
    if bad is not None:
        what = "a space" if bad == " " else f"U+{ord(bad):04X}"
        raise ValueError(f"holds {what}: a web address takes printable ASCII only, with no spaces or control "
                         "characters (percent-encode the others, e.g. %20)")
    if len(text) > SETTING_URL:
        raise ValueError(f"must be at most {SETTING_URL} characters")
    try:
        parsed = urlparse(text)
        host = parsed.hostname
    except ValueError:
        raise ValueError("is not a valid web address") from None
    if parsed.scheme.lower() not in ("http", "https") or not host:
        raise ValueError("must be an http:// or https:// address with a host name")
    return text


def _template(value: Any) -> str:
    text = _http_url(value)
    if "{room}" not in text:
        raise ValueError("must contain {room}, where the call's room name goes")
    return text


def _time_of_day(value: Any) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError("must be a time of day such as 02:00") from None


def _int_between(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError("must be a whole number")
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not text.isascii() or not text.isdigit():
                raise ValueError("must be a whole number")
            number = int(text)
        if not low <= number <= high:
            raise ValueError(f"must be between {low} and {high}")
        return number

    return parse


def _log_level(value: Any) -> str:
    text = str(value).strip().upper()
    if text not in LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
    return text


def _directory(value: Any) -> Path:
    text = value if isinstance(value, str) else str(value) if isinstance(value, Path) else ""
    text = text.strip()
    if not text or not text.isprintable():
        raise ValueError("must be a directory path of printable characters")
    return Path(text).expanduser()


def default_export_dir() -> Path:
    return Path.home() / "console-tui-exports"


def _login(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not text or not text.isprintable() or len(text) > 64:
        raise ValueError("must be a login name of 1 to 64 printable characters")
    return text


@dataclass(frozen=True)
class Settings:
    """The console's settings; build with :func:`load_settings`."""

    database_url: str = field(default_factory=default_database_url)
    user: str | None = None
    nightly_time: time = time(2, 0)
    partner_portal_url: str = "https://partners.example.com/portal"
    team_call_url_template: str = "https://meet.example.com/{room}"
    pre_renewal_days: int = 30
    ebs_wait_days: int = 60
    capacity_warning_pct: int = 90
    # the attention queue's thresholds (domain/attention.py)
    attention_usage_pct: int = 90
    attention_renewal_days: int = 14
    attention_login_days: int = 30
    attention_send_days: int = 30
    attention_grasshopper_days: int = 90
    history_days: int = 400  # days of client_history the nightly job keeps (R-HIST-1)
    future_tolerance_minutes: int = 60  # ingest refuses events dated later than now + this
    export_dir: Path = field(default_factory=default_export_dir)  # where the lists' ctrl+e writes files
    log_level: str = "INFO"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


PARSERS: dict[str, Callable[[Any], Any]] = {
    "database_url": _database_url,
    "user": _login,
    "nightly_time": _time_of_day,
    "partner_portal_url": _http_url,
    "team_call_url_template": _template,
    "pre_renewal_days": _int_between(1, 366),
    "ebs_wait_days": _int_between(0, 3650),
    "capacity_warning_pct": _int_between(1, 100),
    "attention_usage_pct": _int_between(1, 1000),
    "attention_renewal_days": _int_between(0, 366),
    "attention_login_days": _int_between(1, 3650),
    "attention_send_days": _int_between(1, 30),
    "attention_grasshopper_days": _int_between(0, 3650),
    "history_days": _int_between(8, 3650),
    "future_tolerance_minutes": _int_between(0, 7 * 24 * 60),
    "export_dir": _directory,
    "log_level": _log_level,
}


def _apply(values: dict[str, Any], raw: Mapping[str, Any], source: str) -> None:
    for name, value in raw.items():
        parser = PARSERS.get(name)
        if parser is None:
            raise SettingsError(name, value, source, "is not a known setting")
        try:
            values[name] = parser(value)
        except ValueError as error:
            raise SettingsError(name, value, source, str(error)) from None


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError("config file", str(path), str(path), f"is not valid TOML: {error}") from None


def load_settings(
    flags: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    path: Path | None = None,
) -> Settings:
    """Merge the three sources; later ones win. ``None`` flags mean "not given"."""
    environ = os.environ if environ is None else environ
    if path is None:
        path = Path(environ[f"{ENV_PREFIX}CONFIG"]) if f"{ENV_PREFIX}CONFIG" in environ else config_file()
    values: dict[str, Any] = {}
    _apply(values, read_toml(path), f"config file {path}")
    for name in PARSERS:
        key = ENV_PREFIX + name.upper()
        if key in environ:
            _apply(values, {name: environ[key]}, f"environment variable {key}")
    given = {name: value for name, value in (flags or {}).items() if value is not None}
    for name, value in given.items():
        flag = FLAG_NAMES.get(name, "--" + name.replace("_", "-"))
        _apply(values, {name: value}, f"command-line flag {flag}")
    return dataclasses.replace(Settings(), **values)
