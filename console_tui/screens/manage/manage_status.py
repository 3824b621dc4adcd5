"""Manage Clients' status and purge keys (the base of
:class:`~console_tui.screens.manage.manage_clients.ManageClientsScreen`).

* ``t`` — the status of the client under the cursor, from a small picker of the agency's statuses
  (R-CAP-1: Suspended and Inactive clients are not counted toward the plan). A status that makes
  the client stop (or start) counting first shows the next cycle's charges before and after (R-WI-2)
  and asks. Reactivating a client on a full plan is refused (R-CAP-3) and offers its two ways out:
  upgrade the plan (My Account), or list the counted clients to suspend or remove one.
* ``P`` — purge a removed company (R-OPT-9's separate, explicit purge) after its name is typed,
  as Remove Company asks. Only for a removed row (shown with the filter ``f``).

The statuses (and the client's version, for the conflict check) are read in a thread worker when
``t`` is pressed, so a status created meanwhile is offered too. Each runs its command through
:meth:`~console_tui.screens.base.BaseScreen.act`: permission, rule and one audit row (R-ACC-4,
R-ACC-5); then the list and its capacity line reload.
"""

from __future__ import annotations

import logging

from textual.content import Content
from textual.worker import WorkerCancelled

from console_tui.data.views.manage import ManageRow, StatusChoices
from console_tui.data.views.results import CompanyPurged, StatusSet
from console_tui.display import clip, safe
from console_tui.domain.capacity import is_counted
from console_tui.domain.errors import CapacityReached
from console_tui.screens.base import ACT_GROUP, BaseScreen, failure_text, post_load, run_command
from console_tui.screens.dialogs.choose import Choose
from console_tui.screens.dialogs.confirm import Confirm, TypeToConfirm
from console_tui.services.manage import ManageServices
from console_tui.ui.workers import work
from console_tui.viewmodels.what_if_text import charges_lines

log = logging.getLogger(__name__)

PURGE_WHAT = ("Purging deletes the removed company's data for good: its users, contacts, events, figures, content "
              "and services. It cannot be undone; the audit log keeps a record of the purge.")


