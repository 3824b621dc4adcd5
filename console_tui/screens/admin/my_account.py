"""My Account (R-CAP-1..3): clients, team members and storage against the plan (bars), the
advance warning from ``settings.capacity_warning_pct`` (90 % by default), the refusal at 100 % with
its two ways out, what is not counted and why, and the plan ladder with a confirmed, audited plan
change (``c`` or ``enter`` on a plan) whose confirmation first shows the capacity and the monthly
cost before and after (R-WI-3). Every role may read it (R-ACC-3); only Administrators may
change the plan — anyone else is told so, with the role needed — and a non-administrator's list of
records not counted names only the clients they may access (R-ACC-2).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static
from textual.worker import WorkerCancelled

from console_tui.data.views.admin import PlanRow
from console_tui.data.views.agency import AccountPage
from console_tui.data.views.results import PlanChanged
from console_tui.domain.wording import count, join_words
from console_tui.screens.base import ACT_GROUP, AgencyScreen, run_command
from console_tui.screens.dialogs.confirm import Confirm
from console_tui.ui import keys
from console_tui.ui.workers import work
from console_tui.viewmodels.what_if_text import plan_lines
from console_tui.widgets.edit_table import AdminTable
from console_tui.widgets.table_view import Column, TableView
from console_tui.widgets.usage_bar import UsageBar

PLURAL = {"lead", "prospect"}
COUNTING = "Counted: records of kind client in any status but Suspended or Inactive (custom statuses count)."


def plan_terms(plan: PlanRow) -> str:
    return (f"up to {count(plan.max_clients)} counted clients, {count(plan.max_team_members)} team members and "
            f"{count(plan.storage_gb)} GB of storage; {count(plan.included_emails)} emails included per license")


class MyAccountScreen(AgencyScreen):
    TITLE_TEXT = "My Account"
    BINDINGS = keys.bindings("account")
    DEFAULT_CSS = """
    MyAccountScreen #capacity { height: auto; padding: 0 1; display: none;
        &.-warn { display: block; color: $text-warning; background: $warning 10%; }
        &.-full { display: block; color: $text-error; background: $error 12%; }
    }
    MyAccountScreen #counting { height: auto; padding: 0 1; color: $text-muted; }
    MyAccountScreen #ladder { height: auto; max-height: 8; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.page: AccountPage | None = None

    def compose_body(self) -> ComposeResult:
        yield UsageBar("Clients", "counted", id="bar-clients")
        yield UsageBar("Team members", "team members", id="bar-team")
        yield UsageBar("Storage", "GB", id="bar-storage")
        yield Static("", id="capacity", markup=False)
        yield Static("", id="counting", markup=False)
        yield AdminTable([Column("", 1), Column("Plan ladder", None), Column("Clients", 8, "right"),
                         Column("Team", 6, "right"), Column("Storage", 9, "right"),
                         Column("Emails/license", 14, "right")], empty="No plans.", id="ladder")
        yield AdminTable([Column("Not counted", None), Column("Kind", 8), Column("Status", 10),
                         Column("Why", 33)], empty="Every record counts toward the plan.", id="not-counted")

    def fetch(self, *args: Any) -> AccountPage:
        return self.app.admin.account()

    def show(self, data: AccountPage) -> None:
        self.page = data
        usage, plan = data.usage, data.plan
        self.subject(data.agency_name)
        rank = [row.id for row in usage.ladder].index(plan.id) + 1
        who = " · plan changes: Administrators" if data.plan_change_refusal else ""
        self.status.ready(f"{plan.name} plan ({rank} of {len(usage.ladder)}) · warns from {data.warn_pct} %{who}")
        self.query_one("#bar-clients", UsageBar).show(usage.usage.clients)
        self.query_one("#bar-team", UsageBar).show(usage.usage.team_members)
        self.query_one("#bar-storage", UsageBar).show(usage.usage.storage_gb)
        capacity = self.query_one("#capacity", Static)
        capacity.set_class(bool(data.refusal), "-full")
        capacity.set_class(bool(usage.warning) and not data.refusal, "-warn")
        text = usage.warning or ""
        if data.refusal:
            text = f"{usage.warning}.\nAdding or reactivating a client now: {data.refusal}"
        capacity.update(Content(text))
        tally = join_words([count(n, label) if label in PLURAL else f"{count(n)} {label}"
                            for label, n in data.not_counted_by_reason], "and")
        total = sum(n for _, n in data.not_counted_by_reason)
        not_counted = f" Not counted: {count(total)} ({tally})." if total else ""
        if data.limited:
            not_counted += " The list names only the clients you may access."
        self.query_one("#counting", Static).update(Content(COUNTING + not_counted))
        ladder = self.query_one("#ladder", TableView)
        ladder.set_rows([("▶" if row.id == plan.id else "", row.name, count(row.max_clients),
                          count(row.max_team_members), f"{count(row.storage_gb)} GB", count(row.included_emails))
                         for row in usage.ladder], [None if row.id == plan.id else "dim" for row in usage.ladder])
        if not self.loaded_once:
            ladder.cursor = rank - 1
        listed = self.query_one("#not-counted", TableView)
        listed.empty = ("None of the clients you may access is left out of the count." if data.limited
                        else "Every record counts toward the plan.")
        listed.set_rows(
            [(r.name, r.kind, r.status, r.reason) for r in data.not_counted])
        ladder.focus()
        self.loaded_once = True

    loaded_once = False

    def on_table_view_chosen(self, message: TableView.Chosen) -> None:
        if message.table.id == "ladder":
            message.stop()
            self.action_change_plan()

    @work(group=ACT_GROUP)
    async def action_change_plan(self) -> None:
        if self.page is None:
            return
        if self.page.plan_change_refusal:
            self.notice.say(self.page.plan_change_refusal, "error")
            return
        ladder = self.query_one("#ladder", TableView)
        if self.focused is not ladder:
            ladder.focus()
            self.notice.say("Choose a plan in the ladder, then press c or enter.", "info")
            return
        current, target = self.page.plan, self.page.usage.ladder[ladder.cursor]
        if target.id == current.id:
            self.notice.say(f"The agency is already on the {current.name} plan: choose another plan.", "info")
            return
        upgrade = target.rank > current.rank
        title = f"{'Upgrade' if upgrade else 'Move down'} from {current.name} to {target.name}?"
        rank, version, admin = target.rank, self.page.agency_version, self.app.admin
        try:  # capacity and the monthly cost before and after, before asking (R-WI-3)
            what_if = await run_command(self, lambda: admin.plan_what_if(rank))
        except WorkerCancelled:
            return
        except Exception as error:
            self.show_failure("Changing the plan", error)
            return
        lines = [f"{target.name}: {plan_terms(target)}.", "", *plan_lines(what_if),
                 "", "The change takes effect at once and is recorded in the audit log."]
        done = await self.act("Changing the plan", lambda: self.app.admin.change_plan(rank, version),
                              confirm=Confirm(title, lines, yes="Change plan", no="No"))
        if done is None:
            return
        result: PlanChanged = done.result
        way = "upgrade" if result.upgrade else "move down"
        self.notice.say(f"The plan is now {result.after} ({way} from {result.before}): up to "
                        f"{count(result.max_clients)} counted clients. Recorded in the audit log.", "done")
