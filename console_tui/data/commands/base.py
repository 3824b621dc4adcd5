"""The shape every command shares: permission check, rule, change and audit row in ONE transaction.

A command is a plain function ``command(db, clock, login, …) -> result``. It opens a
:func:`unit_of_work`, which

1. resolves the acting agency user (R-ACC-4: permissions are checked here, in the service layer),
2. checks the action against the permission matrix for that client (R-ACC-2, R-ACC-3),
3. hands the command a :class:`Work` with the session, the user and "now",
4. commits the change together with exactly one audit row (R-ACC-5) — or nothing at all.

A save that changes nothing writes nothing: :meth:`Work.audit` compares the values before (as the
command normalises its input, ``compare``) with the values after, and when they are the same raises
:class:`~console_tui.domain.errors.NothingChanged`, so the transaction is rolled back with no audit
row. Every edit form, dialog and CLI command that saves goes through here, so all of them are covered.

Optimistic locking: a command that edits a row the user loaded earlier passes the version the
user saw; :meth:`Work.expect_version` and SQLAlchemy's version counter turn a concurrent save
into :class:`ConflictError`, never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console_tui.clock import Clock
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, refuse_hidden_client
from console_tui.data.schema import AgencyUser, AuditEntry, Client, ClientAccess
from console_tui.domain.errors import ConflictError, NotFound, NothingChanged
from console_tui.domain.permissions import POLICIES, Action, require
from console_tui.domain.roles import Role

Row = TypeVar("Row")


@dataclass
class Work:
    """What a command works with inside its transaction."""

    session: Session
    user: AgencyUser
    now: datetime
    action: Action
    client: Client | None = None
    batch_id: int | None = None  # the bulk change this is one client's change of (R-BULK-3)
    #: where a bulk change collects its audit rows, inserted together before its transaction ends
    audit_rows: list[dict[str, Any]] | None = field(default=None, repr=False)
    _audited: bool = field(default=False, repr=False)

    def audit(self, *, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None,
              client_id: int | None = None, action: str | None = None,
              compare: Mapping[str, Any] | None = None) -> None:
        """Write this command's audit row (R-ACC-5); a command writes exactly one.

        An edit (``before`` and ``after`` both given) whose ``after`` equals ``compare`` — the stored
        values normalised the way the command normalises its input; ``before`` when not given — raises
        :class:`NothingChanged`: the whole transaction is rolled back, nothing is written.
        """
        if self._audited:
            raise RuntimeError("a command writes one audit row")
        if before is not None and after is not None and _jsonable(compare or before) == _jsonable(after):
            raise NothingChanged(POLICIES[self.action].label)
        self._audited = True
        target = client_id if client_id is not None else (self.client.id if self.client else None)
        row = {"at": self.now, "agency_user_id": self.user.id, "actor": self.user.login,
               "action": action or self.action.value, "client_id": target,
               "before": _jsonable(before), "after": _jsonable(after), "batch_id": self.batch_id}
        if self.audit_rows is not None:
            self.audit_rows.append(row)
        else:
            self.session.add(AuditEntry(**row))

    def expect_version(self, row: Any, seen: int | None, what: str) -> None:
        """Refuse to save over a row someone else changed since the user loaded it."""
        if seen is not None and row.version != seen:
            raise ConflictError(what)

    def get(self, model: type[Row], key: Any, what: str) -> Row:
        row = self.session.get(model, key)
        if row is None:
            raise NotFound(what, key, "Reload the list and try again")
        return row


@dataclass(frozen=True)
class Change:
    """One single change of one client, checked and not yet written: what a single command and a
    bulk change share (R-BULK-1).

    ``before``/``after`` are the ONE value the change sets (an email limit, on/off, a status name),
    shown by a bulk dry run and compared by an undo; ``write`` makes the change and ``audit_before``/
    ``audit_after`` are the command's audit row. Everything that can refuse the change has run when
    a ``Change`` exists; nothing has been written.
    """

    before: Any
    after: Any
    write: Callable[[], None]
    audit_before: Mapping[str, Any]
    audit_after: Mapping[str, Any]
    audit_action: str | None = None
    compare: Mapping[str, Any] | None = None
    result: Any = None

    @property
    def unchanged(self) -> bool:
        return bool(self.before == self.after)

    def commit(self, work: Work) -> Any:
        """Write the change and its audit row (which refuses a change that changes nothing)."""
        self.write()
        work.audit(before=self.audit_before, after=self.audit_after, action=self.audit_action,
                   compare=self.compare)
        return self.result


def _jsonable(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {key: value if isinstance(value, (str, int, float, bool, type(None), list, dict)) else str(value)
            for key, value in values.items()}


def is_client_manager(session: Session, user: AgencyUser, client_id: int) -> bool:
    return session.scalar(
        select(ClientAccess.client_id).where(
            ClientAccess.agency_user_id == user.id, ClientAccess.client_id == client_id
        )
    ) is not None


@contextmanager
def unit_of_work(db: Database, clock: Clock, login: str, action: Action, *, client_id: int | None = None,
                 conflict: str | None = None, include_removed: bool = False) -> Iterator[Work]:
    """One command's transaction: permission, then the caller's change, then commit (or nothing)."""
    label = conflict or POLICIES[action].label
    try:
        with db.write() as session:
            user = acting_user(session, login)
            client = None
            manager = False
            if client_id is not None:
                client = session.get(Client, client_id, with_for_update=not (include_removed or db.is_sqlite))
                if client is None or (client.deleted_at is not None and not include_removed):
                    refuse_hidden_client(session, user, client_id, action)
                    todo = "Reload the list and try again" if include_removed else \
                        "Reload the list: it may have been removed"
                    raise NotFound("client", client_id, todo)
                manager = is_client_manager(session, user, client_id)
            require(Role(user.role), action, is_client_manager=manager)
            work = Work(session, user, clock.now(), action, client)
            yield work
            if not work._audited:
                raise RuntimeError(f"command {action.value} changed data without an audit row")
    except StaleDataError:
        raise ConflictError(label) from None
    except IntegrityError as error:
        raise ConflictError(label, "the database refused the change because it clashes with another record",
                            "Reload and check for a duplicate, then try again") from error
