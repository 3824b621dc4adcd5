"""The one way the console starts a worker: Textual's ``@work``, but never closing the app.

Textual exits the whole app when a worker raises, unless the worker was started with
``exit_on_error=False``. Every worker in the console is started through :func:`work` (a decorator,
as ``textual.work``) or :func:`run_worker`, which always pass it, and which tell the app about an
error nobody caught: a :class:`WorkerRaised` message. ``ConsoleApp.on_worker_raised`` shows one
plain sentence (:func:`console_tui.ui.failures.explain`) and writes the traceback to the log; the
console stays up. (``Worker.StateChanged`` does not bubble, so the app could not see a screen's
worker fail by itself.)
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar, overload

from textual import work as _textual_work
from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker, get_current_worker


@dataclass
class WorkerRaised(Message):
    """A worker ended with an exception its own code did not turn into a message."""

    error: BaseException
    worker_name: str = ""


def _tell_app(error: Exception) -> None:
    worker = get_current_worker()
    worker.node.app.post_message(WorkerRaised(error, worker.name))  # post_message is thread-safe


def _reported(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method``, telling the app about an exception before it ends the worker in ERROR."""
    if inspect.iscoroutinefunction(method):
        @functools.wraps(method)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            try:
                return await method(*args, **kwargs)
            except Exception as error:
                _tell_app(error)
                raise
        return run_async

    @functools.wraps(method)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except Exception as error:
            _tell_app(error)
            raise
    return run


P = ParamSpec("P")
R = TypeVar("R")
#: ``@work``'s result: the method, called, starts a worker and returns it.
Decorator = Callable[[Callable[P, Coroutine[Any, Any, R]] | Callable[P, R]], Callable[P, Worker[R]]]


@overload
def work(method: Callable[P, Coroutine[Any, Any, R]]) -> Callable[P, Worker[R]]: ...
@overload
def work(method: Callable[P, R]) -> Callable[P, Worker[R]]: ...
@overload
def work(*, name: str = "", group: str = "default", exclusive: bool = False, description: str | None = None,
         thread: bool = False) -> Decorator[..., Any]: ...


def work(method: Callable[..., Any] | None = None, *, name: str = "", group: str = "default",
         exclusive: bool = False, description: str | None = None, thread: bool = False) -> Any:
    """``textual.work`` with ``exit_on_error=False`` and the app told of any error; same arguments otherwise."""
    def decorate(function: Callable[..., Any]) -> Any:
        return _textual_work(_reported(function), name=name or function.__name__, group=group, exclusive=exclusive,
                             description=description, thread=thread, exit_on_error=False)
    return decorate if method is None else decorate(method)


def run_worker(node: DOMNode, call: Callable[..., Any], **options: Any) -> Worker[Any]:
    """``node.run_worker(call, **options)`` with ``exit_on_error=False`` and the app told of any error."""
    return node.run_worker(_reported(call), **options, exit_on_error=False)
