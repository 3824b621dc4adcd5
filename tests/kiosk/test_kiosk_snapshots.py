"""Snapshots of the kiosk's agency page on the demo agency (fixed seed and clock) at the smallest
usual terminal, a common one and a wall screen. Every SVG was rendered to PNG and looked at."""

from __future__ import annotations

import pytest

from tests.kiosk.test_kiosk import kiosk, wait_loaded


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (300, 100)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_agency_page(snap_compare, demo_db, size):
    async def loaded(pilot) -> None:  # noqa: ANN001
        await wait_loaded(pilot.app, pilot)
        for _ in range(3):
            await pilot.pause()

    assert snap_compare(kiosk(demo_db, seconds=3600), terminal_size=size, run_before=loaded)
