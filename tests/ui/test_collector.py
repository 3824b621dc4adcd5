"""The garbage collector's hold (console_tui.ui.collector): a large load frozen, full passes only when quiet."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from console_tui.ui.collector import (
    FREEZE_FROM,
    FULL_PASS_EVERY,
    PYTHON_FULL_PASS_EVERY,
    QUIET_SECONDS,
    QuietCollector,
)


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticks() -> Iterator[Ticks]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's defaults, whatever an earlier test left
    try:
        yield Ticks()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def _full_pass_due() -> None:
    for _ in range(FULL_PASS_EVERY):
        gc.collect(1)  # each middle-generation pass counts towards the next full one


def test_a_large_load_is_frozen_and_python_never_starts_a_full_pass_itself(ticks: Ticks) -> None:
    collector = QuietCollector(ticks)
    collector.keep_out(FREEZE_FROM)
    assert gc.get_freeze_count() > 0 and collector.deferred
    assert gc.get_threshold()[2] > 1_000_000 * FULL_PASS_EVERY
    collector.keep_out(FREEZE_FROM - 1)  # a small agency: Python's own rule
    assert gc.get_freeze_count() == 0 and not collector.deferred
    assert gc.get_threshold()[2] == PYTHON_FULL_PASS_EVERY


def test_a_due_full_pass_waits_until_the_keyboard_is_quiet(ticks: Ticks) -> None:
    collector = QuietCollector(ticks)
    collector.keep_out(FREEZE_FROM)
    _full_pass_due()
    collector.input()
    ticks.now += QUIET_SECONDS / 2
    assert not collector.collect_when_quiet()  # keys still coming
    assert gc.get_count()[2] >= FULL_PASS_EVERY
    ticks.now += QUIET_SECONDS
    assert collector.collect_when_quiet()
    assert gc.get_count()[2] == 0  # the full pass ran
    ticks.now += QUIET_SECONDS
    assert not collector.collect_when_quiet()  # none due again yet


def test_a_small_agency_leaves_the_full_passes_to_python(ticks: Ticks) -> None:
    collector = QuietCollector(ticks)
    collector.keep_out(FREEZE_FROM - 1)
    _full_pass_due()
    ticks.now += 10 * QUIET_SECONDS
    assert not collector.collect_when_quiet()


async def test_the_console_tells_its_collector_of_each_key(make_ui_app) -> None:  # noqa: ANN001
    from tests.ui.conftest import press, settle

    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        heard: list[bool] = []
        app.collector.input = lambda: heard.append(True)
        await press(pilot, "j")
        assert heard  # a full pass due now waits for the keyboard to be quiet
