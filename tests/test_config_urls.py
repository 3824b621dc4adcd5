"""The web-address settings (partner_portal_url, team_call_url_template) take clean http(s) URLs only:
they are written inside a terminal hyperlink (OSC 8), where an escape or control character would act."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from console_tui.config import load_settings
from tests.test_config import refusal

URL_SETTINGS = ("partner_portal_url", "team_call_url_template")
HOSTILE_URLS = [
    ("OSC 8 inside", "https://x.example/{room}\x1b]8;;https://evil.example\x1b\\", "U+001B"),
    ("OSC 52", "https://x.example/{room}\x1b]52;c;cm0gLXJmIH4=\x07", "U+001B"),
    ("C1 CSI", "https://x.example/\x9b2J{room}", "U+009B"),
    ("BEL", "https://x.example/{room}\x07", "U+0007"),
    ("NUL", "https://x.example/{room}\x00", "U+0000"),
    ("DEL", "https://x.example/{room}\x7f", "U+007F"),
    ("bidi", "https://x.example/\u202e{room}", "U+202E"),
    ("space", "https://x.example/a b/{room}", "a space"),
    ("newline", "https://x.example/{room}\nX", "U+000A"),
    ("no host", "https:///{room}", "with a host name"),
    ("not http", "ftp://x.example/{room}", "http:// or https://"),
    ("script", "javascript:alert(1)//{room}", "http:// or https://"),
    ("broken IPv6", "http://[::1/{room}", "not a valid web address"),
    ("too long", "https://x.example/{room}/" + "a" * 400, "at most 400 characters"),
]


@pytest.mark.parametrize("source", ["file", "env", "flag"])
@pytest.mark.parametrize("name", URL_SETTINGS)
@pytest.mark.parametrize(("label", "value", "problem"), HOSTILE_URLS, ids=[h[0] for h in HOSTILE_URLS])
def test_a_url_setting_refuses_escapes_controls_spaces_and_non_http(tmp_path, source, name, label, value, problem):
    message = refusal(tmp_path, source, name, value)
    assert message.startswith(f"setting {name!r} = ") and problem in message, message
    assert {"file": "config file", "env": f"CONSOLE_TUI_{name.upper()}", "flag": "command-line flag"}[source] in message
    assert message.isprintable(), "the refusal shows the value escaped, never raw"


@pytest.mark.parametrize("value", ["https://meet.example.com/{room}", "http://localhost:8080/call/{room}?x=1&y=%20",
                                   "HTTPS://xn--bcher-kva.example/{room}"])
def test_clean_http_urls_are_taken_as_written(tmp_path, value) -> None:
    settings = load_settings({"partner_portal_url": value, "team_call_url_template": value}, environ={},
                             path=tmp_path / "none.toml")
    assert settings.partner_portal_url == settings.team_call_url_template == value


def test_the_cli_refuses_an_escape_in_a_url_setting_in_one_line(tmp_path) -> None:
    from console_tui.cli.main import main

    environ = {"CONSOLE_TUI_PARTNER_PORTAL_URL": "https://x.example/\x1b]52;c;cm0=\x07",
               "CONSOLE_TUI_CONFIG": str(tmp_path / "none.toml")}
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path}/c.db", "db", "current"], env=environ)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "setting 'partner_portal_url'" in line and "CONSOLE_TUI_PARTNER_PORTAL_URL" in line and "U+001B" in line
    assert "\x1b" not in result.output and "\x07" not in result.output