class StatusAndPurge(BaseScreen[None]):
    """``t`` (status) and ``P`` (purge) for Manage Clients; the screen gives ``_selected``, ``_describe``,
    ``free_up`` and ``action_reload``, and passes the ``statuses`` load to :meth:`pick_status`."""

    def _selected(self) -> ManageRow | None:
        raise NotImplementedError

    def _describe(self) -> None:
        raise NotImplementedError

    def free_up(self) -> None:
        raise NotImplementedError

    def action_reload(self) -> None:
        raise NotImplementedError

    # --- status (R-CAP-1, R-CAP-3) -------------------------------------------------------------

    def action_status(self) -> None:
        row = self._selected()
        if row is None:
            return
        name = clip(safe(row.name), 40)
        if row.removed_at is not None:
            self.refuse(f"{name} was removed on {row.removed_at.date().isoformat()}: its status cannot change. "
                         "Purge it with P, or leave it removed.")
            return
        self.status.show_loading(f"Reading the statuses for {name}…")
        self._load_statuses(self.app.manage, row.id)

    @work(thread=True, exclusive=True, group="manage-statuses")
    def _load_statuses(self, manage: ManageServices, client_id: int) -> None:
        post_load(self, "statuses", lambda: manage.status_choices(client_id))  # removed meanwhile: one line

    @work(group=ACT_GROUP)
    async def pick_status(self, choices: StatusChoices) -> None:
        """The picker (the current status disabled), then the command with the version read."""
        self._describe()
        name = clip(safe(choices.name), 40)
        options = [(status, status_prompt(choices, status)) for status in choices.statuses]
        picker = Choose(Content.assemble("Status of ", (name, "bold")), options, body=status_body(choices),
                        current=choices.status, hint="enter sets the status · esc cancels")
        client_id, version = choices.client_id, choices.version
        what = f"Changing the status of {name}"
        status = await self.ask(what, picker)
        if status is None:
            return
        confirm = None
        counts = is_counted(choices.kind, status in choices.counting)
        if counts != is_counted(choices.kind, choices.status in choices.counting):
            manage = self.app.manage
            try:  # the next cycle's charges before and after, before asking (R-WI-2)
                what_if = await run_command(self, lambda: manage.charges_what_if(counts={client_id: counts}))
            except WorkerCancelled:
                return
            except Exception as error:
                self.show_failure(what, error)
                return
            question = Content.assemble("Make ", (name, "bold"), f" {clip(safe(status), 28)}?")
            turn = "now counts toward the plan" if counts else "no longer counts toward the plan"
            confirm = Confirm(question, [f"The client {turn}.", "", *charges_lines(what_if)],
                              yes="Change status", no="No")
        done = await self.act(what, lambda: self.app.manage.set_client_status(client_id, status, version),
                              confirm=confirm)
        if done is not None:
            self._status_set(name, done.result)

    def _status_set(self, name: str, result: StatusSet) -> None:
        counted = "counted toward the plan" if result.counted else "not counted toward the plan"
        self.notify(f"{name} is now {safe(result.status)}: {counted}.", title="Status changed", timeout=6,
                    markup=False)
        if result.capacity_warning:
            self.notify(result.capacity_warning, title="Plan capacity", severity="warning", timeout=10, markup=False)
        self.action_reload()

    def handle_refusal(self, what: str, error: BaseException) -> bool:
        """A reactivation refused on a full plan (R-CAP-3) offers its two ways out; the rest as usual."""
        if not isinstance(error, CapacityReached):
            return False
        self.status.failed("The plan is full: upgrade it, or suspend or remove clients, then try again.")
        ways = [("upgrade", Content("Upgrade the plan (My Account)")),
                ("free_up", Content("Suspend or remove clients (list the counted ones)"))]

        def chosen(way: str | None) -> None:
            if way == "upgrade":
                from console_tui.screens.manage.page_menu import open_my_account

                open_my_account(self.app)
            elif way == "free_up":
                self.free_up()

        self.app.push_screen(Choose("The plan is full", ways, body=Content(f"✗ {failure_text(error)}"),
                                    hint="enter chooses · esc: neither, for now"), chosen)
        return True

    # --- purge (after Remove Company, R-OPT-9) -------------------------------------------------

    @work(group=ACT_GROUP)
    async def action_purge(self) -> None:
        row = self._selected()
        if row is None:
            return
        name = clip(safe(row.name), 40)
        if row.removed_at is None:
            self.refuse(f"Only a removed company can be purged, and {name} has not been removed. Remove it "
                         "first (enter, then Remove Company); press f to show removed companies.")
            return
        client_id = row.id
        confirm = TypeToConfirm(Content.assemble("Purge ", (clip(safe(row.name), 40), "bold"), "?"),
                                PURGE_WHAT, safe(row.name), action="purge it")
        what = f"Purging {name}"
        typed = await self.ask(what, confirm)
        if typed is None:
            return
        done = await self.act(what, lambda: self.app.manage.purge_company(client_id, typed))
        if done is not None:
            self._purged(done.result)

    def _purged(self, purged: CompanyPurged) -> None:
        self.notify(f"{clip(safe(purged.name), 40)} was purged: {count_of(purged.client_users, 'client user')} and "
                    f"{count_of(purged.events, 'event')} deleted for good.", title="Company purged", timeout=10,
                    markup=False)
        self.action_reload()



def count_of(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def status_prompt(choices: StatusChoices, status: str) -> Content:
    """``Suspended   not counted`` — a status in the picker and what it means for the plan (R-CAP-1)."""
    counted = "counted toward the plan" if is_counted(choices.kind, status in choices.counting) else "not counted"
    now = " (now)" if status == choices.status else ""
    return Content.assemble((f"{clip(safe(status), 28)}{now}", "bold"), "  ", (counted, "dim"))


def status_body(choices: StatusChoices) -> Content:
    if choices.kind != "client":
        return Content(f"A {choices.kind} is never counted toward the plan, whatever its status.")
    return Content("Suspended and Inactive clients are not counted toward the plan; each custom status says "
                   "whether it is. Reactivating a client on a full plan is refused.")
