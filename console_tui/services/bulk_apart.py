"""The console's bulk dry runs and runs, in a child process (R-BULK-4, R-BULK-5, R-BULK-6).

A run of 10,000 clients is seconds of Python that holds the GIL: in a thread of the console's own
process it starved the event loop, and a cursor move took two to three frames. So the console asks
a child process to do the work of :class:`~console_tui.services.bulk.BulkServices` — the dry run,
the undo's dry run and the run — and waits for the answer in a thread worker, which holds no GIL
while it waits. The CLI has no screen to keep responsive and calls ``BulkServices`` directly.

The child is ``python -m console_tui.services.bulk_apart``, started with ``subprocess`` (no shell):
it reads one pickled job on stdin (the call and its arguments: the very plan the person confirmed,
whose rows the run compares with each client as it is now) and sends pickled, length-framed messages
on a pipe of its own (``multiprocessing.connection.Connection`` over a file descriptor). Why not a
``console-tui bulk … --format json`` subprocess: typed objects — the plan, the result, a refusal —
cross as they are, with no second encoding to keep in step with the CLI's output, and the child runs
the same functions the CLI and the tests call. Why not ``multiprocessing.Process``: ``fork`` copies a
threaded process (Textual's driver, workers, the scheduler), whose locks another thread may hold;
``spawn`` needs a real ``sys.stderr`` to start its resource tracker, which Textual replaces while it
runs, and gives the child the console's terminal as its stdout and stderr. Here the child's stdout
and stderr are /dev/null (nothing it prints can reach the screen) and it has a session of its own
(a ^C at the terminal is the console's to act on).

The child is the same console as far as the database can tell: it opens its own engine on the same
URL (in PostgreSQL per-user mode, the same role, so the same row-level policies apply), acts as the
same login with the same clock and settings, and the functions check every permission as they do in
the console. It sends ``("progress", done, total)`` after each committed chunk of a run, then
``("done", result)`` or ``("failed", error)``.

Stopping (``cancelled()`` becomes true: ``esc`` on the list that started the run, the screen closed,
the console quitting — or the console dies, and the child's next message finds no reader): the child
is terminated. What it had committed stays, exactly as a run that fails half-way: the run commits a
chunk of clients per transaction, so whole chunks are applied, each client whole, with their audit
rows under the batch's number (its undo sets them back); the chunk in flight is rolled back by the
database. An all-or-nothing run leaves nothing; a dry run never writes.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from console_tui.clock import Clock
from console_tui.data.commands.bulk import BulkRules
from console_tui.data.views.bulk import BulkPlan, BulkResult
from console_tui.domain.errors import DomainError
from console_tui.services.bulk import BulkServices

POLL_S = 0.05  # how often the waiting thread looks at cancelled() while the child works
STOP_WAIT_S = 5.0  # after SIGTERM, how long before SIGKILL

Progress = Callable[[int, int], None]


class Stopped(DomainError):
    """The person stopped a bulk change while it ran (``done`` of ``total`` clients were committed)."""

    def __init__(self, title: str, done: int, total: int) -> None:
        self.done, self.total = done, total
        kept = (f"{done:,} of {total:,} clients had been changed, as a batch of their own: the batches "
                "screen (H) lists it and can undo it") if done else "no client had been changed"
        super().__init__(f"Bulk change {title}", f"it was stopped; {kept}")

    @property
    def message(self) -> str:
        """``Bulk change set-limit 5000 was stopped: no client had been changed.``"""
        return f"{self.what} was stopped: {self.why.removeprefix('it was stopped; ')}."


class ChildFailed(RuntimeError):
    """The child process failed in a way that could not be handed back as it was (its traceback here)."""


@dataclass(frozen=True)
class Apart:
    """What the child needs to act as this console: the database, the login, the clock, the settings."""

    url: str
    login: str
    clock: Clock
    rules: BulkRules
    pre_renewal_days: int


def _portable(error: BaseException) -> BaseException:
    """``error`` if it survives pickling as itself (type, args, attributes), else a :class:`ChildFailed`
    carrying its traceback (for the log)."""
    try:
        state = pickle.dumps((type(error), error.args, vars(error)))
    except Exception:
        return ChildFailed("".join(traceback.format_exception(error)))
    return _Rebuilt(state)


class _Rebuilt(Exception):
    """An exception's type, args and attributes, pickled: rebuilt in the parent without calling its
    ``__init__`` (a refusal's ``__init__`` takes its parts, not its message, so plain pickling fails)."""

    def __init__(self, state: bytes) -> None:
        super().__init__(state)
        self.state = state

    def rebuild(self) -> BaseException:
        kind, args, attributes = pickle.loads(self.state)
        error: BaseException = kind.__new__(kind)
        error.args = args
        vars(error).update(attributes)
        return error


def _child(answer: Connection, job: bytes) -> None:
    """The child process: one BulkServices call, its progress and its answer sent on ``answer``."""
    from console_tui.data.engine import Database

    try:
        apart, method, args, options = pickle.loads(job)
        db = Database(apart.url)
    except BaseException as error:
        answer.send(("failed", _portable(error)))
        return
    try:
        bulk = BulkServices.of(db, apart.login, apart.clock, apart.rules, apart.pre_renewal_days)
        if method == "run":
            options = {**options, "progress": lambda done, total: answer.send(("progress", done, total))}
        answer.send(("done", getattr(bulk, method)(*args, **options)))
    except BaseException as error:  # handed to the console, which says it in one line
        try:
            answer.send(("failed", _portable(error)))
        except OSError:  # the console is gone: nobody to tell
            pass
    finally:
        db.dispose()


class BulkApart:
    """:class:`BulkServices`' dry runs and runs, each in a child process (the console's facade)."""

    def __init__(self, bulk: BulkServices) -> None:
        self.apart = Apart(bulk.db.url, bulk.login, bulk.clock, bulk.rules, bulk.pre_renewal_days)
        self._ready: tuple[subprocess.Popen[bytes], Connection] | None = None
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Start the next call's child now, while the person is still choosing: its imports take a
        second or two, and it waits for its job on stdin (it exits if the console goes first)."""
        with self._lock:
            if self._ready is None or self._ready[0].poll() is not None:
                self._ready = _start()

    def dry_run_words(self, clients: Sequence[int], words: Sequence[str], *,
                      cancelled: Callable[[], bool] = lambda: False) -> BulkPlan:
        plan: BulkPlan = self._call("dry_run_words", (tuple(clients), tuple(words)), {}, "dry run", cancelled, None)
        return plan

    def undo_dry_run(self, batch: int, *, cancelled: Callable[[], bool] = lambda: False) -> BulkPlan:
        plan: BulkPlan = self._call("undo_dry_run", (batch,), {}, f"undo {batch}", cancelled, None)
        return plan

    def run(self, plan: BulkPlan, *, all_or_nothing: bool = False, progress: Progress | None = None,
            cancelled: Callable[[], bool] = lambda: False) -> BulkResult:
        """As :meth:`BulkServices.run`; ``progress(done, total)`` is called in this thread as the child
        commits; when ``cancelled()`` turns true the child is stopped and :class:`Stopped` raised."""
        result: BulkResult = self._call("run", (plan,), {"all_or_nothing": all_or_nothing}, plan.title, cancelled,
                                        progress)
        return result

    def _call(self, method: str, args: tuple[Any, ...], options: dict[str, Any], title: str,
              cancelled: Callable[[], bool], progress: Progress | None) -> Any:
        job = pickle.dumps((self.apart, method, args, options))
        with self._lock:
            ready, self._ready = self._ready, None
        if ready is not None and ready[0].poll() is not None:  # a prepared child that ended: not usable
            ready[1].close()
            ready = None
        child, mine = ready or _start()
        done = total = 0
        answered = False
        try:
            _hand(child, job)
            while True:
                if cancelled():
                    raise Stopped(title, done, total)
                if not mine.poll(POLL_S):
                    continue
                try:
                    message = mine.recv()
                except EOFError:
                    raise ChildFailed(f"the bulk change's process ended (exit code {child.wait()})") from None
                if message[0] == "progress":
                    done, total = message[1], message[2]
                    if progress is not None:
                        progress(done, total)
                    continue
                answered = True
                if message[0] == "failed":
                    error = message[1]
                    raise error.rebuild() if isinstance(error, _Rebuilt) else error
                return message[1]
        finally:
            mine.close()
            _end(child, answered)


def _start() -> tuple[subprocess.Popen[bytes], Connection]:
    """A child waiting for its job, and the end of its answers' pipe."""
    read, write = os.pipe()
    try:  # its stdout and stderr are not the console's terminal: nothing it prints can reach the screen
        child = subprocess.Popen([sys.executable, "-m", __name__, str(write)], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write,),
                                 start_new_session=True)  # a ^C at the terminal is the console's to act on
    finally:
        os.close(write)  # the child holds its end: when it ends, the pipe says EOF here
    return child, Connection(read, writable=False)


def _hand(child: subprocess.Popen[bytes], job: bytes) -> None:
    """The job to the child's stdin (it reads it once it has started)."""
    assert child.stdin is not None
    try:
        child.stdin.write(job)
        child.stdin.close()
    except OSError:  # it ended before reading: the pipe's EOF says so next
        pass


def _end(child: subprocess.Popen[bytes], answered: bool) -> None:
    """The child waited for once it has answered (it only closes its engine then), else terminated
    (then killed if it lingers)."""
    try:
        child.wait(STOP_WAIT_S if answered else 0)
        return
    except subprocess.TimeoutExpired:
        child.terminate()
    try:
        child.wait(STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def main(argv: Sequence[str]) -> None:
    """``python -m console_tui.services.bulk_apart FD``: the job on stdin, the answers on FD."""
    answer = Connection(int(argv[0]), readable=False)
    try:
        _child(answer, sys.stdin.buffer.read())
    finally:
        answer.close()


if __name__ == "__main__":  # by its own name, so that what it pickles names this module, not __main__
    from console_tui.services import bulk_apart

    bulk_apart.main(sys.argv[1:])


__all__ = ["Apart", "BulkApart", "ChildFailed", "Stopped"]
