"""Settings: TOML file < CONSOLE_TUI_* environment < command-line flags; bad values refused."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

import pytest

from console_tui.config import Settings, SettingsError, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_source(tmp_path: Path) -> None:
    settings = load_settings({}, environ={}, path=tmp_path / "missing.toml")
    assert settings.nightly_time == time(2, 0)
    assert (settings.pre_renewal_days, settings.ebs_wait_days, settings.capacity_warning_pct) == (30, 60, 90)
    assert settings.future_tolerance_minutes == 60
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("console.db")


def test_precedence_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = write(tmp_path, 'log_level = "debug"\nebs_wait_days = 45\nnightly_time = "03:30"\nuser = "filed"\n')
    environ = {"CONSOLE_TUI_EBS_WAIT_DAYS": "50", "CONSOLE_TUI_USER": "envy"}
    settings = load_settings({"user": "flagged", "log_level": None}, environ=environ, path=path)
    assert settings.log_level == "DEBUG"  # only in the file
    assert settings.nightly_time == time(3, 30)
    assert settings.ebs_wait_days == 50  # environment beats file
    assert settings.user == "flagged"  # flag beats environment


def test_config_path_from_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "capacity_warning_pct = 80\n")
    settings = load_settings({}, environ={"CONSOLE_TUI_CONFIG": str(path)})
    assert settings.capacity_warning_pct == 80


@pytest.mark.parametrize(
    ("source", "name", "value", "needle"),
    [
        ("file", "ebs_wait_days", "-1", "whole number"),
        ("file", "ebs_wait_days", "nan", "whole number"),
        ("env", "capacity_warning_pct", "101", "between 1 and 100"),
        ("env", "nightly_time", "25:00", "time of day"),
        ("env", "pre_renewal_days", "3.5", "whole number"),
        ("flag", "database_url", "mysql://x", "sqlite:///"),
        ("flag", "log_level", "LOUD", "one of DEBUG"),
        ("env", "partner_portal_url", "javascript:alert(1)", "http"),
        ("env", "team_call_url_template", "https://meet.example.com/", "{room}"),
        ("env", "user", "bad\x1b[2Jname", "printable"),
        ("env", "future_tolerance_minutes", "-5", "whole number"),
        ("file", "future_tolerance_minutes", "1h", "whole number"),
        ("env", "future_tolerance_minutes", "10081", "between 0 and 10080"),
    ],
)
def test_bad_values_name_the_setting_the_value_and_the_source(
    tmp_path: Path, source: str, name: str, value: str, needle: str
) -> None:
    message = refusal(tmp_path, source, name, value)
    assert name in message and needle in message
    expected_source = {"file": "config file", "env": f"CONSOLE_TUI_{name.upper()}", "flag": "command-line flag"}[source]
    assert expected_source in message


def refusal(tmp_path: Path, source: str, name: str, value: str) -> str:
    """The SettingsError message for setting ``name`` = ``value`` given in a ``file``, ``env`` or ``flag``."""
    path, environ, flags = tmp_path / "none.toml", {}, {}
    if source == "file":
        path = write(tmp_path, f"{name} = {json.dumps(value)}\n")  # JSON escapes are TOML escapes
    elif source == "env":
        environ = {f"CONSOLE_TUI_{name.upper()}": value}
    else:
        flags = {name: value}
    with pytest.raises(SettingsError) as caught:
        load_settings(flags, environ=environ, path=path)
    return str(caught.value)


def test_unknown_setting_and_broken_toml_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not a known setting"):
        load_settings({}, environ={}, path=write(tmp_path, "colour = 'blue'\n"))
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings({}, environ={}, path=write(tmp_path, "this is = = not toml"))


def test_integers_from_toml_keep_their_type(tmp_path: Path) -> None:
    settings = load_settings({}, environ={}, path=write(tmp_path, "pre_renewal_days = 14\n"))
    assert settings.pre_renewal_days == 14 and isinstance(settings, Settings)


def test_cli_reports_a_bad_flag_in_one_line() -> None:
    from click.testing import CliRunner

    from console_tui.cli.main import main

    result = CliRunner().invoke(main, ["--db", "oracle://x", "db", "current"])
    assert result.exit_code == 2
    assert "setting 'database_url'" in result.output and "--db" in result.output
    assert "Traceback" not in result.output


def test_the_export_directory_is_a_path_with_home_expanded(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    assert load_settings({}, environ={}, path=missing).export_dir == Path.home() / "console-tui-exports"
    settings = load_settings({}, environ={"CONSOLE_TUI_EXPORT_DIR": "~/reports"}, path=missing)
    assert settings.export_dir == Path.home() / "reports"
    with pytest.raises(SettingsError, match="'export_dir' = '  '.*must be a directory path"):
        load_settings({}, environ={"CONSOLE_TUI_EXPORT_DIR": "  "}, path=missing)
