"""Snapshots of the console and its screens (fixed clock, seeded data, no cursor blink).

Every SVG under ``__snapshots__`` was rendered to PNG and looked at before it was accepted.
Update with ``pytest tests/ui/test_snapshots.py --snapshot-update`` — and look again.
"""

from __future__ import annotations

import pytest

from console_tui.ui.messages import HealthChecked
from tests.ui.conftest import press, settle

WIDE, NARROW = (120, 40), (80, 24)


def after(*keys: str):  # noqa: ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, *keys)
        await settle(pilot)

    return run_before


def test_console_80x24(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("j"))


def test_console_120x40(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=after("j"))


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_console_with_the_plan_warning_r_cap_2(snap_compare, make_ui_app, size):
    """The advance warning under the management bar (R-CAP-2): one line, ellipsised at 80 columns."""
    assert snap_compare(make_ui_app(warn_pct=40), terminal_size=size, run_before=after("j"))


def test_console_searching(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("slash", *"harbor"))


def test_client_detail_120x40(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=after("d"))


def test_client_detail_90_days_80x24(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("j", "d", "space"))


def test_client_instance(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=after("enter"))


@pytest.mark.parametrize("key", ["u", "s", "b", "t", "a"])
def test_information_screen(snap_compare, make_ui_app, key):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after(key))


def test_billing_overview_120x40(snap_compare, make_ui_app):
    """A client's last 12 closed cycles with its total's trend (R-BL-5), at the wide size too."""
    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=after("b"))


def test_recent_place_picker(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("p"))


def test_content_page(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("p", "down", "enter"))


def test_help(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("question_mark"))


def test_agency_dashboard(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("g"))


def test_hostile_names_80x24(snap_compare, make_ui_app, hostile_url):
    """Markup, escapes, bidi, zero-width, long, wide and emoji names, shown literally."""
    assert snap_compare(make_ui_app(url=hostile_url), terminal_size=NARROW, run_before=after())


def test_hostile_names_120x40(snap_compare, make_ui_app, hostile_url):
    assert snap_compare(make_ui_app(url=hostile_url), terminal_size=WIDE, run_before=after("end"))


# --- the Information screens' edits and the outage banner ---------------------------------------------


def typed(*keys: str, **fields: str):  # noqa: ANN201
    """Press ``keys`` (opening a form), fill its fields, then press ctrl+s."""
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, *keys)
        for name, value in fields.items():
            pilot.app.screen.fields[name].value = value
        await press(pilot, "ctrl+s")
        await settle(pilot)

    return run_before


def test_user_form_with_a_bad_email(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW,
                        run_before=typed("u", "n", full_name="Zoe Quinn", email="zoe-at-example"))


def test_user_form_editing(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("u", "j", "e"))


def test_delete_user_question(snap_compare, make_ui_app):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, "u")
        await pilot.press("x")  # the question's worker waits for the answer
        for _ in range(3):
            await pilot.pause()

    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=run_before)


def test_profile_form_with_errors(snap_compare, make_ui_app):
    assert snap_compare(make_ui_app(), terminal_size=NARROW,
                        run_before=typed("s", "e", city="", country="Narnia", website="ftp://acme"))


def test_team_call_started(snap_compare, make_ui_app, monkeypatch):
    monkeypatch.setattr("secrets.token_hex", lambda n: "0123456789abcdef")
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("t", "space", "down", "space", "ctrl+s"))


def test_avatar_with_a_bad_path(snap_compare, make_ui_app):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, "j", "a")
        pilot.app.screen.field.value = "/nonexistent/logo.png"
        await press(pilot, "enter")
        await settle(pilot)

    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=run_before)


def test_outage_banner_on_the_console(snap_compare, make_ui_app):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        pilot.app.health.checked(HealthChecked(False, "connection refused"))  # what a failed check does
        await pilot.pause()

    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=run_before)
