"""Bulk changes' door to the data (R-BULK), for the CLI and the console's selection screens.

Built like :class:`~console_tui.services.manage.ManageServices`, from the app's
:class:`~console_tui.services.console.Services` and the settings. Every method is synchronous and
may block: call them from thread workers only. The flow a screen follows:

    action = bulk.parse(["set-limit", "5000"])        # or BulkAction(BulkKind.SET_LIMIT, 5000)
    plan = bulk.dry_run(selected_ids, action)         # BulkPlan: rows, totals — show it, ask
    result = bulk.run(plan, all_or_nothing=False)     # BulkResult: batch number, rows as run
    undo = bulk.undo_dry_run(result.batch)            # BulkPlan for the undo; bulk.run(undo) runs it
    bulk.batches()                                    # BatchSummary rows, newest first

A refusal of one client is a row (``Outcome.REFUSED``), never an exception; an exception is bad
input (:class:`~console_tui.domain.errors.ValidationError`), an unknown batch
(:class:`~console_tui.domain.errors.NotFound`), or the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from console_tui.clock import Clock, local_today
from console_tui.config import Settings
from console_tui.data.commands import bulk as commands
from console_tui.data.engine import Database
from console_tui.data.queries import bulk as queries
from console_tui.data.views.bulk import BatchSummary, BulkPlan, BulkResult
from console_tui.domain.bulk import BulkAction, parse_action
from console_tui.domain.filters import Filter
from console_tui.services.console import Services


class BulkServices:
    """Bulk changes on behalf of the acting agency user."""

    def __init__(self, services: Services, settings: Settings) -> None:
        self.db = services.db
        self.login = services.login
        self.clock = services.clock
        self.pre_renewal_days = settings.pre_renewal_days
        self.rules = commands.BulkRules(self.clock.tz, settings.ebs_wait_days, settings.capacity_warning_pct)

    @classmethod
    def of(cls, db: Database, login: str, clock: Clock, rules: commands.BulkRules,
           pre_renewal_days: int) -> BulkServices:
        """Built from its parts (the console's child process, which has no Services or Settings)."""
        bulk = cls.__new__(cls)
        bulk.db, bulk.login, bulk.clock, bulk.rules, bulk.pre_renewal_days = db, login, clock, rules, pre_renewal_days
        return bulk

    @staticmethod
    def parse(words: Sequence[str]) -> BulkAction:
        """``["allowance", "sms_credits", "500"]`` → the action; bad words: one ValidationError."""
        return parse_action(words)

    def select(self, where: Filter | None) -> tuple[tuple[int, str], ...]:
        """(id, name) of the clients the filter selects among those this user may access."""
        return queries.select_clients(self.db, self.login, where, local_today(self.clock), self.clock.tz,
                                      pre_renewal_days=self.pre_renewal_days)

    def dry_run(self, clients: Iterable[int] | Iterable[tuple[int, str]], action: BulkAction) -> BulkPlan:
        """What ``action`` would do to each client (ids, or (id, name) pairs), changing nothing.
        Rows keep the order given; a client given by id is named as stored."""
        pairs = [(item, "") if isinstance(item, int) else item for item in clients]
        return commands.dry_run(self.db, self.clock, self.login, pairs, action, self.rules)

    def dry_run_words(self, clients: Iterable[int] | Iterable[tuple[int, str]], words: Sequence[str]) -> BulkPlan:
        """The dry run of ``ACTION ARGS`` as typed: ``template NAME`` (a template's parts, R-TPL-2) or a
        single change's words; bad words are one ValidationError, an unknown template NotFound."""
        pairs = [(item, "") if isinstance(item, int) else item for item in clients]
        return commands.plan_for_words(self.db, self.clock, self.login, pairs, words, self.rules)

    def run(self, plan: BulkPlan, *, all_or_nothing: bool = False,
            progress: Callable[[int, int], None] | None = None) -> BulkResult:
        """Run a dry run's plan as one batch; a client changed since the dry run is a conflict.
        ``progress(done, total)`` is called in this thread after each chunk of clients is committed."""
        return commands.run(self.db, self.clock, self.login, plan, self.rules, all_or_nothing=all_or_nothing,
                            progress=progress)

    def undo_dry_run(self, batch: int) -> BulkPlan:
        """The plan of undoing ``batch``; run it with :meth:`run` (an undo is itself a batch)."""
        return commands.undo_plan(self.db, self.clock, self.login, batch, self.rules)

    def batches(self) -> tuple[BatchSummary, ...]:
        return queries.batches(self.db, self.login)


__all__ = ["BulkServices"]
