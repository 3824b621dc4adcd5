"""APScheduler wiring: the nightly trigger at the configured local time, catch-up, retry backoff."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler

from console_tui.clock import FixedClock
from console_tui.config import Settings
from console_tui.data.engine import Database
from console_tui.jobs import scheduler as wiring

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_r_nm_1_nightly_job_fires_at_the_configured_local_time(tmp_path) -> None:
    tz = ZoneInfo("America/New_York")
    scheduler = BackgroundScheduler(timezone=tz)
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", nightly_time=time(2, 30))
    wiring.configure(scheduler, Database(settings.database_url), FixedClock(NOW, tz=tz), settings)
    job = scheduler.get_job(wiring.JOB_ID)
    fire = job.trigger.get_next_fire_time(None, datetime(2026, 11, 20, 12, 0, tzinfo=tz))
    assert (fire.hour, fire.minute, fire.date().day) == (2, 30, 21)
    assert scheduler.get_job(f"{wiring.JOB_ID}-catch-up") is not None


class FakeScheduler:
    def __init__(self) -> None:
        self.added: list[dict] = []

    def add_job(self, func, trigger=None, **kwargs) -> None:
        self.added.append({"trigger": trigger, **kwargs})


def test_a_failed_run_is_retried_with_a_capped_backoff(monkeypatch) -> None:
    clock = FixedClock(NOW)
    fake = FakeScheduler()
    runner = wiring.NightlyRunner(fake, db=None, clock=clock)  # type: ignore[arg-type]

    def database_down(*_args, **_kwargs):
        raise ConnectionError("server closed the connection")

    monkeypatch.setattr(wiring, "run_nightly", database_down)
    for _ in range(10):
        runner()
    delays = [(job["run_date"] - NOW).total_seconds() for job in fake.added]
    assert delays[:4] == [30, 60, 120, 240]
    assert max(delays) == wiring.NightlyRunner.RETRY_MAX_S
    monkeypatch.setattr(wiring, "run_nightly", lambda *_a, **_k: [])
    runner()
    assert runner.failures == 0 and len(fake.added) == 10
    assert all(job["id"] == "nightly-retry" and job["trigger"] == "date" for job in fake.added)
