"""A client's scheduled email jobs (R-WI-1, R-EL-2): every job from the start of the current
billing cycle on — day and time, name, list size, status — and, above them, the cycle's use against
the limit. A job still scheduled in the cycle that the limit would not let through says "blocked".
Opened with ``e`` on the console and on Email Limits; whoever may switch into the client may read it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from console_tui.data.views.what_if import JobRow, ScheduledJobsPage
from console_tui.display import safe, when_text
from console_tui.domain.limits import remaining
from console_tui.domain.wording import count
from console_tui.export import ExportTable
from console_tui.screens.base import ClientScreen
from console_tui.screens.exporting import Exporting
from console_tui.viewmodels.what_if_text import limit_text
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.title_bar import TitleBar

EXPORT_COLUMNS = ("job_id", "scheduled_for", "name", "recipients", "status", "blocked")


def status_text(job: JobRow) -> str:
    return "blocked by the limit" if job.blocked else job.status


def cycle_text(page: ScheduledJobsPage) -> str:
    """``December 2026 cycle: 4,018 sent + 1,200 scheduled of 3,000 (over by 2,218)``."""
    used = page.sent + page.scheduled
    head = (f"{page.cycle.start:%B %Y} cycle: {count(page.sent)} sent + {count(page.scheduled)} scheduled = "
            f"{count(used)} of the limit, {limit_text(page.limit)}")
    left = remaining(page.limit, page.sent, page.scheduled)
    if page.limit is None:
        return f"{head}."
    if used > page.limit:
        return f"{head}: over it by {count(used - page.limit)}."
    return f"{head}: {count(left or 0)} left to schedule."


class ScheduledJobsScreen(ClientScreen, Exporting):
    TITLE_TEXT = "Scheduled email jobs"
    DEFAULT_CSS = """
    ScheduledJobsScreen #cycle { height: auto; padding: 0 1; background: $boost; }
    """
    jobs: tuple[JobRow, ...] = ()

    def compose_body(self) -> ComposeResult:
        yield Static("", id="cycle", markup=False)
        yield TableView([Column("When", 17), Column("Job", None), Column("List size", 10, "right"),
                         Column("Status", 20)], empty="No email jobs from the start of this cycle on.", id="jobs")

    def fetch(self) -> ScheduledJobsPage:
        return self.app.services.scheduled_jobs(self.client_id)

    def show(self, data: ScheduledJobsPage) -> None:
        self.jobs = data.jobs
        tz = self.app.clock.tz
        self.query_one(TitleBar).show_subject(data.name)
        self.query_one("#cycle", Static).update(Content(cycle_text(data)))
        table = self.query_one("#jobs", TableView)
        table.set_rows([(when_text(job.scheduled_for, tz), safe(job.name), count(job.recipients), status_text(job))
                        for job in data.jobs],
                       ["warn" if job.blocked else None if job.status == "scheduled" else "dim" for job in data.jobs])
        table.focus()
        blocked = sum(1 for job in data.jobs if job.blocked)
        self.status.ready(f"{count(len(data.jobs), 'job')} · {count(blocked, 'job')} blocked by the limit" if blocked
                          else f"{count(len(data.jobs), 'job')} from {data.cycle.start:%-d %B} on")

    def export_table(self) -> ExportTable | None:
        if not self.loaded:
            return None
        return ExportTable(f"email-jobs-client-{self.client_id}", EXPORT_COLUMNS, [
            {"job_id": j.job_id, "scheduled_for": j.scheduled_for, "name": j.name, "recipients": j.recipients,
             "status": j.status, "blocked": j.blocked} for j in self.jobs])
