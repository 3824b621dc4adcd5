"""Snapshots of the console and its screens (fixed clock, seeded data, no cursor blink).

Every SVG under ``__snapshots__`` was rendered to PNG and looked at before it was accepted.
Update with ``pytest tests/ui/test_snapshots.py --snapshot-update`` — and look again.
"""

from __future__ import annotations

import pytest

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
